/**
 * Shape checks: the first thing every component constructor (and the stack config parser) runs,
 * before `super()` and before `normalize` or the value rules read a field. It answers "is this the
 * kind of value the args interface declares?" — types (a boolean is a JS boolean: the string
 * `"false"` is refused, never truthy), plain objects versus arrays versus `null`, unknown keys
 * (refused, with the nearest valid key suggested), record keys that are prototype names, cycles
 * and nesting deeper than {@link MAX_DEPTH}. `pulumi.Input` fields accept Outputs and Promises
 * without inspecting them. Every issue of the whole object is reported at once.
 *
 * Hand-written rather than zod 4: zod is not a dependency of this package (and adding one to every
 * consumer of the components for ~300 lines of checks is a poor trade); our shapes need things a
 * generic schema library does not give without adapters — `pulumi.Input` pass-through, our `Issue`
 * (path, value, allowed), nearest-key suggestions, prototype-name refusal, cycle and depth bounds
 * without a stack overflow — and `object<T>()` ties each schema to its TypeScript interface at
 * compile time (a key missing from the schema, an extra one, or an optional/required mismatch fails
 * `tsc`). JSON Schema for the docs can be derived from these shapes if we ever want it.
 */
import * as pulumi from "@pulumi/pulumi";
import { Issue, Issues, show } from "./errors";
import { childName } from "./naming";

/** Deeper than this is refused: no args interface nests beyond ~8 levels, and recursion must stay bounded. */
export const MAX_DEPTH = 32;

/** Longer lists are refused: no AWS list we model comes near it, and checking must stay quick. */
export const MAX_ITEMS = 10_000;

/** Property names every plain object inherits: as record keys they shadow or hit the prototype. */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

export type Shape =
    | { kind: "string"; pattern?: RegExp; allowed?: string; nonEmpty?: boolean }
    | { kind: "number"; integer: boolean; min?: number; max?: number; unit?: string }
    | { kind: "boolean" }
    | { kind: "oneOf"; values: readonly (string | number | boolean)[] }
    | { kind: "array"; of: Shape; nonEmpty?: boolean; allowed?: string }
    | { kind: "object"; fields: Record<string, Field>; doc?: string; noun?: string; open?: boolean }
    | { kind: "record"; of: Shape }
    | { kind: "union"; of: Shape[]; allowed: string }
    | { kind: "input"; of: Shape }
    | { kind: "json" }
    | { kind: "function" }
    | { kind: "opaque" }
    | { kind: "custom"; category: Category; check: (issues: Issues, path: string, value: unknown) => void; allowed: string };

/** An optional field (may be absent or `undefined`; never `null`). */
export interface Optional {
    optional: true;
    shape: Shape;
}
export type Field = Shape | Optional;

const isOptional = (f: Field): f is Optional => "optional" in f;

// ---- Builders ----

export const string = (o: { pattern?: RegExp; allowed?: string; nonEmpty?: boolean } = {}): Shape => ({ kind: "string", ...o });
export const int = (o: { min?: number; max?: number; unit?: string } = {}): Shape => ({ kind: "number", integer: true, ...o });
export const number = (o: { min?: number; max?: number } = {}): Shape => ({ kind: "number", integer: false, ...o });
export const boolean = (): Shape => ({ kind: "boolean" });
export const oneOf = (values: readonly (string | number | boolean)[]): Shape => ({ kind: "oneOf", values });
export const array = (of: Shape, o: { nonEmpty?: boolean; allowed?: string } = {}): Shape => ({ kind: "array", of, ...o });
export const record = (of: Shape): Shape => ({ kind: "record", of });
export const union = (allowed: string, ...of: Shape[]): Shape => ({ kind: "union", of, allowed });
/** A `pulumi.Input<T>`: an Output or a Promise passes unchecked; a plain value must match `of`. */
export const input = (of: Shape): Shape => ({ kind: "input", of });
/** Plain JSON data (strings, finite numbers, booleans, null, arrays, plain objects), e.g. an event pattern. */
export const json = (): Shape => ({ kind: "json" });
export const func = (): Shape => ({ kind: "function" });
/** A plain object whose keys are not ours to know (a transform's partial resource args): only cycles and depth are checked. */
export const opaque = (): Shape => ({ kind: "opaque" });
export const custom = (category: Category, allowed: string, check: (issues: Issues, path: string, value: unknown) => void): Shape => ({
    kind: "custom",
    category,
    allowed,
    check,
});
export const optional = (shape: Shape): Optional => ({ optional: true, shape });

/** `Transform<T>`: a function, or a partial args object merged over the child's. */
export const transform = (): Shape => union("a function (args, opts) => args, or a partial args object", func(), opaque());

/** The fields of `T`, each one: required keys take a `Shape`, optional keys an `optional(...)`. */
export type FieldsOf<T> = { [K in keyof T]-?: undefined extends T[K] ? Optional : Shape };

/** A shape that remembers the keys it was built for (see the type-level tests). */
export type ObjectShape<K extends string> = Shape & { kind: "object"; fields: Record<K, Field> };
export type KeysOfShape<S> = S extends ObjectShape<infer K> ? K : never;

/**
 * The shape of the interface `T`: `object<ServiceArgs>()({ ... })`. The compiler refuses a missing
 * key, an extra key, and an optional field written as required (or the reverse). At run time unknown
 * keys are refused, unless `open`: for values another component builds and may enrich (a KubernetesTarget).
 */
export function object<T>(o: { doc?: string; noun?: string; open?: boolean } = {}) {
    return <F extends FieldsOf<T>>(fields: F & Record<Exclude<keyof F, keyof T>, never>): ObjectShape<Extract<keyof T, string>> =>
        ({ kind: "object", fields: fields as unknown as Record<string, Field>, ...o }) as ObjectShape<Extract<keyof T, string>>;
}

// ---- Checking ----

export type Category = "undefined" | "null" | "string" | "number" | "boolean" | "array" | "object" | "function" | "input" | "other";

/** Outputs and Promises: the values `pulumi.Input` admits besides the plain value. */
export function isUnresolved(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

export function categoryOf(value: unknown): Category {
    if (value === undefined) return "undefined";
    if (value === null) return "null";
    if (isUnresolved(value)) return "input";
    if (Array.isArray(value)) return "array";
    if (isPlainObject(value)) return "object";
    const t = typeof value;
    if (t === "string" || t === "number" || t === "boolean" || t === "function") return t;
    return "other";
}

/** Own property lookup: a name like `toString` never reaches `Object.prototype`. */
export function own<V>(rec: Record<string, V> | undefined, key: unknown): V | undefined {
    if (rec === undefined || rec === null || typeof key !== "string") return undefined;
    return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** Levenshtein distance, case-insensitive letters counting as a small difference. */
export function editDistance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    let prev = Array.from({ length: y.length + 1 }, (_v, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const cur = [i];
        for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[y.length];
}

/** The known key nearest to `key`, if it is near enough to be a typo (at most a third of its letters off). */
export function nearest(key: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const k of known) {
        const d = editDistance(key, k);
        if (d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.max(key.length, best.length) / 3)) ? best : undefined;
}

/** Reports an unknown key, suggesting the nearest known one. */
export function unknownKey(issues: Issues, path: string, value: unknown, known: readonly string[], what = "argument"): void {
    const key = path.slice(path.lastIndexOf(".") + 1);
    const near = nearest(key, known);
    issues.add(path, value, `is not a known ${what}${near ? `; did you mean ${near}?` : ""}`, known.join(", ") || "no keys");
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

interface Walk {
    depth: number;
    ancestors: Set<object>;
}

const DESCRIBE: Record<Shape["kind"], (s: any) => string> = {
    string: (s) => s.allowed ?? "a string",
    number: (s) => (s.integer ? "an integer" : "a finite number"),
    boolean: () => "true or false",
    oneOf: (s) => s.values.map((v: unknown) => show(v)).join(", "),
    array: (s) => s.allowed ?? "a list",
    object: (s) =>
        s.doc ??
        `{ ${Object.entries(s.fields as Record<string, Field>)
            .map(([k, f]) => (isOptional(f) ? `${k}?` : k))
            .join(", ")} }`,
    record: () => "an object keyed by name",
    union: (s) => s.allowed,
    input: (s) => describe(s.of),
    json: () => "plain JSON data",
    function: () => "a function",
    opaque: () => "an object",
    custom: (s) => s.allowed,
};

export function describe(shape: Shape): string {
    return DESCRIBE[shape.kind](shape);
}

/** Cycles and depth: checked on entering any object or array, whatever its shape. */
function enter(issues: Issues, path: string, value: object, walk: Walk): Walk | undefined {
    if (walk.ancestors.has(value)) {
        issues.add(path || "args", "(a cycle)", "refers to itself (a cycle)", "a tree of plain values");
        return undefined;
    }
    if (Array.isArray(value) && value.length > MAX_ITEMS) {
        issues.add(path || "args", `(${value.length} items)`, `holds more than ${MAX_ITEMS} items`, `at most ${MAX_ITEMS}`);
        return undefined;
    }
    if (walk.depth >= MAX_DEPTH) {
        issues.add(path || "args", "(too deep)", `is nested more than ${MAX_DEPTH} levels deep`, `at most ${MAX_DEPTH} levels`);
        return undefined;
    }
    return { depth: walk.depth + 1, ancestors: new Set([...walk.ancestors, value]) };
}

/** What a value is, for "<path>=<value> is a string; allowed: true or false". */
const IS: Record<Category, string> = {
    undefined: "is missing",
    null: "is null",
    string: "is a string",
    number: "is a number",
    boolean: "is a boolean",
    array: "is a list",
    object: "is an object",
    function: "is a function",
    input: "is an Output or a Promise, where a plain value is needed",
    other: "is not a plain value (a class instance, symbol or bigint)",
};

function typeIssue(issues: Issues, path: string, shape: Shape, value: unknown): void {
    const cat = categoryOf(value);
    issues.add(path, value, IS[cat], describe(shape));
}

function checkRecordKey(issues: Issues, path: string, key: string): boolean {
    if (PROTOTYPE_NAMES.has(key)) {
        issues.add(path, key, "is a name every JavaScript object inherits (a prototype property)", "another key");
        return false;
    }
    return true;
}

/** Opaque values: any plain data, functions, Outputs; only cycles and depth matter. */
function checkGraph(issues: Issues, path: string, value: unknown, walk: Walk): void {
    if (typeof value !== "object" || value === null || isUnresolved(value)) return;
    if (!Array.isArray(value) && !isPlainObject(value)) return;
    const inner = enter(issues, path, value, walk);
    if (!inner) return;
    if (Array.isArray(value)) for (const [i, v] of value.entries()) checkGraph(issues, `${path}[${i}]`, v, inner);
    else for (const k of Object.keys(value)) checkGraph(issues, join(path, k), value[k], inner);
}

function check(issues: Issues, path: string, shape: Shape, value: unknown, walk: Walk): void {
    const cat = categoryOf(value);
    switch (shape.kind) {
        case "string":
            if (cat !== "string") {
                typeIssue(issues, path, shape, value);
                return;
            }
            if (shape.nonEmpty && value === "") {
                issues.add(path, value, "is empty", describe(shape));
                return;
            }
            if (shape.pattern && !shape.pattern.test(value as string)) issues.add(path, value, "is malformed", describe(shape));
            return;
        case "number": {
            if (cat !== "number") {
                typeIssue(issues, path, shape, value);
                return;
            }
            const n = value as number;
            const range = shape.min !== undefined || shape.max !== undefined;
            const allowed = `${shape.integer ? "an integer" : "a number"}${range ? ` from ${shape.min} to ${shape.max}${shape.unit ?? ""}` : ""}`;
            if (!Number.isFinite(n)) {
                issues.add(path, n, "is not a finite number", allowed);
                return;
            }
            if (shape.integer && !Number.isInteger(n)) {
                issues.add(path, n, range ? "is out of range" : "is not an integer", allowed);
                return;
            }
            if ((shape.min !== undefined && n < shape.min) || (shape.max !== undefined && n > shape.max)) issues.add(path, n, "is out of range", allowed);
            return;
        }
        case "boolean":
            if (cat !== "boolean") typeIssue(issues, path, shape, value);
            return;
        case "oneOf":
            if (!shape.values.includes(value as string)) issues.add(path, value, "is not supported", describe(shape));
            return;
        case "function":
            if (cat !== "function") typeIssue(issues, path, shape, value);
            return;
        case "input":
            if (cat === "input") return;
            check(issues, path, shape.of, value, walk);
            return;
        case "opaque":
            if (cat !== "object") {
                typeIssue(issues, path, shape, value);
                return;
            }
            checkGraph(issues, path, value, walk);
            return;
        case "json":
            checkJson(issues, path, value, walk);
            return;
        case "custom":
            if (cat !== shape.category) {
                typeIssue(issues, path, shape, value);
                return;
            }
            if (cat === "object" || cat === "array") {
                const before = issues.list.length;
                checkGraph(issues, path, value, walk);
                if (issues.list.length > before) return;
            }
            shape.check(issues, path, value);
            return;
        case "union": {
            const fits = shape.of.filter((s) => accepts(s, cat));
            if (fits.length === 0) {
                typeIssue(issues, path, shape, value);
                return;
            }
            check(issues, path, fits[0], value, walk);
            return;
        }
        case "array": {
            if (cat !== "array") {
                typeIssue(issues, path, shape, value);
                return;
            }
            const list = value as unknown[];
            if (shape.nonEmpty && list.length === 0) {
                issues.add(path, [], "is empty", describe(shape));
                return;
            }
            const inner = enter(issues, path, list, walk);
            if (!inner) return;
            // Sparse arrays: a hole reads as undefined, which the element shape refuses.
            for (let i = 0; i < list.length; i++) check(issues, `${path}[${i}]`, shape.of, list[i], inner);
            return;
        }
        case "record": {
            if (cat !== "object") {
                typeIssue(issues, path, shape, value);
                return;
            }
            const rec = value as Record<string, unknown>;
            const inner = enter(issues, path, rec, walk);
            if (!inner) return;
            for (const key of Object.keys(rec)) {
                const p = join(path, key);
                if (checkRecordKey(issues, p, key)) check(issues, p, shape.of, rec[key], inner);
            }
            return;
        }
        case "object": {
            if (cat !== "object") {
                typeIssue(issues, path, shape, value);
                return;
            }
            const obj = value as Record<string, unknown>;
            const inner = enter(issues, path, obj, walk);
            if (!inner) return;
            const known = Object.keys(shape.fields);
            if (!shape.open)
                for (const key of Object.keys(obj)) if (!Object.hasOwn(shape.fields, key)) unknownKey(issues, join(path, key), obj[key], known, shape.noun);
            for (const [key, field] of Object.entries(shape.fields)) {
                const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
                const p = join(path, key);
                if (v === undefined) {
                    if (!isOptional(field)) issues.missing(p, describe(field));
                    continue;
                }
                check(issues, p, isOptional(field) ? field.shape : field, v, inner);
            }
        }
    }
}

/** Which value categories a shape takes (for choosing a union's branch). */
function accepts(shape: Shape, cat: Category): boolean {
    switch (shape.kind) {
        case "string":
            return cat === "string";
        case "number":
            return cat === "number";
        case "boolean":
            return cat === "boolean";
        case "oneOf":
            return shape.values.some((v) => categoryOf(v) === cat);
        case "array":
            return cat === "array";
        case "object":
        case "record":
        case "opaque":
            return cat === "object";
        case "function":
            return cat === "function";
        case "json":
            return cat !== "undefined" && cat !== "function" && cat !== "input" && cat !== "other";
        case "input":
            return cat === "input" || accepts(shape.of, cat);
        case "custom":
            return cat === shape.category;
        case "union":
            return shape.of.some((s) => accepts(s, cat));
    }
}

function checkJson(issues: Issues, path: string, value: unknown, walk: Walk): void {
    const cat = categoryOf(value);
    if (cat === "string" || cat === "boolean" || cat === "null") return;
    if (cat === "number") {
        if (!Number.isFinite(value)) issues.add(path, value, "is not a finite number", "plain JSON data");
        return;
    }
    if (cat === "array" || cat === "object") {
        const inner = enter(issues, path, value as object, walk);
        if (!inner) return;
        if (Array.isArray(value)) for (const [i, v] of value.entries()) checkJson(issues, `${path}[${i}]`, v, inner);
        else for (const [k, v] of Object.entries(value as object)) if (checkRecordKey(issues, join(path, k), k)) checkJson(issues, join(path, k), v, inner);
        return;
    }
    issues.add(path, String(value), "is not plain JSON data", "strings, numbers, booleans, null, lists and objects");
}

/** Checks `value` against `shape`, adding every issue to `issues`; `path` prefixes every issue's path. */
export function checkShape(issues: Issues, shape: Shape, value: unknown, path = ""): boolean {
    const before = issues.list.length;
    if (value === undefined || value === null) {
        issues.add(path || "args", value, value === null ? "is null" : "is required", describe(shape));
        return false;
    }
    check(issues, path, shape, value, { depth: 0, ancestors: new Set() });
    return issues.list.length === before;
}

/**
 * A component instance's name: it starts every child's logical name, and so their URNs and the
 * physical names the provider derives from them. Pulumi takes almost any string, but `::` is the URN
 * separator, and the AWS names it ends up in take letters, digits, `-` and (some) `_` at most. The
 * naming helper shortens, re-cases and hashes physical names to each resource's budget, so mixed case
 * and `_` (`orders_api`) are fine here; 128 characters bounds what it has to hash.
 */
export const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function checkComponentName(issues: Issues, name: unknown): boolean {
    if (typeof name !== "string" || !COMPONENT_NAME.test(name)) {
        return issues.add("name", name, "is not a valid component name", "1 to 128 letters, digits, '-' and '_', starting with a letter or digit");
    }
    return true;
}

/**
 * The name and shape checks a constructor runs first: throws one ArgsError listing every issue.
 * `component` names the class in the message; an invalid instance name is shown as given.
 */
export function checkArgsShape(issues: Issues, name: unknown, shape: Shape, args: unknown): boolean {
    const nameOk = checkComponentName(issues, name);
    return checkShape(issues, shape, args) && nameOk;
}

/** The issues of a component instance's name (none when it is valid). */
export function nameIssues(name: unknown): Issue[] {
    const issues = new Issues();
    checkComponentName(issues, name);
    return issues.list;
}

/**
 * Child components keyed by `field` (an API's `functions`) are named `<name>-<key>`, which must be a
 * component name too (128 characters): checked with the instance's own name, before the parent
 * registers, so a long name is refused with nothing created. Nothing to say while the name or the
 * record is itself invalid (their own checks report that).
 */
export function childComponentNameIssues(name: unknown, field: string, children: unknown, component: string): Issue[] {
    const issues = new Issues();
    if (nameIssues(name).length > 0 || typeof children !== "object" || children === null) return issues.list;
    for (const key of Object.keys(children)) {
        const child = childName(name as string, key);
        if (child.length > 128)
            issues.add(
                `${field}.${key}`,
                key,
                `makes the ${component} name "${child}" ${child.length} characters long`,
                `a shorter instance name or key (${(name as string).length} + 1 + ${key.length} > 128)`,
            );
    }
    return issues.list;
}
