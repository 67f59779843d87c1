import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeFailure, runPlan } from "../../tools/plan";
import { evaluateVariant, stackPlan } from "../harness/stack-plans";
import { type RecordedResource, kubernetesSchemaReport } from "../../components/testing";
import { hex } from "../../components/testing/fixtures";
import { CLOUDFRONT_ORIGIN_FACING } from "../../stacks/cdn";
import { MANAGED_ORIGIN_REQUEST_POLICY_IDS } from "../../components";
import { loadCloudFrontFunction } from "../../components/testing";
import { viewerRequest } from "../functions/edge/events";
import { PRESETS } from "../../stacks/presets";
import { policyPackOf } from "../../stacks/delivery";
import * as YAML from "yaml";
import { MAX_BODY_BYTES } from "../../functions/items/core";

const root = path.resolve(__dirname, "../..");

/**
 * Settings for variant stacks. Each variant is a whole evaluation of the program (about half a second), so settings
 * whose resources do not meet share one: the tests that read PROD_FEATURES or DEV_FEATURES each assert only their own
 * part (global tables, the pipeline's deploy role and staging stack; DAX, table backups with readings in DynamoDB, the
 * items API's domain, the providers' credentials).
 */
const TABLE_KEY = (region: string) => `arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DEPLOY_ROLE = "arn:aws:iam::123456789012:role/platform-deployer";
const CREDENTIALS_ROLE = "arn:aws:iam::123456789012:role/deployer";
const API_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const PROD_FEATURES = [
    "  aws-platform:preset: prod",
    "  aws-platform:containers:",
    "    alarmEmail: platform-oncall@example.com",
    "  aws-platform:serverless:",
    "    table:",
    "      replicaRegions: [eu-west-1]",
    `      kmsKeyArn: ${TABLE_KEY("us-east-1")}`,
    "      replicaKmsKeyArns:",
    `        eu-west-1: ${TABLE_KEY("eu-west-1")}`,
    "    api:",
    "      publicReads: false",
    `  aws-platform:delivery: { deployRoleArn: "${DEPLOY_ROLE}", staging: { stack: dev, url: "https://dev.example.com" } }`,
];
const DEV_FEATURES = [
    "  aws-platform:preset: dev",
    "  aws-platform:data: { dax: { enabled: true }, ingestion: { sink: dynamodb }, backups: { enabled: true } }",
    "  aws-platform:serverless:",
    "    api:",
    `      domain: { name: api.example.com, hostedZoneId: Z0123456789ABCDEFGHIJ, certificateArn: "${API_CERTIFICATE}", basePath: v1 }`,
    "  aws:profile: platform-dev",
    "  aws:assumeRoles:",
    `    - roleArn: ${CREDENTIALS_ROLE}`,
    "      sessionName: pulumi",
    "  aws:allowedAccountIds: ['123456789012']",
];

async function plan(stack: string) {
    const { result } = await stackPlan(stack);
    const resources = result.evaluation.resources as RecordedResource[];
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const named = (name: string) => {
        const r = resources.find((x) => x.name === name);
        assert.ok(r, `no resource named ${name}`);
        return r!;
    };
    return { result, resources, ofType, named };
}

describe("stacks", function () {
    this.timeout(180000);
    let dev: Awaited<ReturnType<typeof plan>>;
    let prod: Awaited<ReturnType<typeof plan>>;
    before(async () => {
        dev = await plan("dev");
        prod = await plan("prod");
    });

    it("both stacks compose a Network and a ContainerService under the stack", () => {
        for (const s of [dev, prod]) {
            assert.equal(s.ofType("aws-platform:network:Network").length, 1);
            assert.equal(s.ofType("aws-platform:ecs:ContainerService").length, 1);
        }
    });

    it("prod's web ACL counts, not blocks, the Core rule set's 8 KB body limit, which the items API (16 KB bodies) would hit through CloudFront", () => {
        const acl = prod.named("cdn-web-acl").inputs;
        assert.equal(prod.named("cdn-distribution").inputs.webAclId, prod.named("cdn-web-acl").outputs.arn);
        const core = acl.rules.find((r: any) => r.name === "AWSManagedRulesCommonRuleSet").statement.managedRuleGroupStatement;
        assert.deepEqual(core.ruleActionOverrides, [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }]);
        assert.ok(MAX_BODY_BYTES > 8 * 1024, "the items API takes bodies over the rule's 8 KB");
        // The other groups keep their own actions.
        for (const r of acl.rules.filter((x: any) => x.name !== "AWSManagedRulesCommonRuleSet"))
            assert.equal(r.statement.managedRuleGroupStatement?.ruleActionOverrides, undefined, r.name);
        assert.equal(
            dev.resources.find((r) => r.name === "cdn-web-acl"),
            undefined,
        );
    });

    it("both stacks put web, app1 and app2 behind one public ALB, with path rules for the apps, and the legacy service behind an internal one", () => {
        for (const s of [dev, prod]) {
            assert.deepEqual(
                s
                    .ofType("aws:lb/loadBalancer:LoadBalancer")
                    .map((lb) => `${lb.name}:${lb.inputs.internal}`)
                    .sort(),
                ["saas-legacy-alb:true", "saas-public-alb:false"],
            );
            const rules = s
                .ofType("aws:lb/listenerRule:ListenerRule")
                .filter((r) => r.name !== "saas-web-rule")
                .map((r) => r.inputs.conditions[0].pathPattern.values);
            assert.deepEqual(rules.sort(), [
                ["/app1", "/app1/*"],
                ["/app2", "/app2/*"],
            ]);
            assert.deepEqual(
                s
                    .ofType("aws:lb/targetGroup:TargetGroup")
                    .map((t) => t.name)
                    .filter((n) => !["saas-web-tg-alt", "saas-app2-tg-alt"].includes(n))
                    .sort(),
                ["saas-app1-tg", "saas-app2-tg", "saas-legacy-tg", "saas-web-tg"],
            );
        }
    });

    it("prod deploys web blue/green: an alternate target group like the first, a catch-all rule ECS shifts, the deploy role, 10 minutes' bake", () => {
        const web = prod.named("saas-web").inputs;
        assert.equal(web.deploymentConfiguration.strategy, "BLUE_GREEN");
        assert.equal(web.deploymentConfiguration.bakeTimeInMinutes, "10");
        assert.deepEqual(web.deploymentCircuitBreaker, { enable: true, rollback: true });
        const [primary, alternate] = [prod.named("saas-web-tg"), prod.named("saas-web-tg-alt")];
        const rule = prod.named("saas-web-rule");
        assert.deepEqual(web.loadBalancers[0].targetGroupArn, primary.outputs.arn);
        assert.deepEqual(web.loadBalancers[0].advancedConfiguration, {
            alternateTargetGroupArn: alternate.outputs.arn,
            productionListenerRule: rule.outputs.arn,
            roleArn: prod.named("saas-web-deploy-role").outputs.arn,
        });
        // Green tasks must pass the same health check on the alternate target group before traffic moves.
        for (const field of ["port", "protocol", "targetType", "healthCheck", "deregistrationDelay"])
            assert.deepEqual(alternate.inputs[field], primary.inputs[field], field);
        assert.equal(primary.inputs.healthCheck.path, "/");
        assert.deepEqual(rule.inputs.conditions, [{ pathPattern: { values: ["/*"] } }]);
        assert.deepEqual(rule.ignoreChanges, ["actions"]);
        // No test listener: prod's ALB admits only CloudFront, on its main port.
        assert.deepEqual(
            prod
                .ofType("aws:lb/listener:Listener")
                .map((l) => l.name)
                .sort(),
            ["saas-legacy-listener-80", "saas-public-listener-80"],
        );
        // Request-count scaling would follow -tg only, where every other release does not run: CPU alone.
        assert.ok(prod.named("saas-web-cpu-scaling"));
        assert.equal(
            prod.resources.some((r) => r.name === "saas-web-requests-scaling"),
            false,
        );
    });

    it("prod rolls web's deployment back on target 5xx summed over both target groups, where the live revision is in either", () => {
        const alarm = prod.named("saas-web-http-5xx").inputs;
        const unhealthy = prod.named("saas-web-unhealthy-hosts").inputs;
        assert.deepEqual(prod.named("saas-web").inputs.alarms, { alarmNames: [alarm.name, unhealthy.name], enable: true, rollback: true });
        assert.match(alarm.name, /^saas-web-http-5xx-[0-9a-f]{7}$/);
        const lb = prod.named("saas-public-alb").outputs.arnSuffix;
        const groups = alarm.metricQueries
            .filter((q: any) => q.metric)
            .map((q: any) => [q.metric.metricName, q.metric.stat, q.metric.dimensions.LoadBalancer, q.metric.dimensions.TargetGroup]);
        assert.deepEqual(groups, [
            ["HTTPCode_Target_5XX_Count", "Sum", lb, prod.named("saas-web-tg").outputs.arnSuffix],
            ["HTTPCode_Target_5XX_Count", "Sum", lb, prod.named("saas-web-tg-alt").outputs.arnSuffix],
        ]);
        const sum = alarm.metricQueries.find((q: any) => q.expression);
        assert.equal(sum.expression, "SUM([FILL(tg0, 0), FILL(tg1, 0)])");
        assert.equal(sum.returnData, true);
        assert.deepEqual([alarm.threshold, alarm.evaluationPeriods, alarm.comparisonOperator], [10, 2, "GreaterThanOrEqualToThreshold"]);
        assert.deepEqual(alarm.alarmActions, [prod.named("alarms-topic").outputs.arn]);
        // One alarm for web's 5xx: the stack adds none beside the service's own.
        assert.equal(prod.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /web.*5xx/.test(a.name)).length, 1);
    });

    it("dev keeps rolling deployments for web: one target group, no deploy role, no rollback alarm, request scaling kept", () => {
        const web = dev.named("saas-web").inputs;
        assert.equal(web.deploymentConfiguration?.strategy ?? "ROLLING", "ROLLING");
        assert.equal(web.loadBalancers[0].advancedConfiguration, undefined);
        assert.equal(web.alarms, undefined);
        for (const name of ["saas-web-tg-alt", "saas-web-rule", "saas-web-deploy-role", "web-rollback-5xx"])
            assert.equal(
                dev.resources.some((r) => r.name === name),
                false,
                name,
            );
        assert.ok(dev.named("saas-web-requests-scaling"));
    });

    it("both stacks run a queue worker scaled on backlog and a scheduled report", () => {
        for (const s of [dev, prod]) {
            assert.ok(s.named("saas-worker-queue"));
            assert.ok(s.named("saas-worker-backlog-scaling"));
            assert.equal(s.named("saas-report-schedule").inputs.scheduleExpression.startsWith("cron("), true);
        }
    });

    it("both stacks run an EKS cluster with every node kind they configure, the core add-ons, StorageClasses and the sample workloads", () => {
        const kinds = (s: typeof dev) => ({
            managed: s.ofType("aws:eks/nodeGroup:NodeGroup").length,
            selfManaged: s.ofType("aws:autoscaling/group:Group").filter((g) => g.name.startsWith("platform-")).length,
            fargate: s.ofType("aws:eks/fargateProfile:FargateProfile").length,
        });
        assert.deepEqual(kinds(dev), { managed: 1, selfManaged: 0, fargate: 1 });
        assert.deepEqual(kinds(prod), { managed: 1, selfManaged: 1, fargate: 1 });
        const addons = (s: typeof dev) =>
            s
                .ofType("aws:eks/addon:Addon")
                .map((a) => a.inputs.addonName)
                .sort();
        assert.deepEqual(addons(dev), ["aws-ebs-csi-driver", "aws-efs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
        assert.deepEqual(addons(prod), [
            "amazon-cloudwatch-observability",
            "aws-ebs-csi-driver",
            "aws-efs-csi-driver",
            "aws-fsx-csi-driver",
            "coredns",
            "eks-pod-identity-agent",
            "kube-proxy",
            "vpc-cni",
        ]);
        const classes = (s: typeof dev) =>
            s
                .ofType("kubernetes:storage.k8s.io/v1:StorageClass")
                .map((c) => `${c.inputs.metadata.name}=${c.inputs.provisioner}`)
                .sort();
        assert.deepEqual(classes(dev), ["efs=efs.csi.aws.com", "gp3=ebs.csi.aws.com"]);
        assert.deepEqual(classes(prod), ["efs=efs.csi.aws.com", "fsx-lustre=fsx.csi.aws.com", "gp3=ebs.csi.aws.com"]);
        for (const s of [dev, prod]) {
            assert.equal(s.named("redis-stateful-set").inputs.spec.volumeClaimTemplates[0].spec.storageClassName, "gp3");
            assert.ok(s.named("hello-deployment"));
        }
    });

    it("every Kubernetes object of both stacks passes the Kubernetes API schemas, none skipped", () => {
        for (const s of [dev, prod]) {
            const report = kubernetesSchemaReport({ all: () => s.resources });
            assert.deepEqual(report.issues, []);
            assert.deepEqual(report.skipped, []);
            assert.ok(report.checked >= 10, `only ${report.checked} objects checked`);
        }
    });

    it("Redis replicas follow pod 0 at its stable DNS name, and the Spot nodes keep them off", () => {
        for (const s of [dev, prod]) {
            const set = s.named("redis-stateful-set").inputs.spec;
            assert.equal(set.podManagementPolicy, "OrderedReady");
            assert.equal(set.serviceName, "redis-headless");
            assert.match(set.template.spec.containers[0].command.join(" "), /--replicaof redis-0\.redis-headless\.data\.svc\.cluster\.local 6379/);
            assert.equal(set.template.spec.tolerations ?? undefined, undefined);
        }
        const spot = prod.named("platform-spot-launch-template").inputs.userData;
        assert.match(Buffer.from(spot, "base64").toString(), /--register-with-taints=aws-platform\/spot=true:NoSchedule/);
    });

    it("prod runs its on-demand EKS nodes on Graviton (arm64 AMI, m7g/m6g), its Spot group on x86", () => {
        const general = prod.named("platform-general-node-group").inputs;
        assert.deepEqual(general.instanceTypes, ["m7g.large", "m6g.large"]);
        assert.match(general.amiType ?? "", /ARM_64/);
        assert.doesNotMatch(prod.named("platform-spot-launch-template").inputs.instanceType ?? "", /g\./);
    });

    it("dev is small: two AZs, one NAT instance (no NAT gateway), Fargate Spot first, nothing protected", () => {
        assert.equal(dev.named("main-vpc").inputs.cidrBlock, "10.10.0.0/16");
        assert.equal(dev.ofType("aws:ec2/subnet:Subnet").length, 4);
        assert.equal(dev.ofType("aws:ec2/natGateway:NatGateway").length, 0);
        assert.equal(dev.named("main-nat-instance-launch-template").inputs.instanceType, "t4g.nano");
        const eni = dev.named("main-nat-instance-network-interface").id;
        assert.deepEqual(
            dev
                .ofType("aws:ec2/route:Route")
                .filter((r) => r.name.startsWith("main-nat-route"))
                .map((r) => r.inputs.networkInterfaceId),
            [eni, eni],
        );
        const web = dev.named("saas-web");
        assert.deepEqual(
            web.inputs.capacityProviderStrategies.map((s: any) => [s.capacityProvider, s.base, s.weight]),
            [
                ["FARGATE", 0, 0],
                ["FARGATE_SPOT", 0, 1],
            ],
        );
        assert.deepEqual(
            dev.resources.filter((r) => r.protect).map((r) => r.name),
            [],
        );
        assert.equal(dev.ofType("aws:ec2/flowLog:FlowLog").length, 0);
    });

    it("prod is multi-AZ with a NAT per AZ, flow logs and an on-demand base under Spot", () => {
        assert.equal(prod.ofType("aws:ec2/subnet:Subnet").length, 6);
        const nats = prod.ofType("aws:ec2/natGateway:NatGateway");
        assert.equal(nats.length, 3);
        // One NAT per AZ: each in a different public subnet.
        assert.equal(new Set(nats.map((n) => n.inputs.subnetId)).size, 3);
        assert.equal(prod.ofType("aws:ec2/flowLog:FlowLog").length, 1);
        const web = prod.named("saas-web");
        assert.deepEqual(
            web.inputs.capacityProviderStrategies.map((s: any) => [s.capacityProvider, s.base]),
            [
                ["FARGATE", 2],
                ["FARGATE_SPOT", 0],
            ],
        );
    });

    it("prod runs app2 in bridge mode on the notes' two EC2 groups: its first task on on-demand, then three on Spot for one on on-demand", () => {
        const app2 = prod.named("saas-app2");
        assert.deepEqual(
            app2.inputs.capacityProviderStrategies.map((s: any) => [s.capacityProvider, s.base, s.weight]),
            [
                [prod.named("saas-on-demand-capacity-provider").outputs.name, 1, 1],
                [prod.named("saas-spot-capacity-provider").outputs.name, 0, 3],
            ],
        );
        assert.equal(prod.named("saas-app2-task").inputs.networkMode, "bridge");
        assert.equal(prod.named("saas-app2-tg").inputs.targetType, "instance");
        // Both are associated with the cluster; its default stays Fargate (every other service names its capacity).
        const cluster = prod.named("saas-capacity-providers").inputs;
        assert.deepEqual(
            [...cluster.capacityProviders].sort(),
            [
                "FARGATE",
                "FARGATE_SPOT",
                prod.named("saas-on-demand-capacity-provider").outputs.name,
                prod.named("saas-spot-capacity-provider").outputs.name,
            ].sort(),
        );
        assert.deepEqual(
            cluster.defaultCapacityProviderStrategies.map((s: any) => s.capacityProvider),
            ["FARGATE"],
        );
    });

    it("prod keeps its on-demand group 60 % full with every instance on-demand, and its Spot group 40 % full (it scales out first) with none", () => {
        const group = (key: string) => {
            const scaling = prod.named(`saas-${key}-capacity-provider`).inputs.autoScalingGroupProvider;
            assert.equal(scaling.autoScalingGroupArn, prod.named(`saas-${key}-asg`).outputs.arn);
            const d = prod.named(`saas-${key}-asg`).inputs.mixedInstancesPolicy.instancesDistribution;
            return [scaling.managedScaling.status, scaling.managedScaling.targetCapacity, d.onDemandBaseCapacity, d.onDemandPercentageAboveBaseCapacity];
        };
        assert.deepEqual(group("on-demand"), ["ENABLED", 60, 1, 100]);
        assert.deepEqual(group("spot"), ["ENABLED", 40, 0, 0]);
        assert.equal(prod.named("saas-on-demand-asg").inputs.minSize, 1);
    });

    it("dev has no EC2 capacity: app2 runs on the web tier's Fargate Spot", () => {
        assert.deepEqual(
            dev.ofType("aws:autoscaling/group:Group").filter((g) => g.name.startsWith("saas-")),
            [],
        );
        assert.deepEqual(dev.ofType("aws:ecs/capacityProvider:CapacityProvider"), []);
        assert.deepEqual(
            dev.named("saas-app2").inputs.capacityProviderStrategies.map((s: any) => s.capacityProvider),
            ["FARGATE", "FARGATE_SPOT"],
        );
    });

    it("both stacks let web reach app1 by name through Service Connect in one namespace, and admit only web's tasks on app1's port", () => {
        for (const s of [dev, prod]) {
            const namespace = s.named("saas-namespace").outputs.arn;
            const web = s.named("saas-web").inputs.serviceConnectConfiguration;
            assert.equal(web.enabled, true);
            assert.equal(web.namespace, namespace);
            assert.deepEqual(web.services ?? [], []);
            const app1 = s.named("saas-app1").inputs.serviceConnectConfiguration;
            assert.equal(app1.namespace, namespace);
            assert.deepEqual(
                app1.services.map((x: any) => [x.portName, x.discoveryName, x.clientAlias.map((a: any) => `${a.dnsName}:${a.port}`)]),
                [["http", "app1", ["app1:80"]]],
            );
            const rule = s.named("saas-app1-http-from-web").inputs;
            assert.deepEqual(
                [rule.securityGroupId, rule.referencedSecurityGroupId, rule.fromPort, rule.toPort],
                [s.named("saas-app1-sg").id, s.named("saas-web-sg").id, 80, 80],
            );
            assert.equal(s.named("saas-app2").inputs.serviceConnectConfiguration, undefined);
        }
    });

    it("prod's EC2 instances, volumes and ENIs carry the stack's default tags (the provider's default tags skip Auto Scaling groups)", () => {
        for (const key of ["on-demand", "spot"]) {
            const asgTags = prod
                .named(`saas-${key}-asg`)
                .inputs.tags.filter((t: any) => t.propagateAtLaunch)
                .map((t: any) => `${t.key}=${t.value}`);
            assert.ok(asgTags.includes("project=aws-platform") && asgTags.includes("environment=prod"), asgTags.join(", "));
            for (const spec of prod.named(`saas-${key}-launch-template`).inputs.tagSpecifications) {
                assert.equal(spec.tags.environment, "prod", `${key} ${spec.resourceType}`);
            }
        }
    });

    it("prod protects its file systems, repository, Secrets key, both tables, user pool, photo uploads, partner events and their dead letters, site bucket, audit trail's bucket and key, the alarm topic's key, the release pipeline's artifacts and key, the data paths' stream, buckets, backups and database, the ALBs' access logs, and turns on ALB and EKS deletion protection", () => {
        const protectedNames = prod.resources
            .filter((r) => r.protect)
            .map((r) => `${r.type}::${r.name}`)
            .sort();
        assert.deepEqual(protectedNames, [
            "aws:backup/plan:Plan::tables-plan",
            "aws:backup/vault:Vault::tables-vault",
            "aws:backup/vault:Vault::tables-vault-us-west-2",
            "aws:cognito/userPool:UserPool::items-user-pool-users",
            "aws:dynamodb/table:Table::item-tags-table",
            "aws:dynamodb/table:Table::items-table",
            "aws:ecr/repository:Repository::saas-app-repo",
            "aws:efs/fileSystem:FileSystem::platform-efs",
            "aws:efs/fileSystem:FileSystem::saas-shared-efs",
            // AWS Backup deletes expired recovery points with this role: it outlives them (TableBackups' protectData).
            "aws:iam/role:Role::tables-role",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::tables-role-backup",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::tables-role-restores",
            "aws:kinesis/stream:Stream::readings-stream-stream",
            "aws:kms/key:Key::alarms-key",
            "aws:kms/key:Key::audit-key",
            "aws:kms/key:Key::orders-key",
            "aws:kms/key:Key::platform-secrets-key",
            "aws:kms/key:Key::release-key",
            "aws:kms/key:Key::tables-key",
            "aws:kms/key:Key::tables-key-us-west-2",
            "aws:rds/cluster:Cluster::orders-cluster",
            "aws:rds/clusterInstance:ClusterInstance::orders-reader-1",
            "aws:rds/clusterInstance:ClusterInstance::orders-writer",
            "aws:s3/bucket:Bucket::audit-bucket",
            "aws:s3/bucket:Bucket::cdn-bucket-site",
            "aws:s3/bucket:Bucket::items-export-bucket",
            "aws:s3/bucket:Bucket::photos-source",
            "aws:s3/bucket:Bucket::readings-bucket",
            "aws:s3/bucket:Bucket::release-artifacts",
            "aws:s3/bucket:Bucket::saas-legacy-access-logs",
            "aws:s3/bucket:Bucket::saas-public-access-logs",
            "aws:sqs/queue:Queue::partner-events",
            "aws:sqs/queue:Queue::partner-events-dlq",
        ]);
        assert.equal(prod.named("platform-cluster").inputs.deletionProtection, true);
        assert.equal(dev.resources.filter((r) => r.protect).length, 0);
        assert.equal(prod.named("saas-public-alb").inputs.enableDeletionProtection, true);
        assert.equal(prod.named("saas-app-repo").inputs.forceDelete, false);
    });

    it("prod sends alarms to the e-mail through a topic under a customer managed key CloudWatch may use", () => {
        const topic = prod.named("alarms-topic");
        const key = prod.named("alarms-key");
        // alias/aws/sns would silently drop every notification: CloudWatch cannot use that key.
        assert.equal(topic.inputs.kmsMasterKeyId, key.outputs.arn);
        assert.equal(key.inputs.enableKeyRotation, true);
        const cloudwatch = JSON.parse(key.inputs.policy).Statement.find((s: any) => s.Principal?.Service === "cloudwatch.amazonaws.com");
        assert.deepEqual(cloudwatch.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
        assert.equal(prod.named("alarms-oncall-email").inputs.endpoint, "platform-oncall@example.com");
        // The items canary's alarm is silent: CodeDeploy only reads its state.
        const alarms = prod.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => !a.name.includes("step-alarm") && a.name !== "items-release-errors");
        assert.ok(alarms.length > 10);
        for (const alarm of alarms) assert.deepEqual(alarm.inputs.alarmActions, [topic.outputs.arn], alarm.name);
    });

    it("prod keeps its deployed alarm topic and confirmed subscription through aliases to their former names", () => {
        assert.deepEqual(prod.named("alarms-topic").aliases, ["urn:pulumi:prod::aws-platform::aws:sns/topic:Topic::alarms"]);
        assert.deepEqual(prod.named("alarms-oncall-email").aliases, [
            "urn:pulumi:prod::aws-platform::aws:sns/topicSubscription:TopicSubscription::alarms-email",
        ]);
    });

    it("both stacks alarm on the report job's dead-letter queue", () => {
        for (const s of [dev, prod]) assert.equal(s.named("saas-report-dlq-messages").inputs.dimensions.QueueName, s.named("saas-report-dlq").outputs.name);
    });

    it("both stacks route each sample app to the port its image listens on and health-check a path it serves", () => {
        for (const s of [dev, prod]) {
            for (const app of ["web", "app1", "app2"]) {
                const tg = s.named(`saas-${app}-tg`).inputs;
                // nginx listens on 80 and answers "/" with 200; the health check goes to the target directly, not through the path rule.
                assert.equal(tg.port, 80, app);
                assert.equal(tg.healthCheck.path, "/", app);
                const svc = s.named(`saas-${app}`).inputs;
                assert.equal(svc.loadBalancers[0].containerPort, 80, app);
                const defs = JSON.parse(s.named(`saas-${app}-task`).inputs.containerDefinitions);
                assert.equal(defs[0].portMappings[0].containerPort, 80, app);
            }
        }
    });

    it("the sample path-routed apps serve a page under their own path, since the ALB forwards /app1/* unchanged", () => {
        for (const app of ["app1", "app2"]) {
            const [def] = JSON.parse(dev.named(`saas-${app}-task`).inputs.containerDefinitions);
            assert.match(def.command.join(" "), new RegExp(`/usr/share/nginx/html/${app}/index\\.html.*exec nginx -g 'daemon off;'`));
        }
    });

    it("the service the pipeline releases runs its image's own command: the pipeline copies the task definition with only the image replaced", () => {
        // prod releases app2 (delivery.service), dev web, which has no sample command either way.
        const [app2] = JSON.parse(prod.named("saas-app2-task").inputs.containerDefinitions);
        assert.equal(app2.name, "app");
        assert.equal(app2.command, undefined);
        const [app1] = JSON.parse(prod.named("saas-app1-task").inputs.containerDefinitions);
        assert.match(app1.command.join(" "), /exec nginx/, "app1 is not released by prod's pipeline: it keeps the sample page");
    });

    it("prod scales the web tier down at night and back up in the morning; dev has no schedule", () => {
        assert.equal(dev.ofType("aws:appautoscaling/scheduledAction:ScheduledAction").length, 0);
        const night = prod.named("saas-web-night-scheduled-scaling").inputs;
        const day = prod.named("saas-web-day-scheduled-scaling").inputs;
        assert.equal(night.schedule, "cron(0 22 * * ? *)");
        assert.deepEqual(night.scalableTargetAction, { minCapacity: 1, maxCapacity: 3 });
        assert.equal(day.schedule, "cron(0 6 * * ? *)");
        assert.deepEqual(day.scalableTargetAction, { minCapacity: 3, maxCapacity: 12 });
    });

    const ITEMS_ROUTES = ["DELETE /items/{id}", "GET /items", "GET /items/{id}", "POST /items", "PUT /items/{id}"];
    const LEGACY_ROUTES = ["ANY /legacy/{proxy+}", "GET /legacy/{proxy+}"];

    it("both stacks route the full items API to the items function's alias, writes behind the user pool's JWT authorizer, reads public", () => {
        for (const s of [dev, prod]) {
            const integration = s.named("items-integration-items");
            assert.equal(integration.inputs.integrationUri, s.named("items-items-alias").outputs.invokeArn);
            assert.equal(integration.inputs.payloadFormatVersion, "2.0");
            assert.equal(s.named("items-permission-items").inputs.qualifier, "live");
            const routes = s.ofType("aws:apigatewayv2/route:Route").filter((r) => r.name.startsWith("items-route-") && !r.name.includes("legacy"));
            assert.deepEqual(routes.map((r) => r.inputs.routeKey).sort(), ITEMS_ROUTES);
            const authorizer = s.named("items-authorizer-users");
            assert.equal(authorizer.inputs.authorizerType, "JWT");
            assert.equal(authorizer.inputs.jwtConfiguration.issuer, `https://cognito-idp.us-east-1.amazonaws.com/${s.named("items-user-pool-users").id}`);
            assert.deepEqual(authorizer.inputs.jwtConfiguration.audiences, [s.named("items-user-pool-client-users").id]);
            for (const r of routes) {
                assert.equal(r.inputs.target, `integrations/${integration.id}`, r.inputs.routeKey);
                const write = !r.inputs.routeKey.startsWith("GET ");
                assert.equal(r.inputs.authorizationType, write ? "JWT" : "NONE", r.inputs.routeKey);
                assert.equal(r.inputs.authorizerId, write ? authorizer.id : undefined, r.inputs.routeKey);
            }
        }
    });

    it("both stacks run the items function on arm64 with TABLE_NAME and exactly the items API's actions on the items table only", () => {
        for (const s of [dev, prod]) {
            const fn = s.named("items-items-function").inputs;
            assert.deepEqual(fn.architectures, ["arm64"]);
            assert.equal(fn.runtime, "nodejs22.x");
            assert.equal(fn.environment.variables.TABLE_NAME, s.named("items-table").outputs.name);
            const policy = JSON.parse(s.named("items-items-role-own").inputs.policy);
            assert.deepEqual(policy.Statement, [
                {
                    Sid: "ItemsApi",
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"],
                    Resource: s.named("items-table").outputs.arn,
                },
            ]);
        }
    });

    it("both stacks keep items keyed by id with a stream of both images and a sparse tombstones index, and an on-demand tag index keyed by tag and itemId", () => {
        for (const s of [dev, prod]) {
            const items = s.named("items-table").inputs;
            assert.equal(items.hashKey, "id");
            assert.deepEqual(items.attributes, [
                { name: "id", type: "S" },
                { name: "deletedAt", type: "S" },
            ]);
            // Only tombstones carry deletedAt: the sweeper's Scan of this index reads nothing else.
            assert.deepEqual(
                items.globalSecondaryIndexes.map((i: any) => [i.name, i.keySchemas, i.projectionType]),
                [["tombstones", [{ attributeName: "deletedAt", keyType: "HASH" }], "KEYS_ONLY"]],
            );
            assert.equal(items.billingMode, "PAY_PER_REQUEST");
            assert.equal(items.streamEnabled, true);
            assert.equal(items.streamViewType, "NEW_AND_OLD_IMAGES");
            assert.deepEqual(items.serverSideEncryption, { enabled: true }, "the AWS managed key aws/dynamodb");
            assert.equal(items.replicas ?? undefined, undefined);
            const tags = s.named("item-tags-table").inputs;
            assert.deepEqual([tags.hashKey, tags.rangeKey, tags.billingMode], ["tag", "itemId", "PAY_PER_REQUEST"]);
        }
    });

    it("prod's tables have point-in-time recovery, deletion protection, protect and retainOnDelete; dev's only point-in-time recovery", () => {
        for (const name of ["items-table", "item-tags-table"]) {
            const prodTable = prod.named(name);
            assert.deepEqual(prodTable.inputs.pointInTimeRecovery, { enabled: true, recoveryPeriodInDays: 35 }, name);
            assert.equal(prodTable.inputs.deletionProtectionEnabled, true, name);
            assert.deepEqual([prodTable.protect, prodTable.retainOnDelete], [true, true], name);
            // dev tears down easily, and keeps 35 days of recovery for cents (the policy pack's dynamodb-2-pitr).
            const devTable = dev.named(name);
            assert.deepEqual(devTable.inputs.pointInTimeRecovery, { enabled: true, recoveryPeriodInDays: 35 }, name);
            assert.equal(devTable.inputs.deletionProtectionEnabled, false, name);
            assert.deepEqual([devTable.protect, devTable.retainOnDelete], [false, false], name);
        }
        const pool = prod.named("items-user-pool-users");
        assert.deepEqual([pool.inputs.deletionProtection, pool.protect, pool.retainOnDelete], ["ACTIVE", true, true]);
        assert.equal(dev.named("items-user-pool-users").inputs.deletionProtection, undefined);
    });

    it("only prod keeps the items function warm: provisioned concurrency 2 on the alias, inside a reservation of 50", () => {
        const pc = prod.ofType("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig");
        assert.equal(pc.length, 1);
        assert.deepEqual([pc[0].inputs.qualifier, pc[0].inputs.provisionedConcurrentExecutions], ["live", 2]);
        assert.equal(prod.named("items-items-function").inputs.reservedConcurrentExecutions, 50);
        assert.equal(dev.ofType("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig").length, 0);
        assert.equal(dev.named("items-items-function").inputs.reservedConcurrentExecutions ?? undefined, undefined);
    });

    it("each stack throttles the items API's stage, keeps its access logs and allows CORS origins as configured", () => {
        for (const [s, throttle, days, cors] of [
            [dev, [50, 25], 14, ["http://localhost:3000"]],
            [prod, [500, 250], 90, undefined],
        ] as const) {
            const stage = s.named("items-stage").inputs;
            assert.deepEqual([stage.defaultRouteSettings.throttlingBurstLimit, stage.defaultRouteSettings.throttlingRateLimit], throttle);
            assert.equal(stage.accessLogSettings.destinationArn, s.named("items-access-logs").outputs.arn);
            assert.equal(s.named("items-access-logs").inputs.retentionInDays, days);
            const api = s.named("items-api").inputs;
            assert.deepEqual(api.corsConfiguration?.allowOrigins, cors);
            if (cors) {
                assert.ok(api.corsConfiguration.allowHeaders.includes("if-match") && api.corsConfiguration.allowHeaders.includes("idempotency-key"));
                // The browser reads the ETag it sends back in If-Match, and the created item's Location.
                assert.deepEqual(api.corsConfiguration.exposeHeaders, ["etag", "location"]);
            }
        }
    });

    it("writes the items function's code into plan.json as a digest and size, never the bundle's text", () => {
        for (const s of [dev, prod]) {
            const plan = JSON.parse(fs.readFileSync(s.result.files.plan, "utf8"));
            const step = plan.steps.find((x: any) => x.newState.type === "aws:lambda/function:Function" && x.urn.endsWith("::items-items-function"));
            const asset = step.newState.inputs.code.assets["index.js"];
            assert.deepEqual(Object.keys(asset).sort(), ["asset", "bytes", "sha256"]);
            assert.match(asset.sha256, /^[0-9a-f]{64}$/);
            assert.ok(asset.bytes > 10_000, `${asset.bytes} bytes`);
            // No text of a bundle anywhere: the plan's longest string (a dashboard body, a policy) is far shorter.
            const longest = (v: unknown): number =>
                typeof v === "string" ? v.length : v && typeof v === "object" ? Math.max(0, ...Object.values(v).map(longest)) : 0;
            assert.ok(longest(plan) < asset.bytes / 10, `a string of ${longest(plan)} characters in plan.json`);
        }
    });

    const statementsOf = (s: typeof dev, policy: string) => JSON.parse(s.named(policy).inputs.policy).Statement;

    it("both stacks record failed asynchronous work in one queue, encrypted, kept 14 days, and export its URL", () => {
        for (const s of [dev, prod]) {
            const queue = s.named("event-failures");
            assert.deepEqual([queue.inputs.sqsManagedSseEnabled, queue.inputs.messageRetentionSeconds], [true, 14 * 86_400]);
            assert.equal(s.result.evaluation.outputs.failuresQueueUrl, queue.outputs.url);
        }
    });

    it("both stacks alarm through the alarm topic when a failure waits in the queue (dev's topic exists for monitoring, without an e-mail)", () => {
        for (const s of [dev, prod]) {
            const alarm = s.named("event-failures-messages").inputs;
            assert.deepEqual([alarm.namespace, alarm.metricName, alarm.threshold], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", 1]);
            assert.equal(alarm.dimensions.QueueName, s.named("event-failures").outputs.name);
        }
        for (const s of [dev, prod]) assert.deepEqual(s.named("event-failures-messages").inputs.alarmActions, [s.named("alarms-topic").outputs.arn]);
        assert.equal(dev.ofType("aws:sns/topicSubscription:TopicSubscription").length, 0);
    });

    it("both stacks feed the tag indexer from the items table's stream, reporting batch item failures, discarded batches to the queue", () => {
        for (const s of [dev, prod]) {
            const mapping = s.named("tag-indexer-mapping").inputs;
            assert.equal(mapping.eventSourceArn, s.named("items-table").outputs.streamArn);
            assert.equal(mapping.functionName, s.named("tag-indexer-function").outputs.arn);
            assert.deepEqual(mapping.functionResponseTypes, ["ReportBatchItemFailures"]);
            assert.equal(mapping.destinationConfig.onFailure.destinationArn, s.named("event-failures").outputs.arn);
            assert.equal(mapping.bisectBatchOnFunctionError, true);
            const fn = s.named("tag-indexer-function").inputs;
            assert.equal(fn.environment.variables.TABLE_NAME, s.named("item-tags-table").outputs.name);
            // A batch of 100 items with up to 20 tags each: more than the default 10 s.
            assert.equal(fn.timeout, 60);
        }
    });

    it("both stacks keep partner events 14 days and alarm once one has waited a day; prod keeps the queue with the data", () => {
        for (const s of [dev, prod]) {
            assert.equal(s.named("partner-events").inputs.messageRetentionSeconds, 14 * 86_400);
            const alarm = s.named("partner-events-age").inputs;
            assert.deepEqual(
                [alarm.namespace, alarm.metricName, alarm.dimensions.QueueName, alarm.threshold],
                ["AWS/SQS", "ApproximateAgeOfOldestMessage", s.named("partner-events").outputs.name, 86_400],
            );
        }
        assert.deepEqual(prod.named("partner-events-age").inputs.alarmActions, [prod.named("alarms-topic").outputs.arn]);
        assert.equal(prod.named("partner-events").protect, true);
        assert.equal(dev.named("partner-events").protect ?? false, false);
    });

    it("the tag indexer may PutItem and DeleteItem on the tag index only, and read the items table's stream only", () => {
        for (const s of [dev, prod]) {
            assert.deepEqual(statementsOf(s, "tag-indexer-role-own"), [
                { Sid: "TagIndex", Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:DeleteItem"], Resource: s.named("item-tags-table").outputs.arn },
            ]);
            // StreamConsumer's grant: the four read actions on the items table's streams, and the failure queue.
            assert.deepEqual(
                statementsOf(s, "tag-indexer-policy").map((st: any) => st.Resource),
                [`${s.named("items-table").outputs.arn}/stream/*`, s.named("event-failures").outputs.arn],
            );
        }
    });

    it("both stacks run the sweeper nightly through a schedule whose target is the sweeper, with the retention as input and the queue as DLQ", () => {
        for (const s of [dev, prod]) {
            const schedule = s.named("nightly-sweep-schedule").inputs;
            assert.deepEqual([schedule.scheduleExpression, schedule.scheduleExpressionTimezone], ["cron(0 3 * * ? *)", "UTC"]);
            assert.equal(schedule.target.arn, s.named("sweeper-function").outputs.arn);
            assert.deepEqual(JSON.parse(schedule.target.input), { retentionDays: 30 });
            assert.equal(schedule.target.deadLetterConfig.arn, s.named("event-failures").outputs.arn);
            assert.deepEqual(schedule.target.retryPolicy, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 });
            // A run that throws is retried by Lambda, then recorded in the same queue.
            assert.equal(s.named("sweeper-async").inputs.destinationConfig.onFailure.destination, s.named("event-failures").outputs.arn);
        }
    });

    it("the sweeper may Scan the tombstones index and DeleteItem on the items table only, with its table and index names, a 900 s budget and no retry", () => {
        for (const s of [dev, prod]) {
            const table = s.named("items-table").outputs.arn;
            assert.deepEqual(statementsOf(s, "sweeper-role-own"), [
                { Sid: "Sweep", Effect: "Allow", Action: ["dynamodb:Scan", "dynamodb:DeleteItem"], Resource: table },
                { Sid: "ScanTombstones", Effect: "Allow", Action: "dynamodb:Scan", Resource: `${table}/index/tombstones` },
            ]);
            const fn = s.named("sweeper-function").inputs;
            assert.equal(fn.environment.variables.TABLE_NAME, s.named("items-table").outputs.name);
            assert.equal(fn.environment.variables.INDEX_NAME, "tombstones");
            assert.equal(fn.timeout, 900);
            assert.equal(s.named("sweeper-async").inputs.maximumRetryAttempts, 0);
        }
    });

    it("both stacks keep the photos buckets private and TLS-only, and send the thumbnail function's failures to the queue", () => {
        for (const s of [dev, prod]) {
            for (const bucket of ["photos-source", "photos-thumbnails"]) {
                const block = s.named(`${bucket}-public-access-block`).inputs;
                assert.deepEqual(
                    [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
                    [true, true, true, true],
                    bucket,
                );
                assert.equal(s.named(`${bucket}-ownership`).inputs.rule.objectOwnership, "BucketOwnerEnforced", bucket);
                const [deny] = statementsOf(s, `${bucket}-policy`);
                assert.deepEqual([deny.Effect, deny.Condition], ["Deny", { Bool: { "aws:SecureTransport": "false" } }], bucket);
            }
            assert.equal(s.named("photos-function-async").inputs.destinationConfig.onFailure.destination, s.named("event-failures").outputs.arn);
            assert.deepEqual(s.result.evaluation.outputs.photoBuckets, {
                source: s.named("photos-source").outputs.bucket,
                thumbnails: s.named("photos-thumbnails").outputs.bucket,
            });
        }
    });

    it("prod versions the photos buckets, expires old versions and keeps the uploads; dev's buckets are unversioned and destroyable", () => {
        assert.equal(prod.named("photos-source-versioning").inputs.versioningConfiguration.status, "Enabled");
        assert.ok(JSON.stringify(prod.named("photos-source-lifecycle").inputs.rules).includes('"noncurrentDays":30'));
        assert.deepEqual([prod.named("photos-source").inputs.forceDestroy, prod.named("photos-source").retainOnDelete], [false, true]);
        assert.equal(prod.named("photos-thumbnails").protect, false, "thumbnails are derived");
        assert.equal(dev.resources.filter((r) => r.name.startsWith("photos-") && r.name.endsWith("-versioning")).length, 0);
        assert.equal(dev.named("photos-source").inputs.forceDestroy, true);
    });

    it("both stacks expose the partners REST API: POST /events straight into an encrypted queue, body-validated, behind an API key", () => {
        for (const s of [dev, prod]) {
            const events = s.named("partner-events");
            assert.equal(events.inputs.sqsManagedSseEnabled, true);
            const integration = s.named("partners-integration-post-events").inputs;
            assert.equal(integration.type, "AWS");
            assert.match(integration.uri, new RegExp(`:sqs:path/123456789012/${events.outputs.name}$`));
            assert.equal(integration.credentials, s.named("partners-proxy-role-post-events").outputs.arn);
            const method = s.named("partners-method-post-events").inputs;
            assert.deepEqual([method.apiKeyRequired, method.authorization], [true, "NONE"]);
            const schema = JSON.parse(s.named("partners-model-post-events").inputs.schema);
            assert.deepEqual(schema.required, ["type"]);
        }
    });

    it("the partners API's SQS proxy role may only SendMessage to the partner-events queue", () => {
        for (const s of [dev, prod]) {
            assert.deepEqual(statementsOf(s, "partners-proxy-role-post-events-proxy"), [
                { Sid: "SendMessages", Effect: "Allow", Action: "sqs:SendMessage", Resource: s.named("partner-events").outputs.arn },
            ]);
        }
    });

    it("the partners API reads one item through a read-only items function: GetItem on the items table only", () => {
        for (const s of [dev, prod]) {
            const integration = s.named("partners-integration-get-items-id").inputs;
            assert.equal(integration.type, "AWS_PROXY");
            assert.ok(integration.uri.includes(s.named("partners-items-function").outputs.arn));
            assert.equal(s.named("partners-method-get-items-id").inputs.apiKeyRequired, true);
            assert.deepEqual(statementsOf(s, "partners-items-role-own"), [
                { Sid: "PartnerReads", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: s.named("items-table").outputs.arn },
            ]);
            assert.equal(s.named("partners-items-function").inputs.environment.variables.TABLE_NAME, s.named("items-table").outputs.name);
        }
    });

    it("each stack's usage plan gives its keys the configured daily quota and throttle, and exports key ids, never values", () => {
        for (const [s, quota, throttle] of [
            [dev, 1000, { burstLimit: 10, rateLimit: 5 }],
            [prod, 100_000, { burstLimit: 50, rateLimit: 25 }],
        ] as const) {
            const plan = s.named("partners-usage-plan-partners").inputs;
            assert.deepEqual([plan.quotaSettings.limit, plan.quotaSettings.period], [quota, "DAY"]);
            assert.deepEqual(plan.throttleSettings, throttle);
            const key = s.named("partners-api-key-partner-a");
            assert.equal(s.named("partners-usage-plan-key-partners-partner-a").inputs.keyId, key.id);
            assert.deepEqual(s.result.evaluation.outputs.partnerApiKeyIds, { "partner-a": key.id });
            assert.equal(s.result.evaluation.outputs.partnersUrl, s.named("partners-stage").outputs.invokeUrl);
            assert.ok(s.named("partners-account"), "the account's CloudWatch role setting");
        }
    });

    it("only prod caches partner reads: a 0.5 GB cluster, GET /items/{id} for 60 s; dev has no cache cluster", () => {
        const stage = prod.named("partners-stage").inputs;
        assert.deepEqual([stage.cacheClusterEnabled, stage.cacheClusterSize], [true, "0.5"]);
        const cached = prod.named("partners-method-settings-get-items-id").inputs.settings;
        assert.deepEqual([cached.cachingEnabled, cached.cacheTtlInSeconds, cached.cacheDataEncrypted], [true, 60, true]);
        assert.equal(dev.named("partners-stage").inputs.cacheClusterEnabled, false);
        assert.equal(dev.resources.filter((r) => r.name === "partners-method-settings-get-items-id").length, 0);
    });

    it("both stacks forward /legacy/{proxy+} through a VPC link in the private subnets to the internal legacy ALB's listener, prefix stripped", () => {
        for (const s of [dev, prod]) {
            const privateSubnets = s
                .ofType("aws:ec2/subnet:Subnet")
                .filter((x) => x.name.startsWith("main-private-"))
                .map((x) => x.id)
                .sort();
            const link = s.named("items-vpc-link");
            assert.deepEqual([...link.inputs.subnetIds].sort(), privateSubnets);
            for (const key of ["get", "any"]) {
                const integration = s.named(`items-proxy-integration-${key}-legacy-proxy`).inputs;
                assert.deepEqual([integration.integrationType, integration.connectionType, integration.connectionId], ["HTTP_PROXY", "VPC_LINK", link.id]);
                assert.equal(integration.integrationUri, s.named("saas-legacy-listener-80").outputs.arn);
                // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's parameter mapping syntax, not a template
                assert.deepEqual(integration.requestParameters, { "overwrite:path": "/${request.path.proxy}" });
            }
            // Reads public as the items API's (publicReads); every other method needs a token.
            assert.equal(s.named("items-route-get-legacy-proxy").inputs.authorizationType, "NONE");
            assert.equal(s.named("items-route-any-legacy-proxy").inputs.authorizationType, "JWT");
        }
    });

    it("dev runs one legacy task on Fargate Spot; prod two on its on-demand base", () => {
        const svc = dev.named("saas-legacy").inputs;
        assert.equal(svc.desiredCount, 1);
        assert.deepEqual(
            svc.capacityProviderStrategies.filter((c: any) => c.weight > 0 || c.base > 0).map((c: any) => c.capacityProvider),
            ["FARGATE_SPOT"],
        );
        assert.equal(prod.named("saas-legacy").inputs.desiredCount, 2);
    });

    /** The distribution's behaviors by path pattern ("default" for the default one), in CloudFront's order. */
    const behaviors = (s: typeof dev) => {
        const d = s.named("cdn-distribution").inputs;
        return [["default", d.defaultCacheBehavior], ...d.orderedCacheBehaviors.map((b: any) => [b.pathPattern, b])] as [string, any][];
    };
    /** The CloudFront Function key behind an association's ARN (`cdn-function-<key>`). */
    const functionKey = (s: typeof dev, arn: string) =>
        s
            .ofType("aws:cloudfront/function:Function")
            .find((f) => f.outputs.arn === arn)!
            .name.replace(/^cdn-function-/, "");

    it("both stacks put one CloudFront distribution in front of the site bucket through OAC, the public ALB and the items API's execute-api host", () => {
        for (const s of [dev, prod]) {
            assert.equal(s.ofType("aws:cloudfront/distribution:Distribution").length, 1);
            const origins = Object.fromEntries(s.named("cdn-distribution").inputs.origins.map((o: any) => [o.originId, o]));
            assert.deepEqual(Object.keys(origins).sort(), ["api", "site", "web"]);
            assert.equal(origins.site.domainName, s.named("cdn-bucket-site").outputs.bucketRegionalDomainName);
            assert.equal(origins.site.originAccessControlId, s.named("cdn-origin-access-control").id);
            assert.equal(s.named("cdn-origin-access-control").inputs.originAccessControlOriginType, "s3");
            assert.equal(origins.web.domainName, s.named("saas-public-alb").outputs.dnsName);
            assert.equal(origins.api.domainName, new URL(s.named("items-stage").outputs.invokeUrl).host);
            // API Gateway serves HTTPS only; the ALB has no certificate in either preset: HTTP, with the component's warning.
            assert.equal(origins.api.customOriginConfig.originProtocolPolicy, "https-only");
            assert.equal(origins.web.customOriginConfig.originProtocolPolicy, "http-only");
        }
    });

    it("both stacks route the API's own paths to it in all methods, forwarding every viewer header but Host and the token through the cache key", () => {
        for (const s of [dev, prod]) {
            assert.deepEqual(
                behaviors(s).map(([p, b]) => `${p} ${b.targetOriginId}`),
                ["default site", "/items api", "/items/* api", "/private/* site", "/assets/* site", "/app1/* web", "/app2/* web"],
            );
            const policy = s.named("cdn-cache-policy-api");
            for (const [, b] of behaviors(s).filter(([, b]) => b.targetOriginId === "api")) {
                // AllViewerExceptHostHeader (managed): API Gateway answers only its own host name.
                assert.equal(b.originRequestPolicyId, "b689b0a8-53d0-40ab-baf2-68738e2966ac");
                assert.equal(b.cachePolicyId, policy.id);
                assert.deepEqual(b.allowedMethods, ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
            }
            const p = policy.inputs;
            assert.deepEqual([p.minTtl, p.defaultTtl], [0, 0]);
            assert.deepEqual(p.parametersInCacheKeyAndForwardedToOrigin.headersConfig.headers.items, ["Authorization"]);
        }
    });

    it("both stacks attach each CloudFront Function and the Lambda@Edge router on the events of the behaviors that use them", () => {
        for (const s of [dev, prod]) {
            const router = s.named("cdn-router-function");
            const associations = Object.fromEntries(
                behaviors(s).map(([p, b]) => [
                    p,
                    [
                        ...b.functionAssociations.map((a: any) => `${a.eventType}:${functionKey(s, a.functionArn)}`),
                        ...b.lambdaFunctionAssociations.map(
                            (a: any) => `${a.eventType}:${a.lambdaArn === `${router.outputs.arn}:${router.outputs.version}` ? "router" : a.lambdaArn}`,
                        ),
                    ],
                ]),
            );
            assert.deepEqual(associations, {
                default: ["viewer-request:rewrite", "viewer-response:security-headers"],
                "/items": [],
                "/items/*": [],
                "/private/*": ["viewer-request:jwt"],
                "/assets/*": ["viewer-request:cache-key"],
                "/app1/*": ["viewer-request:bot", "origin-request:router"],
                "/app2/*": ["viewer-request:ab-test", "viewer-response:ab-test"],
            });
            for (const f of s.ofType("aws:cloudfront/function:Function")) {
                assert.equal(f.inputs.runtime, "cloudfront-js-2.0", f.name);
                assert.equal(f.inputs.publish, true, f.name);
            }
        }
    });

    it("both stacks key /app2/* pages by the A/B variant header, and forward the router's headers to /app1/*'s origin request", () => {
        for (const s of [dev, prod]) {
            const [, app1] = behaviors(s).find(([p]) => p === "/app1/*")!;
            const router = s.named("cdn-origin-request-policy-router");
            assert.equal(app1.originRequestPolicyId, router.id);
            assert.deepEqual(router.inputs.headersConfig, {
                headerBehavior: "whitelist",
                headers: { items: ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"] },
            });
            const [, app2] = behaviors(s).find(([p]) => p === "/app2/*")!;
            const ab = s.named("cdn-cache-policy-ab");
            assert.equal(app2.cachePolicyId, ab.id);
            assert.deepEqual(ab.inputs.parametersInCacheKeyAndForwardedToOrigin.headersConfig.headers.items, ["x-ab-variant"]);
        }
    });

    it("both stacks answer /app1 and /app2 (ALB paths no CloudFront pattern of the apps matches) with a redirect to the apps' behaviors", async () => {
        for (const s of [dev, prod]) {
            const redirects = s.ofType("aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey").find((k) => k.inputs.key === "redirects")!.inputs.value;
            const rewrite = loadCloudFrontFunction(s.named("cdn-function-rewrite").inputs.code, { kvs: { redirects } });
            for (const app of ["app1", "app2"]) {
                // The ALB's rule for the app names the bare path too.
                assert.ok(
                    s.named(`saas-${app}-rule`).inputs.conditions.some((c: any) => c.pathPattern?.values.includes(`/${app}`)),
                    app,
                );
                const out = await rewrite.handler(viewerRequest({ uri: `/${app}` }));
                assert.equal(out.statusCode, 301, app);
                assert.equal(out.headers.location.value, `/${app}/`);
                const [, b] = behaviors(s).find(([p]) => p === `/${app}/*`)!;
                assert.equal(b.targetOriginId, "web");
            }
        }
    });

    it("until the operator puts jwt-secret, /private/* answers 401 without a token and fails closed (a function error, 503) with one", async () => {
        for (const s of [dev, prod]) {
            const kvs = Object.fromEntries(s.ofType("aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey").map((k) => [k.inputs.key, k.inputs.value]));
            const jwt = loadCloudFrontFunction(s.named("cdn-function-jwt").inputs.code, { kvs });
            assert.equal((await jwt.handler(viewerRequest({ uri: "/private/a.html" }))).statusCode, 401);
            const token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2ln";
            await assert.rejects(jwt.handler(viewerRequest({ uri: "/private/a.html", headers: { authorization: `Bearer ${token}` } })));
        }
    });

    it("both stacks put the response-headers policy on every behavior, the default too: error pages, which no viewer-response function sees, keep HSTS and nosniff", () => {
        for (const s of [dev, prod]) {
            const policy = s.named("cdn-response-headers-policy");
            for (const [pattern, b] of behaviors(s)) assert.equal(b.responseHeadersPolicyId, policy.id, pattern);
        }
    });

    it("both stacks cache an /app2/* page only when the app's Cache-Control says so: the viewer's headers but Host, and its cookies, reach the app but are not in the key", () => {
        for (const s of [dev, prod]) {
            const [, app2] = behaviors(s).find(([p]) => p === "/app2/*")!;
            assert.equal(app2.originRequestPolicyId, MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader);
            const ab = s.named("cdn-cache-policy-ab").inputs;
            assert.equal(ab.parametersInCacheKeyAndForwardedToOrigin.cookiesConfig.cookieBehavior, "none");
            // Without Cache-Control (nginx's default), TTL 0: nothing cached; `private` or `no-store` also (min 0).
            assert.deepEqual([ab.minTtl, ab.defaultTtl], [0, 0]);
        }
    });

    it("both stacks run the router as Lambda@Edge in us-east-1 through an explicit provider carrying the stack's default tags, published, with its routes file", () => {
        for (const [stack, s] of [
            ["dev", dev],
            ["prod", prod],
        ] as const) {
            const provider = s.named("cdn-us-east-1");
            assert.equal(provider.inputs.region, "us-east-1");
            // Provider inputs travel as JSON text.
            assert.deepEqual(JSON.parse(provider.inputs.defaultTags), { tags: { project: "aws-platform", environment: stack } });
            const fn = s.named("cdn-router-function");
            assert.ok(fn.provider?.startsWith(`${provider.urn}::`), "the function goes through the us-east-1 provider");
            assert.equal(fn.inputs.publish, true);
            assert.deepEqual(Object.keys(fn.maskedInputs.code.assets).sort(), ["index.js", "routes.json"]);
            assert.match(fn.outputs.arn, /^arn:aws:lambda:us-east-1:/);
            const trust = JSON.parse(s.named("cdn-router-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement[0].Principal.Service, ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]);
        }
    });

    it("both stacks' site bucket admits s3:GetObject on its objects and s3:ListBucket on itself from CloudFront only with this distribution as AWS:SourceArn", () => {
        for (const s of [dev, prod]) {
            const policy = JSON.parse(s.named("cdn-bucket-site-policy").inputs.policy);
            const bucketArn = s.named("cdn-bucket-site").outputs.arn;
            const allow = policy.Statement.filter((st: any) => st.Effect === "Allow");
            assert.deepEqual(
                allow.map((st: any) => [st.Action, st.Resource]),
                [
                    ["s3:GetObject", `${bucketArn}/*`],
                    ["s3:ListBucket", bucketArn],
                ],
            );
            for (const st of allow) {
                assert.deepEqual(st.Principal, { Service: "cloudfront.amazonaws.com" });
                assert.deepEqual(st.Condition, { StringEquals: { "AWS:SourceArn": s.named("cdn-distribution").outputs.arn } });
            }
        }
    });

    it("both stacks' CDN answers / with index.html (the root never lists the site bucket) and customizes no error", () => {
        for (const s of [dev, prod]) {
            assert.equal(s.named("cdn-distribution").inputs.defaultRootObject, "index.html");
            assert.equal(s.named("cdn-distribution").inputs.customErrorResponses, undefined);
        }
    });

    it("both stacks write the edge data from config as KeyValueStore keys, and never the JWT secret", () => {
        for (const [cfg, s] of [
            [PRESETS.dev.cdn, dev],
            [PRESETS.prod.cdn, prod],
        ] as const) {
            const keys = Object.fromEntries(
                s.ofType("aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey").map((k) => [k.inputs.key, JSON.parse(k.inputs.value)]),
            );
            assert.deepEqual(keys, { redirects: cfg.redirects, "ab-weights": cfg.abWeights, "cache-key": cfg.cacheKey, "bot-rules": cfg.botRules });
            const kvs = s.named("cdn-kvs").outputs.arn;
            for (const f of s.ofType("aws:cloudfront/function:Function").filter((f) => f.name !== "cdn-function-security-headers"))
                assert.deepEqual(f.inputs.keyValueStoreAssociations, [kvs], f.name);
            assert.equal(s.result.evaluation.outputs.cdnKeyValueStoreArn, kvs);
        }
    });

    it("prod's public ALB admits only CloudFront's origin-facing prefix list on its listener port; dev's admits everyone", () => {
        // The fixture's id for the list of that name: the stack looked CloudFront's list up, not another.
        const cloudFront = `pl-${hex(CLOUDFRONT_ORIGIN_FACING, 8)}`;
        assert.deepEqual(prod.named("saas-public-lb-sg").inputs.ingress, [
            { protocol: "tcp", fromPort: 80, toPort: 80, prefixListIds: [cloudFront], description: "Listener 80 from prefix lists" },
        ]);
        assert.deepEqual(
            dev.named("saas-public-lb-sg").inputs.ingress.map((r: any) => [r.fromPort, r.cidrBlocks, r.prefixListIds]),
            [[80, ["0.0.0.0/0"], undefined]],
        );
        // The internal legacy ALB behind the items API's VPC link keeps admitting the VPC (the link's interfaces).
        assert.deepEqual(
            prod.named("saas-legacy-lb-sg").inputs.ingress.map((r: any) => [r.fromPort, r.cidrBlocks, r.prefixListIds]),
            [[80, [PRESETS.prod.network.cidrBlock], undefined]],
        );
    });

    it("prod keeps the site bucket and its access logs 90 days; dev's bucket is destroyable, logs 14 days", () => {
        assert.deepEqual([prod.named("cdn-bucket-site").protect, prod.named("cdn-bucket-site").retainOnDelete], [true, true]);
        assert.equal(prod.named("cdn-bucket-site").inputs.forceDestroy, false);
        assert.deepEqual([dev.named("cdn-bucket-site").protect, dev.named("cdn-bucket-site").inputs.forceDestroy], [false, true]);
        assert.equal(prod.named("cdn-access-logs").inputs.retentionInDays, 90);
        assert.equal(dev.named("cdn-access-logs").inputs.retentionInDays, 14);
        for (const s of [dev, prod]) assert.equal(s.named("cdn-access-logs").inputs.region, "us-east-1");
    });

    it("both stacks record a multi-region trail with log file validation under a customer key, delivered to CloudWatch Logs", () => {
        for (const s of [dev, prod]) {
            const trail = s.named("audit-trail").inputs;
            assert.deepEqual([trail.isMultiRegionTrail, trail.enableLogFileValidation, trail.includeGlobalServiceEvents], [true, true, true]);
            assert.equal(trail.kmsKeyId, s.named("audit-key").outputs.arn);
            assert.equal(trail.s3BucketName, s.named("audit-bucket").outputs.bucket);
            assert.equal(trail.cloudWatchLogsRoleArn, s.named("audit-log-role").outputs.arn);
            assert.match(trail.cloudWatchLogsGroupArn, /:log-group:audit-logs-[0-9a-f]+:\*$/);
        }
    });

    it("both stacks alert the alarm topic on root sign-in, IAM policy, security group, trail and key-deletion events through the audit function", () => {
        for (const s of [dev, prod]) {
            const rules = s
                .ofType("aws:cloudwatch/eventRule:EventRule")
                .filter((r) => r.name.startsWith("audit-alert-"))
                .map((r) => r.name)
                .sort();
            assert.deepEqual(rules, [
                "audit-alert-cloudtrail-changes",
                "audit-alert-iam-policy-changes",
                "audit-alert-kms-key-deletion",
                "audit-alert-root-sign-in",
                "audit-alert-security-group-changes",
            ]);
            const env = s.named("audit-alert-function").inputs.environment.variables;
            assert.ok(Object.values(env).includes(s.named("alarms-topic").outputs.arn), "the function publishes to the alarm topic");
            assert.equal(s.named("audit-alert-root-sign-in-target").inputs.arn, s.named("audit-alert-function").outputs.arn);
        }
    });

    it("prod's trail keeps a year of logs under protection, with Insights and the items table's data events; dev's 90 days, neither", () => {
        const lifecycle = (s: typeof dev) => s.named("audit-bucket-lifecycle").inputs.rules.find((r: any) => r.expiration)?.expiration.days;
        assert.deepEqual([lifecycle(prod), lifecycle(dev)], [365, 90]);
        assert.deepEqual([prod.named("audit-logs").inputs.retentionInDays, dev.named("audit-logs").inputs.retentionInDays], [90, 14]);
        const prodTrail = prod.named("audit-trail").inputs;
        assert.deepEqual(prodTrail.insightSelectors.map((i: any) => i.insightType).sort(), ["ApiCallRateInsight", "ApiErrorRateInsight"]);
        const data = prodTrail.advancedEventSelectors.find((sel: any) => sel.fieldSelectors.some((f: any) => f.equals?.includes("AWS::DynamoDB::Table")));
        assert.ok(data, "a DynamoDB data event selector");
        assert.deepEqual(data.fieldSelectors.find((f: any) => f.field === "resources.ARN").equals, [prod.named("items-table").outputs.arn]);
        const devTrail = dev.named("audit-trail").inputs;
        assert.deepEqual(devTrail.insightSelectors ?? [], []);
        assert.equal(JSON.stringify(devTrail.advancedEventSelectors ?? []).includes("AWS::DynamoDB::Table"), false);
        assert.deepEqual([dev.named("audit-bucket").protect, dev.named("audit-key").protect], [false, false]);
    });

    it("both stacks alarm on the items API's 5xx and p99 latency, the functions, the tables, the partners API and the audit alerts' failure queue, to the alarm topic", () => {
        for (const s of [dev, prod]) {
            const alarms = s.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.startsWith("monitoring-"));
            const names = alarms.map((a) => a.name.slice("monitoring-".length));
            for (const name of [
                "audit-alerts-dead-letters",
                "items-5xx",
                "items-latency-p99",
                "partners-5xx",
                "partners-latency-p99",
                "items-errors",
                "items-throttles",
                "tag-indexer-errors",
                "sweeper-errors",
                "thumbnails-errors",
                "partners-items-errors",
                "items-read-throttles",
                "items-write-throttles",
                "item-tags-read-throttles",
                "item-tags-write-throttles",
            ])
                assert.ok(names.includes(name), name);
            const topic = s.named("alarms-topic").outputs.arn;
            for (const a of alarms) {
                assert.deepEqual([a.inputs.alarmActions, a.inputs.okActions], [[topic], [topic]], a.name);
            }
            const api = s.named("monitoring-items-5xx").inputs;
            assert.deepEqual(
                [api.namespace, api.metricName, api.dimensions.ApiId, api.dimensions.Stage],
                ["AWS/ApiGateway", "5xx", s.named("items-api").id, "$default"],
            );
            // The services' target 5xx stays ContainerService's own: no second alarm on it.
            assert.equal(
                names.some((n) => n.includes("target-5xx")),
                false,
            );
        }
    });

    it("both stacks alarm once per metric: monitoring leaves the ECS services' CPU and memory and the alarmed queues to their own alarms", () => {
        for (const s of [dev, prod]) {
            const seen = new Map<string, string>();
            for (const a of s.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((x) => x.inputs.metricName !== undefined)) {
                const i = a.inputs;
                const dims = Object.entries(i.dimensions ?? {}).sort(([x], [y]) => x.localeCompare(y));
                const metric = JSON.stringify([i.namespace, i.metricName, dims]);
                assert.equal(seen.get(metric), undefined, `${a.name} alarms on the metric of ${seen.get(metric)}: ${metric}`);
                seen.set(metric, a.name);
            }
            for (const svc of ["web", "app1", "app2", "worker"])
                for (const m of ["cpu-high", "memory-high"]) {
                    assert.ok(
                        seen.has(
                            JSON.stringify([
                                "AWS/ECS",
                                m === "cpu-high" ? "CPUUtilization" : "MemoryUtilization",
                                [
                                    ["ClusterName", s.named("saas-cluster").outputs.name],
                                    ["ServiceName", s.named(`saas-${svc}`).outputs.name],
                                ],
                            ]),
                        ),
                        `${svc} ${m}`,
                    );
                    assert.equal(
                        s.resources.some((r) => r.name === `monitoring-${svc}-${m}`),
                        false,
                        `monitoring-${svc}-${m}`,
                    );
                }
            const audit = s.named("monitoring-audit-alerts-dead-letters").inputs;
            assert.deepEqual(audit.dimensions, { QueueName: s.named("audit-alert-failures").outputs.name });
        }
    });

    it("both stacks graph the ECS services' CPU and memory and the dead-letter queues on the dashboard, a threshold line only on monitoring's own alarms", () => {
        for (const s of [dev, prod]) {
            const graphs = JSON.parse(s.named("monitoring-dashboard").inputs.dashboardBody).widgets.filter((w: any) => w.type === "metric");
            const graph = (metricName: string, value: string) => {
                const g = graphs.find((w: any) => w.properties.metrics[0][1] === metricName && w.properties.metrics[0].includes(value));
                assert.ok(g, `no graph of ${metricName} for ${value}`);
                return g;
            };
            for (const svc of ["web", "app1", "app2", "worker"])
                for (const m of ["CPUUtilization", "MemoryUtilization"])
                    assert.equal(graph(m, s.named(`saas-${svc}`).outputs.name).properties.annotations, undefined);
            for (const q of ["event-failures", "saas-worker-dlq"])
                assert.equal(graph("ApproximateNumberOfMessagesVisible", s.named(q).outputs.name).properties.annotations, undefined, q);
            assert.deepEqual(
                graph("ApproximateNumberOfMessagesVisible", s.named("audit-alert-failures").outputs.name).properties.annotations.horizontal.map(
                    (h: any) => h.value,
                ),
                [1],
            );
        }
    });

    it("both stacks run the pipeline's tests on Node.js 22, pinned in the buildspec, within package.json's engines; prod's items build too", () => {
        const engines = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).engines.node;
        const min = Number(/^>=(\d+)/.exec(engines)![1]);
        const projects = [dev.named("deliver-test-project"), prod.named("deliver-test-project"), prod.named("deliver-items-project")];
        for (const project of projects) {
            const spec = YAML.parse(project.inputs.source.buildspec);
            assert.deepEqual(spec.phases.install["runtime-versions"], { nodejs: 22 }, project.name);
            assert.ok(22 >= min, engines);
        }
    });

    it("both stacks draw the alarms on a dashboard and save Logs Insights queries for the services', functions' and APIs' logs", () => {
        for (const s of [dev, prod]) {
            const body = JSON.parse(s.named("monitoring-dashboard").inputs.dashboardBody);
            assert.ok(body.widgets.length >= 10, `${body.widgets.length} widgets`);
            const queries = s.ofType("aws:cloudwatch/queryDefinition:QueryDefinition").map((q) => q.name);
            for (const name of [
                "monitoring-web-errors",
                "monitoring-worker-errors",
                "monitoring-fn-items-cold-starts",
                "monitoring-items-api-server-errors",
                "monitoring-partners-api-slowest-requests",
            ])
                assert.ok(queries.includes(name), name);
            const web = s.ofType("aws:cloudwatch/queryDefinition:QueryDefinition").find((q) => q.name === "monitoring-web-errors")!;
            assert.deepEqual(web.inputs.logGroupNames, [s.named("saas-web-logs").outputs.name]);
        }
    });

    it("both stacks send stopped ECS tasks to the alarm topic; prod also its EC2 groups' launches and terminations, and keeps the CloudWatch agent's configuration", () => {
        for (const s of [dev, prod]) {
            const pattern = JSON.parse(s.named("monitoring-ecs-task-stopped").inputs.eventPattern);
            assert.deepEqual(pattern.detail.clusterArn, [s.named("saas-cluster").outputs.arn]);
            assert.equal(s.named("monitoring-ecs-task-stopped-sns").inputs.arn, s.named("alarms-topic").outputs.arn);
        }
        const asg = JSON.parse(prod.named("monitoring-autoscaling").inputs.eventPattern);
        assert.deepEqual([...asg.detail.AutoScalingGroupName].sort(), ["saas-on-demand-asg", "saas-spot-asg"].map((n) => prod.named(n).outputs.name).sort());
        assert.match(prod.named("monitoring-agent-config").inputs.name, /^AmazonCloudWatch-/);
        for (const name of ["monitoring-autoscaling", "monitoring-agent-config"])
            assert.equal(
                dev.resources.some((r) => r.name === name),
                false,
                name,
            );
    });

    it("both stacks' alarm topic admits EventBridge (monitoring's rules) and CodeStar Notifications (the pipeline) in its policy", () => {
        for (const s of [dev, prod]) {
            const policy = JSON.parse(s.named("alarms-topic-policy").inputs.policy);
            const services = policy.Statement.flatMap((st: any) => [st.Principal?.Service ?? []].flat());
            for (const service of ["cloudwatch.amazonaws.com", "events.amazonaws.com", "codestar-notifications.amazonaws.com"])
                assert.ok(services.includes(service), service);
        }
    });

    /** The pipeline's stages as `Stage: action(provider, runOrder), ...`. */
    const stagesOf = (s: typeof dev) =>
        s
            .named("release-pipeline")
            .inputs.stages.map((st: any) => `${st.name}: ${st.actions.map((a: any) => `${a.name}(${a.provider}, ${a.runOrder})`).join(", ")}`);

    it("prod releases tags v*: Build, Test, an approval notified to the alarm topic, then Production with app2 blue/green and the items canary in parallel", () => {
        assert.deepEqual(stagesOf(prod), [
            "Source: Source(CodeStarSourceConnection, 1)",
            "Build: image(CodeBuild, 1)",
            "Test: test(CodeBuild, 1)",
            "Approval: release(Manual, 1)",
            "Production: app2(CodeDeployToECS, 1), items(CodeBuild, 1)",
        ]);
        const pipeline = prod.named("release-pipeline").inputs;
        assert.deepEqual(pipeline.triggers[0].gitConfiguration.pushes, [{ tags: { includes: ["v*"] } }]);
        const approval = pipeline.stages[3].actions[0].configuration;
        assert.equal(approval.NotificationArn, prod.named("alarms-topic").outputs.arn);
    });

    it("dev deploys every push to main without approval: Build, Test, then web rolled out by CodePipeline's ECS action, which web leaves its task definition to", () => {
        assert.deepEqual(stagesOf(dev), [
            "Source: Source(CodeStarSourceConnection, 1)",
            "Build: image(CodeBuild, 1)",
            "Test: test(CodeBuild, 1)",
            "Deploy: web(ECS, 1)",
        ]);
        const pipeline = dev.named("release-pipeline").inputs;
        assert.deepEqual(pipeline.triggers[0].gitConfiguration.pushes, [{ branches: { includes: ["main"] } }]);
        const ecs = pipeline.stages[3].actions[0].configuration;
        assert.deepEqual([ecs.ClusterName, ecs.ServiceName], [dev.named("saas-cluster").outputs.name, dev.named("saas-web").outputs.name]);
        assert.ok(dev.named("saas-web").ignoreChanges.includes("taskDefinition"));
        assert.equal(dev.ofType("aws:codedeploy/deploymentGroup:DeploymentGroup").length, 0);
        assert.equal(prod.named("saas-web").ignoreChanges?.includes("taskDefinition") ?? false, false, "prod's web is released by pulumi up");
    });

    it("both pipelines read the repository through a CodeConnections connection; approvals reach the alarm topic through their notification rule, failed executions through monitoring's rule", () => {
        for (const s of [dev, prod]) {
            const source = s.named("release-pipeline").inputs.stages[0].actions[0].configuration;
            assert.deepEqual(
                [source.ConnectionArn, source.FullRepositoryId, source.BranchName],
                [s.named("release-connection").outputs.arn, "example/aws-platform", "main"],
            );
            assert.equal(s.named("release-connection").inputs.providerType, "GitHub");
            const rule = s.named("release-notifications").inputs;
            assert.deepEqual(rule.eventTypeIds, ["codepipeline-pipeline-manual-approval-needed"]);
            assert.deepEqual(rule.targets, [{ address: s.named("alarms-topic").outputs.arn, type: "SNS" }]);
            const failed = s
                .ofType("aws:cloudwatch/eventRule:EventRule")
                .filter((r) => r.name.startsWith("monitoring-") && r.inputs.eventPattern.includes("CodePipeline Pipeline Execution State Change"));
            assert.equal(failed.length, 1);
            const pattern = JSON.parse(failed[0].inputs.eventPattern);
            assert.deepEqual([pattern.detail.pipeline, pattern.detail.state], [[s.named("release-pipeline").outputs.name], ["FAILED"]]);
        }
    });

    it("both stacks' image build uses a Dockerfile the repository has (the sample's nginx from ECR Public, pages at /app1/ and /app2/)", () => {
        for (const s of [dev, prod]) {
            const buildspec: string = s.named("deliver-image-project").inputs.source.buildspec;
            const dockerfile = /docker build [^\n]*-f (\S+)/.exec(buildspec)?.[1];
            assert.ok(dockerfile, buildspec);
            const file = path.join(root, dockerfile);
            assert.ok(fs.existsSync(file), `${dockerfile} is not in the repository`);
            const text = fs.readFileSync(file, "utf8");
            assert.match(text, /^FROM public\.ecr\.aws\/nginx\/nginx:/m);
            assert.match(text, /app1 app2/);
        }
        assert.match(fs.readFileSync(path.join(root, ".dockerignore"), "utf8"), /^node_modules$/m);
    });

    it("both stacks let the released service's execution role pull the app repository, where the pipeline pushes its images", () => {
        for (const [s, service] of [
            [dev, "web"],
            [prod, "app2"],
        ] as const) {
            const policy = s.named("deliver-pull").inputs;
            assert.equal(policy.role, s.named(`saas-${service}-execution-role`).outputs.name);
            const statements = (typeof policy.policy === "string" ? JSON.parse(policy.policy) : policy.policy).Statement;
            assert.deepEqual(
                statements.map((st: any) => [st.Action, st.Resource]),
                [
                    ["ecr:GetAuthorizationToken", "*"],
                    [["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], s.named("saas-app-repo").outputs.arn],
                ],
            );
        }
    });

    it("prod hands app2 to CodeDeploy: both target groups, the production listener, canary 10 % for 5 minutes, rolled back on its 5xx and unhealthy-hosts alarms", () => {
        const app2 = prod.named("saas-app2");
        assert.deepEqual(app2.inputs.deploymentController, { type: "CODE_DEPLOY" });
        assert.ok(app2.ignoreChanges.includes("taskDefinition"));
        const group = prod.named("app2-release-group").inputs;
        assert.equal(group.deploymentConfigName, "CodeDeployDefault.ECSCanary10Percent5Minutes");
        assert.deepEqual(group.ecsService, { clusterName: prod.named("saas-cluster").outputs.name, serviceName: app2.outputs.name });
        assert.deepEqual(
            group.loadBalancerInfo.targetGroupPairInfo.targetGroups.map((t: any) => t.name),
            [prod.named("saas-app2-tg").outputs.name, prod.named("saas-app2-tg-alt").outputs.name],
        );
        assert.deepEqual(group.loadBalancerInfo.targetGroupPairInfo.prodTrafficRoute.listenerArns, [prod.named("saas-public-listener-80").outputs.arn]);
        assert.deepEqual(group.alarmConfiguration.alarms, [
            prod.named("saas-app2-http-5xx").outputs.name,
            prod.named("saas-app2-unhealthy-hosts").outputs.name,
        ]);
        assert.deepEqual(group.autoRollbackConfiguration, { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] });
        const action = prod.named("release-pipeline").inputs.stages[4].actions[0].configuration;
        assert.deepEqual(
            [action.ApplicationName, action.DeploymentGroupName],
            [prod.named("app2-release-application").outputs.name, prod.named("app2-release-group").outputs.deploymentGroupName],
        );
        // Request-count scaling would follow -tg only, where CodeDeploy alternates the live task set.
        assert.equal(
            prod.resources.some((r) => r.name === "saas-app2-requests-scaling"),
            false,
        );
    });

    it("prod's image build writes app2's capacity provider strategy into the AppSpec, since CodeDeploy's task set would otherwise land on the cluster's default", () => {
        const project = prod.named("deliver-image-project").inputs;
        const env = Object.fromEntries(project.environment.environmentVariables.map((v: any) => [v.name, v.value]));
        const strategy = JSON.parse(env.CAPACITY_PROVIDER_STRATEGY);
        assert.deepEqual(
            strategy,
            prod
                .named("saas-app2")
                .inputs.capacityProviderStrategies.map((i: any) => ({ capacityProvider: i.capacityProvider, base: i.base, weight: i.weight })),
        );
        assert.equal(env.TASK_DEFINITION_FAMILY, prod.named("saas-app2-task").inputs.family);
        assert.match(project.source.buildspec, /CapacityProviderStrategy/);
        assert.equal(dev.named("deliver-image-project").inputs.source.buildspec.includes("CapacityProviderStrategy"), false);
    });

    it("prod releases the items function's alias through CodeDeploy, canary 10 % for 5 minutes rolled back on any error on the alias within a minute, and pulumi up leaves the alias alone", () => {
        const group = prod.named("items-release-group").inputs;
        assert.equal(group.deploymentConfigName, "CodeDeployDefault.LambdaCanary10Percent5Minutes");
        const alarm = prod.named("items-release-errors");
        assert.deepEqual(group.alarmConfiguration.alarms, [alarm.outputs.name]);
        const fnName = prod.named("items-items-function").outputs.name;
        assert.deepEqual(
            [
                alarm.inputs.namespace,
                alarm.inputs.metricName,
                alarm.inputs.dimensions,
                alarm.inputs.period,
                alarm.inputs.threshold,
                alarm.inputs.evaluationPeriods,
            ],
            ["AWS/Lambda", "Errors", { FunctionName: fnName, Resource: `${fnName}:live` }, 60, 1, 1],
        );
        // Silent: CodeDeploy only reads its state; monitoring's errors alarm and failed-pipeline rule tell the topic.
        assert.deepEqual([alarm.inputs.alarmActions ?? [], alarm.inputs.okActions ?? []], [[], []]);
        assert.equal(
            dev.resources.some((r) => r.name === "items-release-errors"),
            false,
        );
        assert.deepEqual(prod.named("items-items-alias").ignoreChanges, ["functionVersion", "routingConfig"]);
        assert.equal(dev.named("items-items-alias").ignoreChanges?.length ?? 0, 0);
        const env = Object.fromEntries(prod.named("deliver-items-project").inputs.environment.environmentVariables.map((v: any) => [v.name, v.value]));
        assert.deepEqual(
            [env.FUNCTION_NAME, env.CODEDEPLOY_DEPLOYMENT_GROUP],
            [prod.named("items-items-function").outputs.name, prod.named("items-release-group").outputs.deploymentGroupName],
        );
    });

    it("keeps each stack's identity: the golden inventory of type and name", () => {
        for (const [stack, s] of [
            ["dev", dev],
            ["prod", prod],
        ] as const) {
            const inventory = `${s.resources
                .map((r) => `${r.type}::${r.name}`)
                .sort()
                .join("\n")}\n`;
            const golden = path.join(__dirname, `${stack}.inventory.txt`);
            if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, inventory);
            assert.equal(inventory, fs.readFileSync(golden, "utf8"), `inventory of ${stack} changed; review, then UPDATE_GOLDEN=1 npm test`);
        }
    });

    it("keeps prod's IAM: the golden trust and permission policies of every role", () => {
        const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
        const attachedTo = (type: string, role: RecordedResource) => prod.ofType(type).filter((p) => p.inputs.role === role.id);
        const roles = Object.fromEntries(
            prod
                .ofType("aws:iam/role:Role")
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((r) => [
                    r.name,
                    {
                        trust: parse(r.inputs.assumeRolePolicy),
                        inline: Object.fromEntries(attachedTo("aws:iam/rolePolicy:RolePolicy", r).map((p) => [p.inputs.name, parse(p.inputs.policy)])),
                        managed: attachedTo("aws:iam/rolePolicyAttachment:RolePolicyAttachment", r).map((a) => a.inputs.policyArn),
                    },
                ]),
        );
        const text = `${JSON.stringify(roles, null, 2)}\n`;
        const golden = path.join(__dirname, "prod.iam.json");
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, text);
        assert.equal(text, fs.readFileSync(golden, "utf8"), "prod IAM changed; review the diff, then UPDATE_GOLDEN=1 npm test");
        for (const [name, role] of Object.entries(roles)) {
            for (const doc of Object.values(role.inline) as any[]) {
                for (const st of doc.Statement) {
                    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
                    assert.ok(!(list(st.Action).includes("*") && list(st.Resource).includes("*")), `${name}: * on *`);
                }
            }
        }
    });

    it("warns in both plans that the public ALB serves plain HTTP until a certificate is configured, and so does the CDN's ALB origin", () => {
        // dev's endpoint CIDR is the documentation-range placeholder 203.0.113.0/24: its plan says so too.
        for (const [s, codes] of [
            [dev, ["[aws-platform:ecs:http-only]", "[aws-platform:eks:placeholder-cidr]", "[aws-platform:edge:http-origin]"]],
            [prod, ["[aws-platform:ecs:http-only]", "[aws-platform:edge:http-origin]"]],
        ] as const) {
            assert.deepEqual(
                s.result.plan.diagnostics.map((d: { message: string }) => d.message.split(" ")[0]),
                codes,
            );
        }
    });

    it("gives dev and prod task definition families of their own (families are account-wide)", () => {
        const families = (st: typeof dev) => st.ofType("aws:ecs/taskDefinition:TaskDefinition").map((t) => t.inputs.family as string);
        assert.deepEqual(
            families(dev).filter((f) => families(prod).includes(f)),
            [],
        );
    });

    it("the README states the resource count of each plan", () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        assert.ok(
            readme.includes(
                `\`npm run plan -- dev\` prints ${dev.result.plan.steps.length} resources, \`npm run plan -- prod\` ${prod.result.plan.steps.length}`,
            ),
            "update the counts in the README",
        );
    });

    it("writes plan files that keep the preview contract", () => {
        for (const s of [dev, prod]) {
            const plan = JSON.parse(fs.readFileSync(s.result.files.plan, "utf8"));
            assert.equal(plan.changeSummary.create, plan.steps.length);
            assert.ok(fs.readFileSync(s.result.files.graph, "utf8").startsWith("strict digraph {"));
            assert.ok(fs.readFileSync(s.result.files.mermaid, "utf8").startsWith("flowchart"));
        }
    });

    it("gives a multi-AZ ONTAP file system the private route tables when storage.ontap is on", async () => {
        const { resources } = await evaluateVariant("ontap", [
            "  aws-platform:preset: prod",
            "  aws-platform:containers:",
            "    alarmEmail: platform-oncall@example.com",
            "  aws-platform:kubernetes:",
            "    storage:",
            "      ontap: true",
            "  aws-platform:ontapSvmAdminPassword: Vsadmin-Pass1",
        ]);
        const fileSystem = resources.find((r) => r.type === "aws:fsx/ontapFileSystem:OntapFileSystem");
        assert.ok(fileSystem, "an ONTAP file system");
        assert.equal(fileSystem.inputs.deploymentType, "MULTI_AZ_1");
        const privateTables = resources
            .filter((r) => r.type === "aws:ec2/routeTable:RouteTable" && r.name.startsWith("main-private-route-table-"))
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((r) => r.id);
        assert.equal(privateTables.length, 3);
        assert.deepEqual(fileSystem.inputs.routeTableIds, privateTables);
    });

    it("builds the items table's replicas under a customer key with one per region, and guards reads when reads are not public", async () => {
        const key = TABLE_KEY;
        const { resources } = await evaluateVariant("prod", PROD_FEATURES);
        const named = (name: string) => resources.find((r) => r.name === name)!;
        const table = named("items-table").inputs;
        assert.deepEqual(table.serverSideEncryption, { enabled: true, kmsKeyArn: key("us-east-1") });
        // One TableReplica per region, created after the table (and its scaling), with the region's own key.
        const replica = resources.find((r) => r.type === "aws:dynamodb/tableReplica:TableReplica")!;
        assert.equal(replica.name, "items-eu-west-1-replica");
        assert.equal(replica.inputs.region, "eu-west-1");
        assert.equal(replica.inputs.kmsKeyArn, key("eu-west-1"));
        assert.equal(replica.inputs.pointInTimeRecovery, true);
        assert.equal(replica.inputs.deletionProtectionEnabled, true);
        const routes = resources.filter((r) => r.type === "aws:apigatewayv2/route:Route" && r.name.startsWith("items-route-"));
        // The legacy reads follow publicReads too.
        assert.deepEqual(routes.map((r) => r.inputs.routeKey).sort(), [...ITEMS_ROUTES, ...LEGACY_ROUTES].sort());
        assert.deepEqual(
            routes.map((r) => r.inputs.authorizationType),
            routes.map(() => "JWT"),
        );
        // The function may use the key, only through DynamoDB.
        const statements = JSON.parse(named("items-items-role-own").inputs.policy).Statement;
        const kms = statements.find((st: any) => st.Resource === key("us-east-1"));
        assert.deepEqual(kms.Condition, { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } });
        assert.ok(kms.Action.every((a: string) => a.startsWith("kms:")));
        // So may the tag indexer, the sweeper and the partners' reader (read only), each under its own actions.
        for (const [policy, sid] of [
            ["tag-indexer-role-own", "TagIndex"],
            ["sweeper-role-own", "Sweep"],
            ["partners-items-role-own", "PartnerReads"],
        ]) {
            const own = JSON.parse(named(policy).inputs.policy).Statement;
            assert.equal(own[0].Sid, sid, policy);
            const grant = own.find((st: any) => st.Resource === key("us-east-1"));
            assert.ok(grant, `${policy}: the key`);
            assert.deepEqual(grant.Condition, { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } }, policy);
        }
        const readerKms = JSON.parse(named("partners-items-role-own").inputs.policy).Statement.find((st: any) => st.Resource === key("us-east-1"));
        assert.ok(!JSON.stringify(readerKms.Action).includes("Encrypt"), "the reader only decrypts");
    });

    /** Plans a temporary stack whose Pulumi.<stack>.yaml holds `lines` under `config:`. */
    const privateSubnetIds = (s: typeof dev) =>
        s
            .ofType("aws:ec2/subnet:Subnet")
            .filter((x) => x.name.startsWith("main-private-"))
            .map((x) => x.id)
            .sort();
    const policyOf = (s: typeof dev, name: string) => JSON.parse(s.named(name).inputs.policy);

    it("dev reads the readings stream on one provisioned shard (cheaper than on-demand's stream-hours) into S3, and builds no backup plan, export, database or orders function", () => {
        const stream = dev.named("readings-stream-stream").inputs;
        // $0.015/shard-hour × 730 = $10.95 a month against $0.04/stream-hour × 730 = $29.20 on-demand.
        assert.deepEqual([stream.streamModeDetails, stream.shardCount], [{ streamMode: "PROVISIONED" }, 1]);
        assert.equal(dev.named("readings-function-function").inputs.environment.variables.SINK, "s3");
        for (const type of [
            "aws-platform:serverless:TableBackups",
            "aws:backup/plan:Plan",
            "aws:scheduler/schedule:Schedule::export",
            "aws-platform:serverless:Database",
            "aws:rds/cluster:Cluster",
            "aws:rds/proxy:Proxy",
        ])
            assert.equal(dev.ofType(type).length, 0, type);
        assert.equal(dev.resources.filter((r) => r.name.startsWith("items-export") || r.name.startsWith("orders")).length, 0);
        assert.deepEqual(Object.keys(dev.result.evaluation.outputs.data), ["readings"]);
    });

    it("prod reads two provisioned shards kept 168 hours, KMS-encrypted, through an enhanced fan-out consumer with partial batch responses and its failure queue", () => {
        const stream = prod.named("readings-stream-stream");
        assert.deepEqual(
            [stream.inputs.streamModeDetails, stream.inputs.shardCount, stream.inputs.retentionPeriod, stream.inputs.encryptionType],
            [{ streamMode: "PROVISIONED" }, 2, 168, "KMS"],
        );
        const consumer = prod.named("readings-consumer-consumer");
        assert.equal(consumer.inputs.streamArn, stream.outputs.arn);
        const mapping = prod.named("readings-consumer-mapping").inputs;
        assert.equal(mapping.eventSourceArn, consumer.outputs.arn);
        assert.deepEqual(mapping.functionResponseTypes, ["ReportBatchItemFailures"]);
        assert.equal(mapping.parallelizationFactor, 2);
        assert.equal(mapping.destinationConfig.onFailure.destinationArn, prod.named("readings-failures").outputs.arn);
        assert.equal(dev.resources.filter((r) => r.type === "aws:kinesis/streamConsumer:StreamConsumer").length, 0);
    });

    it("both stacks alarm when the ingest function reads records ten minutes or more behind the stream (Lambda's IteratorAge), to the alarm topic", () => {
        for (const s of [dev, prod]) {
            const alarm = s.named("readings-iterator-age").inputs;
            assert.deepEqual(
                [alarm.namespace, alarm.metricName, alarm.statistic, alarm.threshold, alarm.comparisonOperator],
                ["AWS/Lambda", "IteratorAge", "Maximum", 600_000, "GreaterThanOrEqualToThreshold"],
            );
            assert.deepEqual(alarm.dimensions, { FunctionName: s.named("readings-function-function").outputs.name });
            assert.deepEqual(alarm.alarmActions, [s.named("alarms-topic").outputs.arn]);
        }
    });

    it("both stacks watch the ingest function (errors, throttles, log queries) and the readings failure queue; prod the orders function too", () => {
        for (const s of [dev, prod]) {
            for (const name of ["monitoring-ingest-errors", "monitoring-fn-ingest-errors", "monitoring-readings-failures-dead-letters"])
                assert.ok(s.named(name));
            assert.deepEqual(s.named("monitoring-readings-failures-dead-letters").inputs.dimensions, { QueueName: s.named("readings-failures").outputs.name });
        }
        for (const name of ["monitoring-orders-db-errors", "monitoring-fn-orders-db-errors"]) assert.ok(prod.named(name));
    });

    it("prod backs the items table up daily (35 days) and monthly (a year) into a vault under its own key, each recovery point copied to a vault in us-west-2", () => {
        const selection = prod.named("tables-selection").inputs;
        assert.deepEqual(selection.resources, [prod.named("items-table").outputs.arn]);
        assert.equal(selection.iamRoleArn, prod.named("tables-role").outputs.arn);
        const copyVault = prod.named("tables-vault-us-west-2");
        assert.equal(copyVault.inputs.region, "us-west-2");
        assert.equal(copyVault.inputs.kmsKeyArn, prod.named("tables-key-us-west-2").outputs.arn);
        assert.equal(prod.named("tables-vault").inputs.kmsKeyArn, prod.named("tables-key").outputs.arn);
        const rules = prod.named("tables-plan").inputs.rules;
        assert.deepEqual(
            rules.map((r: any) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter, r.copyActions.map((c: any) => c.destinationVaultArn)]),
            [
                ["daily", "cron(0 5 ? * * *)", 35, [copyVault.outputs.arn]],
                ["monthly", "cron(0 5 1 * ? *)", 365, [copyVault.outputs.arn]],
            ],
        );
        assert.deepEqual(prod.result.evaluation.outputs.data.backupVault, {
            name: prod.named("tables-vault").outputs.name,
            arn: prod.named("tables-vault").outputs.arn,
        });
    });

    it("prod exports the items table to its own bucket every Sunday and outputs the bucket and the export command; dev has no export", () => {
        const schedule = prod.named("items-export-schedule").inputs;
        assert.equal(schedule.scheduleExpression, "cron(0 2 ? * SUN *)");
        const input = JSON.parse(schedule.target.input);
        assert.deepEqual([input.TableArn, input.S3Bucket], [prod.named("items-table").outputs.arn, prod.named("items-export-bucket").outputs.bucket]);
        assert.equal(prod.named("items-table").inputs.pointInTimeRecovery.enabled, true);
        const out = prod.result.evaluation.outputs.data.itemsExport;
        assert.equal(out.bucketName, prod.named("items-export-bucket").outputs.bucket);
        assert.match(out.command, /^aws dynamodb export-table-to-point-in-time --table-arn arn:aws:dynamodb:\S+:table\/items-table-\w+ --s3-bucket /);
    });

    it("prod runs the orders Aurora Serverless v2 cluster encrypted, 0.5–8 ACUs with a writer and one reader, deletion protection, a final snapshot, protected", () => {
        const cluster = prod.named("orders-cluster");
        const c = cluster.inputs;
        assert.deepEqual(
            [c.engine, c.storageEncrypted, c.deletionProtection, c.skipFinalSnapshot, c.manageMasterUserPassword, c.backupRetentionPeriod],
            ["aurora-postgresql", true, true, false, true, 14],
        );
        assert.deepEqual(c.serverlessv2ScalingConfiguration, { minCapacity: 0.5, maxCapacity: 8 });
        assert.ok(cluster.protect);
        assert.deepEqual(
            prod
                .ofType("aws:rds/clusterInstance:ClusterInstance")
                .map((i) => [i.name, i.inputs.instanceClass, i.protect])
                .sort(),
            [
                ["orders-reader-1", "db.serverless", true],
                ["orders-writer", "db.serverless", true],
            ],
        );
        assert.deepEqual([...prod.named("orders-subnets").inputs.subnetIds].sort(), privateSubnetIds(prod));
    });

    it("prod's RDS Proxy requires TLS and IAM authentication, in the private subnets, and the cluster admits only the proxy", () => {
        const proxy = prod.named("orders-proxy-proxy").inputs;
        assert.equal(proxy.requireTls, true);
        assert.deepEqual(
            proxy.auths.map((a: any) => [a.authScheme, a.iamAuth]),
            [["SECRETS", "REQUIRED"]],
        );
        assert.deepEqual([...proxy.vpcSubnetIds].sort(), privateSubnetIds(prod));
        const clusterSg = prod.named("orders-cluster-sg").id;
        const intoCluster = prod.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === clusterSg);
        assert.deepEqual(
            intoCluster.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]),
            [[prod.named("orders-proxy-proxy-sg").id, 5432]],
        );
    });

    it("prod runs the orders function in the private subnets with the group the proxy admits, the proxy's endpoint in DB_HOST, and rds-db:connect on the proxy's dbuser ARN only", () => {
        const f = prod.named("orders-db-function");
        const clientSg = prod.named("orders-proxy-client-sg").id;
        assert.deepEqual([...f.inputs.vpcConfig.subnetIds].sort(), privateSubnetIds(prod));
        assert.deepEqual(f.inputs.vpcConfig.securityGroupIds, [clientSg]);
        assert.equal(prod.named("orders-proxy-from-client").inputs.referencedSecurityGroupId, clientSg);
        const proxy = prod.named("orders-proxy-proxy");
        assert.deepEqual(f.inputs.environment.variables, { DB_HOST: proxy.outputs.endpoint, DB_PORT: "5432", DB_NAME: "app", DB_USER: "postgres" });
        const resourceId = /:db-proxy:(prx-[0-9a-f]+)$/.exec(proxy.outputs.arn)![1];
        assert.deepEqual(policyOf(prod, "orders-db-role-own").Statement, [
            {
                Sid: "ConnectThroughProxy",
                Effect: "Allow",
                Action: "rds-db:connect",
                Resource: `arn:aws:rds-db:us-east-1:123456789012:dbuser:${resourceId}/postgres`,
            },
        ]);
        assert.deepEqual(prod.result.evaluation.outputs.data.orders, { proxyEndpoint: proxy.outputs.endpoint, functionName: f.outputs.name });
    });

    it("neither stack builds a DAX cluster, and the items function stays outside the VPC", () => {
        for (const s of [dev, prod]) {
            assert.equal(s.ofType("aws-platform:serverless:DaxCluster").length + s.ofType("aws:dax/cluster:Cluster").length, 0);
            assert.equal(s.named("items-items-function").inputs.vpcConfig, undefined);
        }
    });

    /** The program evaluated under the given settings (see evaluateVariant: what `npm run plan` builds, without its files). */
    const tempPlan = (stack: string, lines: string[]) => evaluateVariant(stack, lines);

    it("with data.dax on, the items table gets a DAX cluster in the private subnets admitting only the items function, which runs there and reads through it", async () => {
        const { resources } = await tempPlan("dev", DEV_FEATURES);
        const named = (n: string) => resources.find((r) => r.name === n)!;
        const cluster = named("items-dax-cluster");
        assert.ok(cluster, "the DAX cluster");
        assert.equal(cluster.inputs.clusterEndpointEncryptionType, "TLS");
        const privateSubnets = resources
            .filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.name.startsWith("main-private-"))
            .map((r) => r.id)
            .sort();
        assert.deepEqual([...named("items-dax-subnet-group").inputs.subnetIds].sort(), privateSubnets);
        const fn = named("items-items-function").inputs;
        assert.deepEqual([...fn.vpcConfig.subnetIds].sort(), privateSubnets);
        assert.equal(fn.environment.variables.DAX_ENDPOINT, `daxs://${cluster.outputs.clusterAddress}`);
        const fnSg = named("items-items-security-group").id;
        assert.deepEqual(fn.vpcConfig.securityGroupIds, [fnSg]);
        const daxSg = named("items-dax-security-group").id;
        const admitted = resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.inputs.securityGroupId === daxSg);
        assert.deepEqual(
            admitted.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]),
            [[fnSg, 9111]],
        );
        const policy = JSON.parse(named("items-items-role-own").inputs.policy);
        const resourcesOf = policy.Statement.flatMap((s: any) => [s.Resource].flat());
        assert.deepEqual(resourcesOf, [cluster.outputs.arn]);
    });

    it("with backups on and readings going to DynamoDB, the backup selection names the readings table beside the items table, under TableBackups' own rules without copies", async () => {
        const { resources } = await tempPlan("dev", DEV_FEATURES);
        const named = (n: string) => resources.find((r) => r.name === n)!;
        assert.deepEqual(named("tables-selection").inputs.resources, [named("items-table").outputs.arn, named("readings-table-table").outputs.arn]);
        assert.deepEqual(
            named("tables-plan").inputs.rules.map((r: any) => [r.ruleName, r.copyActions ?? []]),
            [
                ["daily", []],
                ["monthly", []],
            ],
        );
    });

    it("with delivery.deployRoleArn, prod deploys the staging stack before the approval and its own stack first in Production, from an empty token secret, the Pulumi builds assuming only that role", async () => {
        const role = DEPLOY_ROLE;
        const { resources } = await tempPlan("prod", PROD_FEATURES);
        const named = (name: string) => resources.find((r) => r.name === name)!;
        const stages = named("release-pipeline").inputs.stages.map(
            (st: any) => `${st.name}: ${st.actions.map((a: any) => `${a.name}(${a.provider}, ${a.runOrder})`).join(", ")}`,
        );
        assert.deepEqual(stages, [
            "Source: Source(CodeStarSourceConnection, 1)",
            "Build: image(CodeBuild, 1)",
            "Test: test(CodeBuild, 1)",
            "Staging: infrastructure(CodeBuild, 1)",
            "Approval: release(Manual, 1)",
            "Production: infrastructure(CodeBuild, 1), app2(CodeDeployToECS, 2), items(CodeBuild, 2)",
        ]);
        assert.equal(named("release-pipeline").inputs.stages[4].actions[0].configuration.ExternalEntityLink, "https://dev.example.com");
        const secret = named("pulumi-token");
        assert.equal(
            resources.some((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion"),
            false,
            "the token's value is put by hand, never in the program",
        );
        for (const stack of ["dev", "prod"]) {
            const project = named(`deliver-infra-${stack}-project`).inputs;
            assert.match(project.source.buildspec, new RegExp(`pulumi up --yes --stack ${stack} `));
            // The project's policy pack (policy/PulumiPolicy.yaml) guards the preview and the update, its dependencies installed first.
            assert.equal(policyPackOf(root), "policy");
            const commands = YAML.parse(project.source.buildspec).phases;
            assert.ok(commands.install.commands.includes("npm ci --prefix policy"), project.source.buildspec);
            for (const c of commands.build.commands) assert.match(c, /^pulumi (preview|up) .* --policy-pack "\$CODEBUILD_SRC_DIR\/policy"/);
            const token = project.environment.environmentVariables.find((v: any) => v.name === "PULUMI_ACCESS_TOKEN");
            assert.deepEqual([token.type, token.value], ["SECRETS_MANAGER", secret.outputs.arn]);
            const statements = JSON.parse(named(`deliver-infra-${stack}-role-build`).inputs.policy).Statement;
            const assume = statements.filter((st: any) => [st.Action].flat().some((a: string) => a.startsWith("sts:")));
            assert.deepEqual(assume, [{ Sid: "AssumeDeployRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: role }]);
        }
    });

    it("with delivery.deployRoleArn, exports the Pulumi steps' build role ARNs, the principals the deploy role's trust policy admits", async () => {
        const { evaluation, resources } = await tempPlan("prod", PROD_FEATURES);
        const arnOf = (name: string) => resources.find((r) => r.name === name)!.outputs.arn;
        assert.deepEqual(evaluation.outputs.pipeline.deployerRoleArns, [arnOf("deliver-infra-prod-role"), arnOf("deliver-infra-dev-role")]);
    });

    it("without delivery.deployRoleArn, the approval still links the staging URL (the staging stack deploys itself), with no Staging step and no deployer output", async () => {
        const { evaluation, resources } = await tempPlan("prod", [
            "  aws-platform:preset: prod",
            '  aws-platform:delivery: { staging: { stack: dev, url: "https://dev.example.com" } }',
        ]);
        const stages = resources.find((r) => r.name === "release-pipeline")!.inputs.stages;
        assert.deepEqual(
            stages.map((st: any) => st.name),
            ["Source", "Build", "Test", "Approval", "Production"],
        );
        assert.deepEqual(
            [stages[3].actions[0].configuration.ExternalEntityLink, stages[3].actions[0].configuration.CustomData],
            ["https://dev.example.com", "Review dev, then release to prod"],
        );
        assert.equal(evaluation.outputs.pipeline.deployerRoleArns, undefined);
    });

    it("builds no thumbnails, partners API, legacy ALB, service, VPC link, CDN, pipeline, trail, monitoring, alarm topic or ingestion path when config turns them off", async () => {
        const { evaluation, resources } = await tempPlan("lean", [
            "  aws-platform:preset: dev",
            "  aws-platform:serverless:",
            "    thumbnails: { enabled: false }",
            "    partners: { enabled: false }",
            "    legacy: { enabled: false }",
            "  aws-platform:cdn: { enabled: false }",
            "  aws-platform:delivery: { enabled: false }",
            "  aws-platform:audit: { enabled: false }",
            "  aws-platform:monitoring: { enabled: false }",
            "  aws-platform:data: { ingestion: { enabled: false } }",
        ]);
        const types = new Set(resources.map((r) => r.type));
        for (const type of [
            "aws-platform:serverless:KinesisIngestion",
            "aws:kinesis/stream:Stream",
            "aws-platform:edge:EdgeFunctions",
            "aws-platform:edge:EdgeLambda",
            "aws:cloudfront/distribution:Distribution",
            "aws-platform:serverless:Thumbnails",
            "aws-platform:serverless:RestApi",
            "aws:s3/bucket:Bucket",
            "aws:apigateway/restApi:RestApi",
            "aws:apigateway/account:Account",
            "aws:apigatewayv2/vpcLink:VpcLink",
            "aws-platform:cicd:DeliveryPipeline",
            "aws-platform:cicd:BuildProject",
            "aws-platform:cicd:DeploymentGroup",
            "aws-platform:audit:AuditTrail",
            "aws-platform:monitoring:Monitoring",
            "aws-platform:monitoring:AlarmTopic",
            "aws:secretsmanager/secret:Secret",
        ])
            assert.ok(!types.has(type), type);
        assert.deepEqual(
            resources.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer").map((r) => r.name),
            ["saas-public-alb"],
        );
        assert.equal(resources.filter((r) => r.name.includes("legacy") || r.name.startsWith("partner") || r.name.startsWith("readings")).length, 0);
        // The event-driven core stays: the queue, the tag indexer's mapping, the sweeper's schedule.
        for (const name of ["event-failures", "tag-indexer-mapping", "nightly-sweep-schedule"])
            assert.ok(
                resources.some((r) => r.name === name),
                name,
            );
        const outputs = evaluation.outputs;
        assert.deepEqual([outputs.photoBuckets, outputs.partnersUrl, outputs.partnerApiKeyIds], [undefined, undefined, undefined]);
        assert.deepEqual(
            [outputs.cdnUrl, outputs.cdnDistributionId, outputs.siteBucketName, outputs.cdnKeyValueStoreArn],
            [undefined, undefined, undefined, undefined],
        );
    });

    for (const withCertificate of [true, false]) {
        it(`gives the items API a custom domain from serverless.api.domain ${withCertificate ? "with a given certificate" : "with a certificate validated in the zone"}: the mapping under the base path and alias records`, async () => {
            const certificate = API_CERTIFICATE;
            const { evaluation, resources } = withCertificate
                ? await tempPlan("dev", DEV_FEATURES)
                : await tempPlan("domain-dns", [
                      "  aws-platform:preset: dev",
                      "  aws-platform:serverless:",
                      "    api:",
                      "      domain: { name: api.example.com, hostedZoneId: Z0123456789ABCDEFGHIJ, basePath: v1 }",
                  ]);
            const named = (name: string) => resources.find((r) => r.name === name)!;
            const domain = named("items-domain");
            assert.equal(domain.inputs.domainName, "api.example.com");
            assert.equal(domain.inputs.domainNameConfiguration.securityPolicy, "TLS_1_2");
            if (withCertificate) assert.equal(domain.inputs.domainNameConfiguration.certificateArn, certificate);
            else {
                // The certificate the component requests, used once ACM has validated it through the zone's CNAME.
                const requested = resources.find((r) => r.type === "aws:acm/certificate:Certificate")!;
                assert.equal(requested.inputs.validationMethod, "DNS");
                const validation = resources.find((r) => r.type === "aws:acm/certificateValidation:CertificateValidation")!;
                assert.equal(domain.inputs.domainNameConfiguration.certificateArn, validation.inputs.certificateArn);
                const cname = resources.find((r) => r.type === "aws:route53/record:Record" && r.inputs.type === "CNAME")!;
                assert.equal(cname.inputs.zoneId, "Z0123456789ABCDEFGHIJ");
                assert.match(cname.inputs.name, /^_[0-9a-f]{32}\.api\.example\.com\.$/);
            }
            const mapping = named("items-domain-mapping").inputs;
            assert.deepEqual([mapping.apiId, mapping.apiMappingKey], [named("items-api").id, "v1"]);
            assert.deepEqual(
                resources
                    .filter((r) => r.type === "aws:route53/record:Record" && r.inputs.name === "api.example.com")
                    .map((r) => r.inputs.type)
                    .sort(),
                ["A", "AAAA"],
            );
            assert.equal(evaluation.outputs.itemsApiUrl, "https://api.example.com/v1/");
        });
    }

    it("gives the us-east-1 provider of Lambda@Edge the stack's aws: profile, assumed roles and allowed accounts", async () => {
        const role = CREDENTIALS_ROLE;
        const { resources } = await tempPlan("dev", DEV_FEATURES);
        const provider = resources.find((r) => r.name === "cdn-us-east-1")!.inputs;
        assert.equal(provider.region, "us-east-1");
        assert.equal(provider.profile, "platform-dev");
        // Provider inputs travel as JSON text.
        assert.deepEqual(JSON.parse(provider.assumeRoles), [{ roleArn: role, sessionName: "pulumi" }]);
        assert.deepEqual(JSON.parse(provider.allowedAccountIds), ["123456789012"]);
    });

    it("gives the CDN its aliases, us-east-1 certificate, alias records and WAF from cdn config, and reaches the ALB over HTTPS at webOriginDomain; the router stays in us-east-1 in a eu-west-1 stack", async () => {
        const certificate = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/12345678-1234-1234-1234-123456789012`;
        const webAcl = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/12345678-1234-1234-1234-123456789012";
        const { evaluation, resources } = await evaluateVariant(
            "edge",
            [
                "  aws-platform:preset: prod",
                "  aws-platform:containers:",
                `    certificateArn: ${certificate("eu-west-1")}`,
                "  aws-platform:cdn:",
                `    domain: { aliases: [www.example.com], certificateArn: "${certificate("us-east-1")}", hostedZoneId: Z0123456789ABCDEFGHIJ }`,
                `    webAclArn: ${webAcl}`,
                "    webOriginDomain: origin.example.com",
            ],
            "eu-west-1",
        );
        const named = (name: string) => resources.find((r) => r.name === name)!;
        const d = named("cdn-distribution").inputs;
        assert.deepEqual(d.aliases, ["www.example.com"]);
        assert.equal(d.viewerCertificate.acmCertificateArn, certificate("us-east-1"));
        assert.equal(d.viewerCertificate.minimumProtocolVersion, "TLSv1.2_2021");
        assert.equal(d.webAclId, webAcl);
        const web = d.origins.find((o: any) => o.originId === "web");
        assert.equal(web.domainName, "origin.example.com");
        assert.equal(web.customOriginConfig.originProtocolPolicy, "https-only");
        assert.deepEqual(web.customOriginConfig.originSslProtocols, ["TLSv1.2"]);
        assert.deepEqual(
            resources
                .filter((r) => r.type === "aws:route53/record:Record" && r.inputs.name === "www.example.com")
                .map((r) => r.inputs.type)
                .sort(),
            ["A", "AAAA"],
        );
        assert.match(named("cdn-router-function").outputs.arn, /^arn:aws:lambda:us-east-1:/);
        // CloudFront reaches the HTTPS listener, the only port the ALB admits it on.
        assert.deepEqual(
            named("saas-public-lb-sg").inputs.ingress.map((r: any) => r.fromPort),
            [443],
        );
        assert.equal(evaluation.outputs.cdnUrl, "https://www.example.com/");
        assert.ok(!evaluation.diagnostics.some((x: { message: string }) => x.message.startsWith("[aws-platform:edge:http-origin]")));
    });

    it("stops an invalid Pulumi.<stack>.yaml before any resource, naming the key, value and what is allowed", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-config-"));
        fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.bad.yaml"),
            ["config:", "  aws-platform:preset: dev", "  aws-platform:network:", "    availabilityZones: 9", ""].join("\n"),
        );
        const error = await runPlan({ stack: "bad", projectDir: dir, programPath: path.join(root, "stacks/index.ts"), outDir: dir }).then(
            () => undefined,
            (e) => e,
        );
        assert.ok(error, "the plan should fail");
        const failure = describeFailure(error, "bad");
        assert.equal(failure.code, 1);
        assert.match(failure.message, /Pulumi\.bad\.yaml: aws-platform:network\.availabilityZones=9 is out of range; allowed: an integer from 2 to 6/);
        assert.doesNotMatch(failure.message, /\n\s+at /, "no stack trace for a configuration error");
        assert.equal(fs.existsSync(path.join(dir, "bad", "plan.json")), false);
    });
});
