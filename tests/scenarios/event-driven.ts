/**
 * The notes' event-driven functions, through the public API (the README's example): a stream
 * processor keeping a tag index from the items table's stream, a nightly scheduled function, and the
 * S3 thumbnail pipeline. `sweeperEntry` stands for the scheduled job's code.
 */
import * as sqs from "@pulumi/aws/sqs";
import { LambdaFunction, Schedule, StreamConsumer, Table, Thumbnails } from "../../components";

export function program(sweeperEntry = "functions/sweeper/index.ts") {
    const items = new Table("items", { attributes: { id: "S" }, partitionKey: "id", streamViewType: "NEW_AND_OLD_IMAGES" });
    const tagIndex = new Table("tag-index", { attributes: { tag: "S", itemId: "S" }, partitionKey: "tag", sortKey: "itemId" });
    const failures = new sqs.Queue("event-failures", { messageRetentionSeconds: 1_209_600 });

    // The items table's changes keep the tag index; a batch that keeps failing is recorded in the queue.
    const processor = new LambdaFunction("tag-indexer", {
        entry: "functions/stream/index.ts",
        environment: { TABLE_NAME: tagIndex.tableName },
        statements: [{ Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:DeleteItem"], Resource: tagIndex.tableArn }],
    });
    new StreamConsumer("tag-indexer", {
        source: { type: "dynamodb", table: items },
        function: processor,
        onFailure: { type: "sqs", arn: failures.arn },
    });

    // Every night at 03:00, Paris time.
    const sweeper = new LambdaFunction("sweeper", { entry: sweeperEntry, timeoutSeconds: 300 });
    new Schedule("nightly-sweep", {
        expression: "cron(0 3 * * ? *)",
        timezone: "Europe/Paris",
        function: sweeper,
        retry: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
        deadLetterQueueArn: failures.arn,
    });

    // Uploads under uploads/ get a 320-pixel thumbnail under thumbnails/ in the other bucket.
    const photos = new Thumbnails("photos", {
        sourcePrefix: "uploads/",
        width: 320,
        thumbnailExpireDays: 365,
        function: { async: { maximumRetryAttempts: 1, onFailure: { type: "sqs", arn: failures.arn } } },
    });
    return { uploadBucket: photos.sourceBucketName, thumbnailBucket: photos.thumbnailBucketName };
}
