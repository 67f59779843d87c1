import * as pulumi from "@pulumi/pulumi";
import type { cloudtrail as cloudtrailInputs } from "@pulumi/aws/types/input";
import type { DataEventResources, DataEventsArgs, InsightType } from "./args";

type Selector = cloudtrailInputs.TrailAdvancedEventSelector;

/** CloudTrail's resource type of each kind of data event (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html). */
const RESOURCE_TYPES: Record<keyof DataEventsArgs, { type: string; title: string }> = {
    s3Objects: { type: "AWS::S3::Object", title: "S3 object events" },
    dynamoDbTables: { type: "AWS::DynamoDB::Table", title: "DynamoDB item events" },
    lambdaFunctions: { type: "AWS::Lambda::Function", title: "Lambda invocations" },
};

function arnSelector(kind: keyof DataEventsArgs, resources: DataEventResources, logBucketArn: pulumi.Input<string>) {
    // An S3 object's ARN is `<bucket ARN>/<key>`: the bucket's objects are those that start with it and a '/'.
    // "all" S3 objects would include the trail's own bucket: every log file CloudTrail writes would be a data event
    // it then writes again, a loop billed per event. AWS: "we recommend that you don't configure [data events for]
    // the bucket ... that receives log files" (logging-data-events-with-cloudtrail.html).
    if (kind === "s3Objects" && resources === "all") return [{ field: "resources.ARN", notStartsWiths: [pulumi.interpolate`${logBucketArn}/`] }];
    if (resources === "all") return [];
    if (kind === "s3Objects") return [{ field: "resources.ARN", startsWiths: resources.map((arn) => pulumi.interpolate`${arn}/`) }];
    return [{ field: "resources.ARN", equals: resources }];
}

/**
 * The condition values the selectors hold (CloudTrail allows 500 across all advanced selectors of a trail,
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html): the management
 * selector's one, and per kind its category, its type and its ARNs (one for "all" S3: the log bucket excluded).
 */
export function selectorValueCount(dataEvents: DataEventsArgs): number {
    const kinds = (Object.keys(RESOURCE_TYPES) as (keyof DataEventsArgs)[]).filter((k) => dataEvents[k] !== undefined);
    return kinds.reduce((n, k) => {
        const r = dataEvents[k] as DataEventResources;
        return n + 2 + (r === "all" ? (k === "s3Objects" ? 1 : 0) : r.length);
    }, 1);
}

/** CloudTrail's maximum of condition values across a trail's advanced event selectors. */
export const MAX_SELECTOR_VALUES = 500;

/**
 * The trail's advanced event selectors: management events always, then one selector per kind of data event. A trail
 * with advanced selectors records only what they select, so management events get a selector of their own; advanced
 * and basic selectors cannot be mixed on one trail.
 *
 * The management selector is there even without data events (it selects what a trail without selectors records):
 * removing data events later must not leave an empty list. The provider sends an empty advanced list to
 * PutEventSelectors as it is, with no fallback to the default selector as it has for basic selectors
 * (terraform-provider-aws internal/service/cloudtrail/trail.go, `setAdvancedEventSelectors`), and CloudTrail refuses
 * an empty basic list ("Specify a valid number of selectors (1 to 5)", InvalidEventSelectorsException): at best the
 * update fails, at worst the trail stops recording management events.
 */
export function advancedEventSelectors(dataEvents: DataEventsArgs, logBucketArn: pulumi.Input<string>): Selector[] {
    const kinds = (Object.keys(RESOURCE_TYPES) as (keyof DataEventsArgs)[]).filter((k) => dataEvents[k] !== undefined);
    return [
        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        ...kinds.map((kind) => {
            const resources = dataEvents[kind] as DataEventResources;
            return {
                name: RESOURCE_TYPES[kind].title,
                fieldSelectors: [
                    { field: "eventCategory", equals: ["Data"] },
                    { field: "resources.type", equals: [RESOURCE_TYPES[kind].type] },
                    ...arnSelector(kind, resources, logBucketArn),
                ],
            };
        }),
    ];
}

/** Insights selectors, or undefined for none (an empty list would still be sent to PutInsightSelectors). */
export function insightSelectors(insights: InsightType[]): { insightType: InsightType }[] | undefined {
    return insights.length ? insights.map((insightType) => ({ insightType })) : undefined;
}
