import * as pulumi from "@pulumi/pulumi";

/** One problem with one argument: where it is, what it holds, what is allowed. */
export interface Issue {
    /** Dotted path of the field, e.g. `services.web.memoryMiB`. */
    path: string;
    /** The offending value (omitted when the field is missing). */
    value?: unknown;
    /** What is wrong, in a few words. */
    message: string;
    /** What would be accepted instead. */
    allowed?: string;
}

/** Renders a value for an error message: short, JSON-like, never `[object Object]`. */
export function show(value: unknown): string {
    if (value === undefined) return "undefined";
    if (typeof value === "string") return JSON.stringify(value);
    // What JSON cannot write (NaN, Infinity, functions, symbols, bigints, cycles, a throwing toJSON): its own text.
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    try {
        const text = JSON.stringify(value) ?? safeString(value);
        return text.length > 120 ? `${text.slice(0, 117)}...` : text;
    } catch {
        return safeString(value);
    }
}

function safeString(value: unknown): string {
    try {
        return String(value);
    } catch {
        return Object.prototype.toString.call(value);
    }
}

export function formatIssue(issue: Issue): string {
    const value = "value" in issue ? `=${show(issue.value)}` : "";
    const allowed = issue.allowed ? `; allowed: ${issue.allowed}` : "";
    return `${issue.path}${value} ${issue.message}${allowed}`;
}

const MAX_RENDERED = 50;

/**
 * Invalid arguments. A `RunError`, so the Pulumi CLI prints the message without a stack trace.
 * Lists every issue at once: fixing one field at a time is the slowest way to learn a component.
 */
export class ArgsError extends pulumi.RunError {
    /** The instance name as given (shown as JSON text when it is not a string). */
    readonly instance: string;

    constructor(
        readonly component: string,
        instance: unknown,
        readonly issues: Issue[],
    ) {
        super(ArgsError.render(component, instance, issues));
        this.name = "ArgsError";
        this.instance = typeof instance === "string" ? instance : show(instance);
    }

    static render(component: string, instance: unknown, issues: Issue[]): string {
        const head = `${component} ${show(instance)}: `;
        if (issues.length === 1) return head + formatIssue(issues[0]);
        // A list of 10,000 wrong items is one mistake: the first ones show it, the count says the rest.
        const shown = issues.slice(0, MAX_RENDERED).map((i) => `  - ${formatIssue(i)}`);
        if (issues.length > MAX_RENDERED) shown.push(`  - ... and ${issues.length - MAX_RENDERED} more (all in ArgsError.issues)`);
        return `${head}${issues.length} invalid arguments:\n${shown.join("\n")}`;
    }
}

/**
 * Collects issues while validating plain values. Each check returns whether the value passed,
 * so dependent checks can be skipped without reporting the same root cause twice.
 */
export class Issues {
    readonly list: Issue[] = [];

    add(path: string, value: unknown, message: string, allowed?: string): false {
        const issue: Issue = { path, message };
        if (value !== undefined) issue.value = value;
        if (allowed) issue.allowed = allowed;
        this.list.push(issue);
        return false;
    }

    missing(path: string, allowed?: string): false {
        const issue: Issue = { path, message: "is required" };
        if (allowed) issue.allowed = allowed;
        this.list.push(issue);
        return false;
    }

    /** Integer in [min, max] (undefined passes: optional fields are checked only when set). */
    int(path: string, value: unknown, min: number, max: number, unit = ""): boolean {
        if (value === undefined) return true;
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            return this.add(path, value, "is out of range", `an integer from ${min} to ${max}${unit}`);
        }
        return true;
    }

    number(path: string, value: unknown, min: number, max: number, unit = ""): boolean {
        if (value === undefined) return true;
        if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
            return this.add(path, value, "is out of range", `a number from ${min} to ${max}${unit}`);
        }
        return true;
    }

    oneOf<T>(path: string, value: unknown, options: readonly T[]): boolean {
        if (value === undefined) return true;
        if (!options.includes(value as T)) {
            return this.add(path, value, "is not supported", options.map((o) => show(o)).join(", "));
        }
        return true;
    }

    match(path: string, value: unknown, pattern: RegExp, allowed: string): boolean {
        if (value === undefined) return true;
        if (typeof value !== "string" || !pattern.test(value)) return this.add(path, value, "is malformed", allowed);
        return true;
    }

    /**
     * Keys of a keyed record become parts of resource names: keep them DNS-like (a DNS label's 63
     * characters). Children whose physical names have a tighter limit are fitted by `fitName`.
     */
    key(path: string, key: string): boolean {
        return this.match(path, key, /^[a-z][a-z0-9-]{0,62}$/, "lower-case letters, digits and '-', starting with a letter, at most 63 characters");
    }

    get ok(): boolean {
        return this.list.length === 0;
    }

    /** Throws one ArgsError naming every issue, or returns when there is none. */
    throwIfAny(component: string, instance: string): void {
        if (this.list.length > 0) throw new ArgsError(component, instance, this.list);
    }
}

/** Known when plain: `pulumi.Input` values that are Outputs or Promises are checked later, if at all. */
/** `issues` of a nested argument object, their paths under `path` (a component nesting another's args reports them there). */
export function prefixIssues(path: string, issues: Issue[]): Issue[] {
    return issues.map((i) => ({ ...i, path: i.path ? `${path}.${i.path}` : path }));
}

export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
    return value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
