/**
 * Malformed variants of valid args, for the bad-input property test: each mutation picks a place in
 * the value tree (by index, so fast-check can shrink it) and breaks it the way a user or a config
 * file would — wrong types, null, strings for numbers and booleans, typo'd and prototype-named keys,
 * prototype names as references, cycles, deep nesting, removed fields, arrays for objects, NaN,
 * Infinity, negative and fractional numbers, colliding keys.
 */
import fc from "fast-check";

export type Mutation =
    | { op: "replace"; at: number; value: number }
    | { op: "delete"; at: number }
    | { op: "typo"; at: number; how: number }
    | { op: "protoKey"; at: number; name: number }
    | { op: "renameKey"; at: number; name: number }
    | { op: "cycle"; at: number }
    | { op: "deep"; at: number; depth: number }
    | { op: "toArray"; at: number }
    | { op: "collide"; at: number };

export const PROTO_NAMES = [
    "constructor",
    "toString",
    "__proto__",
    "hasOwnProperty",
    "valueOf",
    "isPrototypeOf",
    "toLocaleString",
    "propertyIsEnumerable",
    "__defineGetter__",
];

/** The values a field is replaced with: every JS type, edge numbers, look-alike strings. */
export function badValues(): unknown[] {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 200; i++) {
        cur.next = {};
        cur = cur.next as Record<string, unknown>;
    }
    const sparse: unknown[] = [];
    sparse[3] = "x";
    return [
        null,
        undefined,
        "false",
        "true",
        "42",
        "",
        " ",
        "toString",
        "constructor",
        "__proto__",
        42,
        0,
        -1,
        0.5,
        -0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        2 ** 53,
        true,
        false,
        [],
        [1, "a", null],
        sparse,
        {},
        { x: 1 },
        Object.create(null),
        new Date(0),
        new Map(),
        () => 1,
        Symbol("s"),
        10n,
        cyclic,
        deep,
        Promise.resolve("x"),
        "a".repeat(300),
        "UPPER_case-name",
    ];
}

type Node = { parent: Record<string, unknown> | unknown[]; key: string | number; value: unknown };

/** Every (parent, key) in the tree, depth first: the places a mutation may strike. */
export function places(root: unknown): Node[] {
    const out: Node[] = [];
    const seen = new Set<unknown>();
    const walk = (v: unknown, depth: number) => {
        if (typeof v !== "object" || v === null || seen.has(v) || depth > 12) return;
        if (v instanceof Promise) return;
        seen.add(v);
        if (Array.isArray(v)) {
            v.forEach((x, i) => {
                out.push({ parent: v, key: i, value: x });
                walk(x, depth + 1);
            });
        } else {
            for (const k of Object.keys(v)) {
                const x = (v as Record<string, unknown>)[k];
                out.push({ parent: v as Record<string, unknown>, key: k, value: x });
                walk(x, depth + 1);
            }
        }
    };
    walk(root, 0);
    return out;
}

/** Objects (not arrays) in the tree, the root first. */
function objects(root: unknown): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    if (typeof root === "object" && root !== null && !Array.isArray(root)) out.push(root as Record<string, unknown>);
    for (const p of places(root))
        if (typeof p.value === "object" && p.value !== null && !Array.isArray(p.value) && !(p.value instanceof Promise))
            out.push(p.value as Record<string, unknown>);
    return out;
}

function typo(key: string, how: number): string {
    if (key.length < 2) return `${key}x`;
    const i = how % key.length;
    switch (how % 4) {
        case 0: // flip the case of one letter (memoryMiB -> memoryMib)
            return key.slice(0, i) + (key[i] === key[i].toLowerCase() ? key[i].toUpperCase() : key[i].toLowerCase()) + key.slice(i + 1);
        case 1: // drop a letter
            return key.slice(0, i) + key.slice(i + 1);
        case 2: // swap two letters
            return i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : `${key}s`;
        default: // an extra letter
            return `${key.slice(0, i)}x${key.slice(i)}`;
    }
}

const define = (obj: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

/** Applies a mutation in place (the root must be a fresh copy). Returns the possibly replaced root. */
export function apply(root: unknown, m: Mutation): unknown {
    const all = places(root);
    const pick = <T>(list: T[]) => (list.length ? list[m.at % list.length] : undefined);
    switch (m.op) {
        case "replace": {
            const values = badValues();
            const value = values[m.value % values.length];
            const p = pick(all);
            if (!p) return value;
            (p.parent as any)[p.key] = value;
            return root;
        }
        case "delete": {
            const p = pick(all);
            if (p && !Array.isArray(p.parent)) delete (p.parent as any)[p.key];
            else if (p) (p.parent as unknown[]).splice(p.key as number, 1);
            return root;
        }
        case "typo": {
            const p = pick(all.filter((x) => !Array.isArray(x.parent)));
            if (!p) return root;
            const obj = p.parent as Record<string, unknown>;
            const renamed = typo(String(p.key), m.how);
            delete obj[p.key as string];
            define(obj, renamed, p.value);
            return root;
        }
        case "protoKey": {
            const o = pick(objects(root));
            if (o) define(o, PROTO_NAMES[m.name % PROTO_NAMES.length], { x: 1 });
            return root;
        }
        case "renameKey": {
            const p = pick(all.filter((x) => !Array.isArray(x.parent)));
            if (!p) return root;
            const obj = p.parent as Record<string, unknown>;
            delete obj[p.key as string];
            const names = [...PROTO_NAMES, "", "UPPER", "a b", "x".repeat(80), "public-lb", "web-task", "cluster", "instances", "1abc"];
            define(obj, names[m.name % names.length], p.value);
            return root;
        }
        case "cycle": {
            const o = pick(objects(root));
            if (o) define(o, Object.keys(o)[0] ?? "self", root);
            return root;
        }
        case "deep": {
            const p = pick(all);
            let v: unknown = p?.value ?? 1;
            for (let i = 0; i < 20 + (m.depth % 100); i++) v = { nested: v };
            if (p) (p.parent as any)[p.key] = v;
            return p ? root : v;
        }
        case "toArray": {
            const p = pick(all.filter((x) => typeof x.value === "object" && x.value !== null));
            if (!p) return [root];
            (p.parent as any)[p.key] = Array.isArray(p.value)
                ? Object.fromEntries(Array.from(p.value, (v, i) => [String(i), v]))
                : Object.values(p.value as object);
            return root;
        }
        case "collide": {
            // A key whose children clash with a sibling collection's: a service "public-lb" beside a load balancer "public".
            const o = root as Record<string, any>;
            if (typeof o !== "object" || o === null) return root;
            const lbs = o.loadBalancers && typeof o.loadBalancers === "object" ? Object.keys(o.loadBalancers) : [];
            const services = o.services && typeof o.services === "object" ? Object.entries(o.services) : [];
            if (lbs.length && services.length) {
                const [key, svc] = services[m.at % services.length];
                o.services[`${lbs[0]}-lb`] = svc;
                if (m.at % 2) delete o.services[key];
            } else if (services.length) {
                o.scheduledTasks = { ...(o.scheduledTasks ?? {}), [services[0][0]]: { containers: { job: { image: "x" } }, schedule: "rate(1 hour)" } };
            }
            return root;
        }
    }
}

/** 1 to 3 mutations. */
export const mutations = (): fc.Arbitrary<Mutation[]> =>
    fc.array(
        fc.oneof(
            fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: fc.nat() }),
            fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
            fc.record({ op: fc.constant("typo" as const), at: fc.nat(), how: fc.nat() }),
            fc.record({ op: fc.constant("protoKey" as const), at: fc.nat(), name: fc.nat() }),
            fc.record({ op: fc.constant("renameKey" as const), at: fc.nat(), name: fc.nat() }),
            fc.record({ op: fc.constant("cycle" as const), at: fc.nat() }),
            fc.record({ op: fc.constant("deep" as const), at: fc.nat(), depth: fc.nat() }),
            fc.record({ op: fc.constant("toArray" as const), at: fc.nat() }),
            fc.record({ op: fc.constant("collide" as const), at: fc.nat() }),
        ),
        { minLength: 1, maxLength: 3 },
    );

/** Component names: valid ones (including `orders_api` and mixed case) and invalid ones. */
export const componentNames = (): fc.Arbitrary<unknown> =>
    fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("shop", "orders_api", "Payments-Platform") },
        { weight: 1, arbitrary: fc.constantFrom<unknown>("", " ", "a b", "x::y", "-lead", "toString", "n".repeat(200), null, undefined, 42, {}, ["x"], "é") },
    );
