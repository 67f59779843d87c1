/**
 * A tiny structured logger: one JSON object per line on stdout, which Lambda ships to CloudWatch Logs as one event and
 * Logs Insights parses field by field. Callers pass only fields they chose (ids, route, status, timings): never request
 * bodies, headers or secrets.
 */
export type Level = "debug" | "info" | "warn" | "error";
export type Fields = Record<string, string | number | boolean | undefined>;
export type Sink = (line: string) => void;

export interface Logger {
    log(level: Level, message: string, fields?: Fields): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Also the names Lambda's log levels add (TRACE, FATAL), mapped to the nearest level here. */
function levelFrom(value: string | undefined): Level {
    const v = value?.toLowerCase();
    if (v === "trace") return "debug";
    if (v === "fatal") return "error";
    return v === "debug" || v === "info" || v === "warn" || v === "error" ? v : "info";
}

/**
 * The threshold: `LOG_LEVEL` (this package's own setting) if set, else `AWS_LAMBDA_LOG_LEVEL`, which Lambda sets from the
 * function's application log level when its advanced logging controls are configured (`loggingConfig`); `info` when
 * neither is set or the value is unknown.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
 */
export function levelOf(env: Record<string, string | undefined> = process.env): Level {
    return levelFrom(env.LOG_LEVEL ?? env.AWS_LAMBDA_LOG_LEVEL);
}

export function createLogger(sink: Sink = (line) => process.stdout.write(`${line}\n`), threshold: Level = levelOf()): Logger {
    return {
        log(level, message, fields = {}) {
            if (ORDER[level] < ORDER[threshold]) return;
            sink(JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields }));
        },
    };
}
