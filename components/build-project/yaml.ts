/**
 * Renders plain data (strings, finite numbers, booleans, null, lists, objects) as block-style YAML for
 * a buildspec. Every string is written in JSON's double-quoted form, which YAML reads back as exactly
 * that string (no `yes`/`0.2`/`: ` surprises, and any shell text is safe inside it); keys of letters,
 * digits, `_`, `-` and `.` stay plain, as buildspecs are usually written. Numbers stay numbers
 * (`version: 0.2`). Not a general YAML library: enough for buildspecs, without a runtime dependency.
 */
export function toYaml(value: unknown): string {
    return `${render(value, 0).join("\n")}\n`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const key = (k: string) => (PLAIN_KEY.test(k) ? k : JSON.stringify(k));

function scalar(value: unknown): string {
    if (value === null) return "null";
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new Error(`toYaml: ${value} is not a finite number`);
        return String(value);
    }
    if (typeof value === "boolean") return String(value);
    throw new Error(`toYaml: cannot render ${typeof value}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Lines of `value` at `indent` spaces (a scalar is one line without indentation of its own). */
function render(value: unknown, indent: number): string[] {
    const pad = " ".repeat(indent);
    if (Array.isArray(value)) {
        if (value.length === 0) return [`${pad}[]`];
        return value.flatMap((item) => {
            if (isObject(item) || Array.isArray(item)) {
                const inner = render(item, indent + 2);
                if (inner.length === 1 && /^\s*(\[\]|\{\})$/.test(inner[0])) return [`${pad}- ${inner[0].trim()}`];
                return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
            }
            return [`${pad}- ${scalar(item)}`];
        });
    }
    if (isObject(value)) {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        if (entries.length === 0) return [`${pad}{}`];
        return entries.flatMap(([k, v]) => {
            if ((isObject(v) && Object.keys(v).length > 0) || (Array.isArray(v) && v.length > 0)) {
                return [`${pad}${key(k)}:`, ...render(v, Array.isArray(v) ? indent : indent + 2)];
            }
            if (isObject(v)) return [`${pad}${key(k)}: {}`];
            if (Array.isArray(v)) return [`${pad}${key(k)}: []`];
            return [`${pad}${key(k)}: ${scalar(v)}`];
        });
    }
    return [`${pad}${scalar(value)}`];
}
