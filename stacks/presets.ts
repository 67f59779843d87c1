/**
 * dev and prod as data: `Pulumi.<stack>.yaml` lists only what differs from its preset.
 */
import type { LoadProfile } from "../components/cost/types";
import type { StackConfig } from "./config";

export type PresetName = "dev" | "prod";

/** Public images the sample workloads run until `containers.images` names your own. */
export const SAMPLE_IMAGES = {
    web: "public.ecr.aws/nginx/nginx:1.27",
    app1: "public.ecr.aws/nginx/nginx:1.27",
    app2: "public.ecr.aws/nginx/nginx:1.27",
    worker: "public.ecr.aws/docker/library/busybox:1.36",
    report: "public.ecr.aws/docker/library/busybox:1.36",
};

/** The web tier's night: one to three tasks from 22:00 to 06:00 UTC. */
const NIGHT = { scaleDownAt: "cron(0 22 * * ? *)", scaleUpAt: "cron(0 6 * * ? *)", timezone: "UTC", minCount: 1, maxCount: 3 };

/** Tombstones are purged at 03:00 UTC once deleted for 30 days (functions/README.md: how long a client token answers 410). */
const SWEEPER = { expression: "cron(0 3 * * ? *)", timezone: "UTC", retentionDays: 30 };

/**
 * The partners API in both stacks, with one sample key. `accountCloudWatchRole`: the account's API Gateway
 * logging role is one setting per account and Region; dev and prod usually live in separate accounts, each
 * needing it. Where they share one, set it false in all stacks but one (README, "Configuration reference").
 */
const PARTNERS = { enabled: true, apiKeys: ["partner-a"], accountCloudWatchRole: true };

/**
 * The CDN's edge data in both stacks (KeyValueStore keys, see config.ts): a sample legacy redirect, `/app1` and
 * `/app2` to their folders (the ALB routes `/app1` as well as `/app1/*`, CloudFront's `/app1/*` only the second: the
 * bare path would reach the site bucket, and a 403), lower-cased
 * `/assets/` paths keeping only the `v` (version) query string, no extra bot rules, no routes (the router leaves
 * every request on the ALB until `cdn.routes` names an origin).
 */
const EDGE_DATA = {
    redirects: { "/old-home": "/", "/app1": "/app1/", "/app2": "/app2/" },
    cacheKey: { lowercasePaths: ["/assets/"], queryAllowList: ["v"] },
    botRules: { block: [], allow: [] },
    routes: [],
};

/**
 * The EC2 services' strategy in both stacks (the notes' setup): the first task on the on-demand group, whatever Spot
 * does, then three tasks on Spot for one on on-demand.
 */
const EC2_STRATEGY = [
    { provider: "on-demand", base: 1, weight: 1 },
    { provider: "spot", base: 0, weight: 3 },
];

/**
 * The repository the pipelines build: a placeholder until `delivery.source.repository` names yours (the connection stays
 * PENDING until its handshake anyway; README, "First deploy").
 */
const SOURCE = { provider: "GitHub" as const, repository: "example/aws-platform", branch: "main" };

/** The alert rules of both trails: the notes' three, and someone blinding the trail or deleting a key. */
const AUDIT_ALERTS = ["root-sign-in", "iam-policy-changes", "security-group-changes", "cloudtrail-changes", "kms-key-deletion"] as const;

/** The DAX cluster both presets leave off: its smallest node, one of them (3 across AZs for production: `data.dax.nodes`). */
const DAX_OFF = { enabled: false, nodeType: "dax.t3.small", nodes: 1 };

/**
 * dev's load profile: a few people trying the stack out. About 3,300 API calls a day, a few builds a day, a few GB
 * of logs: the at-load estimate is then the idle cost plus cents, which is the point of a dev stack. S3: 20,000 PUT/LIST
 * and 100,000 GET requests (uploads, artifacts, log deliveries); KMS: 50,000 requests to the stack's keys; Secrets
 * Manager: 5,000 API calls.
 */
const DEV_LOAD: LoadProfile = {
    httpApi: { requestsPerMonth: 100_000 },
    // Neither stack has a WebSocket API: 0 until one does.
    webSocketApi: { messagesPerMonth: 0, connectionMinutesPerMonth: 0 },
    restApi: { requestsPerMonth: 10_000 },
    lambda: { averageDurationMs: 100 },
    cdn: { requestsPerMonth: 200_000, transferOutGB: 5, cacheHitRatio: 0.8 },
    loadBalancers: { requestsPerMonth: 100_000, processedGB: 2 },
    nat: { processedGB: 5 },
    dynamodb: { readRequestUnitsPerMonth: 200_000, writeRequestUnitsPerMonth: 50_000, storageGB: 1 },
    streams: { recordsPerMonth: 100_000, averageRecordKB: 1 },
    database: { averageAcu: 0.5, storageGB: 1, ioRequestsPerMonth: 1_000_000 },
    storage: { s3GB: 5, efsGB: 1, ecrGB: 2, backupGB: 1, s3PutRequestsPerMonth: 20_000, s3GetRequestsPerMonth: 100_000 },
    logs: { ingestedGB: 2, storedGB: 2 },
    builds: { buildsPerMonth: 60, averageMinutes: 5, pipelineRunsPerMonth: 60 },
    messages: { perMonth: 100_000 },
    kms: { requestsPerMonth: 50_000 },
    secrets: { apiCallsPerMonth: 5_000 },
    functions: {},
};

/**
 * prod's load profile: a small business. Assumptions, monthly: the items API (HTTP) 20M requests (about 7.6 req/s on
 * average, 25 at a daytime peak); partners 2M REST requests; functions of 120 ms on average; the CDN 30M requests and
 * 200 GB out, 85 % from cache, so about 4.5M misses reach the ALB, plus 5.5M direct calls: 10M ALB requests of 5 KB
 * each, 50 GB processed; 100 GB through the NAT gateways (image pulls, third-party APIs); DynamoDB 60M reads and 20M
 * writes (3 and 1 per API call), 25 GB stored; Kinesis 10M readings of 1 KB; the orders database at 1.5 ACUs on
 * average, 20 GB, 50M I/O requests; 100 GB in S3, 20 in EFS, 20 in ECR, 100 in backups; 50 GB of logs ingested and
 * 150 GB kept; 200 builds of 8 minutes, 100 pipeline runs; 5M queue, topic and scheduler messages. S3: 500,000 PUT,
 * COPY, POST and LIST requests (photo uploads and thumbnails, stream and export objects, access-log and trail
 * deliveries, build artifacts) and 2M GET requests (the site's cache misses, thumbnails, artifacts); KMS: 2M requests to
 * the stack's customer managed keys (services cache data keys: a few requests per minute per service and key, plus
 * the trail's and the buckets' object keys); Secrets Manager: 100,000 API calls (functions and tasks read a secret
 * at cold start, not per request).
 */
const PROD_LOAD: LoadProfile = {
    httpApi: { requestsPerMonth: 20_000_000 },
    // Neither stack has a WebSocket API: 0 until one does.
    webSocketApi: { messagesPerMonth: 0, connectionMinutesPerMonth: 0 },
    restApi: { requestsPerMonth: 2_000_000 },
    lambda: { averageDurationMs: 120 },
    cdn: { requestsPerMonth: 30_000_000, transferOutGB: 200, cacheHitRatio: 0.85 },
    loadBalancers: { requestsPerMonth: 10_000_000, processedGB: 50 },
    nat: { processedGB: 100 },
    dynamodb: { readRequestUnitsPerMonth: 60_000_000, writeRequestUnitsPerMonth: 20_000_000, storageGB: 25 },
    streams: { recordsPerMonth: 10_000_000, averageRecordKB: 1 },
    database: { averageAcu: 1.5, storageGB: 20, ioRequestsPerMonth: 50_000_000 },
    storage: { s3GB: 100, efsGB: 20, ecrGB: 20, backupGB: 100, s3PutRequestsPerMonth: 500_000, s3GetRequestsPerMonth: 2_000_000 },
    logs: { ingestedGB: 50, storedGB: 150 },
    builds: { buildsPerMonth: 200, averageMinutes: 8, pipelineRunsPerMonth: 100 },
    messages: { perMonth: 5_000_000 },
    kms: { requestsPerMonth: 2_000_000 },
    secrets: { apiCallsPerMonth: 100_000 },
    functions: {},
};

export const PRESETS: Record<PresetName, Omit<StackConfig, "preset" | "ontapSvmAdminPassword">> = {
    /** Small and cheap: two AZs, one NAT instance, Fargate Spot first, easy to tear down. */
    dev: {
        // A NAT instance (t4g.nano, about $7.36/month with its address and volume) instead of a NAT gateway ($36.50/month + $0.045/GB).
        network: { cidrBlock: "10.10.0.0/16", availabilityZones: 2, natGateways: "instance", flowLogs: false },
        containers: {
            images: SAMPLE_IMAGES,
            capacity: "fargate-spot",
            onDemandBase: 0,
            webDeployment: "rolling",
            desiredCount: 1,
            minCount: 1,
            maxCount: 3,
            // Off; the groups are the notes' two at their smallest, ready for `containers.ec2.enabled: true`.
            ec2: {
                enabled: false,
                capacityProviders: {
                    "on-demand": {
                        instanceTypes: ["t3.medium"],
                        minSize: 0,
                        maxSize: 1,
                        onDemandBaseCapacity: 0,
                        onDemandPercentageAboveBaseCapacity: 100,
                        managedScaling: { targetCapacityPercent: 60 },
                    },
                    spot: {
                        instanceTypes: ["t3.medium", "t3a.medium"],
                        minSize: 0,
                        maxSize: 2,
                        onDemandBaseCapacity: 0,
                        onDemandPercentageAboveBaseCapacity: 0,
                        managedScaling: { targetCapacityPercent: 40 },
                    },
                },
                strategy: EC2_STRATEGY,
            },
            logRetentionDays: 14,
            protectData: false,
            // Security Hub ELB.5 holds production load balancers (the policy pack's elb-5-access-logs).
            accessLogs: false,
            reportSchedule: "cron(0 6 * * ? *)",
            nightlyScaleDown: { ...NIGHT, enabled: false },
        },
        kubernetes: {
            enabled: true,
            version: "1.35",
            // TEST-NET-3, a placeholder that admits nobody: set your own CIDR before `pulumi up` (README).
            endpoint: { publicAccessCidrs: ["203.0.113.0/24"], privateAccess: true },
            admins: {},
            nodeGroups: { spot: { instanceTypes: ["t3.medium", "t3a.medium"], capacityType: "SPOT", minSize: 1, desiredSize: 2, maxSize: 3 } },
            selfManagedNodeGroups: {},
            fargateNamespaces: ["jobs"],
            storage: { efs: true, fsxLustre: false, ontap: false, reclaimPolicy: "Delete" },
            containerInsights: false,
            logRetentionDays: 14,
            protectData: false,
            workloads: { webReplicas: 2, redisReplicas: 3, redisStorageGiB: 8 },
        },
        serverless: {
            protectData: false,
            // Point-in-time recovery in dev too (cents a month at dev sizes): the policy pack asks for it in every stack (dynamodb-2-pitr).
            table: { billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: true, replicaRegions: [], replicaKmsKeyArns: {} },
            // A local front end may call the dev API from a browser.
            api: { throttle: { burstLimit: 50, rateLimit: 25 }, corsOrigins: ["http://localhost:3000"], publicReads: true, accessLogRetentionDays: 14 },
            items: { memoryMiB: 256, provisionedConcurrency: 0, logRetentionDays: 14 },
            sweeper: SWEEPER,
            thumbnails: { enabled: true, width: 200 },
            // No cache cluster: it bills by the hour whether or not anyone calls.
            partners: { ...PARTNERS, throttle: { burstLimit: 10, rateLimit: 5 }, dailyQuota: 1000, accessLogRetentionDays: 14 },
            // One task on Fargate Spot (the dev web tier's capacity): the cheapest way to keep the route answering.
            legacy: { enabled: true, image: SAMPLE_IMAGES.web, desiredCount: 1 },
        },
        // CloudFront's own host name and certificate; the ALB origin over HTTP until a certificate and webOriginDomain are set.
        // The ALB stays reachable directly, for debugging behind the CDN's back.
        cdn: {
            enabled: true,
            priceClass: "PriceClass_100",
            albFromCloudFrontOnly: false,
            // No WAF unless webAclArn gives one: a web ACL bills $5 a month and more whether or not anyone calls.
            createWebAcl: false,
            logRetentionDays: 14,
            protectData: false,
            abWeights: { control: 50, beta: 50 },
            ...EDGE_DATA,
        },
        // Every push to main deploys dev, without approval: web rolls to the new image.
        delivery: {
            enabled: true,
            source: SOURCE,
            approval: false,
            releaseTags: [],
            service: { name: "web", strategy: "rolling" },
            itemsCanary: false,
        },
        // A shorter history than prod's; turn the trail off when dev shares prod's account (a second trail bills).
        audit: {
            enabled: true,
            retentionDays: 90,
            logRetentionDays: 14,
            protectData: false,
            insights: false,
            itemsDataEvents: false,
            alerts: [...AUDIT_ALERTS],
        },
        monitoring: { enabled: true, dashboard: true },
        load: DEV_LOAD,
        // The Kinesis path on one provisioned shard (1 MB/s or 1,000 records/s in, far above dev's traffic: $10.95 a month
        // against on-demand's $29.20 stream-hours), readings to S3; no backups, export or database (the cluster and its
        // proxy bill by the hour).
        data: {
            protectData: false,
            ingestion: {
                enabled: true,
                capacity: { shards: 1 },
                retentionHours: 24,
                sink: "s3",
                enhancedFanOut: false,
                batchSize: 100,
                parallelizationFactor: 1,
                logRetentionDays: 14,
            },
            backups: { enabled: false },
            export: { enabled: false },
            database: { enabled: false, minAcu: 0.5, maxAcu: 4, readers: 0, backupRetentionDays: 1, logRetentionDays: 14 },
            dax: DAX_OFF,
        },
    },
    /** Multi-AZ, NAT per AZ, on-demand base plus Spot, on-demand and Spot EC2 capacity providers, data protected. */
    prod: {
        network: { cidrBlock: "10.20.0.0/16", availabilityZones: 3, natGateways: "one-per-az", flowLogs: true },
        containers: {
            images: SAMPLE_IMAGES,
            capacity: "fargate-spot",
            onDemandBase: 2,
            // A new web revision runs beside the live one and takes all traffic once healthy; rolled back at once
            // during the bake time.
            webDeployment: "blue-green",
            desiredCount: 3,
            minCount: 3,
            maxCount: 12,
            // The notes' two groups on one cluster: on-demand kept 60 % full (always one instance), Spot kept
            // 40 % full, so it scales out before the on-demand group does and takes the bursts.
            ec2: {
                enabled: true,
                capacityProviders: {
                    "on-demand": {
                        instanceTypes: ["m7i.large", "m6i.large"],
                        minSize: 1,
                        maxSize: 4,
                        onDemandBaseCapacity: 1,
                        onDemandPercentageAboveBaseCapacity: 100,
                        managedScaling: { targetCapacityPercent: 60 },
                    },
                    spot: {
                        instanceTypes: ["m7i.large", "m6i.large", "m5.large"],
                        minSize: 0,
                        maxSize: 8,
                        onDemandBaseCapacity: 0,
                        onDemandPercentageAboveBaseCapacity: 0,
                        managedScaling: { targetCapacityPercent: 40 },
                    },
                },
                strategy: EC2_STRATEGY,
            },
            logRetentionDays: 90,
            protectData: true,
            accessLogs: true,
            reportSchedule: "cron(0 2 * * ? *)",
            nightlyScaleDown: { ...NIGHT, enabled: true },
        },
        kubernetes: {
            enabled: true,
            version: "1.35",
            // Private only: `pulumi up` (which creates the Kubernetes objects) runs from inside the VPC.
            endpoint: { publicAccessCidrs: [], privateAccess: true },
            admins: {},
            // On-demand Graviton across the three AZs (every image the cluster runs is multi-arch; m7g.large is 19% below
            // m7i.large); Spot capacity in the self-managed group, above no base.
            nodeGroups: {
                general: {
                    instanceTypes: ["m7g.large", "m6g.large"],
                    architecture: "arm64",
                    capacityType: "ON_DEMAND",
                    minSize: 3,
                    desiredSize: 3,
                    maxSize: 9,
                },
            },
            selfManagedNodeGroups: {
                spot: {
                    instanceTypes: ["m7i.large", "m6i.large", "m5.large"],
                    minSize: 0,
                    desiredSize: 2,
                    maxSize: 10,
                    onDemandBaseCapacity: 0,
                    onDemandPercentageAboveBaseCapacity: 0,
                },
            },
            fargateNamespaces: ["batch"],
            storage: { efs: true, fsxLustre: true, ontap: false, reclaimPolicy: "Retain" },
            containerInsights: true,
            logRetentionDays: 90,
            protectData: true,
            workloads: { webReplicas: 3, redisReplicas: 3, redisStorageGiB: 20 },
        },
        serverless: {
            protectData: true,
            table: { billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: true, replicaRegions: [], replicaKmsKeyArns: {} },
            // No browser origin until the app's is known: set serverless.api.corsOrigins.
            api: { throttle: { burstLimit: 500, rateLimit: 250 }, corsOrigins: [], publicReads: true, accessLogRetentionDays: 90 },
            // Two warm environments on the alias; the reservation caps the function (and protects the
            // account's pool) and holds the provisioned ones. Lambda keeps 100 of the account's
            // concurrency unreserved: the account quota must be 150 or more (usually 1000, but new accounts may
            // start lower: check `aws lambda get-account-settings` before the first `pulumi up`).
            items: { memoryMiB: 512, provisionedConcurrency: 2, reservedConcurrency: 50, logRetentionDays: 90 },
            sweeper: SWEEPER,
            thumbnails: { enabled: true, width: 200 },
            partners: { ...PARTNERS, throttle: { burstLimit: 50, rateLimit: 25 }, dailyQuota: 100_000, cacheSizeGb: "0.5", accessLogRetentionDays: 90 },
            // Two tasks, so one Availability Zone or one Spot interruption does not take the route down.
            legacy: { enabled: true, image: SAMPLE_IMAGES.web, desiredCount: 2 },
        },
        // Aliases, certificate and WAF come from Pulumi.prod.yaml when given; the site bucket is kept.
        // Only CloudFront reaches the ALB: its WAF and edge rules cannot be bypassed.
        cdn: {
            enabled: true,
            priceClass: "PriceClass_100",
            albFromCloudFrontOnly: true,
            // A web ACL of AWS managed rules unless webAclArn gives yours (Security Hub CloudFront.6).
            createWebAcl: true,
            logRetentionDays: 90,
            protectData: true,
            abWeights: { control: 90, beta: 10 },
            ...EDGE_DATA,
        },
        // Tags v* release: staging (the dev stack) first when a deploy role is set, an approval, then app2 blue/green
        // through CodeDeploy and the items function's canary.
        delivery: {
            enabled: true,
            source: SOURCE,
            // dev is the first environment: prod's pipeline deploys it (with the deploy role) before the approval.
            staging: { stack: "dev" },
            approval: true,
            releaseTags: ["v*"],
            service: { name: "app2", strategy: "code-deploy" },
            itemsCanary: true,
        },
        // A year of log files kept with the data, Insights, and who read or wrote items.
        audit: {
            enabled: true,
            retentionDays: 365,
            logRetentionDays: 90,
            protectData: true,
            insights: true,
            itemsDataEvents: true,
            alerts: [...AUDIT_ALERTS],
        },
        monitoring: { enabled: true, dashboard: true },
        load: PROD_LOAD,
        // Two provisioned shards (2 MB/s in, steady and cheaper than on-demand at that rate) kept a week, so a consumer bug
        // found days later can be replayed; enhanced fan-out, as the notes advise; readings to S3: append-only time series
        // read by Athena in bulk, never by key. The items table in AWS Backup (daily 35 days, monthly a year, both copied to
        // us-west-2), exported weekly for audits and analytics, and the orders database with one reader.
        data: {
            protectData: true,
            ingestion: {
                enabled: true,
                capacity: { shards: 2 },
                retentionHours: 168,
                sink: "s3",
                enhancedFanOut: true,
                batchSize: 100,
                parallelizationFactor: 2,
                logRetentionDays: 90,
            },
            backups: {
                enabled: true,
                copyRegion: "us-west-2",
                rules: {
                    daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35 },
                    monthly: { schedule: "cron(0 5 1 * ? *)", deleteAfterDays: 365 },
                },
            },
            export: { enabled: true, schedule: "cron(0 2 ? * SUN *)" },
            database: { enabled: true, minAcu: 0.5, maxAcu: 8, readers: 1, backupRetentionDays: 14, logRetentionDays: 90 },
            dax: DAX_OFF,
        },
    },
};
