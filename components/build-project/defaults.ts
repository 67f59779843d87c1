import type * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import { ComputeType, EnvironmentType, environmentTypeOf, isLambdaEnvironment } from "../shared/limits/codebuild";
import type { BuildCacheArgs, BuildProjectArgs, BuildProjectTransforms, BuildVpcArgs, BuildspecArgs, PassRoleArgs } from "./args";

/** The one source of BuildProject's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    source: "codepipeline" as "codepipeline" | "none",
    image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
    computeType: "BUILD_GENERAL1_SMALL" as ComputeType,
    docker: false,
    cache: "none" as BuildCacheArgs,
    environment: {} as Record<string, pulumi.Input<string>>,
    secrets: {} as Record<string, pulumi.Input<string>>,
    secretKeyArns: [] as pulumi.Input<string>[],
    logRetentionDays: 30,
    timeoutMinutes: 60,
    queuedTimeoutMinutes: 480,
    policyStatements: [] as Statement[],
    passRoles: [] as PassRoleArgs[],
    tags: {} as Record<string, string>,
    transform: {} as BuildProjectTransforms,
};

export interface ResolvedBuildProject {
    buildspec: BuildspecArgs;
    source: "codepipeline" | "none";
    image: string;
    environmentType: EnvironmentType;
    computeType: ComputeType;
    docker: boolean;
    cache: BuildCacheArgs;
    environment: Record<string, pulumi.Input<string>>;
    secrets: Record<string, pulumi.Input<string>>;
    secretKeyArns: pulumi.Input<string>[];
    vpc: BuildVpcArgs | undefined;
    logRetentionDays: number;
    /** Undefined on Lambda compute unless given (then refused): it takes no timeout. */
    timeoutMinutes: number | undefined;
    queuedTimeoutMinutes: number | undefined;
    policyStatements: Statement[];
    passRoles: PassRoleArgs[];
    tags: Record<string, string>;
    transform: BuildProjectTransforms;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: BuildProjectArgs): ResolvedBuildProject {
    const image = args.image ?? DEFAULTS.image;
    const environmentType = args.environmentType ?? environmentTypeOf(image);
    const lambda = isLambdaEnvironment(environmentType);
    return {
        buildspec: args.buildspec,
        source: args.source ?? DEFAULTS.source,
        image,
        environmentType,
        computeType: args.computeType ?? DEFAULTS.computeType,
        docker: args.docker ?? DEFAULTS.docker,
        cache: args.cache ?? DEFAULTS.cache,
        environment: args.environment ?? DEFAULTS.environment,
        secrets: args.secrets ?? DEFAULTS.secrets,
        secretKeyArns: args.secretKeyArns ?? DEFAULTS.secretKeyArns,
        vpc: args.vpc,
        logRetentionDays: args.logRetentionDays ?? DEFAULTS.logRetentionDays,
        timeoutMinutes: args.timeoutMinutes ?? (lambda ? undefined : DEFAULTS.timeoutMinutes),
        queuedTimeoutMinutes: args.queuedTimeoutMinutes ?? (lambda ? undefined : DEFAULTS.queuedTimeoutMinutes),
        policyStatements: args.policyStatements ?? DEFAULTS.policyStatements,
        passRoles: args.passRoles ?? DEFAULTS.passRoles,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
