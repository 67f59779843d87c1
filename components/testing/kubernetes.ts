/**
 * Offline schema validation of the Kubernetes objects a program registered, against the OpenAPI
 * schemas of the Kubernetes API as `kubernetes-models` 4.x packages them (CommonJS; 5.x is ESM-only).
 * The mock engine accepts any object; the API server does not: a wrong type, a missing required field,
 * a value outside an enum, or a misspelled field fails here instead of at `pulumi up`.
 *
 *   const { registry } = await build(program);
 *   assert.deepEqual(kubernetesSchemaIssues(registry), []);
 *
 * `kubernetes-models` validates types, required fields and enums but accepts unknown fields, which the
 * API server drops or (with strict field validation, kubectl's default) refuses; so this module also
 * reports every field its TypeScript declarations do not know, following the declared types from the
 * object's top through named types (`spec`, `template`, `containers[]`, `securityContext`, …).
 * Free-form maps (labels, annotations) and inline object types are not followed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { removedIn } from "../shared/limits/kubernetes";
import type { RecordedResource } from "./engine";

/** What the registry offers: its resources in order (a `Registry` from `build()`). */
export interface ResourceSource {
    all(): RecordedResource[];
}

/** One problem with one registered Kubernetes object. */
export interface KubernetesSchemaIssue {
    /** Type token, e.g. `kubernetes:apps/v1:StatefulSet`. */
    type: string;
    /** Logical name of the resource. */
    name: string;
    /** Path in the object, e.g. `spec.template.spec.containers[0].name` (empty: the object as a whole). */
    path: string;
    message: string;
}

/** A Kubernetes resource not validated, and why. */
export interface KubernetesSchemaSkip {
    type: string;
    name: string;
    reason: string;
}

export interface KubernetesSchemaReport {
    /** Objects validated against a schema. */
    checked: number;
    issues: KubernetesSchemaIssue[];
    skipped: KubernetesSchemaSkip[];
}

const PACKAGE = "kubernetes-models";

let root: string | undefined;
function packageRoot(): string {
    root ??= path.dirname(require.resolve(`${PACKAGE}/package.json`));
    return root;
}

let groups: Set<string> | undefined;
/** API groups `kubernetes-models` has schemas for (its top-level folders), plus the core group. */
function builtInGroups(): Set<string> {
    groups ??= new Set([
        "core",
        ...fs
            .readdirSync(packageRoot(), { withFileTypes: true })
            .filter((d) => d.isDirectory() && !d.name.startsWith("_") && d.name !== "v1")
            .map((d) => d.name),
    ]);
    return groups;
}

/** How a type token is handled: validated against a module, skipped for a reason, or unknown. */
export type KubernetesTokenTarget = { kind: "model"; module: string; export: string } | { kind: "skip"; reason: string } | { kind: "unknown"; reason: string };

/**
 * Where the schema of a Pulumi Kubernetes type token lives: `kubernetes:apps/v1:StatefulSet` →
 * `kubernetes-models/apps/v1/StatefulSet`, `kubernetes:core/v1:Service` → `kubernetes-models/v1/Service`.
 */
export function kubernetesModelFor(type: string): KubernetesTokenTarget {
    // Typed classes say `core/v1`; a CustomResource of a core kind carries its apiVersion as given (`v1`).
    const m = /^kubernetes:(?:([^:/]+)\/)?([^:/]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) return { kind: "unknown", reason: `${type} is not a kubernetes:<group>/<version>:<Kind> token` };
    const [, group = "core", version, kind] = m;
    if (group === "helm.sh") return { kind: "skip", reason: "a Helm chart: the objects it renders are not visible offline" };
    if (group === "yaml" || group === "kustomize") return { kind: "skip", reason: "a remote component: the objects it loads are not visible offline" };
    if (kind.endsWith("Patch")) return { kind: "skip", reason: "a server-side apply patch: partial by design, so required fields are absent" };
    if (!builtInGroups().has(group)) {
        return { kind: "skip", reason: `a custom resource (API group ${group}): its schema is its CustomResourceDefinition, in the cluster` };
    }
    const apiVersion = group === "core" ? version : `${group}/${version}`;
    const removed = removedIn(apiVersion, kind);
    if (removed)
        return { kind: "unknown", reason: `${apiVersion} ${kind} is no longer served: Kubernetes ${removed} removed it (see the API deprecation guide)` };
    const module = group === "core" ? `${PACKAGE}/${version}/${kind}` : `${PACKAGE}/${group}/${version}/${kind}`;
    const file = path.join(packageRoot(), ...(group === "core" ? [version] : [group, version]), `${kind}.js`);
    if (!fs.existsSync(file)) {
        return {
            kind: "unknown",
            reason: `no schema for ${apiVersion} ${kind} (${PACKAGE} has none: a kind or version the Kubernetes API does not serve)`,
        };
    }
    return { kind: "model", module, export: kind };
}

interface AjvError {
    instancePath: string;
    message?: string;
    params?: Record<string, unknown>;
}

/** `/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
function dotted(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

function describe(e: AjvError): string {
    const p = e.params ?? {};
    if (Array.isArray(p.allowedValues)) return `${e.message}: ${p.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    return e.message ?? "is invalid";
}

// ---- Unknown fields, from the package's TypeScript declarations ----

interface Declared {
    /** Field name → its declared type text. */
    fields: Map<string, string>;
    /** Imported type name → the declaration file it comes from. */
    imports: Map<string, string>;
}

const declarations = new Map<string, Declared | undefined>();

/** The fields of the interface a declaration file declares (`I<basename>`), and where its imported types live. */
function declared(file: string): Declared | undefined {
    if (declarations.has(file)) return declarations.get(file);
    let result: Declared | undefined;
    if (fs.existsSync(file)) {
        const lines = fs.readFileSync(file, "utf8").split("\n");
        const imports = new Map<string, string>();
        for (const line of lines) {
            const imp = /^import \{ (\w+) \} from "([^"]+)";/.exec(line);
            if (!imp) continue;
            const from = imp[2].startsWith(".")
                ? path.resolve(path.dirname(file), `${imp[2]}.d.ts`)
                : (() => {
                      try {
                          return require.resolve(imp[2], { paths: [packageRoot()] }).replace(/\.js$/, ".d.ts");
                      } catch {
                          return "";
                      }
                  })();
            if (from) imports.set(imp[1], from);
        }
        const start = lines.findIndex((l) => new RegExp(`^export interface I${path.basename(file, ".d.ts")}\\b`).test(l));
        if (start >= 0) {
            const fields = new Map<string, string>();
            for (let i = start + 1; i < lines.length && lines[i] !== "}"; i++) {
                const f = /^ {4}"([^"]+)"\??: (.*?);?$/.exec(lines[i]);
                if (f) fields.set(f[1], f[2]);
            }
            result = { fields, imports };
        }
    }
    declarations.set(file, result);
    return result;
}

/** Reports fields of `value` that its declared interface does not have, following named types down. */
function unknownFields(file: string, value: unknown, at: string, out: Array<{ path: string; message: string }>): void {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const d = declared(file);
    if (!d) return;
    for (const [key, v] of Object.entries(value)) {
        const p = at ? `${at}.${key}` : key;
        const type = d.fields.get(key);
        if (type === undefined) {
            out.push({ path: p, message: `is not a field of ${path.basename(file, ".d.ts")}; known: ${[...d.fields.keys()].join(", ")}` });
            continue;
        }
        const named = /^(\w+)$/.exec(type)?.[1];
        const listOf = /^Array<(\w+)>$/.exec(type)?.[1];
        const ref = named ?? listOf;
        const target = ref ? d.imports.get(ref) : undefined;
        if (!target) continue;
        if (listOf && Array.isArray(v)) for (const [i, item] of v.entries()) unknownFields(target, item, `${p}[${i}]`, out);
        else if (named) unknownFields(target, v, p, out);
    }
}

/**
 * Validates every registered `kubernetes:*` resource: checked against its schema, skipped with a
 * reason (Helm releases, remote components, patches, custom resources), or reported when no schema
 * exists for its kind and version.
 */
export function kubernetesSchemaReport(registry: ResourceSource): KubernetesSchemaReport {
    const report: KubernetesSchemaReport = { checked: 0, issues: [], skipped: [] };
    for (const r of registry.all()) {
        if (!r.type.startsWith("kubernetes:")) continue;
        const target = kubernetesModelFor(r.type);
        if (target.kind === "skip") {
            report.skipped.push({ type: r.type, name: r.name, reason: target.reason });
            continue;
        }
        if (target.kind === "unknown") {
            report.issues.push({ type: r.type, name: r.name, path: "", message: target.reason });
            continue;
        }
        const Model = require(target.module)[target.export] as new (data: unknown) => { validate(): void };
        report.checked++;
        try {
            new Model(r.inputs).validate();
        } catch (e) {
            const errors = (e as { errors?: AjvError[] }).errors;
            if (!Array.isArray(errors)) throw e;
            for (const err of errors) report.issues.push({ type: r.type, name: r.name, path: dotted(err.instancePath), message: describe(err) });
        }
        const unknown: Array<{ path: string; message: string }> = [];
        unknownFields(require.resolve(target.module).replace(/\.js$/, ".d.ts"), r.inputs, "", unknown);
        for (const u of unknown) report.issues.push({ type: r.type, name: r.name, ...u });
    }
    return report;
}

/** Every schema problem of the registered Kubernetes objects (empty when all are valid). */
export function kubernetesSchemaIssues(registry: ResourceSource): KubernetesSchemaIssue[] {
    return kubernetesSchemaReport(registry).issues;
}
