import type { LogGroupKind } from "./args";

/**
 * Saved Logs Insights queries by kind of log group, in the query language of
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html. Lambda's `REPORT` lines
 * give `@duration`, `@billedDuration`, `@maxMemoryUsed` and, on a cold start, `@initDuration`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html);
 * API access logs are this project's JSON format (components/shared/access-log.ts), whose fields Logs
 * Insights discovers by name. That format writes every value as a JSON string (`"status":"502"`), so
 * server errors are matched as text, not compared as numbers.
 */
const ERRORS = "fields @timestamp, @logStream, @message\n| filter @message like /(?i)(error|exception|fatal|panic)/\n| sort @timestamp desc\n| limit 100";
const ERRORS_PER_5M = "filter @message like /(?i)(error|exception|fatal|panic)/\n| stats count(*) as errors by bin(5m)";

export const QUERIES: Record<LogGroupKind, Record<string, string>> = {
    application: { errors: ERRORS, "errors-per-5m": ERRORS_PER_5M },
    lambda: {
        errors: ERRORS,
        "errors-per-5m": ERRORS_PER_5M,
        "slowest-invocations":
            'filter @type = "REPORT"\n| fields @timestamp, @requestId, @duration, @billedDuration, @maxMemoryUsed / 1000 / 1000 as maxMemoryMB\n| sort @duration desc\n| limit 25',
        "cold-starts":
            'filter @type = "REPORT" and ispresent(@initDuration)\n| stats count(*) as coldStarts, avg(@initDuration) as avgInitMs, max(@initDuration) as maxInitMs by bin(1h)',
    },
    "api-access": {
        "server-errors":
            "fields @timestamp, requestId, httpMethod, status, integrationError, ip\n| filter status like /^5\\d\\d$/\n| sort @timestamp desc\n| limit 100",
        "slowest-requests": "fields @timestamp, requestId, httpMethod, status, responseLatency, integrationLatency\n| sort responseLatency desc\n| limit 25",
        "requests-by-status": "stats count(*) as requests by status\n| sort requests desc",
    },
};
