/**
 * Private ECR image URIs, read without Pulumi: the execution role's pull grant (task.ts) and the
 * egress check for subnets without NAT (validate.ts) recognise them the same way.
 */

/** The partition of an AWS region (`cn-*` and `us-gov-*` have their own). */
function partitionOfRegion(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/**
 * The ECR repository ARN of a private ECR image URI (any account: a cross-account pull needs the
 * grant on this side too; FIPS endpoints too), or undefined for other registries. ECR pulls need it
 * in the execution role.
 */
export function ecrRepositoryArnFromImage(image: string): string | undefined {
    const m = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
    return m ? `arn:${partitionOfRegion(m[2])}:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}
