import type * as pulumi from "@pulumi/pulumi";
import type * as dynamodb from "@pulumi/aws/dynamodb";
import { Issues, isPlain } from "../shared/errors";
import type { ResolvedTable } from "./defaults";

/** ImportTable's formats and compressions (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html). */
export const IMPORT_FORMATS = ["CSV", "DYNAMODB_JSON", "ION"] as const;
export const IMPORT_COMPRESSIONS = ["GZIP", "ZSTD", "NONE"] as const;
/** CsvOptions Delimiter: one of these characters (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CsvOptions.html). */
export const CSV_DELIMITERS = [",", "\t", ":", ";", "|", " "] as const;
/** CsvOptions HeaderList: 1–255 names, each 1–65,536 printable characters without `"` and `,`. */
const CSV_HEADER = /^[\x20-\x21\x23-\x2B\x2D-\x7E]{1,65536}$/;
/** S3 bucket names: 3–63 of lower-case letters, digits, '.' and '-', starting and ending with a letter or digit. */
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3KeyPrefix of an import: at most 1,024 characters (API_S3BucketSource). */
const MAX_KEY_PREFIX = 1024;

/**
 * An import's rules: the enums, CSV options only with CSV, and no local secondary index, because
 * an import creates the table from TableCreationParameters, which have none
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableCreationParameters.html):
 * the table would come up without them and the next update would replace it.
 */
export function checkImport(issues: Issues, cfg: ResolvedTable): void {
    const i = cfg.importFrom;
    if (!i) return;
    if (isPlain(i.bucketName)) issues.match("importFrom.bucketName", i.bucketName, S3_BUCKET_NAME, "an S3 bucket name (3 to 63 of a-z, 0-9, '.' and '-')");
    if (i.bucketOwner !== undefined) issues.match("importFrom.bucketOwner", i.bucketOwner, /^\d{12}$/, "an AWS account ID (12 digits)");
    if (i.keyPrefix !== undefined && (i.keyPrefix.length === 0 || i.keyPrefix.length > MAX_KEY_PREFIX))
        issues.add("importFrom.keyPrefix", i.keyPrefix, "has the wrong length", `1 to ${MAX_KEY_PREFIX} characters, or no prefix`);
    issues.oneOf("importFrom.format", i.format, IMPORT_FORMATS);
    issues.oneOf("importFrom.compression", i.compression, IMPORT_COMPRESSIONS);
    if (i.csv !== undefined) {
        if (i.format !== "CSV")
            issues.add("importFrom.csv", i.csv, `is only for format "CSV" (not ${JSON.stringify(i.format)})`, 'format: "CSV", or no csv options');
        issues.oneOf("importFrom.csv.delimiter", i.csv.delimiter, CSV_DELIMITERS);
        const header = i.csv.header;
        if (header !== undefined) {
            if (header.length === 0 || header.length > 255)
                issues.add("importFrom.csv.header", header, "has the wrong number of names", "1 to 255 column names");
            for (const [n, h] of header.entries()) issues.match(`importFrom.csv.header[${n}]`, h, CSV_HEADER, "a non-empty column name without '\"' or ','");
        }
    }
    const locals = Object.keys(cfg.localIndexes);
    if (locals.length > 0) issues.add("localIndexes", locals, "cannot be created by an import (importFrom)", "global indexes only, or no importFrom");
    // terraform-provider-aws creates an imported table from TableCreationParameters alone and then sets
    // TTL and point-in-time recovery, not the stream (internal/service/dynamodb/table.go, resourceTableCreate):
    // the table would have no stream ARN for its consumers or replicas in the deployment that creates it.
    const later = "create the table with importFrom first, then add it in a later update (no replacement)";
    if (cfg.replicaRegions.length > 0)
        issues.add("replicaRegions", cfg.replicaRegions, "cannot be set with importFrom: an imported table is created without the stream replicas need", later);
    else if (cfg.streamViewType !== undefined)
        issues.add("streamViewType", cfg.streamViewType, "cannot be set with importFrom: the provider creates an imported table without a stream", later);
}

/**
 * What the provider leaves to the next update of an imported table: it passes ImportTable neither tags,
 * deletion protection nor the table class (terraform-provider-aws internal/service/dynamodb/table.go),
 * so they are applied by the next `pulumi up` (which shows them as a change).
 */
export function importWarning(name: string, cfg: ResolvedTable): string | undefined {
    if (!cfg.importFrom) return undefined;
    const later = [
        "tags",
        ...(cfg.deletionProtection ? ["deletion protection"] : []),
        ...(cfg.tableClass !== "STANDARD" ? [`table class ${cfg.tableClass}`] : []),
    ];
    return `[aws-platform:serverless:import-then-update] Table "${name}": the provider creates an imported table without its ${later.join(", ")}; run \`pulumi up\` once more after the import to apply them`;
}

/**
 * The table's `importTable`, or nothing. The provider reads it only when it creates the table;
 * `ignoreChanges` keeps Pulumi from reporting (or acting on) later edits of it.
 */
export function importTableArgs(cfg: ResolvedTable): Pick<dynamodb.TableArgs, "importTable"> {
    const i = cfg.importFrom;
    if (!i) return {};
    return {
        importTable: {
            inputFormat: i.format,
            inputCompressionType: i.compression,
            inputFormatOptions: i.csv === undefined ? undefined : { csv: { delimiter: i.csv.delimiter, headerLists: i.csv.header } },
            s3BucketSource: { bucket: i.bucketName as pulumi.Input<string>, bucketOwner: i.bucketOwner, keyPrefix: i.keyPrefix },
        },
    };
}

/**
 * The create timeout of an imported table. The create step lasts as long as the import, which the
 * provider waits for within the table's create timeout (20 minutes in the terraform-provider-aws
 * source read, `CreateTableTimeout`): raised so a large import is not reported failed while
 * DynamoDB is still loading it.
 */
export const IMPORT_CREATE_TIMEOUT = "6h";
