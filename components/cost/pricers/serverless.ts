/**
 * Pricers for the serverless area: Lambda (./lambda.ts), API Gateway, DynamoDB (and its AWS Backup plans), Kinesis
 * Data Streams, Aurora Serverless v2, RDS Proxy, SQS, SNS, EventBridge, EventBridge Scheduler, DAX and Cognito.
 * Load shares are split evenly and each line's note says over what; `IDLE_LOAD` gives 0 for every usage line.
 */
import { SERVERLESS_FREE_TYPES as FREE_TYPES } from "../prices/serverless";
import { type CostLine, HOURS_PER_MONTH, type PlanResource, type PricerTable, type Pricer, type PricingContext } from "../types";
import { FUNCTION, priceFunction, priceProvisionedConcurrency } from "./lambda";
import { managedMasterSecretLines } from "./ops";
import { schedulePerMonth } from "./schedule-expression";
import { UNKNOWN_NOTE, messageCarriers, namesResource, pointsAt } from "./serverless-common";
import { fmt, line, num, share } from "./lines";

export { FREE_TYPES as SERVERLESS_FREE_TYPES };

const GB = 1024 * 1024; // KB in a GB

/** Requests priced in tiers: [price key, tier size in requests (Infinity for the last)]. */
type Tiers = readonly (readonly [string, number])[];

const HTTP_TIERS: Tiers = [
    ["apigw.http.requests", 300e6],
    ["apigw.http.requests.over300M", Number.POSITIVE_INFINITY],
];
const REST_TIERS: Tiers = [
    ["apigw.rest.requests", 333e6],
    ["apigw.rest.requests.next667M", 667e6],
    ["apigw.rest.requests.next19B", 19e9],
    ["apigw.rest.requests.over20B", Number.POSITIVE_INFINITY],
];

/** One line per tier the requests reach (the first tier always, so idle shows a 0 line). */
function tieredRequests(ctx: PricingContext, item: string, tiers: Tiers, requests: number, note: string): CostLine[] {
    const lines: CostLine[] = [];
    let left = requests;
    for (const [i, [key, size]] of tiers.entries()) {
        if (i > 0 && left <= 0) break;
        const inTier = Math.min(left, size);
        lines.push(line(ctx, i === 0 ? item : `${item} (${ctx.prices.get(key).note ?? key})`, key, inTier / 1e6, true, note));
        left -= inTier;
    }
    return lines;
}

const isWebSocket = (api: PlanResource) => api.inputs?.protocolType === "WEBSOCKET";

/**
 * A WebSocket API bills messages and connection minutes, not requests: its share of load.webSocketApi. The functions
 * its routes invoke get no derived invocations (lambda.ts): give them `functions.<name>.invocationsPerMonth`.
 */
function webSocketApi(api: PlanResource, ctx: PricingContext): CostLine[] {
    const apis = ctx.plan.ofType(api.type).filter(isWebSocket).length;
    const { messagesPerMonth, connectionMinutesPerMonth } = ctx.load.webSocketApi;
    const split = `split over ${apis} WebSocket API(s)`;
    return [
        line(
            ctx,
            "WebSocket API messages",
            "apigw.websocket.messages",
            share(messagesPerMonth, apis) / 1e6,
            true,
            `load.webSocketApi ${fmt(messagesPerMonth)} messages ${split}; each 32 KB of a message counts as one`,
        ),
        line(
            ctx,
            "WebSocket API connection minutes",
            "apigw.websocket.connectionMinutes",
            share(connectionMinutesPerMonth, apis) / 1e6,
            true,
            `load.webSocketApi ${fmt(connectionMinutesPerMonth)} connection minutes ${split}`,
        ),
    ];
}

const httpApi: Pricer = (api, ctx) => {
    if (isWebSocket(api)) return webSocketApi(api, ctx);
    const apis = ctx.plan.ofType(api.type).filter((a) => !isWebSocket(a)).length;
    const requests = share(ctx.load.httpApi.requestsPerMonth, apis);
    return tieredRequests(
        ctx,
        "HTTP API requests",
        HTTP_TIERS,
        requests,
        `load.httpApi ${fmt(ctx.load.httpApi.requestsPerMonth)} requests split over ${apis} HTTP API(s); each 512 KB of a request or response is metered as one request; tiers per account`,
    );
};

const restApi: Pricer = (_api, ctx) => {
    const apis = ctx.plan.ofType("aws:apigateway/restApi:RestApi").length;
    const requests = share(ctx.load.restApi.requestsPerMonth, apis);
    return tieredRequests(
        ctx,
        "REST API requests",
        REST_TIERS,
        requests,
        `load.restApi ${fmt(ctx.load.restApi.requestsPerMonth)} requests split over ${apis} REST API(s); tiers per account`,
    );
};

/** A REST stage's cache cluster: hourly by size while enabled, used or not. */
const restStage: Pricer = (stage, ctx) => {
    if (stage.inputs?.cacheClusterEnabled !== true) return [];
    // API Gateway's default cache size is 0.5 GB (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html).
    const size = String(num(stage.inputs?.cacheClusterSize) ?? "0.5");
    const key = `apigw.cache.${size}`;
    if (!Object.hasOwn(CACHE_KEYS, key)) {
        return [line(ctx, "REST API cache", "apigw.cache.0.5", 0, false, `cache size ${size} GB not in the price table: 0`)];
    }
    return [line(ctx, `REST API cache (${size} GB)`, key, HOURS_PER_MONTH, false, `${HOURS_PER_MONTH} h a month, billed whether or not requests hit it`)];
};
const CACHE_KEYS: Record<string, true> = Object.fromEntries(
    ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"].map((s) => [`apigw.cache.${s}`, true as const]),
);

// DynamoDB

function tableSize(ctx: PricingContext): { gb: number; tables: number } {
    const tables = ctx.plan.ofType("aws:dynamodb/table:Table").length || 1;
    return { gb: share(ctx.load.dynamodb.storageGB, tables), tables };
}

const table: Pricer = (t, ctx) => {
    const lines: CostLine[] = [];
    const onDemand = t.inputs?.billingMode === "PAY_PER_REQUEST";
    if (onDemand) {
        const tables = ctx.plan.ofType(t.type).filter((x) => x.inputs?.billingMode === "PAY_PER_REQUEST").length;
        const split = `split evenly over ${tables} on-demand table(s)`;
        const writes = share(ctx.load.dynamodb.writeRequestUnitsPerMonth, tables);
        const reads = share(ctx.load.dynamodb.readRequestUnitsPerMonth, tables);
        lines.push(
            line(
                ctx,
                "DynamoDB write request units",
                "dynamodb.ondemand.writes",
                writes / 1e6,
                true,
                `load.dynamodb ${fmt(ctx.load.dynamodb.writeRequestUnitsPerMonth)} WRU ${split}`,
            ),
        );
        lines.push(
            line(
                ctx,
                "DynamoDB read request units",
                "dynamodb.ondemand.reads",
                reads / 1e6,
                true,
                `load.dynamodb ${fmt(ctx.load.dynamodb.readRequestUnitsPerMonth)} RRU ${split}`,
            ),
        );
    } else {
        // billingMode defaults to PROVISIONED in the provider; GSIs carry capacity of their own.
        const gsis: any[] = Array.isArray(t.inputs?.globalSecondaryIndexes) ? t.inputs.globalSecondaryIndexes : [];
        const rcu = (num(t.inputs?.readCapacity) ?? 0) + gsis.reduce((s, g) => s + (num(g?.readCapacity) ?? 0), 0);
        const wcu = (num(t.inputs?.writeCapacity) ?? 0) + gsis.reduce((s, g) => s + (num(g?.writeCapacity) ?? 0), 0);
        const note = `table + ${gsis.length} GSI(s) × ${HOURS_PER_MONTH} h; the base capacity (auto scaling not modelled)`;
        lines.push(line(ctx, "DynamoDB provisioned write capacity", "dynamodb.provisioned.wcuHour", wcu * HOURS_PER_MONTH, false, `${wcu} WCU ${note}`));
        lines.push(line(ctx, "DynamoDB provisioned read capacity", "dynamodb.provisioned.rcuHour", rcu * HOURS_PER_MONTH, false, `${rcu} RCU ${note}`));
    }
    const { gb, tables } = tableSize(ctx);
    const storageNote = `load.dynamodb.storageGB ${fmt(ctx.load.dynamodb.storageGB)} split evenly over ${tables} table(s)`;
    const infrequent = t.inputs?.tableClass === "STANDARD_INFREQUENT_ACCESS" ? "; Standard-IA table class priced as Standard" : "";
    lines.push(line(ctx, "DynamoDB storage", "dynamodb.storage.gbMonth", gb, true, storageNote + infrequent));
    if (t.inputs?.pointInTimeRecovery?.enabled === true) {
        lines.push(line(ctx, "DynamoDB point-in-time recovery", "dynamodb.pitr.gbMonth", gb, true, `on the table's size: ${storageNote}`));
    }
    if (t.inputs?.streamEnabled === true) {
        lines.push(
            line(
                ctx,
                "DynamoDB Streams read requests",
                "dynamodb.streams.reads",
                0,
                true,
                "read by Lambda event source mappings, which is free; other readers not modelled",
            ),
        );
    }
    const replicas = Array.isArray(t.inputs?.replicas) ? t.inputs.replicas.length : 0;
    if (replicas > 0) lines[0].note = `${lines[0].note}; ${replicas} global table replica(s) not priced`;
    return lines;
};

/** AWS Backup plans that back up DynamoDB tables (the TableBackups component): stored backups in each vault. */
function backsUpDynamodb(plan: PlanResource, ctx: PricingContext): boolean {
    const selections = ctx.plan.ofType("aws:backup/selection:Selection").filter((s) => pointsAt(ctx, s, "planId", s.inputs?.planId, plan));
    return selections.some((s) => (s.inputs?.resources ?? []).some((arn: unknown) => typeof arn === "string" && arn.includes(":dynamodb:")));
}

const backupPlan: Pricer = (plan, ctx) => {
    if (!backsUpDynamodb(plan, ctx)) return [];
    // Split over the plans that back up tables only: another plan's (EFS) backups are priced from load.storage.efsGB.
    const plans = ctx.plan.ofType(plan.type).filter((p) => backsUpDynamodb(p, ctx)).length;
    const gb = share(ctx.load.storage.backupGB, plans);
    const rules: any[] = Array.isArray(plan.inputs?.rules) ? plan.inputs.rules : [];
    const copies = new Set(rules.flatMap((r) => (Array.isArray(r?.copyActions) ? r.copyActions : []).map((c: any) => String(c?.destinationVaultArn))));
    const note = `load.storage.backupGB ${fmt(ctx.load.storage.backupGB)} split over ${plans} backup plan(s) of DynamoDB tables`;
    const lines = [line(ctx, "AWS Backup DynamoDB warm storage", "backup.dynamodb.warm.gbMonth", gb, true, note)];
    if (copies.size > 0) {
        lines.push(
            line(
                ctx,
                "AWS Backup DynamoDB copies",
                "backup.dynamodb.warm.gbMonth",
                gb * copies.size,
                true,
                `${note}; ${copies.size} copy destination(s) at the same price (cross-Region transfer not modelled)`,
            ),
        );
    }
    return lines;
};

// Kinesis Data Streams

function streamRecords(ctx: PricingContext): { records: number; gb: number; putUnits: number; note: string } {
    const streams = ctx.plan.ofType("aws:kinesis/stream:Stream").length || 1;
    const records = share(ctx.load.streams.recordsPerMonth, streams);
    const kb = ctx.load.streams.averageRecordKB;
    // On-demand ingest rounds each record up to 1 KB; a PUT payload unit is 25 KB.
    const billedKB = records > 0 ? Math.max(1, Math.ceil(kb)) : 0;
    return {
        records,
        gb: (records * billedKB) / GB,
        putUnits: records * Math.max(1, Math.ceil(kb / 25)),
        note: `load.streams ${fmt(ctx.load.streams.recordsPerMonth)} records of ${fmt(kb)} KB split over ${streams} stream(s)`,
    };
}

function streamOf(ctx: PricingContext, r: PlanResource, property: string): PlanResource | undefined {
    const streams = ctx.plan.ofType("aws:kinesis/stream:Stream");
    return ctx.plan.referenced(r, property, "aws:kinesis/stream:Stream")[0] ?? streams.find((s) => namesResource(r.inputs?.[property], s));
}

const stream: Pricer = (s, ctx) => {
    const { records, gb, putUnits, note } = streamRecords(ctx);
    const retention = num(s.inputs?.retentionPeriod) ?? 24;
    const shared = ctx.plan.ofType("aws:lambda/eventSourceMapping:EventSourceMapping").filter((m) => streamOf(ctx, m, "eventSourceArn")?.urn === s.urn).length;
    if (s.inputs?.streamModeDetails?.streamMode === "ON_DEMAND") {
        return [
            line(ctx, "Kinesis on-demand stream hours", "kinesis.ondemand.streamHour", HOURS_PER_MONTH, false),
            line(ctx, "Kinesis on-demand data in", "kinesis.ondemand.ingestGB", gb, true, `${note}; records rounded up to 1 KB`),
            line(
                ctx,
                "Kinesis on-demand data out",
                "kinesis.ondemand.retrievalGB",
                gb * shared,
                true,
                `${shared} shared-throughput reader(s) in the plan, each reading every record` +
                    (retention > 24 ? `; retention ${retention} h: extended retention not modelled` : ""),
            ),
        ];
    }
    const shards = num(s.inputs?.shardCount);
    const lines = [
        line(
            ctx,
            "Kinesis shard hours",
            "kinesis.shardHour",
            (shards ?? 0) * HOURS_PER_MONTH,
            false,
            shards === undefined ? `shardCount ${UNKNOWN_NOTE}` : `${shards} shard(s) × ${HOURS_PER_MONTH} h`,
        ),
        line(
            ctx,
            "Kinesis PUT payload units",
            "kinesis.putPayloadUnits",
            putUnits / 1e6,
            true,
            `${note}; one unit per 25 KB of a record (${fmt(records)} records)`,
        ),
    ];
    if (retention > 24) {
        lines.push(
            line(
                ctx,
                "Kinesis extended retention",
                "kinesis.extendedRetention.shardHour",
                (shards ?? 0) * HOURS_PER_MONTH,
                false,
                `retention ${retention} h > 24 h`,
            ),
        );
    }
    return lines;
};

const streamConsumer: Pricer = (c, ctx) => {
    const s = streamOf(ctx, c, "streamArn");
    const { gb, note } = streamRecords(ctx);
    if (s?.inputs?.streamModeDetails?.streamMode === "ON_DEMAND") {
        return [line(ctx, "Kinesis enhanced fan-out data out", "kinesis.ondemand.efoRetrievalGB", gb, true, `${note}; every record read once`)];
    }
    const shards = num(s?.inputs?.shardCount);
    return [
        line(
            ctx,
            "Kinesis enhanced fan-out consumer-shard hours",
            "kinesis.efo.consumerShardHour",
            (shards ?? 0) * HOURS_PER_MONTH,
            false,
            shards === undefined ? `stream or shardCount ${UNKNOWN_NOTE}` : `${shards} shard(s) × ${HOURS_PER_MONTH} h`,
        ),
        line(ctx, "Kinesis enhanced fan-out data out", "kinesis.efo.retrievalGB", gb, true, `${note}; every record read once`),
    ];
};

// Aurora Serverless v2 and RDS Proxy

const SERVERLESS_CLASS = "db.serverless";

function clusterOf(ctx: PricingContext, r: PlanResource, property: string): PlanResource | undefined {
    const clusters = ctx.plan.ofType("aws:rds/cluster:Cluster");
    return (
        ctx.plan.referenced(r, property, "aws:rds/cluster:Cluster")[0] ??
        clusters.find((c) => c.inputs?.clusterIdentifier !== undefined && c.inputs.clusterIdentifier === r.inputs?.[property])
    );
}

function instancesOf(ctx: PricingContext, cluster: PlanResource): PlanResource[] {
    return ctx.plan.ofType("aws:rds/clusterInstance:ClusterInstance").filter((i) => clusterOf(ctx, i, "clusterIdentifier")?.urn === cluster.urn);
}

/** The writer: the instance with the lowest promotion tier (failover order), the first in the plan on a tie. */
function isWriter(ctx: PricingContext, instance: PlanResource, cluster: PlanResource | undefined): boolean {
    if (cluster === undefined) return true;
    const all = instancesOf(ctx, cluster);
    const tier = (i: PlanResource) => num(i.inputs?.promotionTier) ?? 1;
    const writer = [...all].sort((a, b) => tier(a) - tier(b))[0];
    return writer?.urn === instance.urn;
}

/** ACUs of a Serverless v2 instance: idle at the cluster's minimum (0 with auto-pause), the writer at load.database.averageAcu. */
function instanceAcu(ctx: PricingContext, instance: PlanResource, cluster: PlanResource | undefined): { idle: number; load: number; note: string } {
    const scaling = cluster?.inputs?.serverlessv2ScalingConfiguration;
    const min = num(scaling?.minCapacity) ?? 0;
    const max = num(scaling?.maxCapacity) ?? Number.POSITIVE_INFINITY;
    const writer = isWriter(ctx, instance, cluster);
    const load = writer ? Math.min(max, Math.max(min, ctx.load.database.averageAcu)) : min;
    const pause = min === 0 ? " (auto-pause: 0 ACU while idle)" : "";
    const note = writer
        ? `writer: minCapacity ${fmt(min)} ACU${pause} idle, load.database.averageAcu ${fmt(ctx.load.database.averageAcu)} within [${fmt(min)}, ${fmt(max)}] under load`
        : `reader: minCapacity ${fmt(min)} ACU${pause} (readers assumed at the minimum under load)`;
    return { idle: min, load, note };
}

const clusterInstance: Pricer = (instance, ctx) => {
    const cluster = clusterOf(ctx, instance, "clusterIdentifier");
    const iopt = cluster?.inputs?.storageType === "aurora-iopt1";
    const cls = instance.inputs?.instanceClass;
    if (cls !== SERVERLESS_CLASS) {
        const hourly = typeof cls === "string" ? ctx.prices.instanceHour(cls) : undefined;
        if (hourly === undefined)
            return [
                line(ctx, `Aurora instance ${String(cls)}`, "aurora.serverlessV2.acuHour", 0, false, `instance class ${String(cls)} not in the price table: 0`),
            ];
        return [
            {
                item: `Aurora instance ${cls}`,
                price: `instance.${cls}`,
                quantity: HOURS_PER_MONTH,
                unit: hourly.unit,
                unitPrice: hourly.usd,
                monthly: HOURS_PER_MONTH * hourly.usd,
                usage: false,
                note: `${HOURS_PER_MONTH} h, on-demand`,
            },
        ];
    }
    const key = iopt ? "aurora.serverlessV2.iopt.acuHour" : "aurora.serverlessV2.acuHour";
    const acu = instanceAcu(ctx, instance, cluster);
    return [
        line(ctx, "Aurora Serverless v2 ACU-hours (minimum)", key, acu.idle * HOURS_PER_MONTH, false, `${acu.note}; ${HOURS_PER_MONTH} h`),
        line(ctx, "Aurora Serverless v2 ACU-hours (above minimum)", key, (acu.load - acu.idle) * HOURS_PER_MONTH, true, acu.note),
    ];
};

const cluster: Pricer = (c, ctx) => [...clusterStorage(c, ctx), ...managedMasterSecretLines(c, ctx)];

function clusterStorage(c: PlanResource, ctx: PricingContext): CostLine[] {
    const clusters = ctx.plan.ofType(c.type).filter((x) => String(x.inputs?.engine ?? "").startsWith("aurora")).length || 1;
    const note = (what: string, total: number) => `load.database.${what} ${fmt(total)} split over ${clusters} Aurora cluster(s)`;
    const gb = share(ctx.load.database.storageGB, clusters);
    if (c.inputs?.storageType === "aurora-iopt1") {
        return [
            line(
                ctx,
                "Aurora I/O-Optimized storage",
                "aurora.iopt.storage.gbMonth",
                gb,
                true,
                `${note("storageGB", ctx.load.database.storageGB)}; I/O included`,
            ),
        ];
    }
    const io = share(ctx.load.database.ioRequestsPerMonth, clusters);
    return [
        line(
            ctx,
            "Aurora storage",
            "aurora.storage.gbMonth",
            gb,
            true,
            `${note("storageGB", ctx.load.database.storageGB)}; backups up to the cluster's size are free`,
        ),
        line(ctx, "Aurora I/O requests", "aurora.io.requests", io / 1e6, true, note("ioRequestsPerMonth", ctx.load.database.ioRequestsPerMonth)),
    ];
}

/** vCPUs of an RDS instance class by size (db.r6g.large → 2), for RDS Proxy on provisioned instances. */
function vcpus(instanceClass: unknown): number | undefined {
    const size = typeof instanceClass === "string" ? instanceClass.split(".").pop() : undefined;
    if (size === undefined) return undefined;
    if (size === "micro" || size === "small" || size === "medium" || size === "large") return 2;
    const x = /^(\d*)xlarge$/.exec(size);
    return x ? 4 * Number(x[1] || 1) : undefined;
}

/** Minimum charges (https://aws.amazon.com/rds/proxy/pricing/): 2 vCPUs for provisioned targets, 8 ACUs for Serverless v2. */
const PROXY_MIN = { vcpu: 2, acu: 8 };

const proxy: Pricer = (p, ctx) => {
    const targets = ctx.plan.ofType("aws:rds/proxyTarget:ProxyTarget").filter((t) => pointsAt(ctx, t, "dbProxyName", t.inputs?.dbProxyName, p));
    const clusters = targets.map((t) => clusterOf(ctx, t, "dbClusterIdentifier")).filter((c): c is PlanResource => c !== undefined);
    const instances = clusters.flatMap((c) => instancesOf(ctx, c).map((i) => ({ i, c })));
    if (instances.length === 0) {
        return [line(ctx, "RDS Proxy", "rdsProxy.vcpuHour", 0, false, `target instances ${UNKNOWN_NOTE}`)];
    }
    if (instances.every(({ i }) => i.inputs?.instanceClass === SERVERLESS_CLASS)) {
        const idle = instances.reduce((s, { i, c }) => s + instanceAcu(ctx, i, c).idle, 0);
        const load = instances.reduce((s, { i, c }) => s + instanceAcu(ctx, i, c).load, 0);
        const billedIdle = Math.max(PROXY_MIN.acu, idle);
        const billedLoad = Math.max(PROXY_MIN.acu, load);
        const note = `${instances.length} Serverless v2 instance(s): ${fmt(idle)} ACU idle, ${fmt(load)} ACU under load; minimum charge ${PROXY_MIN.acu} ACUs`;
        return [
            line(ctx, "RDS Proxy ACU-hours (minimum)", "rdsProxy.acuHour", billedIdle * HOURS_PER_MONTH, false, `${note}; ${HOURS_PER_MONTH} h`),
            line(ctx, "RDS Proxy ACU-hours (above minimum)", "rdsProxy.acuHour", (billedLoad - billedIdle) * HOURS_PER_MONTH, true, note),
        ];
    }
    const total = instances.reduce((s, { i }) => s + (vcpus(i.inputs?.instanceClass) ?? 0), 0);
    return [
        line(
            ctx,
            "RDS Proxy vCPU-hours",
            "rdsProxy.vcpuHour",
            Math.max(PROXY_MIN.vcpu, total) * HOURS_PER_MONTH,
            false,
            `${instances.length} provisioned instance(s), ${total} vCPUs (minimum charge ${PROXY_MIN.vcpu}); ${HOURS_PER_MONTH} h`,
        ),
    ];
};

// Messaging

/** SQS requests per message: send, receive and delete. */
const SQS_REQUESTS_PER_MESSAGE = 3;

function carrierShare(ctx: PricingContext, r: PlanResource): { messages: number; note: string } | undefined {
    const carriers = messageCarriers(ctx);
    if (!carriers.some((c) => c.urn === r.urn)) return undefined;
    return {
        messages: share(ctx.load.messages.perMonth, carriers.length),
        note: `load.messages ${fmt(ctx.load.messages.perMonth)} split evenly over ${carriers.length} queue(s)/topic(s)/bus(es) carrying application messages`,
    };
}

const queue: Pricer = (q, ctx) => {
    const key = q.inputs?.fifoQueue === true ? "sqs.fifo.requests" : "sqs.requests";
    const s = carrierShare(ctx, q);
    if (s === undefined)
        return [line(ctx, "SQS requests", key, 0, true, "a failure destination (dead-letter/on-failure): only failed messages, 0 in the profile")];
    return [
        line(
            ctx,
            "SQS requests",
            key,
            (s.messages * SQS_REQUESTS_PER_MESSAGE) / 1e6,
            true,
            `${s.note}; ${SQS_REQUESTS_PER_MESSAGE} requests per message (send, receive, delete), up to 64 KB each`,
        ),
    ];
};

const topic: Pricer = (t, ctx) => {
    const s = carrierShare(ctx, t);
    if (s === undefined)
        return [
            line(ctx, "SNS publishes", "sns.publishes", 0, true, "no application subscriber (SQS, Lambda, HTTP): notifications only, not in the profile: 0"),
        ];
    return [line(ctx, "SNS publishes", "sns.publishes", s.messages / 1e6, true, `${s.note}; deliveries to SQS/Lambda are free`)];
};

const eventBus: Pricer = (b, ctx) => {
    const s = carrierShare(ctx, b);
    if (s === undefined) return [];
    return [line(ctx, "EventBridge custom events", "eventbridge.customEvents", s.messages / 1e6, true, s.note)];
};

const schedule: Pricer = (s, ctx) => {
    if (s.inputs?.state === "DISABLED") return [line(ctx, "EventBridge Scheduler invocations", "scheduler.invocations", 0, false, "disabled")];
    const count = schedulePerMonth(s.inputs?.scheduleExpression);
    return [
        line(
            ctx,
            "EventBridge Scheduler invocations",
            "scheduler.invocations",
            (count?.perMonth ?? 0) / 1e6,
            false,
            count?.note ?? `schedule expression ${String(s.inputs?.scheduleExpression)} not understood: 0`,
        ),
    ];
};

// DAX and Cognito

const daxCluster: Pricer = (c, ctx) => {
    const type = c.inputs?.nodeType;
    const nodes = num(c.inputs?.replicationFactor);
    const key = `dax.node.${String(type)}`;
    const known = Object.hasOwn(DAX_KEYS, key);
    const quantity = (nodes ?? 0) * HOURS_PER_MONTH;
    if (!known) {
        const hourly = typeof type === "string" ? ctx.prices.instanceHour(type) : undefined;
        if (hourly === undefined) return [line(ctx, "DAX nodes", "dax.node.dax.t3.small", 0, false, `node type ${String(type)} not in the price table: 0`)];
        return [
            {
                item: `DAX nodes (${type})`,
                price: `instance.${type}`,
                quantity,
                unit: hourly.unit,
                unitPrice: hourly.usd,
                monthly: quantity * hourly.usd,
                usage: false,
                note: `${nodes} node(s) × ${HOURS_PER_MONTH} h`,
            },
        ];
    }
    return [
        line(
            ctx,
            `DAX nodes (${type})`,
            key,
            quantity,
            false,
            nodes === undefined ? `replicationFactor ${UNKNOWN_NOTE}` : `${nodes} node(s) × ${HOURS_PER_MONTH} h`,
        ),
    ];
};
const DAX_KEYS: Record<string, true> = { "dax.node.dax.t3.small": true, "dax.node.dax.t3.medium": true, "dax.node.dax.r5.large": true };

const userPool: Pricer = (_p, ctx) => {
    const tier = typeof _p.inputs?.userPoolTier === "string" ? _p.inputs.userPoolTier.toLowerCase() : "essentials";
    const key = tier === "lite" ? "cognito.lite.mau" : tier === "plus" ? "cognito.plus.mau" : "cognito.essentials.mau";
    return [
        line(
            ctx,
            `Cognito monthly active users (${tier})`,
            key,
            0,
            true,
            "the load profile has no MAU figure: 0 MAUs assumed (Essentials, the default plan: first 10,000 MAUs free, then $0.015 each)",
        ),
    ];
};

export const SERVERLESS_PRICERS: PricerTable = {
    [FUNCTION]: priceFunction,
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": priceProvisionedConcurrency,
    "aws:apigatewayv2/api:Api": httpApi,
    "aws:apigateway/restApi:RestApi": restApi,
    "aws:apigateway/stage:Stage": restStage,
    "aws:dynamodb/table:Table": table,
    "aws:backup/plan:Plan": backupPlan,
    "aws:kinesis/stream:Stream": stream,
    "aws:kinesis/streamConsumer:StreamConsumer": streamConsumer,
    "aws:rds/cluster:Cluster": cluster,
    "aws:rds/clusterInstance:ClusterInstance": clusterInstance,
    "aws:rds/proxy:Proxy": proxy,
    "aws:sqs/queue:Queue": queue,
    "aws:sns/topic:Topic": topic,
    "aws:cloudwatch/eventBus:EventBus": eventBus,
    "aws:scheduler/schedule:Schedule": schedule,
    "aws:dax/cluster:Cluster": daxCluster,
    "aws:cognito/userPool:UserPool": userPool,
};
