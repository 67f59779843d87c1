/**
 * How often an EventBridge Scheduler schedule or an EventBridge rule fires in a month, from its
 * `scheduleExpression` (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
 * `rate(value unit)`, `cron(minutes hours day-of-month month day-of-week year)` and the one-time `at(...)`.
 *
 * The month is 30 days, so `rate(5 minutes)` fires 30 × 24 × 60 / 5 = 8,640 times. A cron fires
 * |minutes| × |hours| times on each day it matches; the days it matches in that month are 30 for `*`/`?` in both
 * day fields, 30 × (matching weekdays / 7) for a day-of-week list, the matching days among 1–30 for a
 * day-of-month list (`L`, `nW`, `n#k` and `nL` match one day a month), times the share of months it matches.
 */

/** Days in the month schedules are counted over. */
export const SCHEDULE_DAYS_PER_MONTH = 30;

export interface ScheduleCount {
    /** Firings per 30-day month. */
    perMonth: number;
    /** How it was counted, for a cost line's note. */
    note: string;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** The values a cron field matches within [min, max], or undefined when the field is not understood. */
function fieldValues(field: string, min: number, max: number, names: string[] = []): Set<number> | undefined {
    const value = (token: string): number | undefined => {
        const named = names.indexOf(token.toUpperCase());
        if (named >= 0) return named + 1;
        if (!/^\d+$/.test(token)) return undefined;
        const n = Number(token);
        return n >= min && n <= max ? n : undefined;
    };
    const out = new Set<number>();
    for (const part of field.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        if (!Number.isInteger(step) || step < 1) return undefined;
        let from: number | undefined;
        let to: number | undefined;
        if (range === "*") {
            from = min;
            to = max;
        } else if (range.includes("-")) {
            const [a, b] = range.split("-");
            from = value(a);
            to = value(b);
        } else {
            from = value(range);
            // `5/15` in minutes means 5, 20, 35, 50: from the value to the field's end.
            to = stepText === undefined ? from : max;
        }
        if (from === undefined || to === undefined || from > to) return undefined;
        for (let v = from; v <= to; v += step) out.add(v);
    }
    return out;
}

/** Days matched in a 30-day month, or undefined when not understood. */
function daysPerMonth(dayOfMonth: string, dayOfWeek: string): number | undefined {
    const any = (f: string) => f === "*" || f === "?";
    if (any(dayOfMonth) && any(dayOfWeek)) return SCHEDULE_DAYS_PER_MONTH;
    if (!any(dayOfWeek)) {
        // `6L` (last Friday) and `2#1` (first Monday) match one day a month.
        if (/^[1-7A-Za-z]{1,3}(L|#[1-5])$/.test(dayOfWeek)) return 1;
        const weekdays = fieldValues(dayOfWeek, 1, 7, WEEKDAYS);
        return weekdays === undefined ? undefined : (SCHEDULE_DAYS_PER_MONTH * weekdays.size) / 7;
    }
    // `L`, `LW` and `15W` match one day a month each.
    let special = 0;
    const plain: string[] = [];
    for (const part of dayOfMonth.split(",")) {
        if (/^(L|LW|\d{1,2}W)$/.test(part)) special += 1;
        else plain.push(part);
    }
    if (plain.length === 0) return special;
    const days = fieldValues(plain.join(","), 1, 31);
    if (days === undefined) return undefined;
    return special + [...days].filter((d) => d <= SCHEDULE_DAYS_PER_MONTH).length;
}

function countCron(body: string): number | undefined {
    const fields = body.trim().split(/\s+/);
    if (fields.length !== 6) return undefined;
    const [minutes, hours, dayOfMonth, month, dayOfWeek] = fields;
    const m = fieldValues(minutes, 0, 59);
    const h = fieldValues(hours, 0, 23);
    const days = daysPerMonth(dayOfMonth, dayOfWeek);
    const months = month === "?" ? undefined : fieldValues(month, 1, 12, MONTHS);
    if (m === undefined || h === undefined || days === undefined || months === undefined) return undefined;
    return m.size * h.size * days * (months.size / 12);
}

const RATE_MINUTES: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

/**
 * Firings per 30-day month of a schedule expression; undefined for an expression this model does not read
 * (the caller then prices 0 and says so).
 */
export function schedulePerMonth(expression: unknown): ScheduleCount | undefined {
    if (typeof expression !== "string") return undefined;
    const text = expression.trim();
    const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(text);
    if (rate) {
        const every = Number(rate[1]) * (RATE_MINUTES[rate[2].toLowerCase()] ?? Number.NaN);
        if (!(every > 0)) return undefined;
        const perMonth = (SCHEDULE_DAYS_PER_MONTH * 24 * 60) / every;
        return { perMonth, note: `${text}: ${SCHEDULE_DAYS_PER_MONTH} × 1,440 min ÷ ${round(every)} min = ${round(perMonth)} a month` };
    }
    const cron = /^cron\((.*)\)$/i.exec(text);
    if (cron) {
        const perMonth = countCron(cron[1]);
        if (perMonth === undefined) return undefined;
        return { perMonth, note: `${text}: ${round(perMonth)} times in a ${SCHEDULE_DAYS_PER_MONTH}-day month` };
    }
    if (/^at\(/i.test(text)) return { perMonth: 0, note: `${text}: a one-time schedule, 0 a month` };
    return undefined;
}

function round(n: number): string {
    return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
