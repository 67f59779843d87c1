/**
 * Test helpers over the mock engine: build a program, then query what it registered.
 *
 *   const { registry } = await build(() => new ContainerService("web", args));
 *   const svc = registry.one("aws:ecs/service:Service");
 *   assert.equal(svc.inputs.launchType, undefined);
 */
import * as pulumi from "@pulumi/pulumi";
import { InstallOptions, RecordedResource, RecordingMonitor, installMocks, parseRuntimeLog, settle } from "./engine";

export { installMocks, settle, RecordedResource, RecordingMonitor } from "./engine";
export { DEFAULT_CONTEXT } from "./fixtures";

/** Queries over the resources one build registered, in registration order. */
export class Registry {
    constructor(readonly monitor: RecordingMonitor) {}

    all(): RecordedResource[] {
        return [...this.monitor.records.values()].sort((a, b) => a.index - b.index);
    }

    get size(): number {
        return this.monitor.records.size;
    }

    ofType(type: string): RecordedResource[] {
        return this.all().filter((r) => r.type === type);
    }

    named(name: string): RecordedResource | undefined {
        return this.all().find((r) => r.name === name);
    }

    /** The one resource of a type (and name); fails with the candidates when there are none or several. */
    one(type: string, name?: string): RecordedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1) {
            const names = this.ofType(type).map((r) => r.name);
            throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}; registered: ${names.join(", ") || "none"}`);
        }
        return found[0];
    }

    /** Direct children of a resource (by URN or name). */
    childrenOf(parent: string | RecordedResource): RecordedResource[] {
        const urn = this.urnOf(parent);
        return this.all().filter((r) => r.parent === urn);
    }

    /** Every resource below a resource in the parent tree. */
    descendantsOf(parent: string | RecordedResource): RecordedResource[] {
        const out: RecordedResource[] = [];
        const walk = (urn: string) => {
            for (const c of this.all().filter((r) => r.parent === urn)) {
                out.push(c);
                walk(c.urn);
            }
        };
        walk(this.urnOf(parent));
        return out;
    }

    /** `type::name` of every resource, sorted: the identity of a program, for golden files. */
    inventory(): string[] {
        return this.all()
            .map((r) => `${r.type}::${r.name}`)
            .sort();
    }

    /**
     * A role's inline policies (its `aws:iam/rolePolicy:RolePolicy` resources) as `{ name, policy }`,
     * in registration order; `policy` is the JSON text.
     */
    policiesOf(role: string | RecordedResource): Array<{ name: string; policy: string }> {
        const r = this.roleRecord(role);
        return this.ofType("aws:iam/rolePolicy:RolePolicy")
            .filter((p) => p.inputs.role === r.id)
            .map((p) => ({ name: p.inputs.name, policy: p.inputs.policy }));
    }

    /** Every statement of a role's inline policies, parsed. */
    statementsOf(role: string | RecordedResource): any[] {
        return this.policiesOf(role).flatMap((p) => JSON.parse(p.policy).Statement);
    }

    /** ARNs of the managed policies attached to a role. */
    managedPoliciesOf(role: string | RecordedResource): string[] {
        const r = this.roleRecord(role);
        return this.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.inputs.role === r.id)
            .map((a) => a.inputs.policyArn);
    }

    private roleRecord(role: string | RecordedResource): RecordedResource {
        return typeof role === "string" ? this.one("aws:iam/role:Role", role) : role;
    }

    countByType(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const r of this.all()) counts[r.type] = (counts[r.type] ?? 0) + 1;
        return counts;
    }

    private urnOf(ref: string | RecordedResource): string {
        if (typeof ref !== "string") return ref.urn;
        if (ref.startsWith("urn:")) return ref;
        const found = this.named(ref);
        if (!found) throw new Error(`no resource named ${ref}`);
        return found.urn;
    }
}

/** Resolves an Output (values are known: the harness runs as an update, not a preview). */
export function unwrap<T>(output: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

/**
 * Runs `body` while collecting what the program logs with `pulumi.log.warn` (without an engine the
 * SDK prints `warning: [runtime] <message>` to the console): tests assert on warnings, and the test
 * output stays quiet.
 */
async function collectingWarnings<T>(body: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
        const log = parseRuntimeLog(args);
        if (log?.severity === "warning") warnings.push(log.message);
        else original(...args);
    };
    try {
        return { value: await body(), warnings };
    } finally {
        console.warn = original;
    }
}

/** Installs fresh mocks, runs `program`, waits for every registration, and returns the registry and the warnings. */
export async function build<T>(program: () => T, options: InstallOptions = {}): Promise<{ registry: Registry; result: T; warnings: string[] }> {
    const { value, warnings } = await collectingWarnings(async () => {
        const monitor = installMocks(options);
        const result = program();
        await settle();
        return { registry: new Registry(monitor), result };
    });
    return { ...value, warnings };
}

/**
 * Runs a program that must fail before creating anything: returns the error and the registry, so the
 * test can assert on the message and that nothing was registered.
 */
export async function buildFails(program: () => unknown, options: InstallOptions = {}): Promise<{ error: Error; registry: Registry }> {
    const monitor = installMocks(options);
    let error: Error | undefined;
    try {
        program();
    } catch (e) {
        error = e as Error;
    }
    await settle();
    if (!error) throw new Error("expected the program to throw, but it did not");
    return { error, registry: new Registry(monitor) };
}

/** Parses a JSON-string input (IAM policies, container definitions). */
export function json<T = any>(value: unknown): T {
    if (typeof value !== "string") throw new Error(`expected a JSON string, got ${typeof value}`);
    return JSON.parse(value) as T;
}
