import * as assert from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PlanResult, describeFailure, runPlan } from "../../tools/plan";
import { UnknownStackError, toRuntimeConfig } from "../../tools/plan/config";
import { evaluateProgram } from "../../tools/plan/evaluate";
import { renderMermaid } from "../../tools/plan/mermaid";
import { PreviewJson, PreviewState } from "../../tools/plan/preview-json";
import { PLAN_CONTRACT_CHECKER, requirePlanContractChecker } from "../harness/plan-contract";

const REPO = path.resolve(__dirname, "../..");
const FIXTURE = path.join(__dirname, "fixtures", "plan-project");
const URN = "urn:pulumi:demo::aws-platform::";
const DEMO = `${URN}aws-platform:test:Demo::demo`;
const DLQ = `${URN}aws-platform:test:Demo$aws:sqs/queue:Queue::demo-dlq`;
const QUEUE = `${URN}aws-platform:test:Demo$aws:sqs/queue:Queue::demo-queue`;
const AWS_VERSION: string = require("@pulumi/aws/package.json").version;
const AWS_PROVIDER = `${URN}pulumi:providers:aws::default_${AWS_VERSION.replace(/\./g, "_")}`;

describe("offline plan (npm run plan)", () => {
    describe("stack config", () => {
        const cases: Array<{ title: string; raw: Record<string, unknown>; config: Record<string, string>; secretKeys: string[] }> = [
            {
                title: "keeps strings and namespaced keys as written",
                raw: { "aws:region": "us-west-2" },
                config: { "aws:region": "us-west-2" },
                secretKeys: [],
            },
            {
                title: "writes numbers and booleans as text",
                raw: { "aws-platform:n": 0, "aws-platform:b": false },
                config: { "aws-platform:n": "0", "aws-platform:b": "false" },
                secretKeys: [],
            },
            { title: "JSON-encodes objects and arrays", raw: { "aws-platform:o": { a: [1, 2] } }, config: { "aws-platform:o": '{"a":[1,2]}' }, secretKeys: [] },
            { title: "puts a key without namespace under the project", raw: { network: "x" }, config: { "aws-platform:network": "x" }, secretKeys: [] },
            {
                title: "replaces a secure value with a placeholder and lists it as secret",
                raw: { "aws-platform:token": { secure: "v1:abc" } },
                config: { "aws-platform:token": "mock-secret" },
                secretKeys: ["aws-platform:token"],
            },
            {
                title: "treats a structured value holding a secure value as secret",
                raw: { "aws-platform:db": { user: "app", password: { secure: "v1:abc" } } },
                config: { "aws-platform:db": '{"user":"app","password":"mock-secret"}' },
                secretKeys: ["aws-platform:db"],
            },
        ];
        for (const c of cases) {
            it(c.title, () => {
                assert.deepEqual(toRuntimeConfig("aws-platform", c.raw), { config: c.config, secretKeys: c.secretKeys });
            });
        }
    });

    describe("for the demo stack", () => {
        let tmp: string;
        let result: PlanResult;
        let plan: PreviewJson;
        let dot: string;
        let mmd: string;
        const state = (urn: string): PreviewState => {
            const found = plan.steps.find((s) => s.urn === urn);
            if (found === undefined) throw new Error(`no step ${urn}; steps: ${plan.steps.map((s) => s.urn).join(", ")}`);
            return found.newState;
        };

        before(async () => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));
            result = await runPlan({ stack: "demo", projectDir: FIXTURE, programPath: "index.ts", outDir: path.join(tmp, "out") });
            plan = JSON.parse(fs.readFileSync(path.join(tmp, "out", "demo", "plan.json"), "utf8"));
            dot = fs.readFileSync(path.join(tmp, "out", "demo", "graph.dot"), "utf8");
            mmd = fs.readFileSync(path.join(tmp, "out", "demo", "architecture.mmd"), "utf8");
        });

        after(() => fs.rmSync(tmp, { recursive: true, force: true }));

        it("writes plan.json in the `pulumi preview --json` shape", () => {
            assert.deepEqual(Object.keys(plan), ["config", "steps", "diagnostics", "duration", "changeSummary"]);
            for (const s of plan.steps) {
                assert.equal(s.op, "create");
                assert.equal(s.newState.urn, s.urn);
                assert.equal(typeof s.newState.custom, "boolean");
                assert.equal(typeof s.newState.inputs, "object");
            }
        });

        it("counts every step, default provider included, in changeSummary", () => {
            assert.equal(plan.steps.length, 6);
            assert.deepEqual(plan.changeSummary, { create: plan.steps.length });
        });

        it("names resources by stack, project and the parent's type chain below the Stack", () => {
            assert.equal(plan.steps[0].urn, `${URN}pulumi:pulumi:Stack::aws-platform-demo`);
            assert.equal(state(DEMO).parent, plan.steps[0].urn);
            assert.equal(state(QUEUE).parent, DEMO);
            assert.equal(state(DLQ).type, "aws:sqs/queue:Queue");
        });

        it("records the component's args as its inputs", () => {
            assert.deepEqual(state(DEMO).inputs, { maxReceiveCount: 5, retentionSeconds: 345600 });
        });

        it("adds the default aws provider before its first user and references it from every aws resource", () => {
            const index = plan.steps.findIndex((s) => s.urn === AWS_PROVIDER);
            assert.ok(index >= 0, `no ${AWS_PROVIDER}`);
            assert.deepEqual(plan.steps[index].newState, { urn: AWS_PROVIDER, type: "pulumi:providers:aws", custom: true, inputs: { version: AWS_VERSION } });
            const users = plan.steps.filter((s) => s.newState.type.startsWith("aws:"));
            assert.equal(users.length, 3);
            assert.ok(plan.steps.indexOf(users[0]) > index);
            for (const s of users) {
                assert.match(
                    s.provider ?? "",
                    new RegExp(`^${AWS_PROVIDER.replace(/[$]/g, "\\$")}::[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
                );
                assert.equal(s.newState.provider, s.provider);
            }
            assert.equal(new Set(users.map((s) => s.provider)).size, 1);
        });

        it("shows secret config as [secret] and never writes the placeholder", () => {
            assert.equal(plan.config["aws-platform:apiToken"], "[secret]");
            assert.equal(plan.config["aws:region"], "us-west-2");
            assert.equal(plan.config["aws-platform:queue"], '{"maxReceiveCount":5,"retentionSeconds":345600}');
            assert.ok(!fs.readFileSync(result.files.plan, "utf8").includes("mock-secret"));
        });

        it("shows secret stack outputs as [secret]", () => {
            assert.equal(result.evaluation.maskedOutputs.apiTokenLength, "[secret]");
            assert.match(result.evaluation.maskedOutputs.queueUrl, /^https:\/\/sqs\.us-west-2\.amazonaws\.com\/123456789012\/demo-queue-/);
            assert.match(result.text, /apiTokenLength: "\[secret\]"/);
        });

        it("records that the queue depends on its dead-letter queue through redrivePolicy", () => {
            assert.deepEqual(state(QUEUE).dependencies, [DLQ]);
            assert.deepEqual(state(QUEUE).propertyDependencies, { redrivePolicy: [DLQ] });
            assert.equal(JSON.parse(state(QUEUE).inputs.redrivePolicy).maxReceiveCount, 5);
        });

        it("draws the dependency in graph.dot from the dead-letter queue to the queue, labelled with the property", () => {
            const id = (urn: string) => new RegExp(`^    (Resource\\d+) \\[label="${urn.replace(/[$]/g, "\\$")}"\\];$`, "m").exec(dot)?.[1];
            assert.match(dot, /^strict digraph \{\n/);
            assert.match(dot, /\n\}\n$/);
            assert.ok(dot.includes(`    ${id(DLQ)} -> ${id(QUEUE)} [color = "#246C60", label = "redrivePolicy"];`), dot);
            assert.ok(dot.includes(`    ${id(QUEUE)} -> ${id(DEMO)} [color = "#AA6639"];`), dot);
        });

        it("numbers graph.dot vertices breadth-first from the URN-sorted roots", () => {
            const labels = [...dot.matchAll(/^ {4}(Resource\d+) \[label="([^"]+)"\];$/gm)];
            assert.equal(labels.length, plan.steps.length);
            // Roots are the resources without dependencies or children: here the role, the DLQ and the provider.
            assert.deepEqual(
                labels.slice(0, 3).map((m) => m[2]),
                [`${URN}aws-platform:test:Demo$aws:iam/role:Role::demo-consumer-role`, DLQ, AWS_PROVIDER],
            );
            assert.equal(labels[0][1], "Resource0");
        });

        it("draws the component as a Mermaid subgraph: key resources as nodes, the rest summarised", () => {
            assert.match(mmd, /^flowchart LR\n/);
            assert.ok(mmd.includes('    subgraph sg_demo["Demo: demo"]'), mmd);
            assert.ok(mmd.includes('        sg_demo_demo_dlq["Queue: dlq"]'), mmd);
            assert.ok(mmd.includes('        sg_demo_demo_queue["Queue: queue"]'), mmd);
            assert.ok(mmd.includes('        sg_demo_supporting["supporting: iam Role"]'), mmd);
            assert.ok(mmd.includes("        sg_demo_demo_dlq --> sg_demo_demo_queue"), mmd);
        });

        it("prints a preview tree rooted at the Stack, with counts and the total to create", () => {
            const lines = result.text.split("\n");
            assert.match(lines[0], /^ {5}Type +Name +Plan$/);
            assert.match(lines[1], /^ \+ {3}pulumi:pulumi:Stack +aws-platform-demo +create$/);
            assert.ok(
                lines.some((l) => /^ \+ {3}│ {2}└─ aws:sqs\/queue:Queue +demo-queue +create$/.test(l)),
                result.text,
            );
            assert.ok(lines.includes("    2  aws:sqs/queue:Queue"), result.text);
            assert.ok(lines.includes(`Resources: + ${plan.changeSummary.create} to create`), result.text);
            // Columns line up: every row has its name where the header has "Name".
            const nameColumn = lines[0].indexOf("Name");
            for (const l of lines.slice(1, 1 + plan.steps.length)) {
                assert.equal(l[nameColumn - 1], " ", l);
                assert.notEqual(l[nameColumn], " ", l);
            }
        });

        it("keeps the plan contract", function () {
            requirePlanContractChecker(this);
            const out = execFileSync("python3", [PLAN_CONTRACT_CHECKER, "demo"], { cwd: tmp, encoding: "utf8" });
            assert.match(out, /plan contract: 0 problem\(s\)/);
        });

        it("runs the program and its own folder's modules again for each stack, and keeps the library it builds on", async () => {
            const project = path.join(__dirname, "fixtures", "rerun-project");
            const evaluate = (stack: string) => evaluateProgram({ stack, projectDir: project, programPath: "program/index.ts" });
            const first = await evaluate("first");
            const second = await evaluate("second");
            const queues = (e: typeof first) => e.resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((r) => r.name);
            // ./settings read its stack's config again; the library outside the folder ran once in this process.
            assert.deepEqual([queues(first), queues(second)], [["first"], ["second"]]);
            assert.deepEqual([first.outputs.libraryLoads, second.outputs.libraryLoads], [1, 1]);
        });

        it("gives the same plan when run again in the same process", async () => {
            const again = await runPlan({ stack: "demo", projectDir: FIXTURE, programPath: "index.ts", outDir: path.join(tmp, "again") });
            assert.deepEqual(again.plan, plan);
        });
    });

    describe("failures", () => {
        it("rejects an unknown stack, listing the stacks that exist", async () => {
            await assert.rejects(runPlan({ stack: "qa", projectDir: FIXTURE, programPath: "index.ts", outDir: os.tmpdir() }), (e: Error) => {
                assert.ok(e instanceof UnknownStackError);
                assert.equal(e.message, 'unknown stack "qa"; available stacks: demo');
                assert.equal(describeFailure(e, "qa").code, 2);
                return true;
            });
        });

        it("passes a program's RunError through, printed without a stack trace", async () => {
            await assert.rejects(runPlan({ stack: "demo", projectDir: FIXTURE, programPath: "failing.ts", outDir: os.tmpdir() }), (e: Error) => {
                assert.ok(pulumi.RunError.isInstance(e));
                const { message, code } = describeFailure(e, "demo");
                assert.equal(message, 'error: the program failed for stack "demo": Demo "demo": maxReceiveCount=5 is too high; allowed: 1 to 3');
                assert.equal(code, 1);
                return true;
            });
        });

        it("fails on a failure the program never sees (a duplicate URN, as an unhandled rejection)", async () => {
            await assert.rejects(
                runPlan({ stack: "demo", projectDir: FIXTURE, programPath: "duplicate.ts", outDir: os.tmpdir() }),
                /Duplicate resource URN 'urn:pulumi:demo::aws-platform::aws:sqs\/queue:Queue::twice'/,
            );
        });

        it("fails on a string input that renders undefined, naming the resource and the path", async () => {
            await assert.rejects(
                runPlan({ stack: "demo", projectDir: FIXTURE, programPath: "rendered.ts", outDir: os.tmpdir() }),
                /aws:iam\/policy:Policy::read: input policy → Statement\[0\]\.Resource: 'undefined' was rendered/,
            );
        });

        it("prints the stack trace of an unexpected error", () => {
            const { message, code } = describeFailure(new TypeError("x is undefined"), "demo");
            assert.match(message, /TypeError: x is undefined\n {4}at /);
            assert.equal(code, 1);
        });

        it("prints where a program's TypeError came from, thrown inside apply after the runtime's promises", async () => {
            await assert.rejects(runPlan({ stack: "demo", projectDir: FIXTURE, programPath: "type-error.ts", outDir: os.tmpdir() }), (e: Error) => {
                const { message, code } = describeFailure(e, "demo");
                assert.match(message, /TypeError: Cannot read properties of undefined \(reading 'seconds'\)\n {4}at retentionOf \(.*type-error\.ts:\d+:\d+\)/);
                assert.equal(code, 1);
                return true;
            });
        });

        it("exits 2 from the command line for an unknown stack, naming it", () => {
            const run = spawnSync(process.execPath, ["-r", "./tools/register.js", "tools/plan.ts", "nope"], { cwd: REPO, encoding: "utf8" });
            assert.equal(run.status, 2, run.stderr);
            assert.match(run.stderr, /^error: unknown stack "nope"; available stacks: /);
            assert.equal(run.stdout, "");
        });
    });

    describe("architecture diagram", () => {
        const stack = `${URN}pulumi:pulumi:Stack::s`;
        const st = (type: string, name: string, parent: string, custom: boolean, dependencies?: string[]): PreviewState => ({
            urn: `${URN}${parent === stack ? "" : `${parent.split("::")[2]}$`}${type}::${name}`,
            type,
            custom,
            parent,
            inputs: {},
            ...(dependencies ? { dependencies } : {}),
        });

        it("links components when a resource of one depends on a resource of another, once per pair", () => {
            const net = st("aws-platform:net:Network", "net", stack, false);
            const vpc = st("awsx:ec2:Vpc", "net-vpc", net.urn, false);
            const sg = st("aws:ec2/securityGroup:SecurityGroup", "net-sg", net.urn, true);
            const web = st("aws-platform:ecs:Service", "web", stack, false);
            const svc = st("aws:ecs/service:Service", "web-service", web.urn, true, [sg.urn, vpc.urn]);
            const tg = st("aws:lb/targetGroup:TargetGroup", "web-tg", web.urn, true, [vpc.urn]);
            const end = st("aws:sqs/queue:Queue", "end", stack, true, [svc.urn]);
            const states = [{ ...st("pulumi:pulumi:Stack", "s", stack, false), urn: stack, parent: undefined }, net, vpc, sg, web, svc, tg, end];
            const mmd = renderMermaid(states);
            assert.ok(
                mmd.includes(
                    '    subgraph sg_net["Network: net"]\n        sg_net_net_vpc["Vpc: net-vpc"]\n        sg_net_ec2_SecurityGroup["ec2 SecurityGroup"]\n    end',
                ),
                mmd,
            );
            // A key resource is a node of its own, named without its component's prefix; the rest is summarised.
            assert.ok(mmd.includes('        sg_web_web_service["Service: service"]'), mmd);
            assert.ok(mmd.includes('        sg_web_supporting["supporting: lb TargetGroup"]'), mmd);
            // A node named "end" would close the subgraph: ids are prefixed.
            assert.ok(mmd.includes('    r_sqs_Queue["sqs Queue"]'), mmd);
            assert.deepEqual(
                mmd.split("\n").filter((l) => l.includes("-->")),
                ["    sg_net --> sg_web", "    sg_web --> r_sqs_Queue"],
            );
        });

        it("draws a network's subnets with AZ and range, and each subnet's default route as a dotted arrow to its gateway", () => {
            const net = st("aws-platform:network:Network", "main", stack, false);
            const vpc = st("aws:ec2/vpc:Vpc", "main-vpc", net.urn, true);
            const igw = st("aws:ec2/internetGateway:InternetGateway", "main-igw", net.urn, true, [vpc.urn]);
            const subnet = {
                ...st("aws:ec2/subnet:Subnet", "main-public-subnet-1", net.urn, true, [vpc.urn]),
                inputs: { availabilityZone: "us-east-1a", cidrBlock: "10.0.0.0/24" },
            };
            const table = st("aws:ec2/routeTable:RouteTable", "main-rt", net.urn, true, [vpc.urn]);
            const assoc = {
                ...st("aws:ec2/routeTableAssociation:RouteTableAssociation", "main-assoc", net.urn, true, [subnet.urn, table.urn]),
                propertyDependencies: { subnetId: [subnet.urn], routeTableId: [table.urn] },
            };
            const route = {
                ...st("aws:ec2/route:Route", "main-route", net.urn, true, [table.urn, igw.urn]),
                inputs: { destinationCidrBlock: "0.0.0.0/0" },
                propertyDependencies: { routeTableId: [table.urn], gatewayId: [igw.urn] },
            };
            const states = [{ ...st("pulumi:pulumi:Stack", "s", stack, false), urn: stack, parent: undefined }, net, vpc, igw, subnet, table, assoc, route];
            const mmd = renderMermaid(states);
            assert.ok(mmd.includes('        sg_main_main_public_subnet_1["Subnet: public-subnet-1 us-east-1a 10.0.0.0/24"]'), mmd);
            assert.ok(mmd.includes('        sg_main_main_public_subnet_1 -.->|"0.0.0.0/0"| sg_main_main_igw'), mmd);
            assert.ok(mmd.includes("        sg_main_main_vpc --> sg_main_main_public_subnet_1"), mmd);
        });

        it("draws how key resources of a component connect, through the resources between them", () => {
            const app = st("aws-platform:ecs:ContainerService", "app", stack, false);
            const lb = st("aws:lb/loadBalancer:LoadBalancer", "app-alb", app.urn, true);
            const listener = st("aws:lb/listener:Listener", "app-listener", app.urn, true, [lb.urn]);
            const queue = st("aws:sqs/queue:Queue", "app-jobs", app.urn, true);
            const task = st("aws:ecs/taskDefinition:TaskDefinition", "app-web-task", app.urn, true, [queue.urn]);
            const svc = st("aws:ecs/service:Service", "app-web", app.urn, true, [listener.urn, task.urn]);
            const states = [{ ...st("pulumi:pulumi:Stack", "s", stack, false), urn: stack, parent: undefined }, app, lb, listener, queue, task, svc];
            const edges = renderMermaid(states)
                .split("\n")
                .filter((l) => l.includes("-->"))
                .map((l) => l.trim())
                .sort();
            assert.deepEqual(edges, ["sg_app_app_alb --> sg_app_app_web", "sg_app_app_jobs --> sg_app_app_web"]);
        });
    });
});
