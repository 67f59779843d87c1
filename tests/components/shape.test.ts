import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError, Issues } from "../../components/shared/errors";
import {
    MAX_DEPTH,
    boolean,
    checkShape,
    editDistance,
    input,
    int,
    nameIssues,
    nearest,
    number,
    object,
    optional,
    own,
    record,
    string,
} from "../../components/shared/shape";

interface Task {
    cpu?: number;
    memoryMiB?: number;
    essential?: boolean;
    image: pulumi.Input<string>;
    env?: Record<string, string>;
    nested?: { inner?: Task };
}

const TASK = object<Task>()({
    cpu: optional(int()),
    memoryMiB: optional(int()),
    essential: optional(boolean()),
    image: input(string()),
    env: optional(record(string())),
    nested: optional(object<NonNullable<Task["nested"]>>()({ inner: optional({ kind: "opaque" }) })),
});

const issuesOf = (value: unknown) => {
    const issues = new Issues();
    checkShape(issues, TASK, value);
    return issues.list;
};
const one = (value: unknown) => {
    const list = issuesOf(value);
    assert.equal(list.length, 1, JSON.stringify(list));
    return list[0];
};

describe("shape checks", () => {
    it("suggests the nearest valid key for a typo (memoryMib: did you mean memoryMiB?)", () => {
        const i = one({ image: "x", memoryMib: 4096 });
        assert.equal(i.path, "memoryMib");
        assert.match(i.message, /is not a known argument; did you mean memoryMiB\?/);
    });

    it("names the known keys without a suggestion when nothing is close", () => {
        const i = one({ image: "x", zzzzzz: 1 });
        assert.doesNotMatch(i.message, /did you mean/);
        assert.match(i.allowed!, /cpu, memoryMiB, essential, image/);
    });

    it("lets unknown keys pass an open object, still checking its own fields", () => {
        const OPEN = object<{ provisioner: string }>({ open: true })({ provisioner: string() });
        const issues = new Issues();
        assert.equal(checkShape(issues, OPEN, { provisioner: "ebs.csi.aws.com", storageClass: {} }), true);
        assert.equal(checkShape(issues, OPEN, { provisioner: 1, storageClass: {} }), false);
        assert.deepEqual(
            issues.list.map((i) => i.path),
            ["provisioner"],
        );
    });

    it('refuses the string "false" for a boolean instead of reading it as true', () => {
        const i = one({ image: "x", essential: "false" });
        assert.equal(i.path, "essential");
        assert.match(i.message, /is a string/);
        assert.equal(i.allowed, "true or false");
    });

    it("refuses strings for numbers, NaN, Infinity and fractions for integers", () => {
        for (const bad of ["512", Number.NaN, Number.POSITIVE_INFINITY, 1.5]) assert.equal(one({ image: "x", cpu: bad }).path, "cpu", String(bad));
        assert.deepEqual(issuesOf({ image: "x", cpu: 0 }), []);
    });

    it("refuses null, an array where an object belongs, and an object where a string does", () => {
        assert.match(one({ image: "x", env: null }).message, /is null/);
        assert.match(one({ image: "x", env: ["a"] }).message, /is a list/);
        assert.match(one({ image: { uri: "x" } }).message, /is an object/);
        assert.match(one(null).message, /is null/);
    });

    it("reports a missing required field", () => {
        assert.match(one({}).message, /is required/);
    });

    it("refuses record keys that are prototype names", () => {
        for (const key of ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"]) {
            const env: Record<string, string> = {};
            Object.defineProperty(env, key, { value: "v", enumerable: true });
            const i = one({ image: "x", env });
            assert.equal(i.path, `env.${key}`);
            assert.match(i.message, /prototype property/);
        }
    });

    it("refuses an object whose prototype was replaced (a literal __proto__ key)", () => {
        assert.match(one({ image: "x", env: { __proto__: { a: "b" } } }).message, /is not/);
    });

    it("refuses a cycle, without overflowing the stack", () => {
        const inner: Record<string, unknown> = {};
        inner.self = inner;
        assert.match(one({ image: "x", nested: { inner } }).message, /cycle/);
    });

    it(`refuses nesting deeper than ${MAX_DEPTH} levels`, () => {
        let deep: Record<string, unknown> = {};
        for (let i = 0; i < 10_000; i++) deep = { next: deep };
        assert.match(one({ image: "x", nested: { inner: deep } }).message, /nested more than 32 levels/);
    });

    it("accepts an Output or a Promise for a pulumi.Input field without inspecting it", () => {
        assert.deepEqual(issuesOf({ image: pulumi.output("x") }), []);
        assert.deepEqual(issuesOf({ image: Promise.resolve(42) }), []);
        assert.match(one({ image: 42 }).message, /is a number/);
    });

    it("reports every issue of an object at once", () => {
        const list = issuesOf({ image: 1, cpu: "1", essential: "yes", memoryMib: 2 });
        assert.deepEqual(list.map((i) => i.path).sort(), ["cpu", "essential", "image", "memoryMib"]);
    });

    it("checks number ranges when a shape has them", () => {
        const issues = new Issues();
        checkShape(issues, number({ min: 1, max: 2 }), 3, "x");
        assert.match(issues.list[0].message, /out of range/);
    });

    it("measures edit distance case-insensitively and suggests only near keys", () => {
        assert.equal(editDistance("memoryMib", "memoryMiB"), 0);
        assert.equal(nearest("desiredCont", ["desiredCount", "minCount"]), "desiredCount");
        assert.equal(nearest("xyz", ["desiredCount"]), undefined);
    });

    it("looks references up through own keys only", () => {
        const rec: Record<string, number> = { web: 1 };
        assert.equal(own(rec, "web"), 1);
        assert.equal(own(rec, "toString"), undefined);
        assert.equal(own(rec, "__proto__"), undefined);
        assert.equal(own(undefined, "web"), undefined);
    });

    it("renders the first 50 of thousands of issues and counts the rest", () => {
        const issues = new Issues();
        checkShape(issues, TASK, { image: "x", env: Object.fromEntries(Array.from({ length: 3000 }, (_v, i) => [`K${i}`, i])) });
        assert.equal(issues.list.length, 3000);
        const message = new ArgsError("X", "x", issues.list).message;
        assert.match(message, /3000 invalid arguments/);
        assert.match(message, /\.\.\. and 2950 more/);
        assert.ok(message.split("\n").length < 60);
    });

    describe("component names", () => {
        for (const name of ["shop", "orders_api", "Payments-Platform", "a", "x".repeat(128), "2fa"]) {
            it(`accepts ${JSON.stringify(name.length > 20 ? `${name.slice(0, 5)}…(${name.length})` : name)}`, () => assert.deepEqual(nameIssues(name), []));
        }
        for (const name of ["", " ", "a b", "x::y", "-lead", "_lead", "x".repeat(129), "é", null, undefined, 42, {}]) {
            it(`refuses ${String(JSON.stringify(name))}`, () => {
                const [i] = nameIssues(name);
                assert.equal(i.path, "name");
                assert.match(i.allowed!, /letters, digits/);
            });
        }
    });
});
