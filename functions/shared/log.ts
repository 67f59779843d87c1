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

function levelFrom(value: string | undefined): Level {
    const v = value?.toLowerCase();
    return v === "debug" || v === "info" || v === "warn" || v === "error" ? v : "info";
}

/** `LOG_LEVEL` (the name Lambda's advanced logging controls use) sets the threshold; `info` when unset or unknown. */
export function createLogger(sink: Sink = (line) => process.stdout.write(`${line}\n`), threshold: Level = levelFrom(process.env.LOG_LEVEL)): Logger {
    return {
        log(level, message, fields = {}) {
            if (ORDER[level] < ORDER[threshold]) return;
            sink(JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields }));
        },
    };
}
