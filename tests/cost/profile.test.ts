/** Load profiles (components/cost/profile.ts): validation that names key, value and what is allowed; merging over defaults. */
import * as assert from "node:assert";
import { IDLE_LOAD, checkLoadProfile, resolveLoad } from "../../components/cost";

describe("cost load profile", () => {
    it("accepts IDLE_LOAD, all zeros", () => {
        assert.deepStrictEqual(checkLoadProfile(IDLE_LOAD), []);
    });

    const cases: { title: string; partial: unknown; issues: { path: string; value?: unknown; message: string; allowed?: string }[] }[] = [
        {
            title: "refuses a negative quantity, naming key, value and what is allowed",
            partial: { httpApi: { requestsPerMonth: -1 } },
            issues: [{ path: "load.httpApi.requestsPerMonth", value: -1, message: "is negative", allowed: "a number of 0 or more" }],
        },
        {
            title: "refuses a cache hit ratio above 1",
            partial: { cdn: { cacheHitRatio: 1.5 } },
            issues: [{ path: "load.cdn.cacheHitRatio", value: 1.5, message: "is out of range", allowed: "a number from 0 to 1" }],
        },
        {
            title: "refuses a quantity written as text",
            partial: { nat: { processedGB: "100" } },
            issues: [{ path: "load.nat.processedGB", value: "100", message: "is a string", allowed: "a number of 0 or more" }],
        },
        {
            title: "refuses an unknown key, suggesting the nearest known one",
            partial: { dynamodb: { readRequestUnitsPerMonht: 5 } },
            issues: [
                {
                    path: "load.dynamodb.readRequestUnitsPerMonht",
                    value: 5,
                    message: "is not a known load profile key; did you mean readRequestUnitsPerMonth?",
                    allowed: "readRequestUnitsPerMonth, writeRequestUnitsPerMonth, storageGB",
                },
            ],
        },
        {
            title: "refuses negative WebSocket connection minutes",
            partial: { webSocketApi: { connectionMinutesPerMonth: -60 } },
            issues: [{ path: "load.webSocketApi.connectionMinutesPerMonth", value: -60, message: "is negative", allowed: "a number of 0 or more" }],
        },
        {
            title: "refuses a negative S3 request count",
            partial: { storage: { s3GetRequestsPerMonth: -1 } },
            issues: [{ path: "load.storage.s3GetRequestsPerMonth", value: -1, message: "is negative", allowed: "a number of 0 or more" }],
        },
        {
            title: "refuses an unknown key of the KMS group, suggesting requestsPerMonth",
            partial: { kms: { requestPerMonth: 5 } },
            issues: [
                {
                    path: "load.kms.requestPerMonth",
                    value: 5,
                    message: "is not a known load profile key; did you mean requestsPerMonth?",
                    allowed: "requestsPerMonth",
                },
            ],
        },
        {
            title: "refuses Secrets Manager API calls written as text",
            partial: { secrets: { apiCallsPerMonth: "1000" } },
            issues: [{ path: "load.secrets.apiCallsPerMonth", value: "1000", message: "is a string", allowed: "a number of 0 or more" }],
        },
        {
            title: "refuses a negative override of one function's invocations",
            partial: { functions: { items: { invocationsPerMonth: -5 } } },
            issues: [{ path: "load.functions.items.invocationsPerMonth", value: -5, message: "is negative", allowed: "a number of 0 or more" }],
        },
    ];
    for (const c of cases) {
        it(c.title, () => {
            const issues = checkLoadProfile(resolveLoad(c.partial as any, IDLE_LOAD));
            assert.deepStrictEqual(
                issues.map((i) => ({ ...i })),
                c.issues,
            );
        });
    }

    it("reports every invalid key at once", () => {
        const issues = checkLoadProfile(
            resolveLoad({ httpApi: { requestsPerMonth: -1 }, logs: { ingestedGB: Number.POSITIVE_INFINITY, storedGB: -2 } } as any),
        );
        assert.deepStrictEqual(
            issues.map((i) => i.path),
            ["load.httpApi.requestsPerMonth", "load.logs.ingestedGB", "load.logs.storedGB"],
        );
    });

    it("refuses a group that is not an object, under the path given", () => {
        const issues = checkLoadProfile(resolveLoad({ nat: 5 } as any), "aws-platform:load");
        assert.equal(issues.length, 1);
        assert.equal(issues[0].path, "aws-platform:load.nat");
    });

    it("merges a partial profile over the defaults group by group, and functions by name", () => {
        const defaults = resolveLoad({ cdn: { requestsPerMonth: 10, transferOutGB: 2, cacheHitRatio: 0.9 }, functions: { a: { invocationsPerMonth: 1 } } });
        const merged = resolveLoad({ cdn: { transferOutGB: 500 }, functions: { b: { averageDurationMs: 20 } } }, defaults);
        assert.deepStrictEqual(merged.cdn, { requestsPerMonth: 10, transferOutGB: 500, cacheHitRatio: 0.9 });
        assert.deepStrictEqual(merged.functions, { a: { invocationsPerMonth: 1 }, b: { averageDurationMs: 20 } });
        assert.deepStrictEqual(merged.nat, IDLE_LOAD.nat);
        assert.deepStrictEqual(checkLoadProfile(merged), []);
    });
});
