/** Rules: EKS and node launch templates (eks-*, ec2-*-launch-template). */
import type { Rule } from "../rule";

export const EKS_RULES: Rule[] = [];
