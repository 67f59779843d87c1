/** Rules: IAM (iam-*). */
import type { Rule } from "../rule";

export const IAM_RULES: Rule[] = [];
