/**
 * Generated bad input for AuditTrail (as tests/property/bad-input.test.ts does for the older
 * components): each case breaks a valid example and the program either fails with an ArgsError before
 * registering anything, or builds; never another exception or a half-registered program.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { AuditTrail } from "../../../components/audit-trail";
import type { AuditTrailArgs } from "../../../components/audit-trail/args";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, installMocks, settle } from "../../../components/testing";
import { Mutation, apply, componentNames, mutations } from "../../property/mutate";

const EXAMPLES: AuditTrailArgs[] = [
    {},
    {
        retentionDays: 2557,
        logRetentionDays: 365,
        writerAccountIds: ["111122223333", "444455556666"],
        writerOrganizationId: "o-a1b2c3d4e5",
        organization: true,
        alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", rules: ["root-sign-in", "security-group-changes"], logRetentionDays: 90 },
        dataEvents: { s3Objects: ["arn:aws:s3:::uploads"], dynamoDbTables: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"], lambdaFunctions: "all" },
        insights: ["ApiCallRateInsight", "ApiErrorRateInsight"],
        protectData: true,
        keyDeletionWindowDays: 7,
        tags: { team: "security" },
    },
];

async function refusedOrBuilt(program: () => unknown): Promise<void> {
    const monitor = installMocks();
    const warn = console.warn;
    console.warn = () => {};
    let error: unknown;
    try {
        try {
            program();
        } catch (e) {
            error = e;
        }
        await settle();
    } finally {
        console.warn = warn;
    }
    const registry = new Registry(monitor);
    if (error === undefined) return;
    assert.ok(error instanceof ArgsError, `not an ArgsError: ${String((error as Error)?.stack ?? error)}`);
    assert.equal(registry.size, 0, `an ArgsError after ${registry.size} registrations`);
}

describe("AuditTrail bad input", () => {
    it("a malformed AuditTrail is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = structuredClone(EXAMPLES[example % EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                await refusedOrBuilt(() => new AuditTrail(name as string, args as AuditTrailArgs));
            }),
            { seed: 20261126, numRuns: 150 },
        );
    });
});
