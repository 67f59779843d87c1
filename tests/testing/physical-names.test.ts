/**
 * The mock provider names resources as pulumi-aws v7 does and refuses what it refuses
 * (components/testing/fixtures.ts `physicalName`, rules in components/shared/limits/names.ts).
 */
import * as assert from "node:assert";
import * as aws from "@pulumi/aws";
import { DEFAULT_CONTEXT, build } from "../../components/testing";
import { MockResourceInput, hex, mockResource, physicalName } from "../../components/testing/fixtures";

const URN = "urn:pulumi:test::aws-platform::aws-platform:ecs:ContainerService$aws:lb/targetGroup:TargetGroup::x";

function input(type: string, name: string, inputs: Record<string, unknown> = {}): MockResourceInput {
    return { type, name, urn: `${URN}/${name}`, inputs, custom: true };
}

/** `physicalName`'s value, or the message it threw. */
function nameOrError(type: string, name: string, inputs: Record<string, unknown> = {}): string {
    try {
        return physicalName(input(type, name, inputs));
    } catch (e) {
        return `ERROR ${(e as Error).message}`;
    }
}

const TG = "aws:lb/targetGroup:TargetGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ROLE = "aws:iam/role:Role";
const QUEUE = "aws:sqs/queue:Queue";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const REPO = "aws:ecr/repository:Repository";
const CAPACITY = "aws:ecs/capacityProvider:CapacityProvider";

describe("mock provider physical names", () => {
    it("auto-names as <logical name>-<7 hex>, the hex derived from the URN", () => {
        const r = input(TG, "shop-web-tg");
        assert.equal(physicalName(r), `shop-web-tg-${hex(r.urn, 7)}`);
        assert.equal(physicalName(r), physicalName({ ...r }));
        assert.notEqual(physicalName(r), physicalName({ ...r, urn: `${r.urn}2` }));
    });

    // Each row: type, logical name (or given inputs), and what pulumi-aws answers: "ok" or the start of its error.
    const cases: Array<{ title: string; type: string; name: string; inputs?: Record<string, unknown>; expect: RegExp }> = [
        { title: "a target group name of 24 characters fits 32 with its suffix", type: TG, name: "a".repeat(24), expect: /^a{24}-[0-9a-f]{7}$/ },
        {
            title: "a target group name of 25 characters is the provider's error, not a truncation",
            type: TG,
            name: "a".repeat(25),
            expect: /^ERROR could not make instance of 'aws:lb\/targetGroup:TargetGroup': name 'a{25}-' plus 7 random chars is longer than maximum length 32$/,
        },
        { title: "an IAM role name of 56 characters fits 64", type: ROLE, name: "r".repeat(56), expect: /^r{56}-[0-9a-f]{7}$/ },
        { title: "an IAM role name of 57 characters is refused at 64", type: ROLE, name: "r".repeat(57), expect: /maximum length 64$/ },
        { title: "an SQS queue name of 73 characters is refused at 80", type: QUEUE, name: "q".repeat(73), expect: /maximum length 80$/ },
        { title: "a FIFO queue gets .fifo after the suffix", type: QUEUE, name: "jobs", inputs: { fifoQueue: true }, expect: /^jobs-[0-9a-f]{7}\.fifo$/ },
        { title: "an EventBridge rule name of 57 characters is refused at 64", type: RULE, name: "e".repeat(57), expect: /maximum length 64$/ },
        {
            title: "an ALB auto-name passes the 255 auto-name limit but its validator refuses more than 32",
            type: LB,
            name: "payments-platform-public-alb",
            expect: /^ERROR aws:lb\/loadBalancer:LoadBalancer resource 'payments-platform-public-alb' has a problem: expected length of name to be in the range \(1 - 32\)/,
        },
        {
            title: "an ALB name with an underscore is refused by the validator",
            type: LB,
            name: "orders_api-alb",
            expect: /invalid value for name \(letters, digits and '-'\)/,
        },
        { title: "an ALB name starting with internal- is refused", type: LB, name: "internal-alb", expect: /cannot begin with "internal-"/ },
        { title: "a schedule name over 64 characters is refused", type: SCHEDULE, name: "s".repeat(57), expect: /range \(1 - 64\)/ },
        { title: "a schedule name outside [0-9A-Za-z_.-] is refused", type: SCHEDULE, name: "nightly/report", expect: /invalid value for name/ },
        {
            title: "an ECR repository name with upper case is refused (pulumi-aws does not lower-case it)",
            type: REPO,
            name: "Shop-images-repo",
            expect: /lower-case letters/,
        },
        {
            title: "a capacity provider starting with ecs is refused as AWS refuses it",
            type: CAPACITY,
            name: "ecs-demo-ec2-capacity",
            expect: /begins with "ecs", which AWS reserves/,
        },
        {
            title: "an S3 bucket auto-name is lower-cased as pulumi-aws lower-cases it",
            type: "aws:s3/bucket:Bucket",
            name: "Assets",
            expect: /^assets-[0-9a-f]{7}$/,
        },
        { title: "a KMS alias auto-name gets its alias/ prefix", type: "aws:kms/alias:Alias", name: "alarms", expect: /^alias\/alarms-[0-9a-f]{7}$/ },
        {
            title: "an event target id auto-named beyond the validator's 64 is refused",
            type: "aws:cloudwatch/eventTarget:EventTarget",
            name: "t".repeat(60),
            inputs: {},
            expect: /targetId to be in the range \(1 - 64\)/,
        },
        {
            title: "an EFS creation token auto-named beyond 64 is refused",
            type: "aws:efs/fileSystem:FileSystem",
            name: "f".repeat(60),
            expect: /creationToken/,
        },
        {
            title: "an explicit name is checked against the same validator",
            type: LB,
            name: "ok",
            inputs: { name: "orders_api" },
            expect: /invalid value for name/,
        },
        { title: "an explicit name that fits is used as given", type: LB, name: "ok", inputs: { name: "shop-public" }, expect: /^shop-public$/ },
        {
            title: "a task definition family is required (never auto-named)",
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: "t",
            expect: /Missing required property 'family'/,
        },
        {
            title: "a family outside [0-9A-Za-z_-] is refused",
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: "t",
            inputs: { family: "shop.web" },
            expect: /invalid value for family/,
        },
        {
            title: "a type without a known limit is named without a check",
            type: "aws:lb/listener:Listener",
            name: "l".repeat(300),
            expect: /^l{300}-[0-9a-f]{7}$/,
        },
    ];
    for (const c of cases) {
        it(c.title, () => {
            assert.match(nameOrError(c.type, c.name, c.inputs), c.expect);
        });
    }

    it("fails the registration through mockResource, as the provider fails the preview", () => {
        assert.throws(
            () => mockResource(input(TG, "payments-platform-notification-service-tg"), DEFAULT_CONTEXT),
            /plus 7 random chars is longer than maximum length 32/,
        );
    });

    it("returns the auto-named property in the outputs, as the provider does", () => {
        const out = mockResource(input("aws:cloudwatch/eventTarget:EventTarget", "shop-job-target", { rule: "r" }), DEFAULT_CONTEXT);
        assert.match(out.state.targetId, /^shop-job-target-[0-9a-f]{7}$/);
    });

    it("fails the registration of a resource whose name the provider refuses", async () => {
        // Seen either as an unhandled rejection or, where build() fails on those, as build's error.
        const failures: unknown[] = [];
        const record = (e: unknown) => failures.push(e);
        process.on("unhandledRejection", record);
        try {
            await build(() => {
                const tg = new aws.lb.TargetGroup("payments-platform-notification-service-tg", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
                tg.arn.apply(() => undefined);
            });
        } catch (e) {
            failures.push(e);
        } finally {
            await new Promise((r) => setTimeout(r, 20));
            process.off("unhandledRejection", record);
        }
        const messages = failures.map((e) => String((e as Error)?.message ?? e));
        assert.ok(
            messages.some((m) => m.includes("could not make instance of 'aws:lb/targetGroup:TargetGroup'") && m.includes("maximum length 32")),
            `expected the provider's error among: ${messages.join(" | ")}`,
        );
    });
});
