/**
 * The offline plan's cost step (tools/plan/cost.ts): the estimate it prints after the policy report and
 * out/<stack>/cost.json, on a fixture program priced with the tests' own prices and pricers (tests/cost/fixtures.ts).
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type CostJson, FREE_TYPES, PRICES_AS_OF } from "../../components/cost";
import { main } from "../../tools/plan";
import { captureConsole } from "../harness/console";

import { TEST_PRICERS, testPrices } from "../cost/fixtures";

const PROJECT = path.join(__dirname, "fixtures", "cost-project");
const cost = { prices: testPrices(), pricers: TEST_PRICERS, freeTypes: FREE_TYPES };

/** Runs the command line on the fixture project, capturing what it prints. */
async function cli(stack: string, outDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const run = await captureConsole(() => main([stack], { projectDir: PROJECT, programPath: "index.ts", outDir, cost, policy: { rules: [] } }));
    return { code: run.result, stdout: run.stdout, stderr: run.stderr };
}

describe("offline plan: the cost estimate", () => {
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cost-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("prints each component's monthly cost at idle and at the stack's load profile, the total and what it cannot price", async () => {
        const run = await cli("demo", tmp);
        assert.equal(run.code, 0, run.stderr);
        const table = run.stdout.slice(run.stdout.indexOf("Cost estimate"));
        assert.match(
            table,
            new RegExp(`^Cost estimate \\(us-east-1 list prices as of ${PRICES_AS_OF}; load profile: Pulumi\\.demo\\.yaml aws-platform:load\\):$`, "m"),
        );
        assert.match(table, /^ {2}component {2,}idle \$\/mo {3}at load \$\/mo$/m);
        // One NAT gateway: 730 h × $0.045 = 32.85 idle; with 100 GB × $0.045 = 4.50 at load.
        assert.match(table, /^ {2}net \(Net\) +32\.85 +37\.35$/m);
        assert.match(table, /^ {2}total +32\.85 +37\.35$/m);
        assert.match(table, /^ {2}free tier \(account-wide\) +−0\.00 +−0\.00$/m);
        assert.match(table, /^ {2}not priced \(no price in the model, not known to be free\): aws:sqs\/queue:Queue ×1$/m);
        assert.match(table, /^ {2}Crossover: none, the stack has no ServerlessApi with a function\.$/m);
        assert.match(run.stdout, /^Wrote .*cost\.json$/m);
    });

    it("writes out/<stack>/cost.json: the stack, the price table's date and Region, both estimates and the crossover", async () => {
        const file = path.join(tmp, "demo", "cost.json");
        const json: CostJson = JSON.parse(fs.readFileSync(file, "utf8"));
        assert.deepStrictEqual([json.stack, json.pricesAsOf, json.region], ["demo", PRICES_AS_OF, "us-east-1"]);
        assert.equal(json.idle.total, 0.045 * 730);
        assert.ok(Math.abs(json.load.total - (0.045 * 730 + 100 * 0.045)) < 1e-9);
        assert.deepStrictEqual(json.load.load.nat, { processedGB: 100 });
        assert.deepStrictEqual(
            json.load.resources.map((r) => [r.name, r.component, r.lines.map((l) => [l.price, l.quantity, l.usage])]),
            [
                [
                    "net-nat",
                    "net",
                    [
                        ["nat.hour", 730, false],
                        ["nat.gb", 100, true],
                    ],
                ],
            ],
        );
        assert.equal(json.crossover?.notes.length, 4);
    });

    it("prices a stack without aws-platform:load at idle only, and says so", async () => {
        const run = await cli("idle", tmp);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /load profile: none \(no aws-platform:load in Pulumi\.idle\.yaml\): idle only\):/);
        assert.match(run.stdout, /^ {2}net \(Net\) +32\.85 +32\.85$/m);
    });

    it("refuses an invalid load profile with exit code 2, naming every bad key", async () => {
        const run = await cli("badload", tmp);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^error: Pulumi\.badload\.yaml: 2 invalid load profile setting\(s\):$/m);
        assert.match(run.stderr, /^ {2}- aws-platform:load\.nat\.processedGB=-1 is negative; allowed: a number of 0 or more$/m);
        assert.match(
            run.stderr,
            /^ {2}- aws-platform:load\.cdn\.hitRatio=0\.9 is not a known load profile key; allowed: requestsPerMonth, transferOutGB, cacheHitRatio$/m,
        );
    });
});
