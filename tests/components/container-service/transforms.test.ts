import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ContainerService } from "../../../components/container-service";
// The types come from the package's entry point: users type their transforms and wiring with them.
import type { ContainerServiceArgs, ContainerServiceResources, ContainerServiceTransforms } from "../../../components";
import { CHILD_NAMES, predictChildren } from "../../../components/container-service/children";
import { TRANSFORM_SHAPE } from "../../../components/container-service/shape";
import { build, unwrap } from "../../../components/testing";
import { everything } from "../../property/examples";

const COMPONENT = "aws-platform:ecs:ContainerService";
const KEYS = Object.keys(TRANSFORM_SHAPE.fields) as Array<keyof ContainerServiceTransforms>;

/** `everything()` with every transform key set to a function that records the names it is called with. */
function recording(): { args: ContainerServiceArgs; calls: Array<{ key: string; name: string }> } {
    const calls: Array<{ key: string; name: string }> = [];
    const transform: Record<string, unknown> = {};
    const recorder = (key: string) => (_args: unknown, _opts: unknown, name: string) => void calls.push({ key, name });
    for (const key of KEYS) transform[key] = recorder(key);
    // A bucket's transforms are one per part, all under the one key.
    transform.accessLogsBucket = Object.fromEntries(
        ["bucket", "ownershipControls", "publicAccessBlock", "encryption", "policy", "versioning", "lifecycle"].map((part) => [
            part,
            recorder("accessLogsBucket"),
        ]),
    );
    return { args: { ...everything(), transform: transform as ContainerServiceTransforms }, calls };
}

/** The doc comment above each key of `ContainerServiceTransforms` in args.ts. */
function transformDocs(): Record<string, string> {
    const text = fs.readFileSync(path.resolve(__dirname, "../../../components/container-service/args.ts"), "utf8");
    const body = text.slice(text.indexOf("export interface ContainerServiceTransforms {"));
    const docs: Record<string, string> = {};
    for (const m of body.slice(0, body.indexOf("\n}\n")).matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\?:/g)) docs[m[2]] = m[1];
    return docs;
}

/** Every Pulumi resource reachable from `value` (objects, arrays and records, not into resources). */
function reachable(value: unknown, out = new Set<pulumi.Resource>(), seen = new Set<unknown>()): Set<pulumi.Resource> {
    if (value === null || typeof value !== "object" || seen.has(value)) return out;
    seen.add(value);
    if (pulumi.Resource.isInstance(value)) {
        out.add(value);
        return out;
    }
    if (pulumi.Output.isInstance(value)) return out;
    for (const v of Object.values(value)) reachable(v, out, seen);
    return out;
}

describe("ContainerService transforms and resources", () => {
    it("reaches every child of a component with one of everything through exactly the one key its row in children.ts names", async () => {
        const { args, calls } = recording();
        const { registry } = await build(() => new ContainerService("shop", args));
        const predicted = new Map(predictChildren(args).map((c) => [`${c.type}::shop-${c.name}`, c]));
        const expected = new Map<string, string[]>();
        for (const r of registry.all().filter((r) => r.type !== COMPONENT)) {
            const row = predicted.get(`${r.type}::${r.name}`);
            assert.ok(row, `${r.type} ${r.name} has no row in children.ts`);
            if (row.transform === null) {
                assert.equal(r.type, "awsx:ecr:Image", `${r.name}: only the remote image takes no transform`);
                continue;
            }
            expected.set(r.name, [...(expected.get(r.name) ?? []), row.transform].sort());
        }
        const got = new Map<string, string[]>();
        for (const c of calls) got.set(c.name, [...(got.get(c.name) ?? []), c.key].sort());
        const wrong = [...new Set([...expected.keys(), ...got.keys()])]
            .filter((n) => JSON.stringify(expected.get(n) ?? []) !== JSON.stringify(got.get(n) ?? []))
            .map((n) => `${n}: expected ${JSON.stringify(expected.get(n) ?? [])}, reached by ${JSON.stringify(got.get(n) ?? [])}`);
        assert.deepEqual(wrong, []);
        // The example exercises every key, so no key's reach goes unchecked.
        assert.deepEqual(
            KEYS.filter((k) => !calls.some((c) => c.key === k)),
            [],
        );
    });

    it("documents on each transform key every child pattern it reaches, and no key reaches nothing", () => {
        const docs = transformDocs();
        assert.deepEqual(Object.keys(docs).sort(), [...KEYS].sort(), "every key of ContainerServiceTransforms has a doc comment");
        const rows = Object.values(CHILD_NAMES).flat();
        const missing: string[] = [];
        for (const key of KEYS) {
            const patterns = [...new Set(rows.filter((r) => r[2] === key).map((r) => r[1]))];
            if (patterns.length === 0) missing.push(`${key}: reaches no row of children.ts`);
            for (const p of patterns) if (!docs[key].includes(`\`${p}\``)) missing.push(`${key}: doc lacks \`${p}\``);
        }
        assert.deepEqual(missing, []);
    });

    it("lets a transform's function form tell the worker's queue from its dead-letter queue by key", async () => {
        const args = everything();
        args.transform = { queue: { visibilityTimeoutSeconds: 900 }, dlq: { messageRetentionSeconds: 345600 } };
        const { registry } = await build(() => new ContainerService("shop", args));
        assert.equal(registry.one("aws:sqs/queue:Queue", "shop-worker-queue").inputs.visibilityTimeoutSeconds, 900);
        assert.equal(registry.one("aws:sqs/queue:Queue", "shop-worker-dlq").inputs.messageRetentionSeconds, 345600);
        assert.notEqual(registry.one("aws:sqs/queue:Queue", "shop-worker-dlq").inputs.visibilityTimeoutSeconds, 900);
    });

    it("reaches every registered child by walking resources", async () => {
        const args = everything();
        const { registry, result } = await build(() => new ContainerService("shop", args));
        const resources: ContainerServiceResources = result.resources;
        const urns = new Set(await Promise.all([...reachable(resources)].map((r) => unwrap(r.urn))));
        const unreachable = registry
            .all()
            .filter((r) => r.type !== COMPONENT && !urns.has(r.urn))
            .map((r) => `${r.type} ${r.name}`);
        assert.deepEqual(unreachable, []);
    });
});
