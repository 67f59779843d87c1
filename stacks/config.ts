/**
 * The stack's typed settings: a preset (dev or prod, as data in presets.ts) with the overrides
 * written in `Pulumi.<stack>.yaml`. Every key is validated before any resource exists; unknown
 * keys are refused, so a typo never silently falls back to a default.
 */
import * as pulumi from "@pulumi/pulumi";
import { Issue, Issues, formatIssue } from "../components/shared/errors";
import {
    Shape,
    array,
    boolean,
    checkShape,
    custom,
    int,
    number,
    object,
    oneOf,
    opaque,
    optional,
    record,
    string,
    union,
    unknownKey,
} from "../components/shared/shape";
import { isDnsLabel } from "../components/shared/kubernetes-names";
import { LOG_RETENTION_DAYS } from "../components/shared/limits/logs";
import { LAMBDA_LIMITS } from "../components/lambda-function/validate";
import { API_LIMITS } from "../components/serverless-api/validate";
import { CACHE_SIZES, type CacheSize } from "../components/rest-api/args";
import { THUMBNAIL_LIMITS } from "../components/thumbnails/validate";
import { checkApiDomain } from "../components/shared/api-domain";
import {
    ACM_CERTIFICATE_ARN,
    AWS_REGION_NAME,
    ROLE_ARN,
    checkKmsKeyArn,
    checkPrincipalArn,
    checkScheduleExpression,
    checkTimeZone,
    checkVpcCidr,
    parseCidr,
} from "../components/shared/validators";
import { INSTANCE_TYPE, architectureOf } from "../components/shared/instance-types";
import { validate as validateEdgeFunctions } from "../components/edge-functions/validate";
import { validate as validateContainerService } from "../components/container-service/validate";
import { FARGATE_PROVIDERS } from "../components/container-service/defaults";
import { KVS_MAX_VALUE_CHARS } from "../components/shared/limits/cloudfront";
import { checkDomainName } from "../components/shared/hostnames";
import { RoutesError, type RouteSpec, parseRoutes } from "../functions/edge/origin-request-router/core";
import { CONNECTION_ARN } from "../components/delivery-pipeline/validate";
import { ALERT_RULES, type AlertRule } from "../components/audit-trail/alert-rules";
import { DATA_STREAM_LIMITS } from "../components/data-stream/validate";
import { STREAM_LIMITS } from "../components/stream-consumer/validate";
import { BACKUP_LIMITS, validate as validateTableBackups } from "../components/table-backups/validate";
import {
    ACU,
    AUTO_PAUSE_SECONDS,
    BACKUP_RETENTION_DAYS as DB_BACKUP_RETENTION_DAYS,
    MAX_READERS,
    validate as validateDatabase,
} from "../components/database/validate";
import { MAX_NODES as DAX_MAX_NODES, NODE_TYPES as DAX_NODE_TYPES } from "../components/dax-cluster/validate";
import { LOAD_PROFILE_SHAPE } from "../components/cost/profile";
import type { LoadProfile } from "../components/cost/types";
import { PRESETS, PresetName } from "./presets";

export const NAMESPACE = "aws-platform";

/** Settings of one stack. Each key is `aws-platform:<key>` in `Pulumi.<stack>.yaml`. */
export interface StackConfig {
    /** The preset the stack starts from: `dev` (small, Spot, one NAT) or `prod` (multi-AZ, protected). */
    preset: PresetName;
    network: {
        /** VPC CIDR, RFC 1918, /16 to /24. */
        cidrBlock: string;
        /** Availability zones (2–6). */
        availabilityZones: number;
        /** `single`, `one-per-az`, `instance` (one NAT instance: cheapest, for development) or `none`. */
        natGateways: "single" | "one-per-az" | "instance" | "none";
        /** VPC flow logs to CloudWatch Logs. */
        flowLogs: boolean;
    };
    containers: {
        /** ACM certificate ARN for HTTPS on the public ALB (optional: HTTP only without it). */
        certificateArn?: string;
        /** E-mail address subscribed to the alarm topic (optional). */
        alarmEmail?: string;
        /** Image URI per workload. */
        images: { web: string; app1: string; app2: string; worker: string; report: string };
        /** Where the web tier runs: `fargate` or `fargate-spot`. */
        capacity: "fargate" | "fargate-spot";
        /** With fargate-spot: tasks always on regular Fargate. */
        onDemandBase: number;
        /**
         * How a new revision of the web service replaces the running one: `rolling` (tasks replaced in place), or
         * `blue-green` (ECS starts the new revision in a second target group, moves all traffic at once, keeps the
         * old one during a bake time, and rolls back on the circuit breaker or a 5xx alarm over both target groups).
         */
        webDeployment: "rolling" | "blue-green";
        /** Tasks per web service at rest, and its scaling bounds. */
        desiredCount: number;
        minCount: number;
        maxCount: number;
        /**
         * EC2 capacity: Auto Scaling group capacity providers by key (the ContainerService's `ec2CapacityProviders`),
         * and the capacity provider strategy of the services that run on them (app2, in bridge mode). Off: app2 runs
         * on the web tier's capacity. The groups and the strategy are checked only when `enabled`.
         */
        ec2: {
            enabled: boolean;
            capacityProviders: Record<string, Ec2CapacityGroup>;
            /**
             * app2's strategy over `capacityProviders`' keys (`{ provider, base?, weight? }`: base 0, weight 1 when
             * absent), e.g. the first task on `on-demand`, then three on `spot` for one on `on-demand`.
             */
            strategy: Array<{ provider: string; base?: number; weight?: number }>;
        };
        /** Days container logs are kept (a CloudWatch Logs retention value). */
        logRetentionDays: number;
        /** `protect` file systems and repositories, deletion protection on the ALB. */
        protectData: boolean;
        /** ALB access logs (Security Hub ELB.5): each ALB writes to an access-log bucket of its own. */
        accessLogs: boolean;
        /** Schedule of the report job (EventBridge Scheduler expression). */
        reportSchedule: string;
        /**
         * Scheduled scaling of the web tier (web, app1, app2): from `scaleDownAt` its scaling bounds
         * are `minCount`..`maxCount`; from `scaleUpAt` they are the daytime `containers.minCount`..`maxCount`
         * again. Application Auto Scaling `cron(...)` expressions (6 fields) in `timezone`.
         */
        nightlyScaleDown: { enabled: boolean; scaleDownAt: string; scaleUpAt: string; timezone: string; minCount: number; maxCount: number };
    };
    /** The EKS cluster (an `EksCluster`) and its sample workloads; the keys feed the component's arguments of the same name. */
    kubernetes: {
        /** Build the cluster, its nodes, add-ons, StorageClasses and the sample workloads. */
        enabled: boolean;
        /** Kubernetes minor version of the control plane, e.g. `"1.35"` (one EKS still creates clusters on). */
        version: string;
        /**
         * API server endpoint: CIDRs admitted to the public endpoint (empty: private only, reached from
         * the VPC), and the private endpoint.
         */
        endpoint: { publicAccessCidrs: string[]; privateAccess: boolean };
        /** Cluster administrators by key: IAM role or user ARNs given `AmazonEKSClusterAdminPolicy` through access entries. */
        admins: Record<string, string>;
        /** Managed node groups by key. */
        nodeGroups: Record<string, KubernetesNodeGroup>;
        /** Self-managed node groups (Auto Scaling groups: on-demand base, Spot above) by key. */
        selfManagedNodeGroups: Record<string, KubernetesSelfManagedNodeGroup>;
        /** Namespaces whose pods run on Fargate (one Fargate profile); they are created with the cluster. */
        fargateNamespaces: string[];
        /** StorageClasses beyond the default `gp3` (EBS): EFS, FSx for Lustre, FSx for NetApp ONTAP, and their reclaim policy. */
        storage: {
            efs: boolean;
            fsxLustre: boolean;
            /** Needs the secret `aws-platform:ontapSvmAdminPassword` and an AWS Marketplace subscription to NetApp Trident. */
            ontap: boolean;
            reclaimPolicy: "Retain" | "Delete";
        };
        /** The amazon-cloudwatch-observability add-on (needs EC2 nodes). */
        containerInsights: boolean;
        /** Days the control-plane logs are kept (a CloudWatch Logs retention value). */
        logRetentionDays: number;
        /** EKS deletion protection on the cluster; `protect` on its key and file systems. */
        protectData: boolean;
        /** The sample workloads: a stateless web app and a Redis primary with replicas on gp3. */
        workloads: { webReplicas: number; redisReplicas: number; redisStorageGiB: number };
    };
    /**
     * The serverless items API (stacks/serverless.ts): a DynamoDB table, the items function behind an
     * HTTP API with a Cognito user pool guarding writes, and the stream consumer's tag-index table.
     */
    serverless: {
        /**
         * `protect` and `retainOnDelete` on the items table, the user pool, the photos uploads bucket and
         * the partner-events queue; DynamoDB deletion protection on the table, Cognito deletion protection on
         * the pool; both photo buckets versioned (old versions 30 days) and not force-destroyed.
         */
        protectData: boolean;
        /** The items table (partition key `id`, a stream of both images for the stream consumer). */
        table: {
            /** `PAY_PER_REQUEST` (on-demand) or `PROVISIONED` (then `readCapacity` and `writeCapacity`). */
            billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
            /** Provisioned read and write capacity units: required with `PROVISIONED`, refused on-demand. */
            readCapacity?: number;
            writeCapacity?: number;
            /** Point-in-time recovery: restore to any second of the last 35 days. */
            pointInTimeRecovery: boolean;
            /** Regions of global table replicas (never the stack's own); on-demand only here. */
            replicaRegions: string[];
            /** A customer managed KMS key for the table (optional: the AWS managed key aws/dynamodb without it). */
            kmsKeyArn?: string;
            /** With `kmsKeyArn` and replicas: a key in each replica region, by region. */
            replicaKmsKeyArns: Record<string, string>;
        };
        /** The HTTP API in front of the items function. */
        api: {
            /** The stage's token bucket: burst (0–5000) and steady requests per second (0–10000). */
            throttle: { burstLimit: number; rateLimit: number };
            /** Origins browsers may call the API from (`"*"` or `scheme://host[:port]`); empty: no CORS. */
            corsOrigins: string[];
            /** `GET /items` and `GET /items/{id}` without a token; writes always need a user pool token. */
            publicReads: boolean;
            /** Days the access logs are kept (a CloudWatch Logs retention value). */
            accessLogRetentionDays: number;
            /**
             * A custom domain for the items API (optional: the execute-api URL only): `name` (lower-case host
             * name, or `*.example.com`), `certificateArn` (ACM, in the stack's Region) or `hostedZoneId` (Route 53:
             * a certificate is requested and validated by DNS, and A/AAAA aliases are written), `basePath` (e.g. `v1`).
             */
            domain?: { name: string; hostedZoneId?: string; certificateArn?: string; basePath?: string };
        };
        /**
         * The nightly sweeper (functions/sweeper): an EventBridge Scheduler schedule purging tombstones
         * older than `retentionDays` (1–3650) from the items table; `expression` (`cron(...)` with six
         * fields, `rate(...)`) read in `timezone` (IANA).
         */
        sweeper: { expression: string; timezone: string; retentionDays: number };
        /** The S3 thumbnail pipeline "photos" (functions/thumbnail): whether it exists, and the thumbnails' width in pixels (16–2048). */
        thumbnails: { enabled: boolean; width: number };
        /**
         * The partners REST API: `POST /events` into a queue (an SQS service proxy) and `GET /items/{id}`,
         * both with an API key of the usage plan.
         */
        partners: {
            /** Build the REST API, its queue, keys and usage plan. */
            enabled: boolean;
            /** Names of the partners' API keys (lower-case letters, digits and '-'); API Gateway generates the values. */
            apiKeys: string[];
            /** Requests per API key per day (the usage plan's quota). */
            dailyQuota: number;
            /** Each API key's token bucket: burst (0–5000) and steady requests per second (0–10000). */
            throttle: { burstLimit: number; rateLimit: number };
            /**
             * The stage's cache cluster in GB (`"0.5"`, `"1.6"`, ... `"237"`), serving `GET /items/{id}` for 60 s
             * (optional: no cache; a cluster bills by the hour while it exists, $0.020/h for 0.5 GB).
             */
            cacheSizeGb?: CacheSize;
            /** Days the access logs are kept (a CloudWatch Logs retention value). */
            accessLogRetentionDays: number;
            /**
             * Create API Gateway's CloudWatch role and the account setting naming it (`apigateway.Account`,
             * retained on destroy), without which the stage's logging fails to deploy. One value per account
             * and Region: set it true in ONE stack per account and Region, false in the others.
             */
            accountCloudWatchRole: boolean;
        };
        /**
         * `/legacy/{proxy+}` of the items API through a VPC link to an internal ALB in front of a `legacy`
         * ECS service of its own (the "forward to your own servers" route; the prefix is stripped).
         */
        legacy: {
            /** Build the internal ALB, the service and the proxy routes. */
            enabled: boolean;
            /** The legacy server's image (listening on port 80). */
            image: string;
            /** Tasks of the legacy service (1–10). */
            desiredCount: number;
        };
        /** The items function (functions/items). */
        items: {
            /** Memory in MiB (128–10240), of the items function and of the partners API's read-only copy. */
            memoryMiB: number;
            /** Execution environments kept warm on its alias `live` (0: none, on-demand only). */
            provisionedConcurrency: number;
            /** Concurrency reserved for it (optional: the account's shared pool); at least `provisionedConcurrency`. */
            reservedConcurrency?: number;
            /** Days the logs of every serverless function are kept (a CloudWatch Logs retention value). */
            logRetentionDays: number;
        };
    };
    /**
     * The CDN (stacks/cdn.ts): one CloudFront distribution (an `EdgeFunctions`) in front of a static site bucket
     * (the default behavior), the public ALB (`/app1/*`, `/app2/*`) and the items API (`/items`, `/items/*`), with
     * the edge code of functions/edge attached. The JWT key of `/private/*` is never a setting: the operator puts it in
     * the KeyValueStore (`aws cloudfront-keyvaluestore put-key ... --key jwt-secret`; README).
     */
    cdn: {
        /** Build the distribution, its bucket, functions, KeyValueStore, Lambda@Edge router and logging. */
        enabled: boolean;
        /** Edge locations that serve: `PriceClass_100` (North America, Europe, Israel), `PriceClass_200`, `PriceClass_All`. */
        priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
        /**
         * Custom host names (optional: `d<id>.cloudfront.net` only): `aliases` (lower case), `certificateArn` (ACM,
         * **us-east-1**, covering every alias), `hostedZoneId` (Route 53: A/AAAA alias records are written).
         */
        domain?: { aliases: string[]; certificateArn: string; hostedZoneId?: string };
        /** A WAFv2 web ACL of scope CLOUDFRONT (`arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`), optional. */
        webAclArn?: string;
        /**
         * Without `webAclArn`, protect the distribution with a WAF web ACL the stack creates in us-east-1 (EdgeFunctions
         * `webAcl`: AWS managed IP reputation, core and known-bad-inputs rule groups, 2000 requests per IP per 5 minutes;
         * $5 + $1 per rule a month, $0.60 per million requests). With `webAclArn`, that web ACL is used and none is created.
         */
        createWebAcl: boolean;
        /**
         * A host name on `containers.certificateArn` whose DNS record points at the public ALB (yours to write): with
         * both, CloudFront reaches the ALB over HTTPS (`https-only`, TLS 1.2) at this name. Without them the ALB origin
         * is `http-only` (clear text between CloudFront and the ALB; EdgeFunctions warns `[aws-platform:edge:http-origin]`).
         */
        webOriginDomain?: string;
        /**
         * Admit only CloudFront on the public ALB (CloudFront's origin-facing managed prefix list, on the ALB's main
         * listener port): the CDN's WAF, bot and JWT rules cannot be bypassed by calling the ALB directly. The ALB's
         * own URLs (`url`, `serviceUrls`) then answer nobody but CloudFront.
         */
        albFromCloudFrontOnly: boolean;
        /** Days the access logs (standard logging v2, CloudWatch Logs in us-east-1) and the router's logs are kept. */
        logRetentionDays: number;
        /** Keep the site bucket: not emptied by `pulumi destroy`, left in the account when removed. */
        protectData: boolean;
        /** Legacy redirects (KeyValueStore key `redirects`): exact path → path or `https://` URL, answered 301 at the edge. */
        redirects: Record<string, string>;
        /** A/B weights of `/app2/*` (KeyValueStore key `ab-weights`): variant → integer weight (0–10000), 1–10 variants. */
        abWeights: Record<string, number>;
        /**
         * Cache-key normalization of `/assets/*` (KeyValueStore key `cache-key`): path prefixes lower-cased, and the
         * query-string keys kept (absent: all kept; sorted either way). S3 keys are case-sensitive: under a lower-cased
         * prefix, upload files under lower-case keys, or a mixed-case name is never reached (S3 answers 403).
         */
        cacheKey: { lowercasePaths: string[]; queryAllowList?: string[] };
        /** Extra bot rules of `/app1/*` (KeyValueStore key `bot-rules`): user-agent substrings blocked or allowed. */
        botRules: { block: string[]; allow: string[] };
        /**
         * The Lambda@Edge router's `routes.json` on `/app1/*` (origin request): `{ header, values, origin: { domainName,
         * path?, readTimeoutSeconds?, keepaliveTimeoutSeconds? } }` tried in order; a header CloudFront sets
         * (`cloudfront-viewer-country`, `cloudfront-is-mobile-viewer`, ...). The routed origin is reached over HTTPS
         * (443, TLS 1.2) with `domainName` as Host: its certificate must name it (an ALB's own `*.elb.amazonaws.com`
         * name is on none). Empty: every request stays on the ALB.
         */
        routes: RouteSpec[];
    };
    /**
     * The delivery pipeline (stacks/delivery.ts): a DeliveryPipeline from a Git repository through a CodeConnections
     * connection, its CodeBuild projects (image, test, infra, and the items function's CodeDeploy release), and the
     * release of one ECS service. Its failures and approvals go to the alarm topic.
     */
    delivery: {
        /** Build the pipeline, its projects, the Pulumi token's secret and the CodeDeploy groups. */
        enabled: boolean;
        /**
         * The repository: `provider` (`GitHub`, `GitLab` or `Bitbucket`: a new connection, PENDING until someone completes
         * the handshake in the console) or `connectionArn` (an existing connection, reused), `repository` (`owner/name`),
         * `branch` (the one pushes to which run the pipeline when `releaseTags` is empty; with tags, only tags run it).
         */
        source: { provider: "GitHub" | "GitLab" | "Bitbucket"; repository: string; branch: string; connectionArn?: string };
        /**
         * The role the Pulumi step's build assumes to deploy (the stack's `aws:assumeRoles` names it too); the build role may
         * `sts:AssumeRole` exactly this one. Absent: no Pulumi step (the build role would otherwise need every permission the
         * program's resources need).
         */
        deployRoleArn?: string;
        /**
         * The stack deployed first, as staging, before the approval (`pulumi up --stack <stack>`; only with `deployRoleArn`, like
         * every Pulumi step), and its URL, the approval's link (with or without `deployRoleArn`). Absent: no staging deploy.
         * Limits: that step runs the program at the release's commit, so it rolls the staging stack's infrastructure back to
         * the tag when its own pipeline has deployed a newer branch; it deploys infrastructure only, not the release's image
         * (the staging stack's released service keeps its own pipeline's last image); and its build assumes this stack's
         * `deployRoleArn`, so the staging stack's `aws:assumeRoles` must name the same role.
         */
        staging?: { stack: string; url?: string };
        /** A manual approval (notified to the alarm topic) before the production deploy. */
        approval: boolean;
        /** Git tag patterns that release (the pipeline runs on these tags only); empty: every push to `branch`. */
        releaseTags: string[];
        /**
         * The ECS service the pipeline releases with the image it builds into the `app` repository: `rolling` (CodePipeline's
         * ECS action, the service `releasedBy: "pipeline"`) or `code-deploy` (blue/green through a CodeDeploy deployment
         * group, the service's controller `code-deploy`; not web or app1, which use Service Connect).
         */
        service: { name: "web" | "app1" | "app2"; strategy: "rolling" | "code-deploy" };
        /** Release the items function through CodeDeploy: canary 10 % for 5 minutes, rolled back on its errors alarm. */
        itemsCanary: boolean;
    };
    /**
     * The audit trail (stacks/observability.ts): a multi-region CloudTrail trail with log file validation, KMS and
     * CloudWatch Logs, and alerts to the alarm topic. One multi-region trail per account is free; a second one in the
     * same account (dev and prod sharing one) bills its management events ($2.00 per 100,000).
     */
    audit: {
        /** Build the trail (turn it off in a stack that shares its account with one that has it). */
        enabled: boolean;
        /** Days the log files stay in the trail's bucket. */
        retentionDays: number;
        /** Days the trail's CloudWatch log group keeps events (a CloudWatch Logs retention value). */
        logRetentionDays: number;
        /** `protect` and `retainOnDelete` on the bucket and key. */
        protectData: boolean;
        /** CloudTrail Insights (API call rate and error rate), $0.35 per 100,000 events analysed. */
        insights: boolean;
        /** Data events (item-level API calls) on the items table, $0.10 per 100,000. */
        itemsDataEvents: boolean;
        /** The events alerted on (EventBridge rules → a function → the alarm topic). */
        alerts: AlertRule[];
    };
    /**
     * Monitoring (stacks/observability.ts): alarms on the ECS services, APIs, functions, tables and the pipeline to the
     * alarm topic, saved Logs Insights queries, ECS task and Auto Scaling events, the CloudWatch agent configuration.
     */
    monitoring: {
        /** Build the alarms, rules, queries and dashboard. */
        enabled: boolean;
        /** A CloudWatch dashboard ($3 a month beyond the free three). */
        dashboard: boolean;
    };
    /**
     * The data paths (stacks/data.ts): a Kinesis ingestion path, AWS Backup of the items table, its export to S3, the
     * orders database behind RDS Proxy with its function, and a DAX cluster in front of the items table.
     */
    data: {
        /**
         * `protect` and `retainOnDelete` on the readings stream and its bucket or table, the backup vaults, keys, plan and
         * role, and the orders cluster, its instances, key and secret (RDS deletion protection and a final snapshot too).
         */
        protectData: boolean;
        /**
         * Devices → Kinesis → functions/ingest → S3 or DynamoDB (a KinesisIngestion "readings"): the stream, the ingest
         * function and its event source mapping, the sink, a failure queue, and an alarm when the consumer falls 10 minutes
         * behind (Lambda's IteratorAge).
         */
        ingestion: {
            /** Build the stream, the function, the mapping and the sink. */
            enabled: boolean;
            /** `"on-demand"` (scales by itself, $0.04 per stream-hour) or `{ shards }` (1–500 provisioned, $0.015 per shard-hour). */
            capacity: "on-demand" | { shards: number };
            /** Hours the stream keeps a record (24–8760; beyond 24 billed per shard-hour). */
            retentionHours: number;
            /** Where valid readings go: `s3` (hourly partitions, a bucket the stack creates) or `dynamodb` (a table keyed deviceId + timestamp). */
            sink: "s3" | "dynamodb";
            /** Read through an enhanced fan-out consumer of its own (2 MB/s per shard, ~70 ms), $0.015 per consumer-shard hour. */
            enhancedFanOut: boolean;
            /** Records per batch (1–10000). */
            batchSize: number;
            /** Batches processed at once per shard (1–10). */
            parallelizationFactor: number;
            /** Days the ingest function's logs are kept (a CloudWatch Logs retention value). */
            logRetentionDays: number;
        };
        /**
         * AWS Backup of the items table (TableBackups "tables"): a vault under a key of its own, a plan, and copies to
         * `copyRegion`. Cross-Region copies and cold storage of DynamoDB backups need AWS Backup's advanced features for
         * DynamoDB, an account setting the stack does not manage (README: `aws backup update-region-settings`).
         */
        backups: {
            /** Build the vault, plan, selection and role. */
            enabled: boolean;
            /** A Region each recovery point is copied to (a vault and key there), e.g. `"us-west-2"` (optional: no copy). */
            copyRegion?: string;
            /**
             * Rules by name: `{ schedule: "cron(...)" (six fields, AWS Backup's), deleteAfterDays, coldStorageAfterDays?, timezone? }`
             * (optional: TableBackups' daily rule kept 35 days and monthly rule kept a year).
             */
            rules?: Record<string, { schedule: string; deleteAfterDays: number; coldStorageAfterDays?: number; timezone?: string }>;
        };
        /**
         * The items table's export to S3 (a private bucket, the `aws dynamodb export-table-to-point-in-time` command as an
         * output); needs `serverless.table.pointInTimeRecovery`.
         */
        export: {
            /** Build the export bucket (and the schedule). */
            enabled: boolean;
            /** An EventBridge Scheduler expression for a scheduled full export (optional: exports by the command only). */
            schedule?: string;
        };
        /**
         * Aurora Serverless v2 PostgreSQL "orders" behind RDS Proxy (IAM authentication, TLS), in the private subnets, and
         * the orders function (functions/orders-db) connecting through the proxy. The function needs no NAT: it signs its IAM
         * token itself and reaches only the proxy.
         */
        database: {
            /** Build the cluster, its proxy and the orders function. */
            enabled: boolean;
            /** The aurora-postgresql version (optional: Database's default, a 16.x running Serverless v2). */
            engineVersion?: string;
            /** Fewest and most ACUs of each instance (0–256, steps of 0.5; 0 needs `autoPauseSeconds` and no proxy, so not here). */
            minAcu: number;
            maxAcu: number;
            /** With `minAcu: 0` only: seconds idle before an instance pauses (300–86400). */
            autoPauseSeconds?: number;
            /** Reader instances beside the writer (0–15), in other Availability Zones. */
            readers: number;
            /** Days of automated backups (1–35). */
            backupRetentionDays: number;
            /** Days the PostgreSQL log and the orders function's logs are kept (a CloudWatch Logs retention value). */
            logRetentionDays: number;
        };
        /**
         * A DAX cluster in front of the items table (the table's `dax` option), in the private subnets. With it on, the items
         * function runs in the VPC's private subnets (anything it calls outside the VPC goes through the NAT gateway), reads
         * and writes through DAX (`DAX_ENDPOINT`) with the cluster's item actions instead of the table's, and its security
         * group is the only one the cluster admits. The partners API's read-only copy keeps reading DynamoDB directly.
         */
        dax: {
            /** Build the cluster and move the items function into the VPC. */
            enabled: boolean;
            /** A DAX node type, e.g. `"dax.t3.small"` (DaxCluster's list). */
            nodeType: string;
            /** Nodes (1–11): 3 or more across Availability Zones for production. */
            nodes: number;
        };
    };
    /**
     * The workload the plan prices the stack at (`npm run plan` prints the monthly estimate at idle and at this load,
     * and writes out/<stack>/cost.json): monthly requests, stored GB, transfer, builds... by service. Groups merge key
     * by key over the preset's; every quantity is a number of 0 or more, `cdn.cacheHitRatio` 0 to 1. The program
     * itself never reads it. Keys: components/cost/types.ts `LoadProfile`; defaults: stacks/presets.ts.
     */
    load: LoadProfile;
    /**
     * Password of the ONTAP SVM's `vsadmin` user (with `kubernetes.storage.ontap`), read only as a
     * secret: `pulumi config set --secret aws-platform:ontapSvmAdminPassword ...`.
     */
    ontapSvmAdminPassword?: pulumi.Output<string>;
}

/** A managed node group of the stack's cluster. */
export interface KubernetesNodeGroup {
    instanceTypes: string[];
    /**
     * The nodes' CPU architecture, which the instance types must share: `arm64` for Graviton types (`m7g`, `t4g`: about
     * 19% below the Intel type of the same size), when every image the cluster runs has an arm64 variant. Absent: x86_64.
     */
    architecture?: "x86_64" | "arm64";
    capacityType: "ON_DEMAND" | "SPOT";
    minSize: number;
    desiredSize: number;
    maxSize: number;
}

/**
 * An Auto Scaling group capacity provider of the container platform: ECS-optimized instances of `instanceTypes`,
 * `onDemandBaseCapacity` instances on-demand, then `onDemandPercentageAboveBaseCapacity` percent on-demand (the
 * rest Spot), sized by ECS managed scaling to keep the group `targetCapacityPercent` full (a lower target keeps
 * more spare instances, so the group scales out earlier).
 */
export interface Ec2CapacityGroup {
    instanceTypes: string[];
    minSize: number;
    maxSize: number;
    onDemandBaseCapacity: number;
    onDemandPercentageAboveBaseCapacity: number;
    managedScaling: { targetCapacityPercent: number };
}

/** A self-managed node group of the stack's cluster. */
export interface KubernetesSelfManagedNodeGroup {
    instanceTypes: string[];
    minSize: number;
    desiredSize: number;
    maxSize: number;
    onDemandBaseCapacity: number;
    onDemandPercentageAboveBaseCapacity: number;
}

const IMAGE = string({ pattern: /^[a-z0-9][\w.\-/:@]+$/, allowed: "an image URI, e.g. public.ecr.aws/nginx/nginx:1.27" });
const count = (min: number) => int({ min, max: 1000 });
const setting = { noun: "setting" };

const NAMESPACE_NAMES = "Kubernetes namespace names (DNS-1123 labels)";
const SCHEDULE = custom("string", "a schedule expression", (issues, path, v) => void checkScheduleExpression(issues, path, v));
const TIME_ZONE = custom("string", 'an IANA time zone, e.g. "Europe/Paris"', (issues, path, v) => void checkTimeZone(issues, path, v));

type Network = StackConfig["network"];
type Containers = StackConfig["containers"];
type Kubernetes = StackConfig["kubernetes"];
type Serverless = StackConfig["serverless"];
type Cdn = StackConfig["cdn"];
type Delivery = StackConfig["delivery"];
type Audit = StackConfig["audit"];
type Monitoring = StackConfig["monitoring"];
type Data = StackConfig["data"];
/** Pulumi stack names, as pulumiBuildspec checks them: letters, digits, '-', '_', '.', with optional org/project/ qualifiers. */
const STACK_NAME = /^(?:[A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/;
/** CodePipeline V2 triggers: at most 8 patterns in a filter (https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-triggers.html). */
const TRIGGER_MAX_PATTERNS = 8;

const INSTANCE_TYPES = array(string({ pattern: INSTANCE_TYPE, allowed: 'EC2 instance types, e.g. ["m7i.large"]' }), {
    nonEmpty: true,
    allowed: 'EC2 instance types, e.g. ["m7i.large"]',
});
const CIDR = custom("string", 'an IPv4 CIDR, e.g. "203.0.113.0/24"', (issues, path, v) => {
    if (!parseCidr(v)) issues.add(path, v, "is malformed", 'an IPv4 CIDR, e.g. "203.0.113.0/24"');
});
/** AWS region names, as Table checks its replica regions. */
const REGION = string({ pattern: AWS_REGION_NAME, allowed: 'an AWS region name, e.g. "eu-west-1"' });
const KMS_KEY_ARN = custom("string", "a KMS key ARN", (issues, path, v) => void checkKmsKeyArn(issues, path, v));
/** A CORS origin as API Gateway takes it: `*`, or scheme://host[:port] with no path (ServerlessApi checks the same). */
const ORIGIN = string({
    pattern: /^(\*|https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?)$/,
    allowed: '"*" or scheme://host[:port], e.g. "https://app.example.com"',
});
/** DynamoDB's default per-table quota of provisioned units per dimension. */
const CAPACITY_UNITS = int({ min: 1, max: 40_000 });

/** The JSON text parsed, or the text itself. */
const parsedOr = (text: string): unknown => {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
};
/** A host name (lower case), as the components check it. */
const HOST_NAME = custom("string", 'a host name, e.g. "origin.example.com"', (issues, path, v) => void checkDomainName(issues, path, v));
/** The A/B function's rules (functions/edge/viewer-ab-test.js): variant names and weights it accepts. */
const AB_VARIANT = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const AB_MAX_VARIANTS = 10;
const AB_MAX_WEIGHT = 10_000;
/** The bot function's rules (functions/edge/viewer-request-bot.js): 3 to 100 characters, at most 50 a list. */
const BOT_TOKEN = string({ pattern: /^.{3,100}$/, allowed: "a user-agent substring of 3 to 100 characters" });
const BOT_MAX_RULES = 50;
/** The cache-key function's bounds (functions/edge/viewer-request-cache-key.js). */
const CACHE_KEY_MAX_PREFIXES = 50;
const CACHE_KEY_MAX_KEYS = 100;

/** Keys of the stack's settings that are secrets: read with `getSecret`, never parsed as plain text. */
const SECRET_KEYS: ReadonlySet<string> = new Set(["ontapSvmAdminPassword"]);

/** The settings' shapes (components/shared/shape.ts, the checker the components use), tied to StackConfig by type. */
const SCHEMA = object<StackConfig>(setting)({
    preset: oneOf(Object.keys(PRESETS)),
    network: object<Network>(setting)({
        cidrBlock: custom("string", 'an RFC 1918 IPv4 CIDR from /16 to /24, e.g. "10.0.0.0/16"', (issues, path, v) => void checkVpcCidr(issues, path, v)),
        availabilityZones: int({ min: 2, max: 6 }),
        natGateways: oneOf(["single", "one-per-az", "instance", "none"]),
        flowLogs: boolean(),
    }),
    containers: object<Containers>(setting)({
        certificateArn: optional(
            string({ pattern: ACM_CERTIFICATE_ARN, allowed: "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)" }),
        ),
        alarmEmail: optional(string({ pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, allowed: "an e-mail address" })),
        images: object<Containers["images"]>(setting)({ web: IMAGE, app1: IMAGE, app2: IMAGE, worker: IMAGE, report: IMAGE }),
        capacity: oneOf(["fargate", "fargate-spot"]),
        onDemandBase: count(0),
        webDeployment: oneOf(["rolling", "blue-green"]),
        desiredCount: count(0),
        minCount: count(0),
        maxCount: count(1),
        ec2: object<Containers["ec2"]>(setting)({
            enabled: boolean(),
            capacityProviders: record(
                object<Ec2CapacityGroup>(setting)({
                    instanceTypes: INSTANCE_TYPES,
                    minSize: count(0),
                    maxSize: count(1),
                    onDemandBaseCapacity: count(0),
                    onDemandPercentageAboveBaseCapacity: int({ min: 0, max: 100 }),
                    managedScaling: object<Ec2CapacityGroup["managedScaling"]>(setting)({ targetCapacityPercent: int({ min: 1, max: 100 }) }),
                }),
            ),
            strategy: array(
                object<Containers["ec2"]["strategy"][number]>(setting)({
                    provider: string({ nonEmpty: true }),
                    base: optional(int({ min: 0, max: 100_000 })),
                    weight: optional(int({ min: 0, max: 1000 })),
                }),
            ),
        }),
        logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        protectData: boolean(),
        accessLogs: boolean(),
        reportSchedule: SCHEDULE,
        nightlyScaleDown: object<Containers["nightlyScaleDown"]>(setting)({
            enabled: boolean(),
            scaleDownAt: SCHEDULE,
            scaleUpAt: SCHEDULE,
            timezone: TIME_ZONE,
            minCount: count(0),
            maxCount: count(1),
        }),
    }),
    kubernetes: object<Kubernetes>(setting)({
        enabled: boolean(),
        version: string({ pattern: /^1\.\d{2}$/, allowed: 'a Kubernetes minor version, e.g. "1.35"' }),
        endpoint: object<Kubernetes["endpoint"]>(setting)({ publicAccessCidrs: array(CIDR), privateAccess: boolean() }),
        admins: record(custom("string", "an IAM role or user ARN", (issues, path, v) => void checkPrincipalArn(issues, path, v))),
        nodeGroups: record(
            object<KubernetesNodeGroup>(setting)({
                instanceTypes: INSTANCE_TYPES,
                architecture: optional(oneOf(["x86_64", "arm64"])),
                capacityType: oneOf(["ON_DEMAND", "SPOT"]),
                minSize: count(0),
                desiredSize: count(0),
                maxSize: count(1),
            }),
        ),
        selfManagedNodeGroups: record(
            object<KubernetesSelfManagedNodeGroup>(setting)({
                instanceTypes: INSTANCE_TYPES,
                minSize: count(0),
                desiredSize: count(0),
                maxSize: count(1),
                onDemandBaseCapacity: count(0),
                onDemandPercentageAboveBaseCapacity: int({ min: 0, max: 100 }),
            }),
        ),
        fargateNamespaces: array(
            custom("string", NAMESPACE_NAMES, (issues, path, v) => void (isDnsLabel(v as string) || issues.add(path, v, "is malformed", NAMESPACE_NAMES))),
        ),
        storage: object<Kubernetes["storage"]>(setting)({
            efs: boolean(),
            fsxLustre: boolean(),
            ontap: boolean(),
            reclaimPolicy: oneOf(["Retain", "Delete"]),
        }),
        containerInsights: boolean(),
        logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        protectData: boolean(),
        workloads: object<Kubernetes["workloads"]>(setting)({
            webReplicas: count(0),
            redisReplicas: int({ min: 1, max: 9 }),
            redisStorageGiB: int({ min: 1, max: 16384 }),
        }),
    }),
    serverless: object<Serverless>(setting)({
        protectData: boolean(),
        table: object<Serverless["table"]>(setting)({
            billingMode: oneOf(["PAY_PER_REQUEST", "PROVISIONED"]),
            readCapacity: optional(CAPACITY_UNITS),
            writeCapacity: optional(CAPACITY_UNITS),
            pointInTimeRecovery: boolean(),
            replicaRegions: array(REGION),
            kmsKeyArn: optional(KMS_KEY_ARN),
            replicaKmsKeyArns: record(KMS_KEY_ARN),
        }),
        api: object<Serverless["api"]>(setting)({
            throttle: object<Serverless["api"]["throttle"]>(setting)({
                burstLimit: int({ min: API_LIMITS.burstLimit[0], max: API_LIMITS.burstLimit[1] }),
                rateLimit: int({ min: API_LIMITS.rateLimit[0], max: API_LIMITS.rateLimit[1] }),
            }),
            corsOrigins: array(ORIGIN),
            publicReads: boolean(),
            accessLogRetentionDays: oneOf(LOG_RETENTION_DAYS),
            domain: optional(
                object<NonNullable<Serverless["api"]["domain"]>>(setting)({
                    name: string(),
                    hostedZoneId: optional(string()),
                    certificateArn: optional(string()),
                    basePath: optional(string()),
                }),
            ),
        }),
        sweeper: object<Serverless["sweeper"]>(setting)({
            expression: SCHEDULE,
            timezone: TIME_ZONE,
            retentionDays: int({ min: 1, max: 3650 }),
        }),
        thumbnails: object<Serverless["thumbnails"]>(setting)({
            enabled: boolean(),
            width: int({ min: THUMBNAIL_LIMITS.width[0], max: THUMBNAIL_LIMITS.width[1] }),
        }),
        partners: object<Serverless["partners"]>(setting)({
            enabled: boolean(),
            apiKeys: array(
                string({ pattern: /^[a-z][a-z0-9-]{0,62}$/, allowed: "lower-case letters, digits and '-', starting with a letter, at most 63 characters" }),
            ),
            // QuotaSettings.limit is a 32-bit integer in the API Gateway API.
            dailyQuota: int({ min: 1, max: 2_147_483_647 }),
            throttle: object<Serverless["partners"]["throttle"]>(setting)({
                burstLimit: int({ min: API_LIMITS.burstLimit[0], max: API_LIMITS.burstLimit[1] }),
                rateLimit: int({ min: API_LIMITS.rateLimit[0], max: API_LIMITS.rateLimit[1] }),
            }),
            cacheSizeGb: optional(oneOf(CACHE_SIZES)),
            accessLogRetentionDays: oneOf(LOG_RETENTION_DAYS),
            accountCloudWatchRole: boolean(),
        }),
        legacy: object<Serverless["legacy"]>(setting)({
            enabled: boolean(),
            image: IMAGE,
            desiredCount: int({ min: 1, max: 10 }),
        }),
        items: object<Serverless["items"]>(setting)({
            memoryMiB: int({ min: LAMBDA_LIMITS.memoryMiB[0], max: LAMBDA_LIMITS.memoryMiB[1] }),
            provisionedConcurrency: int({ min: 0, max: 10_000 }),
            reservedConcurrency: optional(int({ min: 0, max: 10_000 })),
            logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        }),
    }),
    cdn: object<Cdn>(setting)({
        enabled: boolean(),
        priceClass: oneOf(["PriceClass_100", "PriceClass_200", "PriceClass_All"]),
        domain: optional(
            object<NonNullable<Cdn["domain"]>>(setting)({
                aliases: array(string(), { nonEmpty: true, allowed: 'host names, e.g. ["cdn.example.com"]' }),
                certificateArn: string(),
                hostedZoneId: optional(string()),
            }),
        ),
        webAclArn: optional(string()),
        createWebAcl: boolean(),
        webOriginDomain: optional(HOST_NAME),
        albFromCloudFrontOnly: boolean(),
        logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        protectData: boolean(),
        redirects: record(string({ pattern: /^(\/|https:\/\/)\S*$/, allowed: 'a path ("/new") or an https:// URL' })),
        abWeights: record(int({ min: 0, max: AB_MAX_WEIGHT })),
        cacheKey: object<Cdn["cacheKey"]>(setting)({
            lowercasePaths: array(string({ pattern: /^\/\S*$/, allowed: 'a path prefix starting with "/"' })),
            queryAllowList: optional(array(string({ nonEmpty: true }))),
        }),
        botRules: object<Cdn["botRules"]>(setting)({ block: array(BOT_TOKEN), allow: array(BOT_TOKEN) }),
        routes: custom("array", "routes of the router's routes.json: { header, values, origin: { domainName, path? } }", (issues, path, v) => {
            try {
                parseRoutes({ routes: v });
            } catch (e) {
                if (!(e instanceof RoutesError)) throw e;
                // RoutesError lists `routes[i].field=value: what is allowed`: reported under the setting's own path.
                for (const problem of e.issues) {
                    const m = /^routes([^=:]*)(?:=(.*?))?: (.+)$/.exec(problem);
                    if (m) issues.add(`${path}${m[1]}`, m[2] === undefined ? undefined : parsedOr(m[2]), "is not a valid route", m[3]);
                    else issues.add(path, v, problem, "routes the router accepts (functions/edge/origin-request-router/core.ts)");
                }
            }
        }),
    }),
    delivery: object<Delivery>(setting)({
        enabled: boolean(),
        source: object<Delivery["source"]>(setting)({
            provider: oneOf(["GitHub", "GitLab", "Bitbucket"]),
            repository: string({ pattern: /^[^/\s]+(\/[^/\s]+)+$/, allowed: 'a repository "owner/name"' }),
            // A Git ref name: no spaces, no "..", not starting with "-" (git check-ref-format).
            branch: string({ pattern: /^(?!-)(?!.*\.\.)[^\s~^:?*[\\]{1,255}$/, allowed: 'a branch name, e.g. "main"' }),
            connectionArn: optional(
                string({ pattern: CONNECTION_ARN, allowed: "a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<id>)" }),
            ),
        }),
        deployRoleArn: optional(string({ pattern: ROLE_ARN, allowed: "an IAM role ARN (arn:aws:iam::<account>:role/<name>)" })),
        staging: optional(
            object<NonNullable<Delivery["staging"]>>(setting)({
                stack: string({ pattern: STACK_NAME, allowed: 'a stack name, e.g. "dev" or "org/project/dev"' }),
                url: optional(string({ pattern: /^https:\/\/\S+$/, allowed: "an https:// URL" })),
            }),
        ),
        approval: boolean(),
        // CodePipeline V2 trigger filters: at most 8 patterns, each 1–255 characters.
        releaseTags: array(string({ pattern: /^\S{1,255}$/, allowed: 'a Git tag glob, e.g. "v*"' })),
        service: object<Delivery["service"]>(setting)({ name: oneOf(["web", "app1", "app2"]), strategy: oneOf(["rolling", "code-deploy"]) }),
        itemsCanary: boolean(),
    }),
    audit: object<Audit>(setting)({
        enabled: boolean(),
        retentionDays: int({ min: 1, max: 3650 }),
        logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        protectData: boolean(),
        insights: boolean(),
        itemsDataEvents: boolean(),
        alerts: array(oneOf(Object.keys(ALERT_RULES))),
    }),
    monitoring: object<Monitoring>(setting)({ enabled: boolean(), dashboard: boolean() }),
    data: object<Data>(setting)({
        protectData: boolean(),
        ingestion: object<Data["ingestion"]>(setting)({
            enabled: boolean(),
            capacity: union(
                '"on-demand" or { shards: 1..500 }',
                oneOf(["on-demand"]),
                object<{ shards: number }>(setting)({ shards: int({ min: DATA_STREAM_LIMITS.shards[0], max: DATA_STREAM_LIMITS.shards[1] }) }),
            ),
            retentionHours: int({ min: DATA_STREAM_LIMITS.retentionHours[0], max: DATA_STREAM_LIMITS.retentionHours[1], unit: "hours" }),
            sink: oneOf(["s3", "dynamodb"]),
            enhancedFanOut: boolean(),
            batchSize: int({ min: STREAM_LIMITS.batchSize[0], max: STREAM_LIMITS.batchSize[1] }),
            parallelizationFactor: int({ min: STREAM_LIMITS.parallelizationFactor[0], max: STREAM_LIMITS.parallelizationFactor[1] }),
            logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        }),
        backups: object<Data["backups"]>(setting)({
            enabled: boolean(),
            copyRegion: optional(REGION),
            rules: optional(
                record(
                    object<NonNullable<Data["backups"]["rules"]>[string]>(setting)({
                        schedule: string({ pattern: /^cron\(.+\)$/, allowed: 'an AWS Backup cron expression, e.g. "cron(0 5 ? * * *)"' }),
                        deleteAfterDays: int({ min: 1, max: BACKUP_LIMITS.maxDays }),
                        coldStorageAfterDays: optional(int({ min: 1, max: BACKUP_LIMITS.maxDays })),
                        timezone: optional(TIME_ZONE),
                    }),
                ),
            ),
        }),
        export: object<Data["export"]>(setting)({ enabled: boolean(), schedule: optional(SCHEDULE) }),
        database: object<Data["database"]>(setting)({
            enabled: boolean(),
            engineVersion: optional(string({ pattern: /^\d+\.\d+$/, allowed: 'an aurora-postgresql version, e.g. "16.6"' })),
            minAcu: number({ min: ACU.min, max: ACU.max }),
            maxAcu: number({ min: ACU.minOfMax, max: ACU.max }),
            autoPauseSeconds: optional(int({ min: AUTO_PAUSE_SECONDS.min, max: AUTO_PAUSE_SECONDS.max, unit: "seconds" })),
            readers: int({ min: 0, max: MAX_READERS }),
            backupRetentionDays: int({ min: DB_BACKUP_RETENTION_DAYS.min, max: DB_BACKUP_RETENTION_DAYS.max }),
            logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        }),
        dax: object<Data["dax"]>(setting)({ enabled: boolean(), nodeType: oneOf(DAX_NODE_TYPES), nodes: int({ min: 1, max: DAX_MAX_NODES }) }),
    }),
    load: LOAD_PROFILE_SHAPE,
    ontapSvmAdminPassword: optional(opaque()),
});

/** Objects merge key by key; anything else (arrays included) replaces. */
function merge<T>(base: T, override: unknown): T {
    if (override === undefined) return base;
    if (typeof base !== "object" || base === null || Array.isArray(base) || typeof override !== "object" || override === null || Array.isArray(override)) {
        return override as T;
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    // defineProperty, not `out[k] =`: a "__proto__" key from the YAML stays an own key (refused as
    // unknown) instead of replacing the object's prototype.
    for (const [k, v] of Object.entries(override))
        Object.defineProperty(out, k, { value: merge(Object.hasOwn(out, k) ? out[k] : undefined, v), enumerable: true, writable: true, configurable: true });
    return out as T;
}

/** A configuration error: the CLI prints it without a stack trace. */
export class ConfigError extends pulumi.RunError {
    constructor(
        readonly stack: string,
        readonly issues: Issue[],
    ) {
        super(`Pulumi.${stack}.yaml: ${issues.length === 1 ? "" : `${issues.length} invalid settings:\n  - `}${issues.map(formatIssue).join("\n  - ")}`);
        this.name = "ConfigError";
    }
}

/**
 * Parses settings given as `namespace:key` → raw value (strings as Pulumi stores them, objects as
 * JSON). Pure, so tests can feed it any map.
 */
export function parseConfig(stack: string, raw: Record<string, string>): StackConfig {
    const issues = new Issues();
    const values: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(raw)) {
        if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
        const key = fullKey.slice(NAMESPACE.length + 1);
        if (!Object.hasOwn(SCHEMA.fields, key)) {
            unknownKey(
                issues,
                fullKey,
                text,
                Object.keys(SCHEMA.fields).map((k) => `${NAMESPACE}:${k}`),
                "setting",
            );
            continue;
        }
        if (SECRET_KEYS.has(key)) continue;
        try {
            values[key] = (SCHEMA.fields[key as keyof StackConfig] as Shape).kind === "object" ? JSON.parse(text) : text;
        } catch {
            issues.add(fullKey, text, "is not a YAML object", "a mapping of settings");
        }
    }
    const presetName = (values.preset ?? (Object.hasOwn(PRESETS, stack) ? stack : undefined)) as PresetName | undefined;
    if (presetName === undefined) {
        issues.add(`${NAMESPACE}:preset`, undefined, `is required for stack "${stack}"`, Object.keys(PRESETS).join(", "));
        throw new ConfigError(stack, issues.list);
    }
    if (!Object.hasOwn(PRESETS, presetName)) {
        checkShape(issues, SCHEMA.fields.preset as Shape, presetName, `${NAMESPACE}:preset`);
        throw new ConfigError(stack, issues.list);
    }
    const merged = merge<StackConfig>(
        { ...PRESETS[presetName], preset: presetName },
        {
            network: values.network,
            containers: values.containers,
            kubernetes: values.kubernetes,
            serverless: values.serverless,
            cdn: values.cdn,
            delivery: values.delivery,
            audit: values.audit,
            monitoring: values.monitoring,
            data: values.data,
            load: values.load,
        },
    );
    for (const [key, shape] of Object.entries(SCHEMA.fields))
        if (!SECRET_KEYS.has(key)) checkShape(issues, shape as Shape, (merged as any)[key], `${NAMESPACE}:${key}`);
    const c = merged.containers;
    // Cross-field rules need their own operands to be numbers, nothing else: a bad e-mail hides none of them.
    const ints = (...v: unknown[]) => v.every((x) => Number.isInteger(x));
    if (ints(c?.minCount, c?.desiredCount, c?.maxCount) && !(c.minCount <= c.desiredCount && c.desiredCount <= c.maxCount)) {
        issues.add(
            `${NAMESPACE}:containers.desiredCount`,
            c.desiredCount,
            `is outside minCount..maxCount (${c.minCount}..${c.maxCount})`,
            "minCount <= desiredCount <= maxCount",
        );
    }
    ec2Rules(issues, c?.ec2);
    const night = c?.nightlyScaleDown;
    if (night && Number.isInteger(night.minCount) && Number.isInteger(night.maxCount) && night.minCount > night.maxCount) {
        issues.add(`${NAMESPACE}:containers.nightlyScaleDown.minCount`, night.minCount, `is above maxCount (${night.maxCount})`, "minCount <= maxCount");
    }
    if (night && Number.isInteger(night.maxCount) && Number.isInteger(c.maxCount) && night.maxCount > c.maxCount) {
        issues.add(
            `${NAMESPACE}:containers.nightlyScaleDown.maxCount`,
            night.maxCount,
            `is above containers.maxCount (${c.maxCount})`,
            "at most the daytime maxCount: the night is the quiet time",
        );
    }
    const k = merged.kubernetes;
    // EksCluster reports this too, but under its own args path (`EksCluster "<name>": nodeGroups.<key>...`),
    // not the key a user edits (`aws-platform:kubernetes`, merged over the preset): kept to name the key.
    const groups: Array<[string, { minSize: number; desiredSize: number; maxSize: number }]> = [
        ...Object.entries(k?.nodeGroups ?? {}).map(([key, g]) => [`nodeGroups.${key}`, g] as [string, KubernetesNodeGroup]),
        ...Object.entries(k?.selfManagedNodeGroups ?? {}).map(([key, g]) => [`selfManagedNodeGroups.${key}`, g] as [string, KubernetesSelfManagedNodeGroup]),
    ];
    for (const [path, g] of groups) {
        if (ints(g?.minSize, g?.desiredSize, g?.maxSize) && !(g.minSize <= g.desiredSize && g.desiredSize <= g.maxSize)) {
            issues.add(
                `${NAMESPACE}:kubernetes.${path}.desiredSize`,
                g.desiredSize,
                `is outside minSize..maxSize (${g.minSize}..${g.maxSize})`,
                "minSize <= desiredSize <= maxSize",
            );
        }
    }
    // EksCluster reports this too, under its own args path; here under the key a user edits.
    for (const [key, g] of Object.entries(k?.nodeGroups ?? {})) {
        const arch = g?.architecture ?? "x86_64";
        if (!Array.isArray(g?.instanceTypes) || (arch !== "x86_64" && arch !== "arm64")) continue;
        g.instanceTypes.forEach((t, i) => {
            const of = typeof t === "string" ? architectureOf(t) : undefined;
            if (of !== undefined && of !== arch)
                issues.add(
                    `${NAMESPACE}:kubernetes.nodeGroups.${key}.instanceTypes[${i}]`,
                    t,
                    `is an ${of} type, and the group's architecture is ${arch}: its AMI would not boot`,
                    `${arch} instance types, or architecture: "${of}"`,
                );
        });
    }
    if (k?.storage?.ontap === true && !Object.hasOwn(raw, `${NAMESPACE}:ontapSvmAdminPassword`)) {
        issues.add(
            `${NAMESPACE}:kubernetes.storage.ontap`,
            true,
            "needs the SVM admin password",
            `the secret ${NAMESPACE}:ontapSvmAdminPassword (pulumi config set --secret ${NAMESPACE}:ontapSvmAdminPassword ...)`,
        );
    }
    serverlessRules(issues, merged.serverless);
    cdnRules(issues, merged.cdn, merged.containers);
    deliveryRules(issues, merged.delivery, merged.containers);
    dataRules(issues, merged.data, merged.serverless);
    if (!issues.ok) throw new ConfigError(stack, issues.list);
    return merged;
}

/** What app2 runs in the component check below: only its strategy is read. */
const EC2_PROBE = { containers: { app: { image: "public.ecr.aws/nginx/nginx:1.27" } }, networkMode: "bridge" as const };

/**
 * The EC2 groups' and strategy's rules, when `ec2.enabled`: ContainerService's own (instance types the component
 * knows, minSize <= maxSize, keys it can name children with and not the names strategies reserve, a strategy of
 * providers each once, one base, a weight above 0), run on the settings and reported under the key a user edits; and
 * the stack's: a strategy over the groups only (app2 runs in bridge mode, on EC2).
 */
function ec2Rules(issues: Issues, e: Containers["ec2"] | undefined): void {
    const key = (path: string) => `${NAMESPACE}:containers.ec2${path}`;
    // The component reads sound shapes only: a shape issue here is reported already.
    if (e?.enabled !== true || issues.list.some((i) => i.path.startsWith(key("")))) return;
    // Not the component's list of known providers: Fargate's and `ec2Capacity`'s names are no group of the stack.
    const groups = Object.keys(e.capacityProviders);
    const strays = new Set<string>();
    e.strategy.forEach((item, i) => {
        if (groups.includes(item.provider)) return;
        const path = key(`.strategy[${i}].provider`);
        strays.add(path);
        issues.add(
            path,
            item.provider,
            FARGATE_PROVIDERS.includes(item.provider)
                ? "is a Fargate provider, and app2 runs in bridge mode on EC2"
                : "names no group of ec2.capacityProviders",
            groups.map((g) => JSON.stringify(g)).join(", ") || "a key of ec2.capacityProviders",
        );
    });
    const found = validateContainerService({
        vpc: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0"] },
        ec2CapacityProviders: e.capacityProviders,
        services: { app2: { ...EC2_PROBE, capacityProviderStrategy: e.strategy } },
    });
    const paths: Array<[string, string]> = [
        ["ec2CapacityProviders", ".capacityProviders"],
        ["services.app2.capacityProviderStrategy", ".strategy"],
    ];
    for (const i of found)
        for (const [from, to] of paths) {
            if (!(i.path === from || i.path.startsWith(`${from}.`) || i.path.startsWith(`${from}[`))) continue;
            const path = key(to + i.path.slice(from.length));
            if (!strays.has(path)) issues.list.push({ ...i, path });
        }
}

/**
 * The serverless section's cross-field rules. Table and LambdaFunction check them too, but under their
 * own args paths; these name the key a user edits.
 */
function serverlessRules(issues: Issues, s: Serverless | undefined): void {
    const key = (path: string) => `${NAMESPACE}:serverless.${path}`;
    const t = s?.table;
    if (t?.billingMode === "PROVISIONED") {
        for (const field of ["readCapacity", "writeCapacity"] as const)
            if (t[field] === undefined) issues.missing(key(`table.${field}`), "capacity units (1–40000): PROVISIONED needs them");
        // Table refuses a provisioned replica without write auto scaling, which the stack does not set.
        if (Array.isArray(t.replicaRegions) && t.replicaRegions.length > 0)
            issues.add(key("table.replicaRegions"), t.replicaRegions, "needs on-demand billing", 'billingMode "PAY_PER_REQUEST", or no replicas');
    } else if (t?.billingMode === "PAY_PER_REQUEST") {
        for (const field of ["readCapacity", "writeCapacity"] as const)
            if (t[field] !== undefined) issues.add(key(`table.${field}`), t[field], "is not used on-demand", 'no capacities, or billingMode "PROVISIONED"');
    }
    if (t && Array.isArray(t.replicaRegions) && t.replicaKmsKeyArns && typeof t.replicaKmsKeyArns === "object") {
        // KMS keys are regional: a replica of a table under a customer key needs a key of its own region.
        if (t.kmsKeyArn !== undefined)
            for (const region of t.replicaRegions)
                if (AWS_REGION_NAME.test(region) && !Object.hasOwn(t.replicaKmsKeyArns, region))
                    issues.missing(key(`table.replicaKmsKeyArns.${region}`), `a KMS key ARN in ${region}`);
        for (const region of Object.keys(t.replicaKmsKeyArns))
            if (!t.replicaRegions.includes(region) || t.kmsKeyArn === undefined)
                issues.add(
                    key(`table.replicaKmsKeyArns.${region}`),
                    t.replicaKmsKeyArns[region],
                    "is not used",
                    "keys only for replicaRegions, with kmsKeyArn",
                );
    }
    const d = s?.api?.domain;
    const strings = (...v: unknown[]) => v.every((x) => x === undefined || typeof x === "string");
    if (d && typeof d.name === "string" && strings(d.hostedZoneId, d.certificateArn, d.basePath)) {
        // ServerlessApi's own rules, reported under the key a user edits (`name` here is its `domainName`).
        const found = new Issues();
        checkApiDomain(found, key("api.domain"), { domainName: d.name, hostedZoneId: d.hostedZoneId, certificateArn: d.certificateArn, basePath: d.basePath });
        for (const i of found.list) issues.list.push({ ...i, path: i.path.replace(/\.domainName$/, ".name") });
    }
    const p = s?.partners;
    if (p?.enabled === true && Array.isArray(p.apiKeys)) {
        // The routes require a key: without one every call is refused.
        if (p.apiKeys.length === 0) issues.add(key("partners.apiKeys"), p.apiKeys, "is empty", "at least one API key name when partners.enabled is true");
        p.apiKeys.forEach((k, n) => {
            if (p.apiKeys.indexOf(k) !== n) issues.add(key(`partners.apiKeys[${n}]`), k, "is listed twice", "each name once");
        });
    }
    const f = s?.items;
    if (
        f &&
        Number.isInteger(f.reservedConcurrency) &&
        Number.isInteger(f.provisionedConcurrency) &&
        f.provisionedConcurrency > (f.reservedConcurrency as number)
    ) {
        // Provisioned concurrency is drawn from the function's reserved concurrency
        // (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html).
        issues.add(
            key("items.provisionedConcurrency"),
            f.provisionedConcurrency,
            `is above reservedConcurrency (${f.reservedConcurrency})`,
            "at most reservedConcurrency",
        );
    }
}

/**
 * The cdn section's value rules. EdgeFunctions checks the domain and web ACL too, under its own args paths: its
 * checks run here on those two settings, reported under the key a user edits. The KeyValueStore values are the
 * settings as JSON, each at most 1024 characters (a KeyValueStore quota).
 */
function cdnRules(issues: Issues, d: Cdn | undefined, containers: Containers | undefined): void {
    if (d === undefined || typeof d !== "object") return;
    const key = (path: string) => `${NAMESPACE}:cdn.${path}`;
    const dom = d.domain;
    const domainOk =
        dom === undefined || (Array.isArray(dom.aliases) && dom.aliases.every((a) => typeof a === "string") && typeof dom.certificateArn === "string");
    if (domainOk && (typeof d.webAclArn === "string" || d.webAclArn === undefined)) {
        const found = validateEdgeFunctions({
            origins: { site: { kind: "bucket" } },
            defaultBehavior: { origin: "site" },
            domain: dom,
            webAclArn: d.webAclArn,
        });
        for (const i of found) issues.list.push({ ...i, path: key(i.path) });
    }
    if (d.webOriginDomain !== undefined && containers?.certificateArn === undefined)
        issues.add(
            key("webOriginDomain"),
            d.webOriginDomain,
            "needs containers.certificateArn: without a certificate the ALB serves HTTP only",
            "a name on containers.certificateArn pointing at the ALB, set with it (or neither: the ALB origin is then http-only)",
        );
    // With a certificate the ALB's port 80 only redirects to HTTPS, and the certificate does not name the ALB's own
    // `*.elb.amazonaws.com` host: CloudFront can reach it only at a name on the certificate.
    if (d.enabled === true && typeof containers?.certificateArn === "string" && d.webOriginDomain === undefined)
        issues.missing(key("webOriginDomain"), "a name on containers.certificateArn pointing at the ALB (CloudFront reaches an HTTPS ALB only there)");
    if (d.enabled === false && d.albFromCloudFrontOnly === true)
        issues.add(key("albFromCloudFrontOnly"), true, "needs the CDN: the ALB would admit nobody", "false, or cdn.enabled: true");
    const w = d.abWeights;
    if (w && typeof w === "object") {
        const names = Object.keys(w);
        if (names.length === 0 || names.length > AB_MAX_VARIANTS) issues.add(key("abWeights"), w, `has ${names.length} variants`, `1 to ${AB_MAX_VARIANTS}`);
        for (const n of names)
            if (!AB_VARIANT.test(n)) issues.add(key(`abWeights.${n}`), n, "is not a variant name", "1 to 32 of [a-z0-9_-], starting with a letter or digit");
        if (Object.values(w).every((x) => Number.isInteger(x)) && Object.values(w).reduce((a, b) => a + b, 0) === 0)
            issues.add(key("abWeights"), w, "has no weight above 0", "at least one variant with a weight above 0");
    }
    const c = d.cacheKey;
    // The cache-key function's own bounds (functions/edge/viewer-request-cache-key.js): beyond them it ignores the whole key.
    if (Array.isArray(c?.lowercasePaths) && c.lowercasePaths.length > CACHE_KEY_MAX_PREFIXES)
        issues.add(key("cacheKey.lowercasePaths"), c.lowercasePaths.length, "has too many prefixes", `at most ${CACHE_KEY_MAX_PREFIXES}`);
    if (Array.isArray(c?.queryAllowList) && c.queryAllowList.length > CACHE_KEY_MAX_KEYS)
        issues.add(key("cacheKey.queryAllowList"), c.queryAllowList.length, "has too many keys", `at most ${CACHE_KEY_MAX_KEYS}`);
    const b = d.botRules;
    for (const list of ["block", "allow"] as const)
        if (Array.isArray(b?.[list]) && b[list].length > BOT_MAX_RULES)
            issues.add(key(`botRules.${list}`), b[list].length, "has too many entries", `at most ${BOT_MAX_RULES}`);
    for (const [setting, value] of Object.entries(cdnKeyValues(d))) {
        if (value.length > KVS_MAX_VALUE_CHARS)
            issues.add(
                key(setting),
                `(${value.length} characters as JSON)`,
                "is too long for one KeyValueStore value",
                `at most ${KVS_MAX_VALUE_CHARS} characters as JSON`,
            );
    }
}

/**
 * The delivery section's cross-field rules: CodeDeploy cannot release a Service Connect service (web and app1), nor
 * app2 without EC2 capacity, and a V2 trigger filter takes at most 8 tag patterns.
 */
function deliveryRules(issues: Issues, d: Delivery | undefined, containers: Containers | undefined): void {
    const key = (path: string) => `${NAMESPACE}:delivery.${path}`;
    if (d?.service?.strategy === "code-deploy" && (d.service.name === "web" || d.service.name === "app1"))
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html: Service Connect needs the ECS controller.
        issues.add(
            key("service.name"),
            d.service.name,
            "uses Service Connect, which the CODE_DEPLOY controller does not support",
            '"app2", or strategy "rolling"',
        );
    // Without EC2 capacity app2 is awsvpc on Fargate, and an awsvpc task set takes its subnets and security groups from
    // the AppSpec's NetworkConfiguration, which the generated AppSpec does not write
    // (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html).
    if (d?.service?.strategy === "code-deploy" && d.service.name === "app2" && containers?.ec2?.enabled !== true)
        issues.add(
            key("service.strategy"),
            d.service.strategy,
            "releases app2 through CodeDeploy, which needs app2 on the EC2 groups (bridge mode)",
            'containers.ec2.enabled: true, or strategy "rolling"',
        );
    if (Array.isArray(d?.releaseTags) && d.releaseTags.length > TRIGGER_MAX_PATTERNS)
        issues.add(key("releaseTags"), d.releaseTags.length, "has too many patterns for one trigger filter", `at most ${TRIGGER_MAX_PATTERNS}`);
}

/** Stands for the stack's network and tables where a component's own rules run on the data section's settings. */
const PROBE_VPC = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] };
const PROBE_TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/items-0123456";

/**
 * The data section's cross-field rules: the export needs point-in-time recovery; Database's capacity rules (min <= max,
 * steps of 0.5, auto-pause only at 0 ACUs and never behind the proxy, the engine's floor) and TableBackups' rule rules
 * (cron fields, retention after cold storage), run on the settings and reported under the key a user edits.
 */
function dataRules(issues: Issues, d: Data | undefined, s: Serverless | undefined): void {
    if (d === undefined || typeof d !== "object") return;
    const key = (path: string) => `${NAMESPACE}:data.${path}`;
    // The component reads sound shapes only: a shape issue here is reported already.
    const clean = (path: string) => !issues.list.some((i) => i.path.startsWith(key(path)));
    if (d.export?.enabled === true && s?.table?.pointInTimeRecovery === false)
        issues.add(
            key("export.enabled"),
            true,
            "needs point-in-time recovery on the items table (DynamoDB exports from it)",
            "serverless.table.pointInTimeRecovery: true, or export.enabled: false",
        );
    const db = d.database;
    if (db?.enabled === true && clean("database")) {
        const found = validateDatabase({
            vpc: PROBE_VPC,
            engineVersion: db.engineVersion,
            capacity: { minAcu: db.minAcu, maxAcu: db.maxAcu, autoPauseSeconds: db.autoPauseSeconds },
            readers: db.readers,
            backupRetentionDays: db.backupRetentionDays,
        });
        for (const i of found) issues.list.push({ ...i, path: key(`database.${i.path.replace(/^capacity\./, "")}`) });
    }
    const b = d.backups;
    if (b?.enabled === true && b.rules !== undefined && clean("backups")) {
        const found = validateTableBackups({ tableArns: [PROBE_TABLE_ARN], rules: b.rules });
        for (const i of found) issues.list.push({ ...i, path: key(`backups.${i.path}`) });
    }
}

/** The KeyValueStore keys the stack manages, by the setting each comes from: the settings as the edge code reads them. */
export function cdnKeyValues(
    d: Pick<Cdn, "redirects" | "abWeights" | "cacheKey" | "botRules">,
): Record<"redirects" | "abWeights" | "cacheKey" | "botRules", string> {
    return {
        redirects: JSON.stringify(d.redirects ?? {}),
        abWeights: JSON.stringify(d.abWeights ?? {}),
        cacheKey: JSON.stringify(d.cacheKey ?? {}),
        botRules: JSON.stringify(d.botRules ?? {}),
    };
}

/** Reads this stack's settings from the Pulumi configuration. */
export function loadConfig(): StackConfig {
    const parsed = parseConfig(pulumi.getStack(), pulumi.runtime.allConfig());
    const ontapSvmAdminPassword = new pulumi.Config(NAMESPACE).getSecret("ontapSvmAdminPassword");
    return ontapSvmAdminPassword === undefined ? parsed : { ...parsed, ontapSvmAdminPassword };
}
