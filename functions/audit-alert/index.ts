/**
 * Lambda entry point of the audit alert function (EventBridge rules on CloudTrail events → this → SNS). Settings:
 * `TOPIC_ARN` (the topic), `ALERT_RULES` (comma-separated rule ids, the same the component's rules were made from),
 * `LOG_LEVEL`. Created once per execution environment.
 */
import { createLogger } from "../shared/log";
import { type AlertResult, createHandler } from "./api";
import { createSnsClient } from "./sns";

const alert = createHandler({ sns: createSnsClient(), topicArn: process.env.TOPIC_ARN, rules: process.env.ALERT_RULES, log: createLogger() });

export const handler = (event: unknown): Promise<AlertResult> => alert(event);

// For a test of the bundle as Lambda runs it: the same handler and SDK client, with a stub request handler.
export { createHandler } from "./api";
export { createSnsClient } from "./sns";
