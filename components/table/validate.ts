import { Issue, Issues, isPlain } from "../shared/errors";
import { NAME_RULES } from "../shared/limits/names";
import { checkShape, own } from "../shared/shape";
import { AWS_REGION_NAME, checkKmsKeyArn, checkTags } from "../shared/validators";
import type { TableArgs } from "./args";
import { ResolvedAutoScaling, ResolvedTable, normalize } from "./defaults";
import { checkRecoveryAndExport } from "./export";
import { checkImport } from "./import";
import { TABLE_SHAPE } from "./shape";

/**
 * DynamoDB's quotas and enums (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html):
 * 20 global and 5 local secondary indexes per table (the GSI quota is adjustable; 20 is the default),
 * 100 projected non-key attributes summed over every index of the table.
 */
export const MAX_GLOBAL_INDEXES = 20;
export const MAX_LOCAL_INDEXES = 5;
export const MAX_PROJECTED_ATTRIBUTES = 100;
/** Attribute names of keys and of the TTL attribute: 1 to 255 bytes (UTF-8). */
export const MAX_ATTRIBUTE_NAME_BYTES = 255;
/** Application Auto Scaling target tracking for DynamoDB: 20–90 percent. */
export const TARGET_UTILIZATION = { min: 20, max: 90 };
/** A provisioned table or index: 1 to 40,000 units per dimension by default (account quota, per table). */
export const MAX_CAPACITY_UNITS = 40_000;

export const ATTRIBUTE_TYPES = ["S", "N", "B"] as const;
export const PROJECTIONS = ["ALL", "KEYS_ONLY", "INCLUDE"] as const;
export const STREAM_VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const;
export const TABLE_CLASSES = ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] as const;
export const BILLING_MODES = ["PAY_PER_REQUEST", "PROVISIONED"] as const;

/** An existing Kinesis data stream's ARN. */
const KINESIS_STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/;

const TABLE_NAME = NAME_RULES["aws:dynamodb/table:Table"];
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * A Table's args: shape first (types, unknown keys), then `normalize`, then the value rules on the
 * resolved values, every issue at once. Pure: no Pulumi, no resources.
 */
export function validate(args: TableArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, TABLE_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkAttributes(issues, cfg);
    checkIndexes(issues, cfg);
    checkCapacity(issues, cfg);
    issues.oneOf("tableClass", cfg.tableClass, TABLE_CLASSES);
    issues.oneOf("streamViewType", cfg.streamViewType, STREAM_VIEW_TYPES);
    if (cfg.ttlAttribute !== undefined) checkTtl(issues, cfg, cfg.ttlAttribute);
    checkEncryption(issues, cfg);
    checkReplicas(issues, cfg);
    checkKinesis(issues, cfg, args);
    checkTags(issues, "tags", cfg.tags);
    checkRecoveryAndExport(issues, cfg);
    checkImport(issues, cfg);
    return issues.list;
}

function checkAttributeName(issues: Issues, path: string, name: string): boolean {
    const n = bytes(name);
    if (n < 1 || n > MAX_ATTRIBUTE_NAME_BYTES) return issues.add(path, name, "is not a valid attribute name", `1 to ${MAX_ATTRIBUTE_NAME_BYTES} bytes`);
    return true;
}

function checkTtl(issues: Issues, cfg: ResolvedTable, attribute: string): void {
    if (!checkAttributeName(issues, "ttlAttribute", attribute)) return;
    // TTL ignores an item whose attribute is not a Number: on a string or binary key nothing would
    // ever expire (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
    const type = own(cfg.attributes, attribute);
    if (type !== undefined && type !== "N")
        issues.add(
            "ttlAttribute",
            attribute,
            `is a key attribute declared "${type}", and TTL expires only items whose attribute is a Number (epoch seconds)`,
            'a Number attribute: another attribute, or declare this key "N"',
        );
}

/** Every key the table and its indexes use, with the path that names it. */
function keyUses(cfg: ResolvedTable): Array<{ path: string; attribute: string }> {
    const uses = [{ path: "partitionKey", attribute: cfg.partitionKey }];
    if (cfg.sortKey !== undefined) uses.push({ path: "sortKey", attribute: cfg.sortKey });
    for (const [name, g] of Object.entries(cfg.globalIndexes)) {
        uses.push({ path: `globalIndexes.${name}.partitionKey`, attribute: g.partitionKey });
        if (g.sortKey !== undefined) uses.push({ path: `globalIndexes.${name}.sortKey`, attribute: g.sortKey });
    }
    for (const [name, l] of Object.entries(cfg.localIndexes)) uses.push({ path: `localIndexes.${name}.sortKey`, attribute: l.sortKey });
    return uses;
}

function checkAttributes(issues: Issues, cfg: ResolvedTable): void {
    const declared = Object.keys(cfg.attributes);
    for (const [name, type] of Object.entries(cfg.attributes)) {
        checkAttributeName(issues, `attributes.${name}`, name);
        issues.oneOf(`attributes.${name}`, type, ATTRIBUTE_TYPES);
    }
    const uses = keyUses(cfg);
    for (const u of uses) {
        if (!Object.hasOwn(cfg.attributes, u.attribute)) {
            issues.add(
                u.path,
                u.attribute,
                "is not declared in attributes",
                `one of ${declared.join(", ") || "(none declared)"}, or declare it: attributes.${u.attribute}: "S" | "N" | "B"`,
            );
        }
    }
    // CreateTable refuses an attribute definition no key uses ("Number of attributes in KeySchema does
    // not exactly match number of attributes defined in AttributeDefinitions").
    const used = new Set(uses.map((u) => u.attribute));
    for (const name of declared) {
        if (!used.has(name))
            issues.add(
                `attributes.${name}`,
                name,
                "is declared but no key uses it (DynamoDB refuses it)",
                "only the key attributes of the table and its indexes",
            );
    }
}

function checkIndexes(issues: Issues, cfg: ResolvedTable): void {
    const globals = Object.entries(cfg.globalIndexes);
    const locals = Object.entries(cfg.localIndexes);
    if (globals.length > MAX_GLOBAL_INDEXES)
        issues.add(
            "globalIndexes",
            globals.length,
            "has too many indexes",
            `at most ${MAX_GLOBAL_INDEXES} global secondary indexes (DynamoDB's default quota)`,
        );
    if (locals.length > MAX_LOCAL_INDEXES)
        issues.add("localIndexes", locals.length, "has too many indexes", `at most ${MAX_LOCAL_INDEXES} local secondary indexes`);
    if (locals.length > 0 && cfg.sortKey === undefined)
        issues.add("localIndexes", Object.keys(cfg.localIndexes), "need a table sortKey", "a sortKey on the table: a local index only changes the sort key");
    let projected = 0;
    for (const [kind, entries] of [
        ["globalIndexes", globals],
        ["localIndexes", locals],
    ] as const) {
        for (const [name, index] of entries) {
            const path = `${kind}.${name}`;
            if (!TABLE_NAME.pattern.test(name) || name.length < 3 || name.length > 255)
                issues.add(path, name, "is not a valid index name", `3 to 255 of ${TABLE_NAME.allowed}`);
            if (locals.some(([l]) => l === name) && globals.some(([g]) => g === name))
                issues.add(path, name, "names both a global and a local index", "one name per index");
            issues.oneOf(`${path}.projection`, index.projection, PROJECTIONS);
            if (index.projection === "INCLUDE" && index.nonKeyAttributes.length === 0)
                issues.add(`${path}.nonKeyAttributes`, [], "is empty with projection INCLUDE", "the attributes to copy, or projection ALL or KEYS_ONLY");
            if (index.projection !== "INCLUDE" && index.nonKeyAttributes.length > 0)
                issues.add(
                    `${path}.nonKeyAttributes`,
                    index.nonKeyAttributes,
                    `is only allowed with projection INCLUDE (not ${index.projection})`,
                    'projection: "INCLUDE"',
                );
            for (const [i, a] of index.nonKeyAttributes.entries()) checkAttributeName(issues, `${path}.nonKeyAttributes[${i}]`, a);
            if (index.projection === "INCLUDE") projected += new Set(index.nonKeyAttributes).size;
        }
    }
    if (projected > MAX_PROJECTED_ATTRIBUTES)
        issues.add("globalIndexes", projected, "project too many non-key attributes", `at most ${MAX_PROJECTED_ATTRIBUTES} across every index of the table`);
}

function checkCapacity(issues: Issues, cfg: ResolvedTable): void {
    if (!issues.oneOf("billingMode", cfg.billingMode, BILLING_MODES)) return;
    const provisioned = cfg.billingMode === "PROVISIONED";
    const targets: Array<{ path: string; read?: number; write?: number; scaling: ResolvedAutoScaling; ownScaling: boolean }> = [
        { path: "", read: cfg.readCapacity, write: cfg.writeCapacity, scaling: cfg.autoScaling, ownScaling: true },
        ...Object.entries(cfg.globalIndexes).map(([name, g]) => ({
            path: `globalIndexes.${name}.`,
            read: g.readCapacity,
            write: g.writeCapacity,
            scaling: g.autoScaling,
            // An index that inherits the table's scaling reports it once, at the table.
            ownScaling: g.autoScaling !== cfg.autoScaling,
        })),
    ];
    for (const t of targets) {
        for (const [field, value] of [
            ["readCapacity", t.read],
            ["writeCapacity", t.write],
        ] as const) {
            const path = `${t.path}${field}`;
            if (provisioned && value === undefined) issues.missing(path, `capacity units (1 to ${MAX_CAPACITY_UNITS}): billingMode is PROVISIONED`);
            if (!provisioned && value !== undefined)
                issues.add(path, value, "is not allowed on-demand", 'nothing (billingMode "PAY_PER_REQUEST" scales by itself), or billingMode "PROVISIONED"');
            if (provisioned) issues.int(path, value, 1, MAX_CAPACITY_UNITS, " capacity units");
        }
        if (!t.ownScaling) continue;
        for (const dim of ["read", "write"] as const) {
            const s = t.scaling[dim];
            if (s === undefined) continue;
            const path = `${t.path}autoScaling.${dim}`;
            if (!provisioned) {
                issues.add(path, s, "is not allowed on-demand", 'billingMode "PROVISIONED"');
                continue;
            }
            const minOk = issues.int(`${path}.minCapacity`, s.minCapacity, 1, MAX_CAPACITY_UNITS);
            const maxOk = issues.int(`${path}.maxCapacity`, s.maxCapacity, 1, MAX_CAPACITY_UNITS);
            if (minOk && maxOk && s.minCapacity > s.maxCapacity)
                issues.add(`${path}.minCapacity`, s.minCapacity, `is above maxCapacity (${s.maxCapacity})`, `at most ${s.maxCapacity}`);
            issues.int(`${path}.targetUtilizationPercent`, s.targetUtilizationPercent, TARGET_UTILIZATION.min, TARGET_UTILIZATION.max, " percent");
        }
    }
}

/** The customer key ARN when the table has one (a plain string or an Output). */
function customerKey(cfg: ResolvedTable) {
    return typeof cfg.encryption === "object" ? cfg.encryption : undefined;
}

function checkEncryption(issues: Issues, cfg: ResolvedTable): void {
    const key = customerKey(cfg);
    if (!key) return;
    checkKmsKeyArn(issues, "encryption.kmsKeyArn", key.kmsKeyArn);
    const replicaKeys = key.replicaKmsKeyArns ?? {};
    for (const [region, arn] of Object.entries(replicaKeys)) {
        if (!cfg.replicaRegions.includes(region))
            issues.add(`encryption.replicaKmsKeyArns.${region}`, region, "is not a replica region", cfg.replicaRegions.join(", ") || "no replicas");
        if (checkKmsKeyArn(issues, `encryption.replicaKmsKeyArns.${region}`, arn) && isPlain(arn) && !String(arn).includes(`:kms:${region}:`))
            issues.add(`encryption.replicaKmsKeyArns.${region}`, arn, `is not a key in ${region} (KMS keys are regional)`, `a key ARN in ${region}`);
    }
    // A replica of a table encrypted with a customer key is encrypted with a key of its own region.
    for (const region of cfg.replicaRegions) {
        if (!Object.hasOwn(replicaKeys, region))
            issues.missing(`encryption.replicaKmsKeyArns.${region}`, `a customer managed key in ${region} for the replica (KMS keys are regional)`);
    }
}

function checkReplicas(issues: Issues, cfg: ResolvedTable): void {
    const seen = new Set<string>();
    cfg.replicaRegions.forEach((region, i) => {
        const path = `replicaRegions[${i}]`;
        issues.match(path, region, AWS_REGION_NAME, 'an AWS region name, e.g. "eu-west-1"');
        if (seen.has(region)) issues.add(path, region, "is listed twice", "each region once");
        seen.add(region);
    });
    if (cfg.replicaRegions.length === 0) return;
    // Global tables replicate through the table's stream with both images; DynamoDB turns it on as
    // NEW_AND_OLD_IMAGES when a replica is added, and any other view type would then drift
    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_reqs_bestpractices.html).
    if (cfg.streamViewType !== "NEW_AND_OLD_IMAGES")
        issues.add("streamViewType", cfg.streamViewType, "cannot feed global table replicas", '"NEW_AND_OLD_IMAGES" (or leave it unset)');
    // "Table write capacity should either be Pay-Per-Request or AutoScaled": UpdateTable refuses a
    // provisioned replica without write auto scaling.
    if (cfg.billingMode !== "PROVISIONED") return;
    if (cfg.autoScaling.write === undefined)
        issues.missing("autoScaling.write", "write auto scaling: provisioned global tables need it (or billingMode PAY_PER_REQUEST)");
    // The same holds for each global index, whose writes are replicated too; one that inherits the
    // table's scaling is reported once, at the table.
    for (const [name, g] of Object.entries(cfg.globalIndexes)) {
        if (g.autoScaling !== cfg.autoScaling && g.autoScaling.write === undefined)
            issues.missing(`globalIndexes.${name}.autoScaling.write`, "write auto scaling: provisioned global tables need it on every global index");
    }
}

function checkKinesis(issues: Issues, cfg: ResolvedTable, args: TableArgs): void {
    const k = cfg.kinesis;
    if (!k) return;
    if (k.streamArn !== undefined) {
        if (isPlain(k.streamArn))
            issues.match("kinesis.streamArn", k.streamArn, KINESIS_STREAM_ARN, "a Kinesis data stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)");
        // Retention belongs to a stream: the component sets it only on the stream it creates.
        if (args.kinesis?.retentionHours !== undefined)
            issues.add(
                "kinesis.retentionHours",
                args.kinesis.retentionHours,
                "has no effect on a stream given by streamArn",
                "set retention on that stream, or leave streamArn unset",
            );
    } else {
        // Kinesis keeps records 24 hours to 365 days (https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html).
        issues.int("kinesis.retentionHours", k.retentionHours, 24, 8760, " hours");
    }
    issues.oneOf("kinesis.creationDateTimePrecision", k.creationDateTimePrecision, ["MILLISECOND", "MICROSECOND"]);
}
