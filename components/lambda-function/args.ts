import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import type * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import type { Transform } from "../shared/transform";

/** Where failed asynchronous invocations go: the service decides the permission the role gets. */
export interface OnFailureArgs {
    /**
     * The destination's service: `sqs` (queue), `sns` (topic), `lambda` (function), `eventbridge`
     * (event bus) or `s3` (bucket; failed-event records as objects).
     */
    type: "sqs" | "sns" | "lambda" | "eventbridge" | "s3";
    /** The destination's ARN. A plain ARN must belong to `type`'s service. */
    arn: pulumi.Input<string>;
}

/** Asynchronous invocation (S3, SNS, EventBridge, `InvocationType: Event`): retries and where failures go. */
export interface AsyncArgs {
    /**
     * Retries after a failed asynchronous invocation (0–2): Lambda's own retries, before the event
     * goes to `onFailure`.
     * @default 2
     */
    maximumRetryAttempts?: number;
    /**
     * Seconds an event may wait in Lambda's queue before it is discarded (60–21600).
     * @default 21600
     */
    maximumEventAgeSeconds?: number;
    /**
     * Where an event goes once retries are spent or it grew too old (the destination that supersedes
     * a DLQ: it also receives the error and the response). The role may send there and nowhere else.
     * @default - failed events are dropped, after the retries
     * @example { type: "sqs", arn: failures.arn }
     */
    onFailure?: OnFailureArgs;
}

/** The function's network: ENIs in your subnets, so it reaches private resources (and the internet only through NAT). */
export interface LambdaVpcArgs {
    /** Subnets for the function's ENIs: private ones, in two or more Availability Zones. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups of the ENIs. Without them the component creates one in `vpcId` that allows
     * egress only (nothing connects to a function's ENI).
     * @default - a security group with egress only, in `vpcId`
     * @example [database.clientSecurityGroupId]
     */
    securityGroupIds?: pulumi.Input<string>[];
    /**
     * The VPC of `subnetIds`: needed only for the security group the component creates.
     * @default - required without securityGroupIds
     */
    vpcId?: pulumi.Input<string>;
}

/** An alias (a stable name for a published version), optionally kept warm with provisioned concurrency. */
export interface AliasArgs {
    /**
     * The alias name: 1–128 of letters, digits, `-` and `_`, not only digits (that would read as a version).
     * @default "live"
     */
    name?: string;
    /**
     * Execution environments kept initialised for the alias: no cold starts up to this many concurrent
     * requests, paid by the hour whether used or not. Not above `reservedConcurrency` when that is set.
     * @default - none (on-demand concurrency only)
     */
    provisionedConcurrency?: number;
}

export interface LambdaFunctionArgs {
    /**
     * The function's code: a TypeScript or JavaScript file, relative to the working directory (the
     * project directory under `pulumi`), bundled with esbuild while the program runs (AWS SDK v3
     * included, minified, Node.js 22). Exactly one of `entry` and `imageUri`.
     * @default - none; give `entry` or `imageUri`
     * @example "functions/items/api.ts"
     */
    entry?: string;
    /**
     * The name of the handler exported by `entry` (the function's handler becomes `index.<handler>`).
     * @default "handler"
     */
    handler?: string;
    /**
     * A container image in Amazon ECR (same account and Region), instead of `entry`. Its architecture
     * must be `architecture`. Whoever deploys needs `ecr:BatchGetImage` and `ecr:GetDownloadUrlForLayer` on it.
     * @default - none; give `entry` or `imageUri`
     * @example "123456789012.dkr.ecr.us-east-1.amazonaws.com/thumbnails@sha256:..."
     */
    imageUri?: pulumi.Input<string>;
    /**
     * The instruction set: `arm64` (Graviton: about 20% cheaper per GB-second than `x86_64`) or `x86_64`.
     * @default "arm64"
     */
    architecture?: "arm64" | "x86_64";
    /**
     * Memory in MiB (128–10240); CPU scales with it (a full vCPU at 1769 MiB).
     * @default 256
     */
    memoryMiB?: number;
    /**
     * Seconds one invocation may run (1–900). An HTTP API waits at most 30 seconds.
     * @default 10
     */
    timeoutSeconds?: number;
    /**
     * Size of `/tmp` in MiB (512–10240); above 512 is billed.
     * @default 512
     */
    ephemeralStorageMiB?: number;
    /**
     * Environment variables. Lambda refuses more than 4 KB in all, measured as the JSON text of the
     * map (keys and values), and reserves some keys (`AWS_REGION`, `_HANDLER`, ...). Values known only
     * as Outputs are checked when known. No secrets here: read them from Secrets Manager at run time.
     * @default {}
     * @example { TABLE_NAME: table.name, POWERTOOLS_SERVICE_NAME: "items" }
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Days CloudWatch keeps the function's logs (a value PutRetentionPolicy accepts).
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * Active X-Ray tracing: Lambda samples requests and the role may write traces.
     * @default false
     */
    tracing?: boolean;
    /**
     * Concurrency reserved for this function (0 stops every invocation): a ceiling for it, and a floor
     * taken from the account's pool (which must keep 100 unreserved).
     * @default - unreserved (the account's shared pool)
     */
    reservedConcurrency?: number;
    /**
     * An alias on a published version, with provisioned concurrency if you want it. With an alias,
     * `invokeArn` points at it and the asynchronous settings apply to it.
     * @default - no alias; invocations run $LATEST
     * @example { name: "live", provisionedConcurrency: 2 }
     */
    alias?: AliasArgs;
    /**
     * Runs the function in your VPC (its ENIs in `subnetIds`).
     * @default - outside any VPC (AWS-managed network, internet access)
     * @example { vpcId: network.vpcId, subnetIds: network.privateSubnetIds }
     */
    vpc?: LambdaVpcArgs;
    /**
     * Asynchronous invocation settings: retries, maximum event age, failure destination.
     * @default - Lambda's: 2 retries, 6 hours, no destination
     * @example { maximumRetryAttempts: 1, onFailure: { type: "sqs", arn: failures.arn } }
     */
    async?: AsyncArgs;
    /**
     * Statements of the function's own policy (e.g. the table's actions on that table and its indexes).
     * Refused: `*` actions on `*` resources, Allow with `NotAction`/`NotResource`, principals.
     * @default []
     * @example [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [table.arn, pulumi.interpolate`${table.arn}/index/*`] }]
     */
    statements?: Statement[];
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `role` (the execution role), `logGroup`, `function`,
     * `securityGroup` (the one the component creates for `vpc`), `alias`, `provisionedConcurrency`,
     * `eventInvokeConfig` (the asynchronous settings).
     * @default {}
     */
    transform?: {
        role?: Transform<iam.RoleArgs>;
        logGroup?: Transform<cloudwatch.LogGroupArgs>;
        function?: Transform<lambda.FunctionArgs>;
        securityGroup?: Transform<ec2.SecurityGroupArgs>;
        alias?: Transform<lambda.AliasArgs>;
        provisionedConcurrency?: Transform<lambda.ProvisionedConcurrencyConfigArgs>;
        eventInvokeConfig?: Transform<lambda.FunctionEventInvokeConfigArgs>;
    };
}
