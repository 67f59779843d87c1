/**
 * The items function as Lambda runs it: bundled by the components' own `bundle()` (esbuild: cjs, node22, minified,
 * `mainFields: ["module","main"]`, SDK v3 inside), loaded from a file, and called against dynalite.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { freshBundle } from "../harness/fresh-bundle";
import { ITEMS_TABLE, type LocalDynamo, httpEvent, useItemsApi } from "./items-harness";
import { filesUnder } from "../harness/files-under";

const ROOT = path.join(__dirname, "../..");

const sources = (dir: string) => filesUnder(dir, (name) => name.endsWith(".ts"));

describe("functions/items: the Lambda bundle", function () {
    this.timeout(30_000);
    let dynamo: LocalDynamo;
    let code: string;
    let dir: string;

    before(async () => {
        ({ dynamo } = await useItemsApi());
        code = freshBundle(path.join(ROOT, "functions/items/index.ts")).code;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "items-bundle-"));
    });
    after(() => {
        dynamo?.release();
        if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("no module under functions/ imports Pulumi", () => {
        const offenders = sources(path.join(ROOT, "functions")).filter((f) =>
            /from\s+["']@pulumi\/|require\(\s*["']@pulumi\//.test(fs.readFileSync(f, "utf8")),
        );
        assert.deepStrictEqual(offenders, []);
    });

    it("bundles to a single file under 1 MiB with the SDK inside", () => {
        console.log(`      items bundle: ${code.length} bytes`);
        assert.ok(code.length < 1024 * 1024, `${code.length} bytes`);
        assert.doesNotMatch(
            code,
            /require\("@aws-sdk\/(client-dynamodb|lib-dynamodb|smithy-client)"\)/,
            "the SDK v3 clients are bundled, not required at run time",
        );
    });

    it("the bundled handler, loaded from a directory with no node_modules, creates, reads and lists items in DynamoDB", async () => {
        const file = path.join(dir, "index.js");
        fs.writeFileSync(file, code);
        const { handler } = require(file);
        const before = await dynamo.count(ITEMS_TABLE);
        const created = await handler(httpEvent("POST", "/items", { body: JSON.stringify({ name: "bundled" }) }));
        assert.strictEqual(created.statusCode, 201, created.body);
        assert.strictEqual(await dynamo.count(ITEMS_TABLE), before + 1);
        const read = await handler(httpEvent("GET", `/items/${JSON.parse(created.body).id}`));
        assert.deepStrictEqual(JSON.parse(read.body), JSON.parse(created.body));
        const r = await handler(httpEvent("GET", "/items", { query: { limit: "2" } }));
        assert.strictEqual(r.statusCode, 200, r.body);
        const page = JSON.parse(r.body);
        assert.ok(Array.isArray(page.items) && page.items.length <= 2);
    });
});
