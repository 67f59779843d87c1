import * as fs from "node:fs";
import { Issue, Issues, isPlain, prefixIssues } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { array, boolean, checkShape, input, int, object, optional, record, string, transform } from "../shared/shape";
import { STATEMENT_SHAPE, checkStatements } from "../shared/statements";
import { Bundle, BundleError, bundle } from "../shared/bundle";
import { checkDestination } from "../shared/destinations";
import { checkSecurityGroupId, checkSubnetId, checkTags, checkVpcId } from "../shared/validators";
import type { AliasArgs, AsyncArgs, LambdaFunctionArgs, LambdaVpcArgs, OnFailureArgs } from "./args";
import { ResolvedLambdaFunction, normalize } from "./defaults";

const inputString = () => input(string());

export const LAMBDA_FUNCTION_SHAPE = object<LambdaFunctionArgs>()({
    entry: optional(string({ nonEmpty: true })),
    handler: optional(string()),
    imageUri: optional(inputString()),
    architecture: optional(string()),
    memoryMiB: optional(int()),
    timeoutSeconds: optional(int()),
    ephemeralStorageMiB: optional(int()),
    environment: optional(record(inputString())),
    logRetentionDays: optional(int()),
    tracing: optional(boolean()),
    reservedConcurrency: optional(int()),
    alias: optional(object<AliasArgs>()({ name: optional(string()), provisionedConcurrency: optional(int()) })),
    vpc: optional(
        object<LambdaVpcArgs>()({
            subnetIds: input(array(inputString())),
            securityGroupIds: optional(array(inputString())),
            vpcId: optional(inputString()),
        }),
    ),
    async: optional(
        object<AsyncArgs>()({
            maximumRetryAttempts: optional(int()),
            maximumEventAgeSeconds: optional(int()),
            onFailure: optional(object<OnFailureArgs>()({ type: string(), arn: inputString() })),
        }),
    ),
    statements: optional(array(STATEMENT_SHAPE)),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<LambdaFunctionArgs["transform"]>>()({
            role: optional(transform()),
            logGroup: optional(transform()),
            function: optional(transform()),
            securityGroup: optional(transform()),
            alias: optional(transform()),
            provisionedConcurrency: optional(transform()),
            eventInvokeConfig: optional(transform()),
        }),
    ),
});

/** Lambda's limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const LAMBDA_LIMITS = {
    memoryMiB: [128, 10240],
    timeoutSeconds: [1, 900],
    ephemeralStorageMiB: [512, 10240],
    /** All environment variables together, as Lambda measures them: the JSON text of the map. */
    environmentBytes: 4096,
    maximumRetryAttempts: [0, 2],
    maximumEventAgeSeconds: [60, 21600],
} as const;

/**
 * Keys the Lambda runtime sets itself; CreateFunction refuses them in `Environment`
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
export const RESERVED_ENVIRONMENT_KEYS = [
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

/** Lambda's `Environment.Variables` key pattern (API reference, Environment): a letter, then letters, digits and '_'. */
const ENV_KEY = /^[a-zA-Z][a-zA-Z0-9_]+$/;
/** A private ECR image in this partition: Lambda takes no other registry. */
const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w.-]{1,128}|@sha256:[0-9a-f]{64})$/;
/** Alias names (CreateAlias Name): 1–128 of [a-zA-Z0-9-_], not digits only (that reads as a version). */
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;

/** The size Lambda measures for a set of environment variables: the UTF-8 bytes of its JSON text. */
export function environmentBytes(variables: Record<string, string>): number {
    return Buffer.byteLength(JSON.stringify(variables));
}

/** The issue for an environment over 4 KB: the same before any resource (plain values) and in `apply` (Outputs). */
export function environmentSizeIssue(variables: Record<string, string>): Issue | undefined {
    const bytes = environmentBytes(variables);
    if (bytes <= LAMBDA_LIMITS.environmentBytes) return undefined;
    return {
        path: "environment",
        value: `(${bytes} bytes)`,
        message: "is larger than Lambda allows (keys and values, as JSON)",
        allowed: `at most ${LAMBDA_LIMITS.environmentBytes} bytes; keep large values in SSM Parameter Store or S3`,
    };
}

/**
 * A LambdaFunction's args: shape first, then `normalize`, then the value rules on the resolved
 * values. No resources; reads the file system only to see that `entry` exists.
 */
/**
 * Bundles `entry` (cached per process) and checks that the bundle exports `handler`: Lambda accepts any
 * handler string at deployment, and a name the bundle does not export fails every invocation with
 * Runtime.HandlerNotFound. The code, or the issues that stop it.
 */
export function bundleCode(entry: string, handler: string): { code?: Bundle; issues: Issue[] } {
    let code: Bundle;
    try {
        code = bundle(entry);
    } catch (e) {
        if (!(e instanceof BundleError)) throw e;
        return { issues: [{ path: "entry", value: entry, message: "does not bundle", allowed: e.details }] };
    }
    if (code.exports !== undefined && !code.exports.includes(handler))
        return {
            issues: [
                {
                    path: "handler",
                    value: handler,
                    message: `is not exported by entry "${entry}"`,
                    allowed: code.exports.join(", ") || "(entry exports nothing)",
                },
            ],
        };
    return { code, issues: [] };
}

/**
 * What a LambdaFunction built from `args` would refuse, its code included, under `path`: for components
 * that nest one (`functions.<key>`, `function`), so that they refuse it before registering anything.
 */
export function nestedFunctionIssues(path: string, args: LambdaFunctionArgs): Issue[] {
    const own = validate(args);
    if (own.length === 0 && args.entry !== undefined) own.push(...bundleCode(args.entry, normalize(args).handler).issues);
    return prefixIssues(path, own);
}

export function validate(args: LambdaFunctionArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, LAMBDA_FUNCTION_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkCode(issues, cfg, args.handler !== undefined);
    issues.oneOf("architecture", cfg.architecture, ["arm64", "x86_64"]);
    issues.int("memoryMiB", cfg.memoryMiB, ...LAMBDA_LIMITS.memoryMiB, " MiB");
    issues.int("timeoutSeconds", cfg.timeoutSeconds, ...LAMBDA_LIMITS.timeoutSeconds, " seconds");
    issues.int("ephemeralStorageMiB", cfg.ephemeralStorageMiB, ...LAMBDA_LIMITS.ephemeralStorageMiB, " MiB");
    checkEnvironment(issues, cfg.environment);
    issues.oneOf("logRetentionDays", cfg.logRetentionDays, LOG_RETENTION_DAYS);
    checkConcurrency(issues, cfg);
    if (cfg.vpc) checkVpc(issues, cfg.vpc);
    if (cfg.async) checkAsync(issues, cfg.async);
    checkStatements(issues, "statements", cfg.statements);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

/** An entry file that exists and a handler that can name one of its exports (whether it does: `bundleCode`). True when both hold. */
export function checkEntry(issues: Issues, entry: string, handler: string): boolean {
    const before = issues.list.length;
    if (!fs.existsSync(entry) || !fs.statSync(entry).isFile()) issues.add("entry", entry, "is not a file", `a .ts or .js file, relative to ${process.cwd()}`);
    issues.match("handler", handler, /^[A-Za-z_$][A-Za-z0-9_$]*$/, 'the name of an export of entry, e.g. "handler"');
    return issues.list.length === before;
}

function checkCode(issues: Issues, cfg: ResolvedLambdaFunction, handlerGiven: boolean): void {
    if ((cfg.entry === undefined) === (cfg.imageUri === undefined)) {
        issues.add(
            "entry",
            cfg.entry,
            cfg.entry === undefined ? "is missing" : "is given with imageUri",
            "exactly one of entry (a file) and imageUri (an ECR image)",
        );
        return;
    }
    if (cfg.entry !== undefined) {
        checkEntry(issues, cfg.entry, cfg.handler);
        return;
    }
    // An image names its handler in its own CMD.
    if (handlerGiven) issues.add("handler", cfg.handler, "is given with imageUri", "no handler: set CMD in the image");
    if (isPlain(cfg.imageUri))
        issues.match(
            "imageUri",
            cfg.imageUri,
            ECR_IMAGE,
            "a private Amazon ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>",
        );
}

function checkEnvironment(issues: Issues, environment: ResolvedLambdaFunction["environment"]): void {
    const plain: Record<string, string> = {};
    for (const [key, value] of Object.entries(environment)) {
        if (!ENV_KEY.test(key))
            issues.add(`environment.${key}`, key, "is not a valid variable name", "a letter, then letters, digits and '_' (2 characters or more)");
        else if (RESERVED_ENVIRONMENT_KEYS.includes(key)) issues.add(`environment.${key}`, key, "is reserved by the Lambda runtime", "another name");
        // An Output counts as empty here: if the known part is already too large, no value can fix it.
        plain[key] = isPlain(value) ? value : "";
    }
    const size = environmentSizeIssue(plain);
    if (size) issues.list.push(size);
}

function checkConcurrency(issues: Issues, cfg: ResolvedLambdaFunction): void {
    issues.int("reservedConcurrency", cfg.reservedConcurrency, 0, Number.MAX_SAFE_INTEGER);
    if (!cfg.alias) return;
    issues.match("alias.name", cfg.alias.name, ALIAS_NAME, "1 to 128 letters, digits, '-' and '_', not digits only");
    const provisioned = cfg.alias.provisionedConcurrency;
    if (provisioned === undefined) return;
    if (!issues.int("alias.provisionedConcurrency", provisioned, 1, Number.MAX_SAFE_INTEGER)) return;
    // Provisioned concurrency is drawn from the function's reserved concurrency when it has some
    // (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html).
    if (cfg.reservedConcurrency !== undefined && provisioned > cfg.reservedConcurrency)
        issues.add(
            "alias.provisionedConcurrency",
            provisioned,
            `is above reservedConcurrency (${cfg.reservedConcurrency})`,
            `at most ${cfg.reservedConcurrency}`,
        );
}

function checkVpc(issues: Issues, vpc: LambdaVpcArgs): void {
    if (isPlain(vpc.subnetIds)) {
        if (vpc.subnetIds.length === 0) issues.add("vpc.subnetIds", [], "is empty", "one or more subnet ids, in two Availability Zones or more");
        vpc.subnetIds.forEach((id, i) => {
            checkSubnetId(issues, `vpc.subnetIds[${i}]`, id);
        });
    }
    (vpc.securityGroupIds ?? []).forEach((id, i) => {
        checkSecurityGroupId(issues, `vpc.securityGroupIds[${i}]`, id);
    });
    if (vpc.securityGroupIds === undefined && vpc.vpcId === undefined)
        issues.missing("vpc.vpcId", "the VPC of subnetIds, for the security group the component creates (or give securityGroupIds)");
    if (vpc.securityGroupIds !== undefined && vpc.vpcId !== undefined)
        issues.add(
            "vpc.vpcId",
            vpc.vpcId,
            "is unused with securityGroupIds (it only places the security group the component creates)",
            "one of vpcId and securityGroupIds",
        );
    if (vpc.vpcId !== undefined) checkVpcId(issues, "vpc.vpcId", vpc.vpcId);
}

function checkAsync(issues: Issues, async: NonNullable<ResolvedLambdaFunction["async"]>): void {
    issues.int("async.maximumRetryAttempts", async.maximumRetryAttempts, ...LAMBDA_LIMITS.maximumRetryAttempts);
    issues.int("async.maximumEventAgeSeconds", async.maximumEventAgeSeconds, ...LAMBDA_LIMITS.maximumEventAgeSeconds, " seconds");
    if (async.onFailure) checkDestination(issues, "async.onFailure", async.onFailure, ["sqs", "sns", "lambda", "eventbridge", "s3"]);
}
