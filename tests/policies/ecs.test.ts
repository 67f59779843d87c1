/**
 * The ECS and ECR rules (components/policies/rules/ecs.ts): each with a violating and a compliant resource, and
 * not applicable to other types; the ContainerService's defaults pass them all.
 */
import * as assert from "node:assert";
import { type PolicyInput, type Rule, checkPolicies, policyResource } from "../../components/policies";
import { ECS_RULES, isSecretName } from "../../components/policies/rules/ecs";
import { CERT, buildShop } from "../components/container-service/fixtures";
import { ruleNamed, violationsOf } from "../harness/policy-rules";

const rule = (name: string): Rule => ruleNamed(ECS_RULES, name);

/** The violations of one rule over the resources, in a stack: `[resource name, message]`. */
async function findings(name: string, resources: PolicyInput[], stack = "dev"): Promise<[string, string][]> {
    return (await violationsOf([rule(name)], resources, stack)).map((v) => [v.name, v.message.split("\n")[1] ?? ""]);
}

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const taskWith = (name: string, container: Record<string, any>, more: Record<string, any> = {}) =>
    policyResource(TASK, name, {
        family: name,
        containerDefinitions: JSON.stringify([
            { name: "app", image: "nginx", logConfiguration: { logDriver: "awslogs" }, readonlyRootFilesystem: true, ...container },
        ]),
        ...more,
    });
const other = policyResource("aws:sqs/queue:Queue", "q", { networkConfiguration: { assignPublicIp: true }, privileged: true });

describe("policies: ECS and ECR rules", () => {
    it("ecs-2-no-public-ip reports a service that assigns public IPs and passes one that does not", async () => {
        const found = await findings("ecs-2-no-public-ip", [
            policyResource(SERVICE, "public-svc", { networkConfiguration: { assignPublicIp: true, subnets: ["subnet-a"] } }),
            policyResource(SERVICE, "private-svc", { networkConfiguration: { assignPublicIp: false, subnets: ["subnet-a"] } }),
            policyResource(SERVICE, "default-svc", { networkConfiguration: { subnets: ["subnet-a"] } }),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["public-svc"],
        );
        assert.match(found[0][1], /networkConfiguration\.assignPublicIp is true; .*\(false\)/);
    });

    it("ecs-2-no-public-ip also holds task sets (ECS.16)", async () => {
        const found = await findings("ecs-2-no-public-ip", [
            policyResource("aws:ecs/taskSet:TaskSet", "ts", { networkConfiguration: { assignPublicIp: true } }),
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["ts"],
        );
    });

    it("ecs-4-not-privileged names the privileged container", async () => {
        const found = await findings("ecs-4-not-privileged", [taskWith("bad", { privileged: true }), taskWith("good", { privileged: false }), other]);
        assert.deepStrictEqual(found, [["bad", found[0][1]]]);
        assert.match(found[0][1], /containerDefinitions\["app"\]\.privileged is true/);
    });

    it("ecs-3-no-host-pid reports pidMode host only", async () => {
        const found = await findings("ecs-3-no-host-pid", [
            taskWith("bad", {}, { pidMode: "host" }),
            taskWith("good", {}, { pidMode: "task" }),
            taskWith("unset", {}),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["bad"],
        );
        assert.match(found[0][1], /pidMode is "host"/);
    });

    it("ecs-17-no-host-network reports networkMode host and passes awsvpc and bridge", async () => {
        const found = await findings("ecs-17-no-host-network", [
            taskWith("bad", {}, { networkMode: "host" }),
            taskWith("awsvpc", {}, { networkMode: "awsvpc" }),
            taskWith("bridge", {}, { networkMode: "bridge" }),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["bad"],
        );
        assert.match(found[0][1], /networkMode is "host"; use "awsvpc"/);
    });

    it("ecs-9-logging reports a container without a log driver", async () => {
        const found = await findings("ecs-9-logging", [
            taskWith("bad", { logConfiguration: undefined }),
            taskWith("firelens", { logConfiguration: { logDriver: "awsfirelens" } }),
            taskWith("good", {}),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["bad"],
        );
        assert.match(found[0][1], /containerDefinitions\["app"\]\.logConfiguration\.logDriver is undefined/);
    });

    it("ecs-9-logging reads container definitions given as an array rather than a JSON string", async () => {
        const task = policyResource(TASK, "array", { containerDefinitions: [{ name: "a", image: "x" }] });
        assert.deepStrictEqual(
            (await findings("ecs-9-logging", [task])).map(([n]) => n),
            ["array"],
        );
    });

    it("ecs-8-no-secret-env reports secret-looking names and access key values, not references to secrets", async () => {
        const found = await findings("ecs-8-no-secret-env", [
            taskWith("name", { environment: [{ name: "DB_PASSWORD", value: "hunter2" }] }),
            taskWith("key", { environment: [{ name: "AWS_SECRET_ACCESS_KEY", value: "x" }] }),
            taskWith("value", { environment: [{ name: "CONFIG", value: "AKIAABCDEFGHIJKLMNOP" }] }),
            taskWith("good", {
                environment: [
                    { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:..." },
                    { name: "PORT", value: "80" },
                ],
            }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["key", "name", "value"]);
        assert.match(found.find(([n]) => n === "name")![1], /environment "DB_PASSWORD" looks like a secret in plain text; move it to secrets\[\]/);
    });

    it("ecs-8-no-secret-env reports a credential recognised by its value (a GitHub token) under a harmless name", async () => {
        const found = await findings("ecs-8-no-secret-env", [
            taskWith("github", { environment: [{ name: "CONFIG", value: `ghp_${"a".repeat(36)}` }] }),
            taskWith("good", { environment: [{ name: "CONFIG", value: "ghp-short" }] }),
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["github"],
        );
        assert.match(found[0][1], /environment "CONFIG" holds a GitHub token in plain text; move it to secrets\[\].* and rotate it/);
    });

    it("isSecretName matches ECS.8's keys and secret words, but not names of references", () => {
        for (const n of ["AWS_ACCESS_KEY_ID", "ECS_ENGINE_AUTH_DATA", "GITHUB_TOKEN", "StripeApiKey", "private_key", "dbPassword"])
            assert.ok(isSecretName(n), n);
        for (const n of ["DB_SECRET_ARN", "TOKEN_URL", "PORT", "SECRET_NAME", "dbSecretArn", "TOKENIZER_MODE"]) assert.ok(!isSecretName(n), n);
    });

    it("ecs-5-readonly-root is advisory and reports a writable root file system", async () => {
        const r = await checkPolicies([taskWith("bad", { readonlyRootFilesystem: false }), taskWith("good", {})], { rules: [rule("ecs-5-readonly-root")] });
        assert.deepStrictEqual(
            r.violations.map((v) => [v.name, v.level]),
            [["bad", "advisory"]],
        );
        assert.match(r.violations[0].message, /readonlyRootFilesystem is false; set it to true/);
    });

    it("ecs-12-container-insights reports a cluster without the setting or with it disabled", async () => {
        const CLUSTER = "aws:ecs/cluster:Cluster";
        const found = await findings("ecs-12-container-insights", [
            policyResource(CLUSTER, "off", { settings: [{ name: "containerInsights", value: "disabled" }] }),
            policyResource(CLUSTER, "unset", {}),
            policyResource(CLUSTER, "on", { settings: [{ name: "containerInsights", value: "enabled" }] }),
            policyResource(CLUSTER, "enhanced", { settings: [{ name: "containerInsights", value: "enhanced" }] }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["off", "unset"]);
        assert.match(found[0][1], /settings containerInsights is "disabled"/);
    });

    it("ecs-10-fargate-latest reports a pinned Fargate platform, by launch type or capacity provider, and ignores EC2", async () => {
        const found = await findings("ecs-10-fargate-latest", [
            policyResource(SERVICE, "pinned", { launchType: "FARGATE", platformVersion: "1.3.0" }),
            policyResource(SERVICE, "spot-pinned", { capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }], platformVersion: "1.3.0" }),
            policyResource(SERVICE, "latest", { launchType: "FARGATE", platformVersion: "LATEST" }),
            policyResource(SERVICE, "unset", { launchType: "FARGATE" }),
            policyResource(SERVICE, "ec2", { launchType: "EC2", platformVersion: "1.3.0" }),
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["pinned", "spot-pinned"]);
        assert.match(found[0][1], /platformVersion is "1\.3\.0"; use "LATEST"/);
    });

    it("ecs-10-fargate-latest passes the latest Linux platform pinned by number (1.4.0), as ECS.10 does", async () => {
        const found = await findings("ecs-10-fargate-latest", [policyResource(SERVICE, "pinned-latest", { launchType: "FARGATE", platformVersion: "1.4.0" })]);
        assert.deepStrictEqual(found, []);
    });

    it("ecs-10-fargate-latest checks task sets, which pin their own platform version", async () => {
        const found = await findings("ecs-10-fargate-latest", [
            policyResource("aws:ecs/taskSet:TaskSet", "old-set", { launchType: "FARGATE", platformVersion: "1.3.0" }),
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["old-set"],
        );
    });

    it("ecr-1-scan-on-push reports a repository that does not scan on push", async () => {
        const REPO = "aws:ecr/repository:Repository";
        const found = await findings("ecr-1-scan-on-push", [
            policyResource(REPO, "bad", {}),
            policyResource(REPO, "good", { imageScanningConfiguration: { scanOnPush: true } }),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["bad"],
        );
    });

    it("ecr-2-immutable-tags reports mutable tags, explicit or by default, and accepts IMMUTABLE_WITH_EXCLUSION", async () => {
        const REPO = "aws:ecr/repository:Repository";
        const found = await findings("ecr-2-immutable-tags", [
            policyResource(REPO, "mutable", { imageTagMutability: "MUTABLE" }),
            policyResource(REPO, "default", {}),
            policyResource(REPO, "immutable", { imageTagMutability: "IMMUTABLE" }),
            policyResource(REPO, "exclusions", { imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["default", "mutable"]);
        assert.match(found.find(([n]) => n === "default")![1], /imageTagMutability is "MUTABLE \(default\)"; set "IMMUTABLE"/);
    });

    it("ecr-3-lifecycle-policy reports the repository no lifecycle policy names, joined by name or ARN", async () => {
        const REPO = "aws:ecr/repository:Repository";
        const covered = policyResource(REPO, "covered", { name: "covered-1234567" });
        const byArn = policyResource(REPO, "by-arn", { name: "by-arn-1234567" });
        const bare = policyResource(REPO, "bare", { name: "bare-1234567" });
        const found = await findings("ecr-3-lifecycle-policy", [
            covered,
            byArn,
            bare,
            policyResource("aws:ecr/lifecyclePolicy:LifecyclePolicy", "covered-lifecycle", { repository: "covered-1234567", policy: "{}" }),
            policyResource("aws:ecr/lifecyclePolicy:LifecyclePolicy", "arn-lifecycle", {
                repository: "arn:aws:ecr:us-east-1:123456789012:repository/by-arn-1234567",
                policy: "{}",
            }),
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["bare"],
        );
        assert.match(found[0][1], /repository "bare-1234567" has no aws\.ecr\.LifecyclePolicy/);
    });

    it("ecr-3-lifecycle-policy is not applicable to a stack without repositories", async () => {
        const r = await checkPolicies([other], { rules: [rule("ecr-3-lifecycle-policy")] });
        assert.deepStrictEqual(r.violations, []);
        assert.deepStrictEqual(
            r.notApplicable.map((n) => n.policy),
            ["ecr-3-lifecycle-policy"],
        );
    });

    it("the ContainerService's defaults (with a certificate and a repository) pass every ECS and ECR rule", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public.certificateArn = CERT;
            a.repositories = { app: {} };
        });
        const r = await checkPolicies(registry.all(), { rules: ECS_RULES });
        assert.deepStrictEqual(r.violations, []);
        assert.ok(r.resourcesChecked > 0);
        // The rules really ran on the component's children.
        for (const type of ["aws:ecs/taskDefinition:TaskDefinition", "aws:ecs/service:Service", "aws:ecs/cluster:Cluster", "aws:ecr/repository:Repository"])
            assert.ok(registry.ofType(type).length > 0, type);
    });
});
