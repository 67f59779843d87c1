import * as path from "node:path";

/** A handler that reads DynamoDB with SDK v3: what every bundled-function test builds. */
export const ENTRY = path.join(__dirname, "fixtures", "handler.ts");
/** The same, as a path relative to the working directory (the repository root under mocha). */
export const RELATIVE_ENTRY = path.relative(process.cwd(), ENTRY);
export const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/thumbnails:1.0.0";
export const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:failures";
export const VPC_ID = "vpc-0123456789abcdef0";
export const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
