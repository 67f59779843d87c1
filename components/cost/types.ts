/**
 * The cost model's shared shapes: what the estimator reads (a plan's resources), what it is told
 * (a load profile and a price table) and what it returns (priced lines, per component and in total).
 */

/**
 * One resource of a plan: a `pulumi preview --json` step's `newState` (or the mock engine's record).
 * Inputs are as the plan shows them: values computed from other resources are known under the
 * mock engine (fixture ARNs, ids, names) and may be unknown in a real preview
 * (`UNKNOWN` below, or missing).
 */
export interface PlanResource {
    urn: string;
    type: string;
    /** The URN's last segment. */
    name: string;
    /** The parent's URN; absent only for the root Stack. */
    parent?: string;
    custom: boolean;
    inputs: Record<string, any>;
    /** Input property → URNs of the resources its value came from (the plan's `propertyDependencies`). */
    propertyDependencies?: Record<string, string[]>;
}

/** How `pulumi preview --json` writes an input that is not known before the resource exists. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Hours in the month AWS's pricing pages use (730 = 24 × 365 / 12). */
export const HOURS_PER_MONTH = 730;
/** Seconds in that month. */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** A price with its unit and the page it comes from. */
export interface Price {
    /** USD per `unit`, us-east-1, on-demand list price. */
    usd: number;
    /** e.g. "hour", "GB", "GB-month", "1M requests", "LCU-hour", "vCPU-hour". */
    unit: string;
    /** The AWS pricing page the number was read from. */
    source: string;
    /** Tiers, free allowances or conditions a reader must know (e.g. "first 300M requests"). */
    note?: string;
}

/**
 * The workload a stack is priced at: monthly quantities. Every field is optional in config and
 * filled from the stack preset (stacks/presets.ts); `IDLE_LOAD` (profile.ts) is all zeros: the
 * cost of a stack nobody uses.
 */
export interface LoadProfile {
    /** The ServerlessApi's HTTP API: requests per month, each invoking one of its route functions. */
    httpApi: { requestsPerMonth: number };
    /**
     * WebSocket APIs (API Gateway v2, protocolType WEBSOCKET): messages sent and received (each 32 KB of a message is
     * metered as one) and connection minutes, per month, split over the plan's WebSocket APIs.
     */
    webSocketApi: { messagesPerMonth: number; connectionMinutesPerMonth: number };
    /** The RestApi (partner API, REST): requests per month, each invoking its backing function. */
    restApi: { requestsPerMonth: number };
    /** Average duration of one Lambda invocation, in ms (used for every function without an override). */
    lambda: { averageDurationMs: number };
    /** CloudFront: viewer requests and data transferred out to viewers; the share served from cache. */
    cdn: { requestsPerMonth: number; transferOutGB: number; cacheHitRatio: number };
    /** Application, Network and Gateway Load Balancers: requests (flows) and processed bytes, spread over the stack's load balancers. */
    loadBalancers: { requestsPerMonth: number; processedGB: number };
    /** Data through the NAT gateways (or NAT instances), per month. */
    nat: { processedGB: number };
    /** DynamoDB request units across the stack's tables (on-demand) and stored data. */
    dynamodb: { readRequestUnitsPerMonth: number; writeRequestUnitsPerMonth: number; storageGB: number };
    /** Kinesis: records put per month and their average size. */
    streams: { recordsPerMonth: number; averageRecordKB: number };
    /** Aurora Serverless v2: average ACUs while the stack is under this load; stored GB; I/O requests. */
    database: { averageAcu: number; storageGB: number; ioRequestsPerMonth: number };
    /**
     * Stored data by service, GB-month; and S3 requests to the plan's buckets: PUT, COPY, POST and LIST requests
     * (`s3PutRequestsPerMonth`) and GET, SELECT and every other request (`s3GetRequestsPerMonth`), as S3 bills them.
     */
    storage: { s3GB: number; efsGB: number; ecrGB: number; backupGB: number; s3PutRequestsPerMonth: number; s3GetRequestsPerMonth: number };
    /** CloudWatch Logs: GB ingested per month, and GB stored (after retention). */
    logs: { ingestedGB: number; storedGB: number };
    /** CodeBuild builds per month and their average length in minutes; pipeline runs per month. */
    builds: { buildsPerMonth: number; averageMinutes: number; pipelineRunsPerMonth: number };
    /** SQS, SNS, EventBridge and Scheduler messages per month (free tiers apply per account). */
    messages: { perMonth: number };
    /** KMS API requests to the plan's customer managed keys (Encrypt, Decrypt, GenerateDataKey, … by services and code). */
    kms: { requestsPerMonth: number };
    /** Secrets Manager API calls (GetSecretValue, …) to the plan's secrets, the RDS-managed ones included. */
    secrets: { apiCallsPerMonth: number };
    /** Per resource or component name: invocations per month for a Lambda function, replacing the derived share. */
    functions: Record<string, { invocationsPerMonth?: number; averageDurationMs?: number }>;
}

/** One priced quantity. */
export interface CostLine {
    /** What is charged, e.g. "NAT gateway hours", "Lambda GB-seconds (arm64)". */
    item: string;
    /** Key of the price in the price table, e.g. "nat.hour". */
    price: string;
    quantity: number;
    /** The price's unit, e.g. "hour". */
    unit: string;
    /** USD per unit (the table's price, or a tier's). */
    unitPrice: number;
    /** USD per month: quantity × unitPrice (or tiered). */
    monthly: number;
    /** True when the quantity comes from the load profile (zero at idle); false for what a stack pays unused. */
    usage: boolean;
    /** Assumptions a reader must know ("2 instances × 730 h, on-demand share 100%"). */
    note?: string;
}

/** A priced resource. */
export interface ResourceCost {
    urn: string;
    type: string;
    name: string;
    /** The top-level component it belongs to (child of the Stack), or the resource itself at top level. */
    component: string;
    lines: CostLine[];
    monthly: number;
}

/** A free-tier allowance applied at the account level (shown separately, never hidden in a line). */
export interface FreeTierCredit {
    item: string;
    /** USD per month the allowance takes off the total (a positive number). */
    monthly: number;
    note: string;
}

export interface CostEstimate {
    /** The price table's date. */
    pricesAsOf: string;
    region: string;
    load: LoadProfile;
    resources: ResourceCost[];
    /**
     * Per top-level component, USD per month, in plan order. Custom resources created at stack level (parent: the
     * Stack) are one row per type when there are several, named "<Type> ×<count> (stack level)" with `count` set;
     * `resources` keeps each of them.
     */
    components: { name: string; type: string; monthly: number; count?: number }[];
    /** USD per month at list prices, before free tiers. */
    total: number;
    freeTier: FreeTierCredit[];
    /** total − free tier credits (never below 0). */
    totalAfterFreeTier: number;
    /** Resource types the model has no price for and does not know to be free (should stay empty). */
    unpriced: { type: string; count: number }[];
}

/** What a pricer may read besides its own resource. */
export interface PricingContext {
    load: LoadProfile;
    prices: PriceTable;
    plan: PlanIndex;
}

/** Looks up a price; throws for a key the table lacks (a pricer bug, never silently 0). */
export type PriceTable = {
    asOf: string;
    region: string;
    get(key: string): Price;
    /** EC2 (and DAX/RDS node) hourly on-demand prices by instance type; undefined when the table lacks the type. */
    instanceHour(instanceType: string): Price | undefined;
};

/** The plan, indexed for joins between resources. */
export interface PlanIndex {
    resources: readonly PlanResource[];
    byUrn(urn: string): PlanResource | undefined;
    /** Direct children (custom or component) of a URN. */
    children(urn: string): PlanResource[];
    /** Every resource below a URN (children, grandchildren, …). */
    descendants(urn: string): PlanResource[];
    ofType(type: string): PlanResource[];
    /**
     * The resources an input property's value came from (through `propertyDependencies`), of one
     * type when `type` is given; e.g. an ECS service's `taskDefinition` → its TaskDefinition.
     * Empty when the plan does not say: pricers then fall back to the parent component's children.
     */
    referenced(resource: PlanResource, property: string, type?: string): PlanResource[];
    /** The top-level component's name for a URN (the child of the root Stack it sits under). */
    componentOf(urn: string): string;
}

/** Prices one resource type. Returns no lines for a resource that costs nothing by itself. */
export type Pricer = (resource: PlanResource, ctx: PricingContext) => CostLine[];

/** Pricers by Pulumi type token. */
export type PricerTable = Record<string, Pricer>;
