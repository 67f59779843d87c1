/**
 * Lambda@Edge's quotas and restrictions, as data.
 * Quotas: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge
 * Restrictions: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
 */

/** The limits that differ by event type ("Quotas that differ by event type"). */
export const LAMBDA_EDGE_LIMITS = {
    viewer: {
        memoryMiB: [128, 128],
        timeoutSeconds: [1, 5],
        /** "Maximum compressed size of a Lambda function and any included libraries": the zip, not its contents. */
        zippedBytes: 1024 * 1024,
    },
    origin: {
        // "Same as Lambda quotas" for memory (128–10,240 MB).
        memoryMiB: [128, 10240],
        timeoutSeconds: [1, 30],
        zippedBytes: 50 * 1024 * 1024,
    },
} as const;

/**
 * The runtimes the component accepts: Lambda@Edge's supported Node.js runtimes ("the latest versions of
 * Node.js and Python runtimes", per Lambda's own list; Node.js 24 launched with Lambda@Edge support:
 * https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/) that run a Node.js 22 bundle.
 */
export const LAMBDA_EDGE_RUNTIMES = ["nodejs22.x", "nodejs24.x"] as const;

/**
 * Lambda features Lambda@Edge refuses ("Lambda features" on the restrictions page), by the argument a
 * JavaScript caller might pass (LambdaFunction's name or the provider's): none is in EdgeLambdaArgs.
 */
export const LAMBDA_EDGE_UNSUPPORTED: Readonly<Record<string, string>> = {
    environment: "Lambda@Edge has no environment variables: ship configuration in `files`",
    variables: "Lambda@Edge has no environment variables: ship configuration in `files`",
    vpc: "Lambda@Edge functions cannot run in a VPC",
    vpcConfig: "Lambda@Edge functions cannot run in a VPC",
    layers: "Lambda@Edge functions cannot use layers: bundle the code into entry",
    architecture: "Lambda@Edge runs x86_64 only (no arm64)",
    architectures: "Lambda@Edge runs x86_64 only (no arm64)",
    imageUri: "Lambda@Edge functions cannot be container images",
    alias: "CloudFront takes a numbered version, not an alias, and Lambda@Edge has no provisioned concurrency",
    provisionedConcurrency: "Lambda@Edge has no provisioned concurrency",
    ephemeralStorageMiB: "Lambda@Edge allows no more than the default 512 MB of /tmp",
    kmsKeyArn: "Lambda@Edge refuses a customer managed key on the deployment package",
    deadLetterConfig: "Lambda@Edge has no dead-letter queue",
    tracing: "Lambda@Edge does not support AWS X-Ray",
    tracingConfig: "Lambda@Edge does not support AWS X-Ray",
};
