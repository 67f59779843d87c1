/** Rules: CloudFront (cloudfront-*). */
import type { Rule } from "../rule";

export const EDGE_RULES: Rule[] = [];
