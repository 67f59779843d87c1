import * as assert from "node:assert";
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { EdgeLambda } from "../../../components/edge-lambda";
import type { EdgeLambdaArgs } from "../../../components/edge-lambda/args";
import { DEFAULTS, normalize } from "../../../components/edge-lambda/defaults";
import { validateEdgeLambda } from "../../../components/edge-lambda/validate";
import { zippedBytes } from "../../../components/shared/bundle";
import { ArgsError } from "../../../components/shared/errors";
import { LAMBDA_EDGE_LIMITS } from "../../../components/shared/limits/lambda-edge";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { Refusal, itRefuses } from "../../harness/refusals";
import { ENTRY, ROUTES } from "./fixtures";

/** Random bytes as base64: deflate gains only the base64 overhead back, so ~0.75 of the text's size stays. */
const incompressible = (bytes: number) => randomBytes(bytes).toString("base64");
/** Over 1 MB once zipped, far under 50 MB. */
const OVER_VIEWER = incompressible(1.2 * 1024 * 1024);

/** Arguments JavaScript callers may pass although EdgeLambdaArgs has no such field. */
const untyped = (extra: Record<string, unknown>) => ({ entry: ENTRY, ...extra }) as EdgeLambdaArgs;

describe("EdgeLambda validation", () => {
    const cases: Refusal<EdgeLambdaArgs>[] = [
        {
            title: "refuses more than 128 MiB for a viewer event",
            args: { entry: ENTRY, events: ["viewer-request"], memoryMiB: 256 },
            path: "memoryMiB",
            message: /256 is out of range; allowed: exactly 128 MiB for viewer events \(viewer-request\)/,
        },
        {
            title: "refuses a timeout above 5 seconds for a viewer event",
            args: { entry: ENTRY, events: ["origin-request", "viewer-response"], timeoutSeconds: 6 },
            path: "timeoutSeconds",
            message: /6 .*from 1 to 5 seconds for viewer events \(viewer-response\)/,
        },
        {
            title: "refuses a timeout above 30 seconds for an origin event",
            args: { entry: ENTRY, events: ["origin-request"], timeoutSeconds: 31 },
            path: "timeoutSeconds",
            message: /from 1 to 30 seconds for origin events \(origin-request\)/,
        },
        {
            title: "refuses a timeout above 30 seconds with no event given (Lambda's 900 never applies at the edge)",
            args: { entry: ENTRY, timeoutSeconds: 60 },
            path: "timeoutSeconds",
            message: /from 1 to 30 seconds for any event/,
        },
        { title: "refuses memory below 128 MiB", args: { entry: ENTRY, memoryMiB: 64 }, path: "memoryMiB", message: /from 128 to 10240 MiB/ },
        {
            title: "refuses memory above 10240 MiB for an origin event",
            args: { entry: ENTRY, events: ["origin-response"], memoryMiB: 10241 },
            path: "memoryMiB",
            message: /from 128 to 10240 MiB for origin events/,
        },
        {
            title: "refuses an event CloudFront does not have",
            args: { entry: ENTRY, events: ["origin-reply" as never] },
            path: "events[0]",
            message: /origin-reply/,
        },
        {
            title: "refuses a runtime older than the bundle's Node.js 22",
            args: { entry: ENTRY, runtime: "nodejs20.x" as never },
            path: "runtime",
            message: /"nodejs22.x", "nodejs24.x"/,
        },
        {
            title: "refuses a Python runtime (the entry is bundled as Node.js)",
            args: { entry: ENTRY, runtime: "python3.13" as never },
            path: "runtime",
            message: /nodejs22/,
        },
        {
            title: "refuses environment variables (Lambda@Edge has none) and points to files",
            args: untyped({ environment: { TABLE: "t" } }),
            path: "environment",
            message: /not supported by Lambda@Edge; allowed: .*no environment variables: ship configuration in `files`/,
        },
        { title: "refuses a VPC", args: untyped({ vpc: { subnetIds: ["subnet-1"] } }), path: "vpc", message: /cannot run in a VPC/ },
        { title: "refuses a provider-style vpcConfig", args: untyped({ vpcConfig: { subnetIds: [] } }), path: "vpcConfig", message: /cannot run in a VPC/ },
        {
            title: "refuses layers",
            args: untyped({ layers: ["arn:aws:lambda:us-east-1:123456789012:layer:x:1"] }),
            path: "layers",
            message: /cannot use layers/,
        },
        { title: "refuses arm64 given as architecture", args: untyped({ architecture: "arm64" }), path: "architecture", message: /x86_64 only/ },
        { title: "refuses arm64 given as architectures", args: untyped({ architectures: ["arm64"] }), path: "architectures", message: /x86_64 only/ },
        {
            title: "refuses a container image",
            args: untyped({ imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1" }),
            path: "imageUri",
            message: /container images/,
        },
        {
            title: "refuses provisioned concurrency through an alias",
            args: untyped({ alias: { name: "live" } }),
            path: "alias",
            message: /numbered version, not an alias/,
        },
        { title: "refuses more /tmp than the default", args: untyped({ ephemeralStorageMiB: 1024 }), path: "ephemeralStorageMiB", message: /512 MB/ },
        { title: "refuses X-Ray tracing", args: untyped({ tracing: true }), path: "tracing", message: /X-Ray/ },
        {
            title: "refuses a file named like the bundled code",
            args: { entry: ENTRY, files: { "index.js": "x" } },
            path: "files.index.js",
            message: /bundled code's own name/,
        },
        {
            title: "refuses a file path that climbs out of the package",
            args: { entry: ENTRY, files: { "../routes.json": "x" } },
            path: "files.../routes.json",
            message: /without '\.\.'/,
        },
        { title: "refuses an absolute file path", args: { entry: ENTRY, files: { "/routes.json": "x" } }, path: "files./routes.json", message: /leading '\/'/ },
        { title: "refuses a file value that is not text", args: { entry: ENTRY, files: { "n.json": 1 as never } }, path: "files.n.json", message: /string/ },
        { title: "refuses a retention CloudWatch does not offer", args: { entry: ENTRY, logRetentionDays: 2 }, path: "logRetentionDays", message: /1, 3, 5/ },
        {
            title: "refuses a log Region that is not a Region code",
            args: { entry: ENTRY, logRegions: ["Ireland"] },
            path: "logRegions[0]",
            message: /Region code/,
        },
        {
            title: "refuses a log Region listed twice",
            args: { entry: ENTRY, logRegions: ["us-east-1", "us-east-1"] },
            path: "logRegions[1]",
            message: /listed twice/,
        },
        {
            title: "refuses a provider that is not a provider",
            args: { entry: ENTRY, provider: { region: "us-east-1" } as never },
            path: "provider",
            message: /aws.Provider configured for us-east-1/,
        },
        { title: "refuses a misspelt argument, naming the one it resembles", args: untyped({ memorySize: 128 }), path: "memorySize", message: /memoryMiB/ },
        {
            title: "refuses a handler that is not an export name",
            args: { entry: ENTRY, handler: "index.handler" },
            path: "handler",
            message: /name of an export/,
        },
        { title: "refuses an entry that is not a file", args: { entry: "functions/edge/no-such-file.ts" }, path: "entry", message: /is not a file/ },
        {
            title: "refuses a handler the entry does not export",
            args: { entry: ENTRY, handler: "main" },
            path: "handler",
            message: /not exported by entry.*allowed: handler/,
        },
        {
            title: "refuses a package over 1 MB zipped for a viewer event",
            args: { entry: ENTRY, events: ["viewer-request"], files: { "blob.txt": OVER_VIEWER } },
            path: "entry",
            message: /bytes zipped, with files.*larger than Lambda@Edge allows for viewer events \(viewer-request\).*at most 1048576 bytes zipped \(1 MB\)/,
        },
    ];
    itRefuses(
        cases,
        (args) => validateEdgeLambda(args),
        (args) => new EdgeLambda("edge", args),
        /EdgeLambda "edge"/,
    );

    it("accepts a package over 1 MB zipped for origin events only (their quota is 50 MB)", () => {
        assert.deepEqual(validateEdgeLambda({ entry: ENTRY, events: ["origin-request"], files: { "blob.txt": OVER_VIEWER } }), []);
    });

    it("measures the zipped package, not its contents: 2 MB of repetitive text fits a viewer event", () => {
        const text = `${ROUTES}\n`.repeat(Math.ceil((2 * 1024 * 1024) / ROUTES.length));
        assert.ok(text.length > 2 * 1024 * 1024);
        assert.deepEqual(validateEdgeLambda({ entry: ENTRY, events: ["viewer-request"], files: { "big.json": text } }), []);
    });

    it("estimates the zip within a few bytes of its deflated contents plus headers", () => {
        const text = incompressible(100_000);
        const bytes = zippedBytes({ "a.txt": text });
        // Base64 of random bytes deflates to about 3/4 of its length (6 of 8 bits carry data).
        assert.ok(bytes > text.length * 0.74 && bytes < text.length * 0.78, String(bytes));
        assert.equal(zippedBytes({}), 22);
    });

    it("takes the limits of the events it is given besides args.events: viewer limits when any is a viewer event", () => {
        const args: EdgeLambdaArgs = { entry: ENTRY, events: ["origin-request"], memoryMiB: 1024, timeoutSeconds: 20 };
        assert.deepEqual(validateEdgeLambda(args), []);
        assert.deepEqual(validateEdgeLambda(args, ["origin-response"]), []);
        assert.deepEqual(
            validateEdgeLambda(args, ["viewer-request"]).map((i) => i.path),
            ["memoryMiB", "timeoutSeconds"],
        );
    });

    it("accepts the defaults for every event type (128 MiB, 5 seconds fit viewer events)", () => {
        assert.deepEqual(validateEdgeLambda({ entry: ENTRY }, ["viewer-request", "viewer-response", "origin-request", "origin-response"]), []);
    });

    it("gives the same verdict on its own normalized args", () => {
        const resolved = normalize({ entry: ENTRY, files: { "routes.json": ROUTES } });
        const { provider: _provider, ...plain } = resolved;
        assert.deepEqual(validateEdgeLambda(plain, ["viewer-request"]), []);
        assert.deepEqual(
            validateEdgeLambda({ ...plain, memoryMiB: 512 }, ["viewer-request"]).map((i) => i.path),
            ["memoryMiB"],
        );
    });

    it("checks plain files and skips Output ones before deployment", () => {
        assert.deepEqual(validateEdgeLambda({ entry: ENTRY, files: { "routes.json": pulumi.output(ROUTES) } }, ["viewer-request"]), []);
    });

    it("reports every issue at once, before bundling, and registers nothing", async () => {
        const args = untyped({ environment: { A: "b" }, memoryMiB: 256, timeoutSeconds: 10, events: ["viewer-request"], logRegions: ["nowhere"] });
        assert.deepEqual(
            validateEdgeLambda(args).map((i) => i.path),
            ["environment", "memoryMiB", "timeoutSeconds", "logRegions[0]"],
        );
        const { error, registry } = await buildFails(() => new EdgeLambda("edge", args));
        assert.ok(error instanceof ArgsError);
        assert.match(error.message, /environment.*memoryMiB.*timeoutSeconds.*logRegions\[0\]/s);
        assert.equal(registry.size, 0);
    });

    it("refuses a bad instance name, registering nothing", async () => {
        const { error, registry } = await buildFails(() => new EdgeLambda("bad name!", { entry: ENTRY }));
        assert.ok(error instanceof ArgsError);
        assert.match(error.message, /EdgeLambda "bad name!": name/);
        assert.equal(registry.size, 0);
    });

    it("keeps the quotas of the CloudFront guide: 128 MB and 5 s and 1 MB for viewer events, 30 s and 50 MB for origin events", () => {
        assert.deepEqual(LAMBDA_EDGE_LIMITS, {
            viewer: { memoryMiB: [128, 128], timeoutSeconds: [1, 5], zippedBytes: 1048576 },
            origin: { memoryMiB: [128, 10240], timeoutSeconds: [1, 30], zippedBytes: 52428800 },
        });
    });

    it("documents every default of EdgeLambdaArgs as DEFAULTS has it", () => {
        assertDefaultsDocumented("components/edge-lambda/args.ts", DEFAULTS);
    });
});
