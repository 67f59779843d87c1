/**
 * Lambda functions: requests and GB-seconds by architecture and memory, ephemeral storage above the free 512 MB,
 * Provisioned Concurrency (https://aws.amazon.com/lambda/pricing/, "Provisioned Concurrency Pricing").
 *
 * A function's invocations a month come from what invokes it in the plan:
 * - an HTTP API (`aws:apigatewayv2/integration` whose integrationUri names it): `load.httpApi.requestsPerMonth`
 *   split evenly over the distinct functions the HTTP APIs' integrations target;
 * - a REST API (`aws:apigateway/integration` uri): `load.restApi.requestsPerMonth`, likewise;
 * - an event source mapping: Kinesis `load.streams.recordsPerMonth` (split evenly over the streams) ÷ batchSize,
 *   SQS the queue's share of `load.messages.perMonth` ÷ batchSize, a DynamoDB stream the table's share of
 *   `load.dynamodb.writeRequestUnitsPerMonth` ÷ batchSize (one stream record per write);
 * - a schedule (`aws:scheduler/schedule`, or an `aws:cloudwatch/eventRule` with a scheduleExpression and a target):
 *   its firings in a 30-day month, paid unused (`usage: false`); their duration comes from the load profile
 *   (`load.lambda.averageDurationMs`, 0 at idle), so the scheduled duration lines are `usage: true`;
 * - anything else (S3 notifications, EventBridge event patterns, SNS): 0 unless `load.functions[name]` says.
 * `load.functions[name]` (the LambdaFunction component's name or the function resource's) replaces the derived
 * invocations and/or the duration (`load.lambda.averageDurationMs` otherwise).
 */
import { HOURS_PER_MONTH, type CostLine, type PlanIndex, type PlanResource, type PricingContext, type Pricer, SECONDS_PER_MONTH } from "../types";
import { schedulePerMonth } from "./schedule-expression";
import { LAMBDA_ARN_NAME, UNKNOWN_NOTE, messageCarriers, namesResource, pointsAt } from "./serverless-common";
import { fmt, line, num, share } from "./lines";

export const FUNCTION = "aws:lambda/function:Function";
const LAMBDA_FUNCTION_COMPONENT = "aws-platform:serverless:LambdaFunction";
const EDGE_LAMBDA_COMPONENT = "aws-platform:edge:EdgeLambda";

/** Lambda's defaults when the plan leaves them out (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html). */
const DEFAULT_MEMORY_MB = 128;
const DEFAULT_ARCHITECTURE = "x86_64";
const FREE_EPHEMERAL_MB = 512;
/** Event source mapping batch sizes when unset: 100 for Kinesis and DynamoDB streams, 10 for SQS. */
const DEFAULT_BATCH = { stream: 100, sqs: 10 };

type Architecture = "arm64" | "x86_64";

/** A function's size as the plan gives it. */
export interface FunctionShape {
    memoryGB: number;
    architecture: Architecture;
    /** Ephemeral storage above the free 512 MB, in GB. */
    extraEphemeralGB: number;
}

export function functionShape(fn: PlanResource): FunctionShape {
    const memoryMB = num(fn.inputs?.memorySize) ?? DEFAULT_MEMORY_MB;
    const arch = fn.inputs?.architectures?.[0] === "arm64" ? "arm64" : DEFAULT_ARCHITECTURE;
    const ephemeralMB = num(fn.inputs?.ephemeralStorage?.size) ?? FREE_EPHEMERAL_MB;
    return { memoryGB: memoryMB / 1024, architecture: arch, extraEphemeralGB: Math.max(0, ephemeralMB - FREE_EPHEMERAL_MB) / 1024 };
}

/**
 * A Lambda@Edge function (an EdgeLambda's, or one a CloudFront distribution associates by ARN): the edge group
 * prices its requests and duration at Lambda@Edge prices on the distribution, so it is not priced here.
 */
export function isLambdaAtEdge(fn: PlanResource, plan: PlanIndex): boolean {
    const parent = fn.parent === undefined ? undefined : plan.byUrn(fn.parent);
    if (parent?.type === EDGE_LAMBDA_COMPONENT) return true;
    return plan.ofType("aws:cloudfront/distribution:Distribution").some((d) => {
        // An ARN unknown in preview: the cache behaviors' dependencies still name the function (the edge group reads them too).
        const deps = [...(d.propertyDependencies?.defaultCacheBehavior ?? []), ...(d.propertyDependencies?.orderedCacheBehaviors ?? [])];
        if (deps.includes(fn.urn)) return true;
        const behaviors = [d.inputs?.defaultCacheBehavior, ...(Array.isArray(d.inputs?.orderedCacheBehaviors) ? d.inputs.orderedCacheBehaviors : [])];
        return behaviors.some((b) =>
            (Array.isArray(b?.lambdaFunctionAssociations) ? b.lambdaFunctionAssociations : []).some((a: any) =>
                namesResource(a?.lambdaArn, fn, LAMBDA_ARN_NAME),
            ),
        );
    });
}

/** The names `load.functions` may use for a function: its LambdaFunction component's, then its own. */
export function functionNames(fn: PlanResource, plan: PlanIndex): string[] {
    const parent = fn.parent === undefined ? undefined : plan.byUrn(fn.parent);
    return parent?.type === LAMBDA_FUNCTION_COMPONENT ? [parent.name, fn.name] : [fn.name];
}

interface Invokers {
    http: Set<string>;
    rest: Set<string>;
    mappings: Map<string, PlanResource[]>;
    schedules: Map<string, { expression: unknown; source: PlanResource }[]>;
}

const INVOKERS = new WeakMap<PlanIndex, Invokers>();

/** What invokes each function, by function URN (computed once per plan). */
function invokers(ctx: PricingContext): Invokers {
    const cached = INVOKERS.get(ctx.plan);
    if (cached) return cached;
    const functions = ctx.plan.ofType(FUNCTION);
    const target = (r: PlanResource, property: string, value: unknown) => functions.filter((fn) => pointsAt(ctx, r, property, value, fn, LAMBDA_ARN_NAME));
    const out: Invokers = { http: new Set(), rest: new Set(), mappings: new Map(), schedules: new Map() };
    const add = <T>(map: Map<string, T[]>, urn: string, v: T) => map.set(urn, [...(map.get(urn) ?? []), v]);

    for (const integration of ctx.plan.ofType("aws:apigatewayv2/integration:Integration")) {
        const api = ctx.plan.referenced(integration, "apiId", "aws:apigatewayv2/api:Api")[0];
        if (api?.inputs?.protocolType === "WEBSOCKET") continue;
        for (const fn of target(integration, "integrationUri", integration.inputs?.integrationUri)) out.http.add(fn.urn);
    }
    for (const integration of ctx.plan.ofType("aws:apigateway/integration:Integration")) {
        for (const fn of target(integration, "uri", integration.inputs?.uri)) out.rest.add(fn.urn);
    }
    for (const mapping of ctx.plan.ofType("aws:lambda/eventSourceMapping:EventSourceMapping")) {
        for (const fn of target(mapping, "functionName", mapping.inputs?.functionName)) add(out.mappings, fn.urn, mapping);
    }
    for (const schedule of ctx.plan.ofType("aws:scheduler/schedule:Schedule")) {
        if (schedule.inputs?.state === "DISABLED") continue;
        for (const fn of target(schedule, "target", schedule.inputs?.target?.arn)) {
            add(out.schedules, fn.urn, { expression: schedule.inputs?.scheduleExpression, source: schedule });
        }
    }
    for (const eventTarget of ctx.plan.ofType("aws:cloudwatch/eventTarget:EventTarget")) {
        const rule =
            ctx.plan.referenced(eventTarget, "rule", "aws:cloudwatch/eventRule:EventRule")[0] ??
            ctx.plan.ofType("aws:cloudwatch/eventRule:EventRule").find((r) => namesResource(eventTarget.inputs?.rule, r));
        const expression = rule?.inputs?.scheduleExpression;
        if (rule === undefined || expression === undefined || rule.inputs?.state === "DISABLED") continue;
        for (const fn of target(eventTarget, "arn", eventTarget.inputs?.arn)) add(out.schedules, fn.urn, { expression, source: rule });
    }
    INVOKERS.set(ctx.plan, out);
    return out;
}

/** Invocations a month: paid unused (schedules) and from the load profile, each with how it was derived. */
interface Invocations {
    scheduled: number;
    load: number;
    /** How many load-profile sources (APIs, mappings) invoke it. */
    loadSources: number;
    notes: string[];
}

function mappingInvocations(ctx: PricingContext, mapping: PlanResource): { count: number; note: string } {
    const arn = mapping.inputs?.eventSourceArn;
    const source = typeof arn === "string" ? arn : "";
    const kind = source.includes(":kinesis:") ? "kinesis" : source.includes(":sqs:") ? "sqs" : source.includes(":dynamodb:") ? "dynamodb" : "other";
    const batch = num(mapping.inputs?.batchSize) ?? (kind === "sqs" ? DEFAULT_BATCH.sqs : DEFAULT_BATCH.stream);
    if (kind === "kinesis") {
        const streams = ctx.plan.ofType("aws:kinesis/stream:Stream").length || 1;
        const records = share(ctx.load.streams.recordsPerMonth, streams);
        return {
            count: records / batch,
            note: `${mapping.name}: ${fmt(records)} Kinesis records (load.streams split over ${streams} stream(s)) ÷ batchSize ${batch}`,
        };
    }
    if (kind === "sqs") {
        const carriers = messageCarriers(ctx).length || 1;
        const messages = share(ctx.load.messages.perMonth, carriers);
        return {
            count: messages / batch,
            note: `${mapping.name}: ${fmt(messages)} SQS messages (load.messages split over ${carriers} queue(s)/topic(s)) ÷ batchSize ${batch}`,
        };
    }
    if (kind === "dynamodb") {
        const tables = onDemandOrAllTables(ctx);
        const writes = share(ctx.load.dynamodb.writeRequestUnitsPerMonth, tables);
        return {
            count: writes / batch,
            note: `${mapping.name}: ${fmt(writes)} stream records (the table's share of load.dynamodb writes, one record per write) ÷ batchSize ${batch}`,
        };
    }
    return { count: 0, note: `${mapping.name}: event source ${source || "unknown in preview"} not in the load profile: 0` };
}

/** Tables load.dynamodb's request units are split over: the on-demand ones, or all when none is on-demand. */
export function onDemandOrAllTables(ctx: PricingContext): number {
    const tables = ctx.plan.ofType("aws:dynamodb/table:Table");
    const onDemand = tables.filter((t) => t.inputs?.billingMode === "PAY_PER_REQUEST").length;
    return onDemand || tables.length || 1;
}

function invocations(ctx: PricingContext, fn: PlanResource): Invocations {
    const inv = invokers(ctx);
    const out: Invocations = { scheduled: 0, load: 0, loadSources: 0, notes: [] };
    if (inv.http.has(fn.urn)) {
        const n = share(ctx.load.httpApi.requestsPerMonth, inv.http.size);
        out.load += n;
        out.loadSources += 1;
        out.notes.push(`HTTP API: ${fmt(ctx.load.httpApi.requestsPerMonth)} requests split evenly over ${inv.http.size} function(s) = ${fmt(n)}`);
    }
    if (inv.rest.has(fn.urn)) {
        const n = share(ctx.load.restApi.requestsPerMonth, inv.rest.size);
        out.load += n;
        out.loadSources += 1;
        out.notes.push(`REST API: ${fmt(ctx.load.restApi.requestsPerMonth)} requests split evenly over ${inv.rest.size} function(s) = ${fmt(n)}`);
    }
    for (const mapping of inv.mappings.get(fn.urn) ?? []) {
        const m = mappingInvocations(ctx, mapping);
        out.load += m.count;
        out.loadSources += 1;
        out.notes.push(m.note);
    }
    for (const { expression, source } of inv.schedules.get(fn.urn) ?? []) {
        const s = schedulePerMonth(expression);
        if (s === undefined) {
            out.notes.push(`${source.name}: schedule ${typeof expression === "string" ? expression : "unknown in preview"} not understood: 0`);
            continue;
        }
        out.scheduled += s.perMonth;
        out.notes.push(`${source.name}: ${s.note}`);
    }
    if (out.notes.length === 0) out.notes.push("no API, stream, queue or schedule invokes it in the plan (S3/EventBridge events: set load.functions)");
    return out;
}

/** Provisioned Concurrency configured on a function (any qualifier), from the plan. */
export function provisionedConcurrency(ctx: PricingContext, fn: PlanResource): number {
    let total = 0;
    for (const pc of ctx.plan.ofType("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig")) {
        if (pointsAt(ctx, pc, "functionName", pc.inputs?.functionName, fn)) total += num(pc.inputs?.provisionedConcurrentExecutions) ?? 0;
    }
    return total;
}

/**
 * Lines for `count` invocations of `fn` at `durationMs`: requests, GB-seconds at the on-demand price (or, for the
 * share Provisioned Concurrency serves, its lower duration price) and ephemeral storage.
 */
export function invocationLines(ctx: PricingContext, fn: PlanResource, count: number, durationMs: number, usage: boolean, note: string): CostLine[] {
    const shape = functionShape(fn);
    const seconds = (count * durationMs) / 1000;
    const gbSeconds = seconds * shape.memoryGB;
    const provisioned = provisionedConcurrency(ctx, fn);
    // Average concurrency the invocations need; Provisioned Concurrency serves up to its configured count.
    const concurrency = seconds / SECONDS_PER_MONTH;
    const servedByPc = provisioned > 0 && concurrency > 0 ? Math.min(1, provisioned / concurrency) : 0;
    const what = usage ? "" : " (scheduled)";
    // Scheduled requests are paid unused; how long each runs is the load profile's duration (0 at idle), so every
    // duration line is usage.
    const lines: CostLine[] = [
        line(ctx, `Lambda requests${what}`, "lambda.requests", count / 1e6, usage, `${fmt(count)} invocations a month; ${note}`),
        line(
            ctx,
            `Lambda GB-seconds (${shape.architecture})${what}`,
            `lambda.gbSecond.${shape.architecture}`,
            gbSeconds * (1 - servedByPc),
            true,
            `${fmt(count)} × ${fmt(durationMs)} ms × ${fmt(shape.memoryGB * 1024)} MB` +
                (num(fn.inputs?.memorySize) === undefined ? ` (memorySize unset or unknown in preview: Lambda's default ${DEFAULT_MEMORY_MB} MB)` : "") +
                (servedByPc > 0 ? `, ${fmt((1 - servedByPc) * 100)}% above Provisioned Concurrency` : ""),
        ),
    ];
    if (servedByPc > 0) {
        lines.push(
            line(
                ctx,
                `Lambda GB-seconds on Provisioned Concurrency (${shape.architecture})${what}`,
                `lambda.provisioned.duration.gbSecond.${shape.architecture}`,
                gbSeconds * servedByPc,
                true,
                `average concurrency ${fmt(concurrency)} vs ${provisioned} provisioned: ${fmt(servedByPc * 100)}% of the duration at the Provisioned Concurrency price`,
            ),
        );
    }
    if (shape.extraEphemeralGB > 0) {
        lines.push(
            line(
                ctx,
                `Lambda ephemeral storage above 512 MB${what}`,
                "lambda.ephemeral.gbSecond",
                seconds * shape.extraEphemeralGB,
                true,
                `${fmt(shape.extraEphemeralGB)} GB × ${fmt(seconds)} s`,
            ),
        );
    }
    return lines;
}

export const priceFunction: Pricer = (fn, ctx) => {
    if (isLambdaAtEdge(fn, ctx.plan)) return [];
    const override = functionNames(fn, ctx.plan)
        .map((n) => (Object.hasOwn(ctx.load.functions, n) ? ctx.load.functions[n] : undefined))
        .find((o) => o !== undefined);
    const durationMs = override?.averageDurationMs ?? ctx.load.lambda.averageDurationMs;
    if (override?.invocationsPerMonth !== undefined) {
        return invocationLines(ctx, fn, override.invocationsPerMonth, durationMs, true, "load.functions override");
    }
    const inv = invocations(ctx, fn);
    const note = inv.notes.join("; ");
    const scheduled = inv.scheduled > 0 ? invocationLines(ctx, fn, inv.scheduled, durationMs, false, note) : [];
    // A function only a schedule invokes has no load-driven lines.
    if (scheduled.length > 0 && inv.loadSources === 0) return scheduled;
    return [...scheduled, ...invocationLines(ctx, fn, inv.load, durationMs, true, note)];
};

/** Provisioned Concurrency: memory × configured concurrency for the whole month, paid unused. */
export const priceProvisionedConcurrency: Pricer = (pc, ctx) => {
    const count = num(pc.inputs?.provisionedConcurrentExecutions);
    const fn = ctx.plan.ofType(FUNCTION).find((f) => pointsAt(ctx, pc, "functionName", pc.inputs?.functionName, f));
    if (fn === undefined || count === undefined) {
        return [line(ctx, "Lambda Provisioned Concurrency", "lambda.provisioned.gbSecond.x86_64", 0, false, `function or concurrency ${UNKNOWN_NOTE}`)];
    }
    const shape = functionShape(fn);
    return [
        line(
            ctx,
            `Lambda Provisioned Concurrency (${shape.architecture})`,
            `lambda.provisioned.gbSecond.${shape.architecture}`,
            count * shape.memoryGB * SECONDS_PER_MONTH,
            false,
            `${count} × ${fmt(shape.memoryGB * 1024)} MB × ${HOURS_PER_MONTH} h × 3,600 s, enabled all month; invocations it serves are billed at the lower duration price on the function`,
        ),
    ];
};
