import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeFailure, runPlan } from "../../tools/plan";
import { type RecordedResource, kubernetesSchemaReport } from "../../components/testing";

const root = path.resolve(__dirname, "../..");

async function plan(stack: string) {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `plan-${stack}-`));
    const result = await runPlan({ stack, projectDir: root, outDir });
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
    this.timeout(60000);
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

    it("both stacks put web, app1 and app2 behind one ALB, with path rules for the apps", () => {
        for (const s of [dev, prod]) {
            assert.equal(s.ofType("aws:lb/loadBalancer:LoadBalancer").length, 1);
            const rules = s.ofType("aws:lb/listenerRule:ListenerRule").map((r) => r.inputs.conditions[0].pathPattern.values);
            assert.deepEqual(rules.sort(), [
                ["/app1", "/app1/*"],
                ["/app2", "/app2/*"],
            ]);
            assert.equal(s.ofType("aws:lb/targetGroup:TargetGroup").length, 3);
        }
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

    it("dev is small: two AZs, one NAT gateway, Fargate Spot first, nothing protected", () => {
        assert.equal(dev.named("main-vpc").inputs.cidrBlock, "10.10.0.0/16");
        assert.equal(dev.ofType("aws:ec2/subnet:Subnet").length, 4);
        assert.equal(dev.ofType("aws:ec2/natGateway:NatGateway").length, 1);
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

    it("prod runs app2 on the EC2 capacity provider in bridge mode with instance targets", () => {
        const app2 = prod.named("saas-app2");
        assert.equal(app2.inputs.capacityProviderStrategies[0].capacityProvider, prod.named("saas-ec2-capacity").outputs.name);
        assert.equal(prod.named("saas-app2-task").inputs.networkMode, "bridge");
        assert.equal(prod.named("saas-app2-tg").inputs.targetType, "instance");
        const asg = prod.named("saas-asg");
        assert.equal(asg.inputs.mixedInstancesPolicy.instancesDistribution.onDemandBaseCapacity, 1);
    });

    it("prod's EC2 instances, volumes and ENIs carry the stack's default tags (the provider's default tags skip Auto Scaling groups)", () => {
        const asgTags = prod
            .named("saas-asg")
            .inputs.tags.filter((t: any) => t.propagateAtLaunch)
            .map((t: any) => `${t.key}=${t.value}`);
        assert.ok(asgTags.includes("project=aws-platform") && asgTags.includes("environment=prod"), asgTags.join(", "));
        for (const spec of prod.named("saas-launch-template").inputs.tagSpecifications) {
            assert.equal(spec.tags.environment, "prod", spec.resourceType);
        }
    });

    it("prod protects its file systems, repository, Secrets key, items table and user pool, and turns on ALB and EKS deletion protection", () => {
        const protectedNames = prod.resources
            .filter((r) => r.protect)
            .map((r) => `${r.type}::${r.name}`)
            .sort();
        assert.deepEqual(protectedNames, [
            "aws:cognito/userPool:UserPool::items-user-pool-users",
            "aws:dynamodb/table:Table::items-table",
            "aws:ecr/repository:Repository::saas-app-repo",
            "aws:efs/fileSystem:FileSystem::platform-efs",
            "aws:efs/fileSystem:FileSystem::saas-shared-efs",
            "aws:kms/key:Key::platform-secrets-key",
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
        const alarms = prod.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => !a.name.includes("step-alarm"));
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

    it("both stacks route the full items API to the items function's alias, writes behind the user pool's JWT authorizer, reads public", () => {
        for (const s of [dev, prod]) {
            const integration = s.named("items-integration-items");
            assert.equal(integration.inputs.integrationUri, s.named("items-items-alias").outputs.invokeArn);
            assert.equal(integration.inputs.payloadFormatVersion, "2.0");
            assert.equal(s.named("items-permission-items").inputs.qualifier, "live");
            const routes = s.ofType("aws:apigatewayv2/route:Route").filter((r) => r.name.startsWith("items-route-"));
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

    it("both stacks keep items keyed by id with a stream of both images, and an on-demand tag index keyed by tag and itemId", () => {
        for (const s of [dev, prod]) {
            const items = s.named("items-table").inputs;
            assert.equal(items.hashKey, "id");
            assert.deepEqual(items.attributes, [{ name: "id", type: "S" }]);
            assert.equal(items.billingMode, "PAY_PER_REQUEST");
            assert.equal(items.streamEnabled, true);
            assert.equal(items.streamViewType, "NEW_AND_OLD_IMAGES");
            assert.deepEqual(items.serverSideEncryption, { enabled: false }, "the AWS owned key");
            assert.equal(items.replicas ?? undefined, undefined);
            const tags = s.named("item-tags-table").inputs;
            assert.deepEqual([tags.hashKey, tags.rangeKey, tags.billingMode], ["tag", "itemId", "PAY_PER_REQUEST"]);
        }
    });

    it("prod's items table has point-in-time recovery, deletion protection, protect and retainOnDelete; dev's has none of them", () => {
        const prodTable = prod.named("items-table");
        assert.deepEqual(prodTable.inputs.pointInTimeRecovery, { enabled: true });
        assert.equal(prodTable.inputs.deletionProtectionEnabled, true);
        assert.deepEqual([prodTable.protect, prodTable.retainOnDelete], [true, true]);
        const pool = prod.named("items-user-pool-users");
        assert.deepEqual([pool.inputs.deletionProtection, pool.protect, pool.retainOnDelete], ["ACTIVE", true, true]);
        const devTable = dev.named("items-table");
        assert.deepEqual(devTable.inputs.pointInTimeRecovery, { enabled: false });
        assert.equal(devTable.inputs.deletionProtectionEnabled, false);
        assert.deepEqual([devTable.protect, devTable.retainOnDelete], [false, false]);
        assert.equal(dev.named("items-user-pool-users").inputs.deletionProtection, undefined);
        // The tag index is derived data: unprotected in both.
        assert.equal(prod.named("item-tags-table").protect, false);
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
            if (cors) assert.ok(api.corsConfiguration.allowHeaders.includes("if-match") && api.corsConfiguration.allowHeaders.includes("idempotency-key"));
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
            assert.ok(fs.statSync(s.result.files.plan).size < 1_000_000);
        }
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

    it("warns in both plans that the public ALB serves plain HTTP until a certificate is configured", () => {
        // dev's endpoint CIDR is the documentation-range placeholder 203.0.113.0/24: its plan says so too.
        for (const [s, codes] of [
            [dev, ["[aws-platform:ecs:http-only]", "[aws-platform:eks:placeholder-cidr]"]],
            [prod, ["[aws-platform:ecs:http-only]"]],
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
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ontap-"));
        fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.ontap.yaml"),
            [
                "config:",
                "  aws:region: us-east-1",
                "  aws-platform:preset: prod",
                "  aws-platform:containers:",
                "    alarmEmail: platform-oncall@example.com",
                "  aws-platform:kubernetes:",
                "    storage:",
                "      ontap: true",
                "  aws-platform:ontapSvmAdminPassword: Vsadmin-Pass1",
                "",
            ].join("\n"),
        );
        const result = await runPlan({ stack: "ontap", projectDir: dir, programPath: path.join(root, "stacks/index.ts"), outDir: dir });
        const resources = result.evaluation.resources as RecordedResource[];
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
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "global-"));
        fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        fs.writeFileSync(
            path.join(dir, "Pulumi.global.yaml"),
            [
                "config:",
                "  aws:region: us-east-1",
                "  aws-platform:preset: prod",
                "  aws-platform:containers:",
                "    alarmEmail: platform-oncall@example.com",
                "  aws-platform:serverless:",
                "    table:",
                "      replicaRegions: [eu-west-1]",
                `      kmsKeyArn: ${key("us-east-1")}`,
                "      replicaKmsKeyArns:",
                `        eu-west-1: ${key("eu-west-1")}`,
                "    api:",
                "      publicReads: false",
                "",
            ].join("\n"),
        );
        const result = await runPlan({ stack: "global", projectDir: dir, programPath: path.join(root, "stacks/index.ts"), outDir: dir });
        const resources = result.evaluation.resources as RecordedResource[];
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
        assert.deepEqual(
            routes.map((r) => r.inputs.authorizationType),
            ITEMS_ROUTES.map(() => "JWT"),
        );
        // The function may use the key, only through DynamoDB.
        const statements = JSON.parse(named("items-items-role-own").inputs.policy).Statement;
        const kms = statements.find((st: any) => st.Resource === key("us-east-1"));
        assert.deepEqual(kms.Condition, { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } });
        assert.ok(kms.Action.every((a: string) => a.startsWith("kms:")));
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
