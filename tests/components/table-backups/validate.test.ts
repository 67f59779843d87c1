import * as assert from "node:assert";
import { TableBackups, TableBackupsArgs } from "../../../components/table-backups";
import { DEFAULTS, normalize } from "../../../components/table-backups/defaults";
import { validate } from "../../../components/table-backups/validate";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefuses, itRefusesAll } from "../../harness/refusals";

const TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
const base: TableBackupsArgs = { tableArns: [TABLE_ARN] };
const rule = (over: Record<string, unknown> = {}) =>
    ({ rules: { daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35, ...over } } }) as Partial<TableBackupsArgs>;
const with_ = (extra: Partial<TableBackupsArgs>): TableBackupsArgs => ({ ...base, ...extra });
const construct = (args: TableBackupsArgs) => new TableBackups("orders-backups", args);
const HEADING = /^TableBackups "orders-backups": /;

describe("TableBackups validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/table-backups/args.ts", DEFAULTS);
    });

    it("accepts the defaults, and its own normalized output", () => {
        assert.deepEqual(validate(base), []);
        const cfg = normalize(base);
        assert.deepEqual(validate({ ...cfg, tables: [], tableArns: cfg.tableArns } as TableBackupsArgs), []);
    });

    it("accepts a rule at the edge of every limit: start 60, completion 120, cold 1 and delete 91", () => {
        assert.deepEqual(validate(with_(rule({ startWindowMinutes: 60, completionWindowMinutes: 120, coldStorageAfterDays: 1, deleteAfterDays: 91 }))), []);
    });

    it("gives a copy without its own lifecycle the rule's retention and cold storage", () => {
        const cfg = normalize(with_(rule({ coldStorageAfterDays: 30, deleteAfterDays: 365, copies: [{ region: "eu-west-1" }] })));
        assert.deepEqual(cfg.rules.daily.copies, [{ region: "eu-west-1", deleteAfterDays: 365, coldStorageAfterDays: 30 }]);
    });

    itRefuses<TableBackupsArgs>(
        [
            { title: "refuses a backup of no table", args: {}, path: "tables", message: /is required.*at least one Table/ },
            {
                title: "refuses a table ARN that is not a DynamoDB table's",
                args: { tableArns: ["arn:aws:s3:::orders"] },
                path: "tableArns[0]",
                message: /DynamoDB table ARN/,
            },
            {
                title: "refuses something other than a Table in tables",
                args: { tables: [{ tableArn: TABLE_ARN } as never] },
                path: "tables[0]",
                message: /is an object; allowed: a Table/,
            },
            { title: "refuses an empty set of rules", args: with_({ rules: {} }), path: "rules", message: /at least one backup rule/ },
            {
                title: "refuses a rate() schedule, which AWS Backup does not take",
                args: with_(rule({ schedule: "rate(1 day)" })),
                path: "rules.daily.schedule",
                message: /not a cron expression/,
            },
            {
                title: "refuses a five-field cron",
                args: with_(rule({ schedule: "cron(0 5 * * *)" })),
                path: "rules.daily.schedule",
                message: /5 cron fields, not 6/,
            },
            {
                title: "refuses a schedule more often than hourly",
                args: with_(rule({ schedule: "cron(0/15 * ? * * *)" })),
                path: "rules.daily.schedule",
                message: /more than once an hour/,
            },
            { title: "refuses a time zone that is not IANA", args: with_(rule({ timezone: "CET+1" })), path: "rules.daily.timezone", message: /IANA/ },
            {
                title: "refuses a start window under 60 minutes",
                args: with_(rule({ startWindowMinutes: 30 })),
                path: "rules.daily.startWindowMinutes",
                message: /from 60 to/,
            },
            {
                title: "refuses a completion window less than 60 minutes longer than the start window",
                args: with_(rule({ startWindowMinutes: 120, completionWindowMinutes: 150 })),
                path: "rules.daily.completionWindowMinutes",
                message: /from 180 to .*60 more than startWindowMinutes/,
            },
            {
                title: "refuses a retention of 0 days",
                args: with_(rule({ deleteAfterDays: 0 })),
                path: "rules.daily.deleteAfterDays",
                message: /from 1 to 36500/,
            },
            {
                title: "refuses a retention under 90 days after the move to cold storage",
                args: with_(rule({ coldStorageAfterDays: 30, deleteAfterDays: 100 })),
                path: "rules.daily.deleteAfterDays",
                message: /less than 90 days after coldStorageAfterDays \(30\); allowed: at least 120 days/,
            },
            {
                title: "refuses a rule name AWS does not take",
                args: with_({ rules: { Daily_1: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 7 } } }),
                path: "rules.Daily_1",
                message: /lower-case/,
            },
            {
                title: "refuses a rule name over 50 characters",
                args: with_({ rules: { ["r".repeat(51)]: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 7 } } }),
                path: `rules.${"r".repeat(51)}`,
                message: /at most 50/,
            },
            {
                title: "refuses a copy with neither a region nor a vault",
                args: with_(rule({ copies: [{}] })),
                path: "rules.daily.copies[0]",
                message: /exactly one destination/,
            },
            {
                title: "refuses a copy with both a region and a vault",
                args: with_(rule({ copies: [{ region: "eu-west-1", vaultArn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr" }] })),
                path: "rules.daily.copies[0]",
                message: /exactly one destination/,
            },
            {
                title: "refuses a copy region that is not a region name",
                args: with_(rule({ copies: [{ region: "europe" }] })),
                path: "rules.daily.copies[0].region",
                message: /region name/,
            },
            {
                title: "refuses a copy vault ARN that is not a backup vault's",
                args: with_(rule({ copies: [{ vaultArn: "arn:aws:backup:eu-west-1:123456789012:vault/dr" }] })),
                path: "rules.daily.copies[0].vaultArn",
                message: /backup vault ARN/,
            },
            {
                title: "refuses a copy retention under 90 days after its own move to cold storage",
                args: with_(rule({ copies: [{ region: "eu-west-1", coldStorageAfterDays: 10, deleteAfterDays: 50 }] })),
                path: "rules.daily.copies[0].deleteAfterDays",
                message: /at least 100 days/,
            },
            {
                title: "refuses a vault key given as an alias",
                args: with_({ vault: { kmsKeyArn: "alias/backups" } }),
                path: "vault.kmsKeyArn",
                message: /not an alias/,
            },
            { title: "refuses an unknown argument, naming the nearest", args: with_({ rule: {} } as never), path: "rule", message: /rules/ },
        ],
        validate,
        construct,
        HEADING,
    );

    itRefusesAll<TableBackupsArgs>(
        [
            {
                title: "reports every bad rule at once",
                args: with_({
                    rules: {
                        daily: { schedule: "rate(1 day)", deleteAfterDays: 0 },
                        monthly: { schedule: "cron(0 5 1 * ? *)", deleteAfterDays: 365, copies: [{ region: "eu-west-1" }, { region: "eu-west-1" }] },
                    },
                }),
                paths: ["rules.daily.schedule", "rules.daily.deleteAfterDays", "rules.monthly.copies[1].region"],
                message: /not a cron expression.*\| is out of range.*\| is copied to twice/,
            },
        ],
        validate,
        construct,
        HEADING,
    );
});
