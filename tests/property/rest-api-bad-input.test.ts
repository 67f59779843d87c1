/**
 * Generated bad input for RestApi (as tests/property/bad-input.test.ts does for the older components):
 * each case breaks a valid example (tests/property/mutate.ts) and asserts that the program either
 * fails with an ArgsError before registering anything, or builds completely.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { RestApi, RestApiArgs } from "../../components/rest-api";
import { ArgsError } from "../../components/shared/errors";
import { BuildError, build } from "../../components/testing";
import { FULL, QUEUE_ARN, TABLE_ARN } from "../components/rest-api/fixtures";
import { Mutation, apply, componentNames, mutations } from "./mutate";

const SEED = Number(process.env.BAD_INPUT_SEED ?? 20261125);
/** Fewer than the older targets: every built case registers ~70 resources. */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 250) / 5;

/** Service proxies only (no bundling), with usage plans, a cache and validation. */
const PROXIES = (): RestApiArgs => ({
    routes: {
        "POST /events": { integration: { type: "sqs", queueArn: QUEUE_ARN }, authorizer: "none", apiKeyRequired: true, bodySchema: { type: "object" } },
        "GET /items/{id}": { integration: { type: "dynamodb", action: "GetItem", tableArn: TABLE_ARN, tableName: "items" }, authorizer: "none" },
    },
    apiKeys: { acme: {} },
    usagePlans: { gold: { apiKeys: ["acme"], quota: { limit: 100, period: "WEEK", offset: 6 } } },
});
/** A fresh copy each time: mutations change the args in place. FULL is plain JSON. */
const full = (): RestApiArgs => JSON.parse(JSON.stringify(FULL));
const EXAMPLES: Array<() => RestApiArgs> = [PROXIES, full];

describe(`RestApi generated bad input (seed ${SEED}, ${RUNS} runs)`, function () {
    this.timeout(600_000);
    const counts = { refused: 0, built: 0 };
    after(() => console.log(`      RestApi bad-input cases: ${counts.refused} refused, ${counts.built} built`));

    it("every example builds (so the cases start from valid args)", async () => {
        for (const example of EXAMPLES) await build(() => new RestApi("example", example()));
    });

    it("a malformed RestApi is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = EXAMPLES[example % EXAMPLES.length]();
                for (const m of ms) args = apply(args, m);
                try {
                    await build(() => new RestApi(name as string, args as RestApiArgs));
                    counts.built++;
                } catch (e) {
                    assert.ok(e instanceof BuildError, String(e));
                    assert.ok(e.errors[0] instanceof ArgsError, `not an ArgsError: ${String((e.errors[0] as Error)?.stack ?? e.errors[0])}`);
                    assert.equal(e.registry.size, 0, e.registry.inventory().join(", "));
                    counts.refused++;
                }
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });
});
