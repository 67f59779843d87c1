import type { Statement } from "../shared/iam";
import type { AliasArgs, AsyncArgs, LambdaFunctionArgs, LambdaVpcArgs, OnFailureArgs } from "./args";

/** The one source of LambdaFunction's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    LambdaFunctionArgs: {
        handler: "handler",
        architecture: "arm64" as "arm64" | "x86_64",
        memoryMiB: 256,
        timeoutSeconds: 10,
        ephemeralStorageMiB: 512,
        environment: {} as NonNullable<LambdaFunctionArgs["environment"]>,
        logRetentionDays: 30,
        tracing: false,
        statements: [] as Statement[],
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<LambdaFunctionArgs["transform"]>,
    },
    AliasArgs: { name: "live" },
    // Lambda's own defaults for asynchronous invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
    AsyncArgs: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 },
};

export interface ResolvedLambdaFunction {
    /** Exactly one of `entry` and `imageUri` is set. */
    entry?: string;
    imageUri?: LambdaFunctionArgs["imageUri"];
    handler: string;
    architecture: "arm64" | "x86_64";
    memoryMiB: number;
    timeoutSeconds: number;
    ephemeralStorageMiB: number;
    environment: NonNullable<LambdaFunctionArgs["environment"]>;
    logRetentionDays: number;
    tracing: boolean;
    reservedConcurrency?: number;
    alias?: Required<Pick<AliasArgs, "name">> & Pick<AliasArgs, "provisionedConcurrency">;
    vpc?: LambdaVpcArgs;
    async?: Required<Pick<AsyncArgs, "maximumRetryAttempts" | "maximumEventAgeSeconds">> & { onFailure?: OnFailureArgs };
    statements: Statement[];
    tags: Record<string, string>;
    transform: NonNullable<LambdaFunctionArgs["transform"]>;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: LambdaFunctionArgs): ResolvedLambdaFunction {
    const d = DEFAULTS.LambdaFunctionArgs;
    return {
        entry: args.entry,
        imageUri: args.imageUri,
        handler: args.handler ?? d.handler,
        architecture: args.architecture ?? d.architecture,
        memoryMiB: args.memoryMiB ?? d.memoryMiB,
        timeoutSeconds: args.timeoutSeconds ?? d.timeoutSeconds,
        ephemeralStorageMiB: args.ephemeralStorageMiB ?? d.ephemeralStorageMiB,
        environment: args.environment ?? d.environment,
        logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
        tracing: args.tracing ?? d.tracing,
        reservedConcurrency: args.reservedConcurrency,
        alias: args.alias && { name: args.alias.name ?? DEFAULTS.AliasArgs.name, provisionedConcurrency: args.alias.provisionedConcurrency },
        vpc: args.vpc,
        async: args.async && {
            maximumRetryAttempts: args.async.maximumRetryAttempts ?? DEFAULTS.AsyncArgs.maximumRetryAttempts,
            maximumEventAgeSeconds: args.async.maximumEventAgeSeconds ?? DEFAULTS.AsyncArgs.maximumEventAgeSeconds,
            onFailure: args.async.onFailure,
        },
        statements: args.statements ?? d.statements,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
