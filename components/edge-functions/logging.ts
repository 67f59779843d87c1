import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as cloudfront from "@pulumi/aws/cloudfront";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";

export interface LoggingResources {
    /** The access logs, in us-east-1, kept `logging.retentionDays`. */
    logGroup: cloudwatch.LogGroup;
    /** The distribution as a CloudWatch Logs delivery source (`ACCESS_LOGS`). */
    source: cloudwatch.LogDeliverySource;
    /** The log group as a delivery destination, in the chosen output format. */
    destination: cloudwatch.LogDeliveryDestination;
    /** Connects the source to the destination. */
    delivery: cloudwatch.LogDelivery;
}

/**
 * Standard logging (v2) calls CloudWatch Logs in us-east-1 whatever the stack's Region: "When calling the CloudWatch
 * API to enable standard logging, you must specify the US East (N. Virginia) Region (us-east-1)"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html#enable-access-logging-api).
 * Elsewhere PutDeliverySource fails ("not supported for this LogType in region").
 */
export const LOGGING_REGION = "us-east-1";

/** Where the log groups are named: one CloudWatch Logs resource policy statement covers the vended-logs prefix. */
export const ACCESS_LOG_PREFIX = "/aws/vendedlogs/cloudfront/";

/**
 * Standard logging (v2) to a log group with retention, rather than standard logging (legacy) to S3: legacy logging
 * writes through S3 ACLs (the bucket must have ACLs enabled and grant the awslogsdelivery account FULL_CONTROL,
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html#AccessLogsBucketAndFileOwnership),
 * which our private buckets disable (`BucketOwnerEnforced`); v2 is delivered by CloudWatch Logs under its own
 * resource policy, and a log group's retention expires old records.
 */
export function createLogging(ctx: Ctx, distribution: cloudfront.Distribution): LoggingResources | undefined {
    const { name, cfg } = ctx;
    if (cfg.logging === false) return undefined;
    const t = cfg.transform;
    const region = LOGGING_REGION;
    const logGroup = create(
        cloudwatch.LogGroup,
        childName(name, "access-logs"),
        {
            region,
            // Vended logs go to groups in the account's log delivery resource policy, at most 5120 characters; one
            // statement covers every group under /aws/vendedlogs/ (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-CloudWatchLogs.html).
            namePrefix: `${ACCESS_LOG_PREFIX}${childName(name, "access-logs")}-`,
            retentionInDays: cfg.logging.retentionDays,
            tags: ctx.tags,
        },
        ctx.opts,
        t.logGroup,
    );
    const source = create(
        cloudwatch.LogDeliverySource,
        fitName(childName(name, "log-source"), cloudwatch.LogDeliverySource),
        { region, logType: "ACCESS_LOGS", resourceArn: distribution.arn, tags: ctx.tags },
        ctx.opts,
        t.logDeliverySource,
    );
    const destination = create(
        cloudwatch.LogDeliveryDestination,
        fitName(childName(name, "log-destination"), cloudwatch.LogDeliveryDestination),
        { region, outputFormat: cfg.logging.outputFormat, deliveryDestinationConfiguration: { destinationResourceArn: logGroup.arn }, tags: ctx.tags },
        ctx.opts,
        t.logDeliveryDestination,
    );
    const delivery = create(
        cloudwatch.LogDelivery,
        childName(name, "log-delivery"),
        { region, deliverySourceName: source.name, deliveryDestinationArn: destination.arn, tags: ctx.tags },
        ctx.opts,
        t.logDelivery,
    );
    return { logGroup, source, destination, delivery };
}
