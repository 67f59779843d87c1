import type { LogGroupKind } from "./args";

/**
 * Saved Logs Insights queries by kind of log group, in the query language of
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html. Lambda's per-invocation
 * report is read in both log formats: a text-format function writes a `REPORT` line, from which Logs
 * Insights derives `@duration`, `@billedDuration`, `@maxMemoryUsed` and `@initDuration`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html);
 * a JSON-format function (every LambdaFunction: `logFormat: "JSON"`) writes no `REPORT` line but a
 * `{"type":"platform.report","record":{"requestId",…,"metrics":{"durationMs","billedDurationMs",
 * "maxMemoryUsedMB","initDurationMs"}}}` event, where those fields are absent
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html#platform-report);
 * API access logs are this project's JSON format (components/shared/access-log.ts), whose fields Logs
 * Insights discovers by name. That format writes every value as a JSON string (`"status":"502"`), so
 * server errors are matched as text, not compared as numbers.
 */
const ERRORS = "fields @timestamp, @logStream, @message\n| filter @message like /(?i)(error|exception|fatal|panic)/\n| sort @timestamp desc\n| limit 100";
/** A text-format `REPORT` line or a JSON-format `platform.report` event. */
const LAMBDA_REPORT = 'filter @type = "REPORT" or type = "platform.report"';
const ERRORS_PER_5M = "filter @message like /(?i)(error|exception|fatal|panic)/\n| stats count(*) as errors by bin(5m)";

export const QUERIES: Record<LogGroupKind, Record<string, string>> = {
    application: { errors: ERRORS, "errors-per-5m": ERRORS_PER_5M },
    lambda: {
        errors: ERRORS,
        "errors-per-5m": ERRORS_PER_5M,
        "slowest-invocations": `${LAMBDA_REPORT}\n| fields @timestamp, coalesce(@requestId, record.requestId) as requestId, coalesce(@duration, record.metrics.durationMs) as durationMs, coalesce(@billedDuration, record.metrics.billedDurationMs) as billedMs, coalesce(@maxMemoryUsed / 1000 / 1000, record.metrics.maxMemoryUsedMB) as maxMemoryMB, record.status\n| sort durationMs desc\n| limit 25`,
        "cold-starts": `${LAMBDA_REPORT}\n| fields coalesce(@initDuration, record.metrics.initDurationMs) as initMs\n| filter ispresent(initMs)\n| stats count(*) as coldStarts, avg(initMs) as avgInitMs, max(initMs) as maxInitMs by bin(1h)`,
    },
    "api-access": {
        "server-errors":
            "fields @timestamp, requestId, httpMethod, status, integrationError, ip\n| filter status like /^5\\d\\d$/\n| sort @timestamp desc\n| limit 100",
        "slowest-requests": "fields @timestamp, requestId, httpMethod, status, responseLatency, integrationLatency\n| sort responseLatency desc\n| limit 25",
        "requests-by-status": "stats count(*) as requests by status\n| sort requests desc",
    },
};
