/** Rules: Elastic Load Balancing and EC2/VPC (elb-*, ec2-*). */
import type { Rule } from "../rule";

export const NETWORK_RULES: Rule[] = [];
