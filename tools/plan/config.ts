/**
 * Reads a Pulumi project and one stack's settings from disk, the way the Pulumi CLI would, and turns
 * the stack's `config:` map into what `pulumi.runtime.setAllConfig` takes. Pure functions over files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { SECRET_MASK } from "../../components/testing/engine";

/** What a program reads a secret as under the plan: the real value needs the stack's key, which we never have. */
export const SECRET_PLACEHOLDER = "mock-secret";

export interface StackConfig {
    /** `"<namespace>:<key>"` → value as the runtime sees it (structured values JSON-encoded). */
    config: Record<string, string>;
    /** Keys of `config` that hold a `secure:` value (anywhere inside them). */
    secretKeys: string[];
}

/** The project's or stack's settings files are missing or malformed: the user's setup, not the program. */
export class ProjectError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProjectError";
    }
}

/** A stack name that has no `Pulumi.<stack>.yaml`. */
export class UnknownStackError extends ProjectError {
    constructor(
        readonly stack: string,
        readonly available: string[],
    ) {
        super(`unknown stack "${stack}"; available stacks: ${available.length ? available.join(", ") : "none (no Pulumi.<stack>.yaml files)"}`);
        this.name = "UnknownStackError";
    }
}

function readYaml(file: string): any {
    try {
        return parse(fs.readFileSync(file, "utf8")) ?? {};
    } catch (e) {
        throw new ProjectError(`${file} is not valid YAML: ${(e as Error).message}`);
    }
}

/** The project name (`name:` in Pulumi.yaml): the second part of every URN. */
export function readProjectName(projectDir: string): string {
    const file = path.join(projectDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new ProjectError(`no Pulumi.yaml in ${projectDir}: not a Pulumi project`);
    const name = readYaml(file).name;
    if (typeof name !== "string" || name === "") throw new ProjectError(`${file} has no \`name:\``);
    return name;
}

/** Stacks that have a settings file, sorted. */
export function listStacks(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

function isSecure(value: unknown): value is { secure: string } {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as { secure?: unknown }).secure === "string"
    );
}

/** Replaces every `{ secure: ... }` inside a value with the placeholder; reports whether it saw one. */
function replaceSecure(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(replaceSecure);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, replaceSecure(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secret: entries.some(([, r]) => r.secret) };
    }
    return { value, secret: false };
}

/** The string the runtime expects: scalars as text, structured values as JSON (what `requireObject` parses). */
function toConfigString(value: unknown): string {
    if (typeof value === "string") return value;
    // An empty YAML value (`key:`) is null; Pulumi reads it as an empty string.
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
}

/** Converts a stack file's `config:` map. A key without a namespace belongs to the project, as in Pulumi. */
export function toRuntimeConfig(project: string, raw: Record<string, unknown>): StackConfig {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        const replaced = replaceSecure(value);
        config[fullKey] = toConfigString(replaced.value);
        if (replaced.secret) secretKeys.push(fullKey);
    }
    return { config, secretKeys };
}

/** A stack as the CLI would run it: its project's name and its config. */
export interface StackSettings extends StackConfig {
    project: string;
    stack: string;
}

/**
 * Reads `Pulumi.<stack>.yaml` and the project name. The stack is checked first, so that a mistyped
 * stack name is reported as such, with the stacks that exist ({@link UnknownStackError}).
 */
export function readStackSettings(projectDir: string, stack: string): StackSettings {
    // Pulumi's own rule for stack names; it also keeps the name from reaching outside the project.
    const valid = /^[A-Za-z0-9_.-]+$/.test(stack);
    const file = valid ? ["yaml", "yml"].map((ext) => path.join(projectDir, `Pulumi.${stack}.${ext}`)).find((f) => fs.existsSync(f)) : undefined;
    if (file === undefined) throw new UnknownStackError(stack, listStacks(projectDir));
    const project = readProjectName(projectDir);
    const raw = readYaml(file).config ?? {};
    if (typeof raw !== "object" || Array.isArray(raw)) throw new ProjectError(`${file}: \`config:\` must be a map`);
    return { project, stack, ...toRuntimeConfig(project, raw) };
}

/** The config as plan.json shows it: secrets replaced by "[secret]", as `pulumi preview --json` does. */
export function maskConfig({ config, secretKeys }: StackConfig): Record<string, string> {
    const secret = new Set(secretKeys);
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, secret.has(k) ? SECRET_MASK : v]));
}
