import type * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as kinesis from "@pulumi/aws/kinesis";
import { childName, fitName } from "../shared/naming";
import type { Tags } from "../shared/tags";
import { create } from "../shared/transform";
import type { ResolvedKinesis, ResolvedTable } from "./defaults";

/**
 * The Kinesis Data Streams destination of the table's item-level changes: to the stream given, or
 * to an on-demand stream created here, encrypted with the AWS managed key `alias/aws/kinesis`.
 */
export function createKinesis(
    name: string,
    k: ResolvedKinesis,
    table: dynamodb.Table,
    tags: Tags,
    opts: pulumi.CustomResourceOptions,
    transform: ResolvedTable["transform"],
): { kinesisStream?: kinesis.Stream; kinesisDestination: dynamodb.KinesisStreamingDestination } {
    const kinesisStream =
        k.streamArn === undefined
            ? create(
                  kinesis.Stream,
                  fitName(childName(name, "kinesis-stream"), kinesis.Stream),
                  {
                      // On-demand: no shards to size, and it follows the table's traffic.
                      streamModeDetails: { streamMode: "ON_DEMAND" },
                      retentionPeriod: k.retentionHours,
                      encryptionType: "KMS",
                      kmsKeyId: "alias/aws/kinesis",
                      tags,
                  },
                  opts,
                  transform.kinesisStream,
              )
            : undefined;
    const kinesisDestination = create(
        dynamodb.KinesisStreamingDestination,
        childName(name, "kinesis-destination"),
        {
            tableName: table.name,
            streamArn: kinesisStream?.arn ?? k.streamArn!,
            approximateCreationDateTimePrecision: k.creationDateTimePrecision,
        },
        opts,
        transform.kinesisDestination,
    );
    return { ...(kinesisStream ? { kinesisStream } : {}), kinesisDestination };
}
