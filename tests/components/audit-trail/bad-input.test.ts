/** Generated bad input for AuditTrail: the property in tests/property/refused-or-built.ts, from these examples. */
import { AuditTrail } from "../../../components/audit-trail";
import type { AuditTrailArgs } from "../../../components/audit-trail/args";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";

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

describe("AuditTrail bad input", () => {
    it("a malformed AuditTrail is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new AuditTrail(name, args), { seed: 20261126, numRuns: 150 });
    });
});
