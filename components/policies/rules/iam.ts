/** Rules: IAM (iam-*). */
import { type Rule, resourceRule } from "../rule";
import { type Statement, asArray, parseDocument, statementsOf } from "../util";

const IAM_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html";

/** The identity-policy documents of a resource, each with the field path a message names. */
function identityDocuments(type: string, props: Record<string, any>): { path: string; statements: Statement[] }[] {
    if (type === "aws:iam/role:Role")
        return asArray<any>(props.inlinePolicies).map((p, i) => ({ path: `inlinePolicies[${i}].policy`, statements: statementsOf(p?.policy) }));
    return [{ path: "policy", statements: statementsOf(props.policy) }];
}

/** Types whose `policy` (or a role's `inlinePolicies[].policy`) is an identity policy. */
const IDENTITY_POLICY_TYPES = [
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
] as const;

const allows = (s: Statement) => s.effect !== "Deny";

/**
 * Write actions that AWS documents as supporting no resource-level permissions (the Service
 * Authorization Reference lists no resource type for them), so `Resource: "*"` is the only form IAM
 * accepts. Anything else written on `"*"` needs an accepted exception with its reason.
 */
export const RESOURCELESS_WRITE_ACTIONS: Readonly<Record<string, string>> = {
    "ecs:RegisterTaskDefinition": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html",
    "xray:PutTraceSegments": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html",
    "xray:PutTelemetryRecords": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html",
    "cloudwatch:PutMetricData": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html",
};

/** Read-only verbs: `Describe*`, `List*`, `Get*`, `BatchGet*` never change a resource (IAM matches actions case-insensitively). */
const READ_ONLY = /^(Describe|List|Get|BatchGet)/i;

/** Whether `action` (`service:Verb`, possibly with wildcards) only reads. */
export function isReadOnlyAction(action: string): boolean {
    const verb = action.split(":")[1] ?? "";
    return READ_ONLY.test(verb);
}

// -------------------------------------------------------------------------------------------------
// Confused deputy: the service principals whose role trust AWS documents with aws:SourceAccount /
// aws:SourceArn, and the ones it documents without (a condition on a key the service does not send
// leaves the role unassumable, so those must not get one).

const CONFUSED_DEPUTY_KEYS = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"];

/** Service principal → the AWS page that documents the confused-deputy conditions in its role's trust policy. */
export const TRUST_CONDITIONS_DOCUMENTED: Readonly<Record<string, string>> = {
    "ecs-tasks.amazonaws.com": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
    "scheduler.amazonaws.com": "https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html",
    "vpc-flow-logs.amazonaws.com": "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
    "eks-fargate-pods.amazonaws.com": "https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html",
    "codedeploy.amazonaws.com": "https://docs.aws.amazon.com/codedeploy/latest/userguide/security_confused_deputy.html",
    "events.amazonaws.com": "https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html",
    // create-role.json: StringEquals aws:SourceAccount and aws:SourceArn arn:<partition>:codebuild:<region>:<account>:project/<name>.
    "codebuild.amazonaws.com": "https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html",
};

/**
 * Service principals whose role trust AWS documents without source conditions, with the page and why
 * none is asked for: the role is attached by a principal holding `iam:PassRole` on it in this account.
 */
export const TRUST_CONDITIONS_EXEMPT: Readonly<Record<string, string>> = {
    "lambda.amazonaws.com":
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html (execution role: the trust AWS documents has no source key)",
    "edgelambda.amazonaws.com":
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html (Lambda@Edge replicas assume the execution role)",
    "ec2.amazonaws.com": "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html (instance profiles carry no source key)",
    "ecs.amazonaws.com":
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html (the infrastructure role's documented trust)",
    "pods.eks.amazonaws.com": "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html (narrowed by the session tags EKS Pod Identity sets)",
    "codepipeline.amazonaws.com":
        "https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-create-service-role-cli.html (the documented service-role trust has no source key)",
    // Users who added aws:SourceArn/aws:SourceAccount to this role report CloudWatch Logs delivery stopping (prowler-cloud/prowler#4714).
    "cloudtrail.amazonaws.com":
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html (the CloudWatch Logs role; CloudTrail's confused-deputy page covers bucket and topic policies only)",
    "apigateway.amazonaws.com":
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html (the CloudWatch and integration roles' documented trust has no source key)",
    "backup.amazonaws.com":
        "https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html (AWS Backup's default role trusts the service alone)",
    // RDS's confused-deputy page shows the keys for roles a DB instance assumes (aws:SourceArn = the instance ARN); the
    // RDS Proxy pages document the proxy role's trust without them, and a proxy's ARN carries an id RDS generates.
    "rds.amazonaws.com": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-secrets-arns.html (the RDS Proxy role's documented trust)",
    "dax.amazonaws.com": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.access-control.html (the DAX service role's documented trust)",
};

/**
 * Operators under which a source key limits whom the service may act for. `Null` (`"false"` only asks
 * that the key be present), the negated operators (`StringNotEquals` admits every other account) and
 * anything else do not.
 */
const MATCHING_OPERATOR = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)(IfExists)?$/i;

const hasWildcard = (value: string) => /[*?]/.test(value);

/** Whether one value of a source key names one account (or organisation): `*`, `1234*`, or an ARN whose account is a pattern do not. */
function restricts(key: string, value: string): boolean {
    if (typeof value !== "string" || value === "") return false;
    switch (key) {
        case "aws:sourceaccount":
            return !hasWildcard(value);
        case "aws:sourcearn": {
            const account = value.split(":")[4] ?? "";
            return account !== "" && !hasWildcard(account);
        }
        default:
            return value !== "*";
    }
}

/** Whether a trust statement carries a confused-deputy key, under a matching operator, every value of which names one account (keys are case-insensitive in IAM). */
function hasSourceCondition(s: Statement): boolean {
    return Object.entries(s.conditions).some(
        ([operator, body]) =>
            MATCHING_OPERATOR.test(operator) &&
            Object.entries(body).some(([key, values]) => {
                const k = key.toLowerCase();
                return CONFUSED_DEPUTY_KEYS.includes(k) && values.length > 0 && values.every((v) => restricts(k, v));
            }),
    );
}

/**
 * Whether a Resource element covers every resource: `*`, or an ARN whose region and account are empty
 * or `*` and whose resource part is `*` (`arn:aws:s3:::*`, `arn:aws:sqs:*:*:*`, `arn:*`), which grants
 * the service's resources in every account as `*` does.
 */
export function isAnyResource(resource: string): boolean {
    if (resource === "*") return true;
    const parts = resource.split(":");
    if (parts[0] !== "arn") return false;
    if (parts.length < 6) return parts[parts.length - 1] === "*" && parts.slice(1).every((p) => p === "*" || p === "");
    return ["", "*"].includes(parts[3]) && ["", "*"].includes(parts[4]) && parts.slice(5).join(":") === "*";
}

export const IAM_RULES: Rule[] = [
    resourceRule({
        name: "iam-21-no-wildcard-action",
        description: 'Identity policies allow named actions: no Action "*", no service-wide "<service>:*", and no Allow with NotAction.',
        enforcementLevel: "mandatory",
        severity: "critical",
        control: { fsbp: "IAM.21", cdkNag: ["AwsSolutions-IAM5"], url: IAM_CONTROLS },
        types: IDENTITY_POLICY_TYPES,
        validate: (props, args, report) => {
            for (const { path, statements } of identityDocuments(args.type, props)) {
                statements.forEach((s, i) => {
                    if (!allows(s)) return;
                    const wild = s.actions.filter((a) => a === "*" || /^[^:]+:\*$/.test(a));
                    if (wild.length)
                        report(`${path} Statement[${i}]${s.sid ? ` (${s.sid})` : ""} allows Action ${JSON.stringify(wild)}; name the actions the role needs.`);
                    if (s.notActions.length)
                        report(
                            `${path} Statement[${i}]${s.sid ? ` (${s.sid})` : ""} allows NotAction ${JSON.stringify(s.notActions)}, which grants every other action; list the allowed actions instead.`,
                        );
                });
            }
        },
    }),
    resourceRule({
        name: "iam-wildcard-resource-write",
        description:
            'Identity policies write on Resource "*" (or an ARN covering every account, such as arn:aws:s3:::*) only with actions AWS documents as supporting no resource-level permissions; reads (Describe*, List*, Get*) may.',
        enforcementLevel: "mandatory",
        severity: "high",
        control: { cdkNag: ["AwsSolutions-IAM5"], url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege" },
        types: IDENTITY_POLICY_TYPES,
        validate: (props, args, report) => {
            for (const { path, statements } of identityDocuments(args.type, props)) {
                statements.forEach((s, i) => {
                    const wide = s.resources.filter(isAnyResource);
                    if (!allows(s) || !(wide.length || s.notResources.length)) return;
                    const writes = s.actions.filter((a) => !isReadOnlyAction(a) && RESOURCELESS_WRITE_ACTIONS[a] === undefined);
                    if (writes.length)
                        report(
                            `${path} Statement[${i}]${s.sid ? ` (${s.sid})` : ""} allows ${JSON.stringify(writes)} on ${s.notResources.length ? "NotResource" : `Resource ${wide.map((r) => JSON.stringify(r)).join(", ")}`}; name the resource ARNs, or record an exception if AWS documents no resource type for the action.`,
                        );
                });
            }
        },
    }),
    resourceRule({
        name: "iam-trust-confused-deputy",
        description:
            'Roles that AWS services assume carry aws:SourceAccount or aws:SourceArn in their trust policy where AWS documents those keys for the service principal, and no role trusts every AWS principal ("*") without a condition.',
        enforcementLevel: "mandatory",
        severity: "high",
        control: { url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention" },
        types: ["aws:iam/role:Role"],
        validate: (props, _args, report) => {
            const doc = parseDocument(props.assumeRolePolicy);
            statementsOf(doc).forEach((s, i) => {
                if (!allows(s)) return;
                const everyone = s.principals === "*" || (s.principals.AWS ?? []).includes("*");
                if (everyone && Object.keys(s.conditions).length === 0) {
                    report(
                        `assumeRolePolicy Statement[${i}] lets any AWS principal ("*") assume the role, with no condition; name the accounts or roles that may assume it (Principal.AWS), or add aws:PrincipalOrgID / sts:ExternalId conditions.`,
                    );
                    return;
                }
                if (s.principals === "*") return;
                const services = s.principals.Service ?? [];
                for (const service of services) {
                    if (TRUST_CONDITIONS_EXEMPT[service] !== undefined || hasSourceCondition(s)) continue;
                    const page = TRUST_CONDITIONS_DOCUMENTED[service];
                    report(
                        page
                            ? `assumeRolePolicy Statement[${i}] trusts ${service} without aws:SourceAccount or aws:SourceArn; add them as ${page} documents (assumeRolePolicy(service, { sourceAccount, sourceArnLike })).`
                            : `assumeRolePolicy Statement[${i}] trusts ${service} without aws:SourceAccount or aws:SourceArn, and the rule's tables do not name it; add the conditions its AWS page documents, or add the principal to TRUST_CONDITIONS_EXEMPT with the page that shows its trust without them.`,
                    );
                }
            });
        },
    }),
    resourceRule({
        name: "iam-managed-full-access",
        description:
            "Roles, users and groups get no broad AWS managed policy (AdministratorAccess, PowerUserAccess, *FullAccess); scoped inline policies instead.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { cdkNag: ["AwsSolutions-IAM4"], url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies" },
        // Every way the provider attaches a managed policy: per role/user/group, the exclusive list, and the account-wide PolicyAttachment.
        types: [
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "aws:iam/role:Role",
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            "aws:iam/policyAttachment:PolicyAttachment",
        ],
        validate: (props, args, report) => {
            const listed = (field: string) => asArray<string>(props[field]).map((a, i) => ({ path: `${field}[${i}]`, arn: a }));
            const arns =
                args.type === "aws:iam/role:Role"
                    ? listed("managedPolicyArns")
                    : args.type === "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
                      ? listed("policyArns")
                      : [{ path: "policyArn", arn: props.policyArn }];
            for (const { path, arn } of arns) {
                if (typeof arn !== "string" || !/^arn:[^:]+:iam::aws:policy\//.test(arn)) continue;
                const policy = arn.split("/").pop() ?? "";
                if (policy === "AdministratorAccess" || policy === "PowerUserAccess" || policy.endsWith("FullAccess"))
                    report(
                        `${path} is the AWS managed policy ${policy}; grant the actions the role, user or group uses on its own resources in an inline policy.`,
                    );
            }
        },
    }),
];
