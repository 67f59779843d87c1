/**
 * CodeBuild build environments: which compute types each environment type offers. Source: "Build
 * environment compute modes and types"
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-compute-types.html), EC2 table
 * (ARM and Linux Small to 2XLarge, Linux GPU Small and Large) and Lambda table; the API reference adds
 * that `BUILD_LAMBDA_*` is "only available for environment type LINUX_LAMBDA_CONTAINER and
 * ARM_LAMBDA_CONTAINER" (https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectEnvironment.html).
 * Windows, macOS and reserved-capacity (EC2 fleet) environments are not modelled here.
 */
export const ENVIRONMENT_TYPES = ["LINUX_CONTAINER", "ARM_CONTAINER", "LINUX_GPU_CONTAINER", "LINUX_LAMBDA_CONTAINER", "ARM_LAMBDA_CONTAINER"] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

const GENERAL = ["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE", "BUILD_GENERAL1_XLARGE", "BUILD_GENERAL1_2XLARGE"] as const;
const LAMBDA = ["BUILD_LAMBDA_1GB", "BUILD_LAMBDA_2GB", "BUILD_LAMBDA_4GB", "BUILD_LAMBDA_8GB", "BUILD_LAMBDA_10GB"] as const;

export const COMPUTE_TYPES = [...GENERAL, ...LAMBDA] as const;
export type ComputeType = (typeof COMPUTE_TYPES)[number];

export const COMPUTE_TYPES_BY_ENVIRONMENT: Record<EnvironmentType, readonly ComputeType[]> = {
    LINUX_CONTAINER: GENERAL,
    ARM_CONTAINER: GENERAL,
    LINUX_GPU_CONTAINER: ["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_LARGE"],
    LINUX_LAMBDA_CONTAINER: LAMBDA,
    ARM_LAMBDA_CONTAINER: LAMBDA,
};

/** Lambda compute: no Docker daemon (privileged mode), no local cache, no build or queue timeout setting. */
export function isLambdaEnvironment(type: EnvironmentType): boolean {
    return type === "LINUX_LAMBDA_CONTAINER" || type === "ARM_LAMBDA_CONTAINER";
}

/**
 * The environment type of a curated image: `…-lambda-…` images run on Lambda compute, `aarch64` images
 * on ARM (https://github.com/aws/aws-codebuild-docker-images, e.g.
 * `aws/codebuild/amazonlinux-aarch64-standard:3.0`, `aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20`).
 * Anything else, custom images included, is `LINUX_CONTAINER` unless `environmentType` says otherwise:
 * only curated names (`aws/codebuild/…`) are read, so `…/lambda-tools:1` or `…/arm64v8-node` is not
 * mistaken for Lambda or ARM.
 */
export function environmentTypeOf(image: string): EnvironmentType {
    if (!image.startsWith("aws/codebuild/")) return "LINUX_CONTAINER";
    const arm = /aarch64|arm64/.test(image);
    if (/lambda/.test(image)) return arm ? "ARM_LAMBDA_CONTAINER" : "LINUX_LAMBDA_CONTAINER";
    return arm ? "ARM_CONTAINER" : "LINUX_CONTAINER";
}

/** A build may run at most 36 hours, and wait in the queue at most 8 (CreateProject timeoutInMinutes, queuedTimeoutInMinutes). */
export const BUILD_TIMEOUT_MINUTES = { min: 5, max: 2160 } as const;
export const QUEUED_TIMEOUT_MINUTES = { min: 5, max: 480 } as const;

/** vpcConfig: at most 16 subnets and 5 security groups (terraform-provider-aws codebuild/project.go MaxItems). */
export const MAX_VPC_SUBNETS = 16;
export const MAX_VPC_SECURITY_GROUPS = 5;
