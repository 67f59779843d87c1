/**
 * Finds values that were rendered into a string by mistake: an Output turned into text, an object
 * printed as `[object Object]`, or `undefined`/`NaN` interpolated where a value was expected (an
 * output a fixture or a caller left undefined). AWS accepts many of these strings as they are (a
 * user-data script, a tag, a policy resource `arn:aws:s3:::undefined/*`) and the mistake shows up
 * only when the deployed thing misbehaves; the plan's contract check
 * (`shared/checks/plan-contract.py`, `LEAKS`) looks for the same texts.
 */

/** One leak: where it is and why it is one. */
export interface RenderedLeak {
    /**
     * Property path inside the inputs, `a.b[0].c`; inside a JSON-string value the path continues after
     * ` → ` (`policy → Statement[0].Resource`).
     */
    path: string;
    why: string;
    /** The offending string, shortened. */
    text: string;
}

const LEAKS: Array<[RegExp, string]> = [
    [/Calling \[to(String|JSON)\] on an \[Output<T>\]/, "an Output was turned into a string (use pulumi.interpolate or apply)"],
    [/OutputImpl/, "an Output was printed into a string"],
    [/\[object Object\]/, "an object was turned into a string"],
    // A whole word, as the plan contract reads it: `name: undefined`, `arn:…:undefined`, `-NaN`, not `undefinedBehaviour`.
    [/\bundefined\b/, "'undefined' was rendered into a string"],
    [/\bNaN\b/, "'NaN' was rendered into a string"],
];

const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Parses text that is a JSON object or array (policies, container definitions); undefined otherwise. */
function parseJson(text: string): unknown {
    const t = text.trim();
    if (!(t.startsWith("{") && t.endsWith("}")) && !(t.startsWith("[") && t.endsWith("]"))) return undefined;
    try {
        return JSON.parse(t);
    } catch {
        return undefined;
    }
}

/**
 * Every rendered leak in a resource's inputs (plain JSON, as the engine recorded them), at any depth,
 * including inside JSON-string values. Objects carrying `skipKey` (assets and archives: their text is
 * code, not a rendered value) are not inspected.
 */
export function findRenderedLeaks(value: unknown, skipKey?: string, path = ""): RenderedLeak[] {
    if (typeof value === "string") {
        const doc = parseJson(value);
        if (doc !== undefined && typeof doc === "object" && doc !== null) {
            return findRenderedLeaks(doc, skipKey, "").map((l) => ({ ...l, path: `${path} → ${l.path || "(root)"}` }));
        }
        const hit = LEAKS.find(([rx]) => rx.test(value));
        return hit ? [{ path: path || "(root)", why: hit[1], text: value.length > 160 ? `${value.slice(0, 157)}...` : value }] : [];
    }
    if (value === null || typeof value !== "object") return [];
    if (Array.isArray(value)) return value.flatMap((v, i) => findRenderedLeaks(v, skipKey, join(path, i)));
    if (skipKey !== undefined && skipKey in value) return [];
    return Object.entries(value).flatMap(([k, v]) => findRenderedLeaks(v, skipKey, join(path, k)));
}
