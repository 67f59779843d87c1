/** Rules: Lambda, API Gateway, SQS, SNS, DynamoDB (lambda-*, apigw-*, sqs-*, sns-*, dynamodb-*). */
import type { Rule } from "../rule";

export const SERVERLESS_RULES: Rule[] = [];
