/**
 * Compute prices, us-east-1 on-demand list prices (Linux): Fargate (ECS and EKS), EBS volumes of instances, the
 * EKS control plane, EFS and ECR storage, and the Spot discount the estimate assumes. EC2 hourly prices by instance
 * type are in ./instances.ts. Each price names its AWS pricing page. The AWS pages were not readable from where
 * the table was written (2026-11-26): the numbers are the pages' us-east-1 figures as published through 2025–2026,
 * cross-checked against dated third-party copies (Fargate: vantage.sh and cloudburn.io, March 2026). Verify them on
 * the pages when `PRICES_AS_OF` is old.
 */
import type { Price } from "../types";

const FARGATE_PAGE = "https://aws.amazon.com/fargate/pricing/";
const EBS_PAGE = "https://aws.amazon.com/ebs/pricing/";
const EKS_PAGE = "https://aws.amazon.com/eks/pricing/";
const EFS_PAGE = "https://aws.amazon.com/efs/pricing/";
const ECR_PAGE = "https://aws.amazon.com/ecr/pricing/";
const SPOT_PAGE = "https://aws.amazon.com/ec2/spot/pricing/";

/**
 * Fargate Spot has no list price: the page shows the current rate, which moves with spare capacity. AWS advertises
 * "up to a 70% discount" on the on-demand price (https://aws.amazon.com/fargate/pricing/); the model takes that
 * discount, so Spot lines are a lower bound of what Spot costs.
 */
const FARGATE_SPOT_SHARE = 1 - 0.7;
const SPOT_NOTE = "Fargate Spot price varies; modelled as the pricing page's 'up to 70%' discount on the on-demand price (verify the current rate on the page)";

export const COMPUTE_PRICES: Record<string, Price> = {
    "fargate.vcpuHour.x86_64": { usd: 0.04048, unit: "vCPU-hour", source: FARGATE_PAGE, note: "Linux/x86, per vCPU per hour" },
    "fargate.gbHour.x86_64": { usd: 0.004445, unit: "GB-hour", source: FARGATE_PAGE, note: "Linux/x86, per GB of memory per hour" },
    "fargate.vcpuHour.arm64": { usd: 0.03238, unit: "vCPU-hour", source: FARGATE_PAGE, note: "Linux/ARM (Graviton), per vCPU per hour" },
    "fargate.gbHour.arm64": { usd: 0.00356, unit: "GB-hour", source: FARGATE_PAGE, note: "Linux/ARM (Graviton), per GB of memory per hour" },
    "fargate.spot.vcpuHour.x86_64": { usd: 0.04048 * FARGATE_SPOT_SHARE, unit: "vCPU-hour", source: FARGATE_PAGE, note: SPOT_NOTE },
    "fargate.spot.gbHour.x86_64": { usd: 0.004445 * FARGATE_SPOT_SHARE, unit: "GB-hour", source: FARGATE_PAGE, note: SPOT_NOTE },
    "fargate.spot.vcpuHour.arm64": { usd: 0.03238 * FARGATE_SPOT_SHARE, unit: "vCPU-hour", source: FARGATE_PAGE, note: SPOT_NOTE },
    "fargate.spot.gbHour.arm64": { usd: 0.00356 * FARGATE_SPOT_SHARE, unit: "GB-hour", source: FARGATE_PAGE, note: SPOT_NOTE },
    "fargate.ephemeralGbHour": {
        usd: 0.000111,
        unit: "GB-hour",
        source: FARGATE_PAGE,
        note: "ephemeral storage configured above the 20 GB every task or pod gets at no charge",
    },
    "ec2.spotDiscount": {
        usd: 0.6,
        unit: "fraction",
        source: SPOT_PAGE,
        note: "ASSUMED share taken off the on-demand price for Spot instances (Spot prices change hourly by type and AZ; AWS says 'up to 90%', the Spot Instance Advisor https://aws.amazon.com/ec2/spot/instance-advisor/ shows the current savings per type); not a list price",
    },
    "ebs.gp3.gbMonth": { usd: 0.08, unit: "GB-month", source: EBS_PAGE, note: "gp3 storage; 3,000 IOPS and 125 MB/s per volume included" },
    "ebs.gp2.gbMonth": { usd: 0.1, unit: "GB-month", source: EBS_PAGE, note: "gp2 storage" },
    "ebs.io1.gbMonth": { usd: 0.125, unit: "GB-month", source: EBS_PAGE, note: "io1 storage only; provisioned IOPS ($0.065 per IOPS-month) not modelled" },
    "ebs.io2.gbMonth": {
        usd: 0.125,
        unit: "GB-month",
        source: EBS_PAGE,
        note: "io2 storage only; provisioned IOPS (tiered from $0.065 per IOPS-month) not modelled",
    },
    "ebs.st1.gbMonth": { usd: 0.045, unit: "GB-month", source: EBS_PAGE, note: "st1 (Throughput Optimized HDD) storage" },
    "ebs.sc1.gbMonth": { usd: 0.015, unit: "GB-month", source: EBS_PAGE, note: "sc1 (Cold HDD) storage" },
    "eks.cluster.hour": { usd: 0.1, unit: "hour", source: EKS_PAGE, note: "per cluster per hour on a Kubernetes version in standard support" },
    "eks.cluster.extendedHour": {
        usd: 0.6,
        unit: "hour",
        source: EKS_PAGE,
        note: "per cluster per hour on a Kubernetes version in extended support (the 12 months after standard support)",
    },
    "efs.standard.gbMonth": {
        usd: 0.3,
        unit: "GB-month",
        source: EFS_PAGE,
        note: "EFS Standard storage; Infrequent Access ($0.016/GB-month) and Elastic Throughput reads/writes are not modelled",
    },
    "ecr.gbMonth": { usd: 0.1, unit: "GB-month", source: ECR_PAGE, note: "private repository storage; transfer within the Region is free" },
};

/** No always-free allowance: ECR's 500 MB and EC2's 750 hours are 12-month trials for new accounts. */
export const COMPUTE_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
