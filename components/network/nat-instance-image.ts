/**
 * The NAT instance's image as data. Pure: no Pulumi.
 */

/** Public SSM parameters of the latest Amazon Linux 2023 AMI, by architecture (https://docs.aws.amazon.com/linux/al2023/ug/ec2.html). */
export const AL2023_AMI_PARAMETER = {
    arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
} as const;

/** The architecture an image reference names (an SSM parameter path ending in `-arm64`/`-x86_64`), or undefined (an `ami-…` id says nothing). */
export function imageArchitecture(imageId: string): "arm64" | "x86_64" | undefined {
    if (/(^|[-_/])arm64$/.test(imageId)) return "arm64";
    if (/(^|[-_/])x86_64$/.test(imageId)) return "x86_64";
    return undefined;
}
