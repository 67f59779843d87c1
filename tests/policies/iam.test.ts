import * as assert from "node:assert";
import { checkPolicies, policyResource } from "../../components/policies";
import { IAM_RULES, TRUST_CONDITIONS_DOCUMENTED, TRUST_CONDITIONS_EXEMPT, isAnyResource } from "../../components/policies/rules/iam";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const rolePolicy = (name: string, ...statements: object[]) => policyResource("aws:iam/rolePolicy:RolePolicy", name, { role: "r", policy: doc(...statements) });
const role = (name: string, trust: object, more: Record<string, any> = {}) =>
    policyResource("aws:iam/role:Role", name, { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [trust] }), ...more });

async function findings(rule: string, ...resources: ReturnType<typeof policyResource>[]) {
    const r = await checkPolicies(resources, { rules: IAM_RULES.filter((x) => x.name === rule) });
    return r.violations.map((v) => ({ name: v.name, message: v.message.split("\n")[1] }));
}

describe("policies: IAM", () => {
    describe("iam-21-no-wildcard-action", () => {
        it('reports Action "*" and a service-wide "s3:*" in an inline role policy, naming the statement', async () => {
            const f = await findings(
                "iam-21-no-wildcard-action",
                rolePolicy("all", { Effect: "Allow", Action: "*", Resource: "*" }),
                rolePolicy("s3", { Sid: "Bucket", Effect: "Allow", Action: ["s3:GetObject", "s3:*"], Resource: "arn:aws:s3:::b/*" }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["all", "s3"],
            );
            assert.match(f[0].message, /policy Statement\[0\] allows Action \["\*"\]/);
            assert.match(f[1].message, /Statement\[0\] \(Bucket\) allows Action \["s3:\*"\]/);
        });

        it("reports an Allow with NotAction, and reads a role's inlinePolicies and a policy given as an object", async () => {
            const f = await findings(
                "iam-21-no-wildcard-action",
                policyResource("aws:iam/role:Role", "inline", {
                    assumeRolePolicy: "{}",
                    inlinePolicies: [{ name: "p", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] } }],
                }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["inline"],
            );
            assert.match(f[0].message, /inlinePolicies\[0\]\.policy Statement\[0\] allows NotAction \["iam:\*"\]/);
        });

        it("passes named actions, Describe* patterns and a Deny with Action *", async () => {
            const f = await findings(
                "iam-21-no-wildcard-action",
                rolePolicy("ok", { Effect: "Allow", Action: ["s3:GetObject", "ecs:Describe*"], Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" }),
                policyResource("aws:iam/policy:Policy", "managed", {
                    policy: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:1:q" }),
                }),
            );
            assert.deepStrictEqual(f, []);
        });

        it("is not applicable to other types (a bucket policy with Action *)", async () => {
            const r = await checkPolicies(
                [policyResource("aws:s3/bucketPolicy:BucketPolicy", "bp", { policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) })],
                {
                    rules: IAM_RULES.filter((x) => x.name === "iam-21-no-wildcard-action"),
                },
            );
            assert.deepStrictEqual(r.violations, []);
            assert.equal(r.notApplicable.length, 1);
        });
    });

    describe("iam-wildcard-resource-write", () => {
        it('reports a write action on Resource "*" and names the action', async () => {
            const f = await findings(
                "iam-wildcard-resource-write",
                rolePolicy("w", { Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: "*" }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["w"],
            );
            assert.match(f[0].message, /allows \["s3:PutObject"\] on Resource "\*"/);
        });

        it("reports a write on an ARN that covers every resource of the service in any account (arn:aws:s3:::*, arn:aws:sqs:*:*:*)", async () => {
            const f = await findings(
                "iam-wildcard-resource-write",
                rolePolicy("s3", { Effect: "Allow", Action: "s3:PutObject", Resource: ["arn:aws:s3:::*"] }),
                rolePolicy("sqs", { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:*:*:*" }),
                rolePolicy("scoped", { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:*" }),
            );
            assert.deepStrictEqual(f.map((x) => x.name).sort(), ["s3", "sqs"]);
            assert.match(f.find((x) => x.name === "s3")!.message, /allows \["s3:PutObject"\] on Resource "arn:aws:s3:::\*"/);
        });

        it("treats isAnyResource patterns as everything and scoped ARNs as not", () => {
            for (const r of ["*", "arn:*", "arn:aws:s3:::*", "arn:aws:dynamodb:*:*:*", "arn:*:logs:*:*:*"]) assert.ok(isAnyResource(r), r);
            for (const r of ["arn:aws:s3:::b/*", "arn:aws:sqs:*:123456789012:*", "arn:aws:logs:us-east-1:*:log-group:x:*", "arn:aws:s3:::*/key"])
                assert.ok(!isAnyResource(r), r);
        });

        it("reports a write on NotResource", async () => {
            const f = await findings(
                "iam-wildcard-resource-write",
                rolePolicy("nr", { Effect: "Allow", Action: "sqs:SendMessage", NotResource: "arn:aws:sqs:us-east-1:1:q" }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["nr"],
            );
        });

        it("passes reads and the actions AWS documents without resource types (ecs:RegisterTaskDefinition, xray:PutTraceSegments) on *", async () => {
            const f = await findings(
                "iam-wildcard-resource-write",
                rolePolicy(
                    "ok",
                    {
                        Effect: "Allow",
                        Action: ["ecr:GetAuthorizationToken", "logs:DescribeLogGroups", "ecs:ListTasks", "ecs:RegisterTaskDefinition", "xray:PutTraceSegments"],
                        Resource: "*",
                    },
                    { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
                ),
            );
            assert.deepStrictEqual(f, []);
        });
    });

    describe("iam-trust-confused-deputy", () => {
        it("reports a documented service principal (scheduler) trusted without source conditions, citing the page", async () => {
            const f = await findings(
                "iam-trust-confused-deputy",
                role("bare", { Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole" }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["bare"],
            );
            assert.ok(f[0].message.includes("trusts scheduler.amazonaws.com without aws:SourceAccount or aws:SourceArn"));
            assert.ok(f[0].message.includes(TRUST_CONDITIONS_DOCUMENTED["scheduler.amazonaws.com"]));
        });

        it("reports a condition whose value is * as no condition", async () => {
            const f = await findings(
                "iam-trust-confused-deputy",
                role("star", {
                    Effect: "Allow",
                    Principal: { Service: "ecs-tasks.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringLike: { "aws:SourceAccount": "*" } },
                }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["star"],
            );
        });

        it("reports CodeBuild trusted without source conditions (AWS documents aws:SourceAccount and the project ARN)", async () => {
            const f = await findings(
                "iam-trust-confused-deputy",
                role("build", { Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }),
            );
            assert.deepStrictEqual(
                f.map((x) => x.name),
                ["build"],
            );
            assert.ok(f[0].message.includes("https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html"));
        });

        it("reports source keys that do not pin one account: Null, a negated operator, a wildcard account, an ARN with any account", async () => {
            const trust = (name: string, Condition: Record<string, unknown>) =>
                role(name, { Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole", Condition });
            const f = await findings(
                "iam-trust-confused-deputy",
                trust("null", { Null: { "aws:SourceArn": "false" } }),
                trust("not-equals", { StringNotEquals: { "aws:SourceAccount": "999999999999" } }),
                trust("account-pattern", { StringLike: { "aws:SourceAccount": "1234*" } }),
                trust("any-account-arn", { ArnLike: { "aws:SourceArn": "arn:aws:scheduler:*:*:schedule/*" } }),
                trust("one-of-any", { StringEquals: { "aws:SourceAccount": ["123456789012", "*"] } }),
            );
            assert.deepStrictEqual(f.map((x) => x.name).sort(), ["account-pattern", "any-account-arn", "not-equals", "null", "one-of-any"]);
        });

        it('reports a trust that lets any AWS principal ("*") assume the role without a condition', async () => {
            const f = await findings(
                "iam-trust-confused-deputy",
                role("public", { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }),
                role("any-aws", { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::210987654321:root", "*"] }, Action: "sts:AssumeRole" }),
                role("org", {
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
                }),
            );
            assert.deepStrictEqual(f.map((x) => x.name).sort(), ["any-aws", "public"]);
            assert.match(f[0].message, /lets any AWS principal \("\*"\) assume the role, with no condition/);
        });

        it("reports a service principal the tables do not name, asking for a decision", async () => {
            const f = await findings(
                "iam-trust-confused-deputy",
                role("new", { Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole" }),
            );
            assert.match(f[0].message, /the rule's tables do not name it/);
        });

        it("passes aws:SourceAccount (any key case) or aws:SourceArn, exempt principals, and account principals", async () => {
            const f = await findings(
                "iam-trust-confused-deputy",
                role("account", {
                    Effect: "Allow",
                    Principal: { Service: "scheduler.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "AWS:SourceAccount": "123456789012" } },
                }),
                role("arn", {
                    Effect: "Allow",
                    Principal: { Service: ["vpc-flow-logs.amazonaws.com"] },
                    Action: "sts:AssumeRole",
                    Condition: { ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" } },
                }),
                role("if-exists", {
                    Effect: "Allow",
                    Principal: { Service: "codebuild.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:codebuild:us-east-1:123456789012:project/*" } },
                }),
                role("lambda", { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" }),
                role("cross", { Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole" }),
            );
            assert.deepStrictEqual(f, []);
        });

        it("keeps the documented and exempt tables apart, each entry citing an AWS page", () => {
            for (const service of Object.keys(TRUST_CONDITIONS_DOCUMENTED)) assert.equal(TRUST_CONDITIONS_EXEMPT[service], undefined, service);
            for (const page of [...Object.values(TRUST_CONDITIONS_DOCUMENTED), ...Object.values(TRUST_CONDITIONS_EXEMPT)])
                assert.match(page, /^https:\/\/docs\.aws\.amazon\.com\//);
        });
    });

    describe("iam-managed-full-access", () => {
        it("reports an AWS managed *FullAccess attachment and AdministratorAccess in managedPolicyArns", async () => {
            const f = await findings(
                "iam-managed-full-access",
                policyResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "fsx", {
                    role: "r",
                    policyArn: "arn:aws:iam::aws:policy/AmazonFSxFullAccess",
                }),
                policyResource("aws:iam/role:Role", "admin", { assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
            );
            assert.deepStrictEqual(f.map((x) => x.name).sort(), ["admin", "fsx"]);
            assert.match(f.find((x) => x.name === "fsx")!.message, /policyArn is the AWS managed policy AmazonFSxFullAccess/);
        });

        it("reports broad AWS managed policies attached to users, groups, in the exclusive list and by PolicyAttachment", async () => {
            const f = await findings(
                "iam-managed-full-access",
                policyResource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "user", {
                    user: "u",
                    policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
                }),
                policyResource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "group", {
                    group: "g",
                    policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
                }),
                policyResource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", {
                    roleName: "r",
                    policyArns: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/AmazonS3FullAccess"],
                }),
                policyResource("aws:iam/policyAttachment:PolicyAttachment", "shared", {
                    roles: ["r"],
                    policyArn: "arn:aws-us-gov:iam::aws:policy/AmazonEC2FullAccess",
                }),
            );
            assert.deepStrictEqual(f.map((x) => x.name).sort(), ["exclusive", "group", "shared", "user"]);
            assert.match(f.find((x) => x.name === "exclusive")!.message, /^policyArns\[1\] is the AWS managed policy AmazonS3FullAccess/);
        });

        it("passes scoped AWS managed policies and customer managed policies named *FullAccess", async () => {
            const f = await findings(
                "iam-managed-full-access",
                policyResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ssm", {
                    role: "r",
                    policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                }),
                policyResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "own", {
                    role: "r",
                    policyArn: "arn:aws:iam::123456789012:policy/TeamFullAccess",
                }),
            );
            assert.deepStrictEqual(f, []);
        });
    });
});
