/**
 * Keeps the manual honest: every optional argument documents its `@default`, and a default written
 * as JSON agrees with the component's DEFAULTS object.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

export interface DocumentedField {
    /** The interface the field belongs to. */
    owner: string;
    field: string;
    line: number;
    default?: string;
}

/** Optional fields (`name?:`) of an args file with the `@default` text of the comment above each. */
export function documentedFields(file: string): DocumentedField[] {
    const lines = fs.readFileSync(path.resolve(__dirname, "../..", file), "utf8").split("\n");
    const out: DocumentedField[] = [];
    let comment: string[] = [];
    let inComment = false;
    // Inside `transform?: { ... }` the keys are child roles, documented once on `transform` itself.
    let transformDepth = 0;
    let owner = "";
    lines.forEach((line, i) => {
        const t = line.trim();
        const iface = /^export interface (\w+)/.exec(t);
        if (iface) owner = iface[1];
        if (transformDepth > 0) {
            transformDepth += (t.match(/\{/g) ?? []).length - (t.match(/\}/g) ?? []).length;
            return;
        }
        if (t.startsWith("/**")) {
            inComment = !t.endsWith("*/");
            comment = [t];
            return;
        }
        if (inComment) {
            comment.push(t);
            if (t.endsWith("*/")) inComment = false;
            return;
        }
        const m = /^(?:readonly\s+)?([A-Za-z0-9_]+)\?:/.exec(t);
        // A `<Component>Transforms` interface is the transform object named: its keys are child roles too.
        if (m && !owner.endsWith("Transforms")) {
            const text = comment.join("\n");
            const d = /@default\s+(.+?)\s*(?:\*\/)?$/m.exec(text);
            out.push({ owner, field: m[1], line: i + 1, default: d?.[1] });
            if (m[1] === "transform" && t.endsWith("{")) transformDepth = 1;
        }
        if (t !== "") comment = [];
    });
    return out;
}

function findKey(obj: unknown, key: string): { found: boolean; value?: unknown } {
    if (obj === null || typeof obj !== "object") return { found: false };
    if (Object.hasOwn(obj, key)) return { found: true, value: (obj as any)[key] };
    for (const v of Object.values(obj as object)) {
        const r = findKey(v, key);
        if (r.found) return r;
    }
    return { found: false };
}

/**
 * Asserts that each optional field has a `@default` and that JSON defaults match DEFAULTS. Where
 * DEFAULTS has a section named after the field's interface (`DEFAULTS.ServiceArgs`), the field is
 * looked up there first, so two interfaces may default a same-named field differently.
 */
export function assertDefaultsDocumented(file: string, defaults: object): void {
    const fields = documentedFields(file);
    assert.ok(fields.length > 0, `no optional fields found in ${file}`);
    const undocumented = fields.filter((f) => f.default === undefined).map((f) => `${f.field} (line ${f.line})`);
    assert.deepEqual(undocumented, [], `${file}: optional fields without @default`);
    for (const f of fields) {
        let documented: unknown;
        try {
            documented = JSON.parse(f.default!);
        } catch {
            continue; // prose default ("the VPC's CIDR"): nothing to compare
        }
        const section = (defaults as Record<string, unknown>)[f.owner];
        const inSection = findKey(section, f.field);
        const actual = inSection.found ? inSection : findKey(defaults, f.field);
        if (actual.found) {
            assert.deepEqual(
                actual.value,
                documented,
                `${file}:${f.line}: ${f.field} documents @default ${f.default} but DEFAULTS has ${JSON.stringify(actual.value)}`,
            );
        }
    }
}
