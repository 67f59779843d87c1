/** Rules: S3 (s3-*). */
import type { Rule } from "../rule";

export const S3_RULES: Rule[] = [];
