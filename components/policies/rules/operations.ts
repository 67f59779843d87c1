/** Rules: KMS, CloudTrail, CodeBuild, CloudWatch Logs, RDS (kms-*, cloudtrail-*, codebuild-*, cloudwatch-*, rds-*). */
import type { Rule } from "../rule";

export const OPERATIONS_RULES: Rule[] = [];
