/**
 * functions/shared: the helpers every function uses once (DynamoDB condition failures, required settings, payload
 * format detection, the request id, the log threshold).
 */
import * as assert from "node:assert";
import { isConditionFailure } from "../../functions/shared/dynamo";
import { requiredSetting } from "../../functions/shared/env";
import { type ApiEvent, isPayload1, requestIdOf } from "../../functions/shared/http";
import { createLogger, levelOf } from "../../functions/shared/log";
import { isRestEvent } from "../../functions/authorizer/core";
import { REST_EVENT_FIXTURE, httpEvent } from "./items-harness";

describe("functions/shared", () => {
    it("isConditionFailure is true for ConditionalCheckFailedException only, and false (not a TypeError) for null or undefined", () => {
        assert.deepStrictEqual(
            [
                { name: "ConditionalCheckFailedException" },
                { name: "ValidationException" },
                new Error("x"),
                null,
                undefined,
                "ConditionalCheckFailedException",
            ].map(isConditionFailure),
            [true, false, false, false, false, false],
        );
    });

    it("requiredSetting returns the value; a missing or empty one throws `<NAME> is not set` when read, not when created", () => {
        assert.strictEqual(requiredSetting("TABLE_NAME", "items")(), "items");
        for (const value of [undefined, ""]) {
            const read = requiredSetting("TABLE_NAME", value);
            assert.throws(read, /^Error: TABLE_NAME is not set$/);
            assert.throws(read, /TABLE_NAME is not set/);
        }
    });

    it("isPayload1 tells payload 1.0 from 2.0 for integrations (httpMethod) and authorizers (methodArn) alike", () => {
        const methodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/items";
        assert.deepStrictEqual(
            [
                isPayload1(REST_EVENT_FIXTURE, "httpMethod"),
                isPayload1({ ...REST_EVENT_FIXTURE, version: "1.0" }, "httpMethod"),
                isPayload1({ ...REST_EVENT_FIXTURE, version: "2.0" }, "httpMethod"),
                isPayload1(httpEvent("GET", "/items"), "httpMethod"),
                isPayload1({ type: "REQUEST", methodArn }, "methodArn"),
                isPayload1({ version: "2.0", type: "REQUEST", methodArn }, "methodArn"),
            ],
            [true, true, false, false, true, false],
        );
        assert.deepStrictEqual(
            [isRestEvent({ type: "TOKEN", methodArn, authorizationToken: "Bearer x" }), isRestEvent({ version: "2.0", type: "REQUEST", routeArn: methodArn })],
            [true, false],
        );
    });

    it("requestIdOf reads the request id of either payload format, and undefined from an event without requestContext", () => {
        assert.deepStrictEqual(
            [
                requestIdOf(REST_EVENT_FIXTURE),
                requestIdOf({ ...httpEvent("GET", "/items"), requestContext: { requestId: "r-2", http: { method: "GET" } } }),
                requestIdOf({} as ApiEvent),
            ],
            ["deef4878-7910-11e6-8f14-25afc3e9ae33", "r-2", undefined],
        );
    });

    describe("the log threshold", () => {
        it("LOG_LEVEL sets it, and wins over AWS_LAMBDA_LOG_LEVEL", () => {
            assert.strictEqual(levelOf({ LOG_LEVEL: "warn", AWS_LAMBDA_LOG_LEVEL: "DEBUG" }), "warn");
        });

        it("without LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL (set by Lambda's advanced logging controls) sets it", () => {
            assert.deepStrictEqual(
                ["DEBUG", "INFO", "WARN", "ERROR"].map((AWS_LAMBDA_LOG_LEVEL) => levelOf({ AWS_LAMBDA_LOG_LEVEL })),
                ["debug", "info", "warn", "error"],
            );
        });

        it("Lambda's TRACE and FATAL map to debug and error; nothing or an unknown name is info", () => {
            assert.deepStrictEqual(
                [levelOf({ AWS_LAMBDA_LOG_LEVEL: "TRACE" }), levelOf({ AWS_LAMBDA_LOG_LEVEL: "FATAL" }), levelOf({}), levelOf({ LOG_LEVEL: "verbose" })],
                ["debug", "error", "info", "info"],
            );
        });

        it("createLogger reads AWS_LAMBDA_LOG_LEVEL from the environment when LOG_LEVEL is unset", () => {
            const saved = { LOG_LEVEL: process.env.LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL: process.env.AWS_LAMBDA_LOG_LEVEL };
            delete process.env.LOG_LEVEL;
            process.env.AWS_LAMBDA_LOG_LEVEL = "ERROR";
            try {
                const lines: string[] = [];
                const log = createLogger((l) => lines.push(l));
                log.log("warn", "dropped");
                log.log("error", "kept");
                assert.deepStrictEqual(
                    lines.map((l) => JSON.parse(l).message),
                    ["kept"],
                );
            } finally {
                for (const [k, v] of Object.entries(saved))
                    if (v === undefined) delete process.env[k];
                    else process.env[k] = v;
            }
        });
    });
});
