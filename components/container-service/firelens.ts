/**
 * FireLens: the `log_router` container (AWS for Fluent Bit) and what containers logging through it
 * need: their log configuration and the task role's grants for the destination.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
 */
import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import type { Ctx } from "./context";
import type { ContainerArgs } from "./args";
import type { ResolvedContainer, ResolvedLogRouter, ResolvedTask } from "./defaults";
import { namedPairs } from "./pairs";

/** The router's container name: the one AWS's examples and the console use. */
export const LOG_ROUTER_CONTAINER = "log_router";

/** Where an AWS output sends records, and what the task role needs for it (Fluent Bit's core output plugins). */
interface FirelensOutput {
    /** The option naming the destination (the plugin refuses to start without it). */
    destination: string;
    actions: string[];
    /** Actions some options add (e.g. creating the log group). */
    optionalActions?: (options: Record<string, pulumi.Input<string>>) => string[];
    /** The destination's ARN(s) from the option's value. */
    resources: (arn: ArnParts, value: pulumi.Input<string>) => pulumi.Output<string>[];
    /** The interface endpoint the router reaches it through without NAT (S3: the gateway endpoint ECR needs anyway). */
    endpoint?: string;
}

interface ArnParts {
    partition: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
}

/** A Fluent Bit boolean: `true`, `on` or `yes` in any case (https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/classic-mode/format-schema). */
const isOn = (v: pulumi.Input<string> | undefined): boolean => typeof v === "string" && /^(true|on|yes)$/i.test(v);

const CLOUDWATCH: FirelensOutput = {
    destination: "log_group_name",
    // The plugin creates its log stream, then writes; with auto_create_group it also creates the group.
    actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
    optionalActions: (o) => (isOn(o.auto_create_group) ? ["logs:CreateLogGroup"] : []),
    endpoint: "logs",
    resources: (a, group) => [
        pulumi.interpolate`arn:${a.partition}:logs:${a.region}:${a.accountId}:log-group:${group}`,
        pulumi.interpolate`arn:${a.partition}:logs:${a.region}:${a.accountId}:log-group:${group}:log-stream:*`,
    ],
};
const FIREHOSE: FirelensOutput = {
    destination: "delivery_stream",
    actions: ["firehose:PutRecordBatch"],
    endpoint: "kinesis-firehose",
    resources: (a, stream) => [pulumi.interpolate`arn:${a.partition}:firehose:${a.region}:${a.accountId}:deliverystream/${stream}`],
};
const KINESIS: FirelensOutput = {
    destination: "stream",
    actions: ["kinesis:PutRecords"],
    endpoint: "kinesis-streams",
    resources: (a, stream) => [pulumi.interpolate`arn:${a.partition}:kinesis:${a.region}:${a.accountId}:stream/${stream}`],
};

/**
 * The Fluent Bit outputs whose destination the component can grant, by `Name`
 * (https://docs.fluentbit.io/manual/pipeline/outputs). Another output (or one with `role_arn`, which
 * assumes its own role) needs `taskRole.statements`. `cloudwatch`, `firehose` and `kinesis` are the
 * older Go plugins that AWS's FireLens examples still use and AWS for Fluent Bit still ships
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html): same destination
 * option, same grants.
 */
export const FIRELENS_OUTPUTS: Record<string, FirelensOutput> = {
    cloudwatch_logs: CLOUDWATCH,
    cloudwatch: CLOUDWATCH,
    kinesis_firehose: FIREHOSE,
    firehose: FIREHOSE,
    kinesis_streams: KINESIS,
    kinesis: KINESIS,
    s3: {
        destination: "bucket",
        // Multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload) are all s3:PutObject in IAM.
        actions: ["s3:PutObject"],
        resources: (a, bucket) => [pulumi.interpolate`arn:${a.partition}:s3:::${bucket}/*`],
    },
};

/** Containers of the task that log through FireLens. */
export function firelensContainers(task: Pick<ResolvedTask, "containers">): string[] {
    return Object.entries(task.containers)
        .filter(([, c]) => c.logging.driver === "awsfirelens")
        .map(([k]) => k);
}

/** A FireLens output's `secretOptions` (option name → Secrets Manager or SSM ARN); none for awslogs. */
function secretOptions(logging: ContainerArgs["logging"]): Record<string, pulumi.Input<string>> {
    return logging?.driver === "awsfirelens" ? (logging.secretOptions ?? {}) : {};
}

/**
 * What the execution role reads for a container: its `secrets` and its FireLens output's `secretOptions`
 * (ECS fetches both at launch with the execution role,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html).
 */
export function containerSecretRefs(c: Pick<ContainerArgs, "secrets" | "logging">): pulumi.Input<string>[] {
    return [...Object.values(c.secrets ?? {}), ...Object.values(secretOptions(c.logging))];
}

/** A container's `logConfiguration`: awslogs to the task's log group, or FireLens's options and secret options. */
export function logConfiguration(ctx: Ctx, c: Pick<ResolvedContainer, "logging">, streamPrefix: string, logGroupName: pulumi.Input<string>): unknown {
    if (c.logging.driver === "awsfirelens") {
        const secrets = secretOptions(c.logging);
        // Credentials of the output (an API key, a header) stay out of the task definition: ECS puts them
        // into the router's configuration at launch.
        return {
            logDriver: "awsfirelens",
            options: c.logging.options,
            ...(Object.keys(secrets).length > 0 ? { secretOptions: namedPairs(secrets, "valueFrom") } : {}),
        };
    }
    return {
        logDriver: "awslogs",
        options: {
            "awslogs-group": logGroupName,
            "awslogs-region": ctx.region,
            "awslogs-stream-prefix": streamPrefix,
            // Never block the app on CloudWatch: buffer and drop rather than stall stdout.
            mode: "non-blocking",
            "max-buffer-size": "25m",
        },
    };
}

/** The `log_router` container definition; its own logs go to the task's log group (awslogs). */
export function logRouterDefinition(ctx: Ctx, router: ResolvedLogRouter, logGroupName: pulumi.Input<string>): unknown {
    return {
        name: LOG_ROUTER_CONTAINER,
        image: router.image,
        // Without its router a FireLens task loses every log line: it stops with it.
        essential: true,
        cpu: 0,
        memoryReservation: router.memoryReservationMiB,
        firelensConfiguration: {
            type: "fluentbit",
            options: {
                "enable-ecs-log-metadata": String(router.enableEcsLogMetadata),
                // Fargate reads a custom configuration only from a file in the image (API_FirelensConfiguration).
                ...(router.configFilePath !== undefined ? { "config-file-type": "file", "config-file-value": router.configFilePath } : {}),
            },
        },
        logConfiguration: logConfiguration(ctx, { logging: { driver: "awslogs" } }, LOG_ROUTER_CONTAINER, logGroupName),
        // Fluent Bit writes its generated configuration and buffers at start: it fails on a read-only
        // root file system (fluent/fluent-bit#7308, aws/aws-for-fluent-bit#928). The router alone is writable.
        readonlyRootFilesystem: false,
    };
}

/** The task role's grants for each FireLens destination the component knows (see `FIRELENS_OUTPUTS`). */
export function firelensStatements(ctx: Ctx, task: Pick<ResolvedTask, "containers">): Statement[] {
    const statements: Statement[] = [];
    for (const [i, name] of firelensContainers(task).entries()) {
        const logging = task.containers[name].logging;
        if (logging.driver !== "awsfirelens") continue;
        const options = logging.options;
        const output = FIRELENS_OUTPUTS[String(options.Name)];
        if (!output || options.role_arn !== undefined || options[output.destination] === undefined) continue;
        const arn = { partition: ctx.partition, region: options.region ?? ctx.region, accountId: ctx.accountId };
        // Sids are alphanumeric and unique in a policy: the index keeps `a-b` and `ab` apart.
        const sid = `FireLens${i}${name.replace(/[^A-Za-z0-9]/g, "")}`;
        const actions = [...output.actions, ...(output.optionalActions?.(options) ?? [])];
        statements.push({ Sid: sid, Effect: "Allow", Action: actions, Resource: output.resources(arn, options[output.destination]) });
    }
    return statements;
}
