/**
 * The ingest function as Lambda runs it: bundled by the components' own `bundle()` (esbuild: cjs, node22, minified, SDK
 * v3 inside), loaded from a directory with no node_modules, configured by its environment only, writing to s3rver.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundle } from "../../../components/shared/bundle";
import type { KinesisEvent } from "../../../functions/ingest/core";
import { type LocalS3, startS3 } from "../s3-harness";

const ROOT = path.join(__dirname, "../../..");
const EXAMPLE: KinesisEvent = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "kinesis-example.json"), "utf8"));
const SETTINGS = ["SINK", "OUTPUT_BUCKET", "OUTPUT_PREFIX", "S3_LAYOUT"] as const;

describe("functions/ingest: the Lambda bundle", function () {
    this.timeout(30_000);
    let s3: LocalS3;
    let code: string;
    let dir: string;
    const saved = Object.fromEntries(SETTINGS.map((k) => [k, process.env[k]]));

    before(async () => {
        s3 = await startS3({ LOG_LEVEL: "error" });
        code = bundle(path.join(ROOT, "functions/ingest/index.ts"), { cache: false }).code;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-bundle-"));
    });
    after(async () => {
        await s3?.stop();
        for (const k of SETTINGS) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("bundles to a single file under 1 MiB with both SDK clients inside", () => {
        console.log(`      ingest bundle: ${code.length} bytes`);
        assert.ok(code.length < 1024 * 1024, `${code.length} bytes`);
        // (The SDK's optional SigV4a signer, `@aws-sdk/signature-v4-crt`, stays a guarded require: it is only for multi-Region access points.)
        assert.doesNotMatch(
            code,
            /require\("@aws-sdk\/(client-s3|client-dynamodb|lib-dynamodb)"\)|require\("@smithy\//,
            "the SDK v3 clients are bundled, not required at run time",
        );
    });

    it("the bundled handler, configured by SINK=s3 and S3_LAYOUT=batch, writes the valid readings and skips the docs' plain-text record", async () => {
        await s3.createBucket("bundle-readings");
        Object.assign(process.env, { SINK: "s3", OUTPUT_BUCKET: "bundle-readings", OUTPUT_PREFIX: "raw/devices", S3_LAYOUT: "batch" });
        const file = path.join(dir, "index.js");
        fs.writeFileSync(file, code);
        const { handler } = require(file);
        const template = EXAMPLE.Records[0];
        const good = [1, 2].map((n) => {
            const r = structuredClone(template);
            r.kinesis.sequenceNumber = `${template.kinesis.sequenceNumber.slice(0, -1)}${n}`;
            r.kinesis.data = Buffer.from(JSON.stringify({ deviceId: `dev-${n}`, timestamp: "2018-12-17T22:10:00Z", metrics: { v: n } })).toString("base64");
            return r;
        });
        assert.deepStrictEqual(await handler({ Records: [template, ...good] }), { batchItemFailures: [] });
        const keys = await s3.keys("bundle-readings");
        assert.deepStrictEqual(keys, [`raw/devices/year=2018/month=12/day=17/hour=22/shardId-000000000006-${good[0].kinesis.sequenceNumber}.ndjson`]);
        const lines = (await s3.get("bundle-readings", keys[0])).body.toString().trim().split("\n");
        assert.deepStrictEqual(
            lines.map((l) => JSON.parse(l).deviceId),
            ["dev-1", "dev-2"],
        );
    });

    it("the bundled handler reads the time left from Lambda's context: with little left it writes one record and reports the next", async () => {
        await s3.createBucket("bundle-budget");
        Object.assign(process.env, { SINK: "s3", OUTPUT_BUCKET: "bundle-budget", OUTPUT_PREFIX: "raw", S3_LAYOUT: "record" });
        const file = path.join(dir, "budget.js");
        fs.writeFileSync(file, code);
        const { handler } = require(file);
        const template = EXAMPLE.Records[0];
        const records = [1, 2, 3].map((n) => {
            const r = structuredClone(template);
            r.kinesis.sequenceNumber = `${template.kinesis.sequenceNumber.slice(0, -1)}${n}`;
            r.kinesis.data = Buffer.from(JSON.stringify({ deviceId: `dev-${n}`, timestamp: "2018-12-17T22:10:00Z", metrics: { v: n } })).toString("base64");
            return r;
        });
        // 3 s left: under the 5-second reserve, so after the first write the rest is reported.
        const context = { getRemainingTimeInMillis: () => 3_000 };
        assert.deepStrictEqual(await handler({ Records: records }, context), { batchItemFailures: [{ itemIdentifier: records[1].kinesis.sequenceNumber }] });
        assert.strictEqual((await s3.keys("bundle-budget")).length, 1);
    });
});
