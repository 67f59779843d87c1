/**
 * `aws-platform/testing`: test Pulumi programs offline, under a mock engine that records everything a
 * real engine would see and refuses what a real one would refuse. Build a program, then query what
 * it registered.
 *
 *   const { registry } = await build(() => new ContainerService("web", args));
 *   registry.hasInputs("aws:ecs/service:Service", "web-web", { launchType: undefined });
 *
 * A build fails (rejects with a {@link BuildError}) on anything that would fail or break a real
 * deployment: an unhandled rejection or uncaught exception while the program runs (a duplicate URN,
 * an invoke or method call without a fixture, a throw inside `apply`), and a string input holding
 * `undefined`, `NaN`, `[object Object]` or leaked Output text.
 */
import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { show } from "../shared/errors";
import { InstallOptions, RecordedCall, RecordedInvoke, RecordedResource, RecordingMonitor, installMocks } from "./engine";
import { Diagnostic, runAsLanguageHost } from "./host";

export type {
    CallFixture,
    CallTarget,
    FixtureOutputs,
    Fixtures,
    InstallOptions,
    InvokeFixture,
    RecordedCall,
    RecordedInvoke,
    RecordedResource,
    ResourceFixture,
} from "./engine";
export { RecordingMonitor, installMocks, settle } from "./engine";
export type { MockContext, MockResourceInput } from "./fixtures";
export { DEFAULT_CONTEXT, physicalName } from "./fixtures";
export type { EksKubeconfigOptions } from "./calls";
export { eksKubeconfig } from "./calls";
export type { Diagnostic, HostedRun } from "./host";
export { runAsLanguageHost } from "./host";
export { PULUMI_VERSION, TESTED_PULUMI_RANGE, assertPulumiInternals, checkPulumiInternals } from "./internals";
export type { RenderedLeak } from "./rendered";
export { findRenderedLeaks } from "./rendered";
export type { KubernetesSchemaIssue, KubernetesSchemaReport, KubernetesSchemaSkip, KubernetesTokenTarget, ResourceSource } from "./kubernetes";
export { kubernetesModelFor, kubernetesSchemaIssues, kubernetesSchemaReport } from "./kubernetes";

/** Queries over the resources one build registered, in registration order. */
export class Registry {
    constructor(readonly monitor: RecordingMonitor) {}

    /** Every registered resource, components included, in registration order. */
    all(): RecordedResource[] {
        return [...this.monitor.records.values()].sort((a, b) => a.index - b.index);
    }

    /** How many resources were registered (0 after a refused build: nothing half-built). */
    get size(): number {
        return this.monitor.records.size;
    }

    /** The resources of one type token (`aws:sqs/queue:Queue`). */
    ofType(type: string): RecordedResource[] {
        return this.all().filter((r) => r.type === type);
    }

    /** The first resource with this logical name, of any type. */
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

    /**
     * Asserts that the one resource of `type` named `name` (any name when undefined) has inputs that
     * contain `partial`, as AWS CDK's `hasResourceProperties` does, and returns it:
     *  - objects match when every key of `partial` matches (other keys are ignored), at any depth;
     *  - arrays match element by element and must have the same length;
     *  - a key set to `undefined` in `partial` must be absent (or undefined);
     *  - an object or array in `partial` against a JSON-string input (a policy, container
     *    definitions) is matched against the parsed JSON;
     *  - anything else compares with `===`.
     * On a mismatch it throws an `AssertionError` listing every differing path with both values.
     *
     * @example
     * registry.hasInputs("aws:ecs/service:Service", "web-web", { launchType: undefined, deploymentCircuitBreaker: { rollback: true } });
     * registry.hasInputs("aws:iam/rolePolicy:RolePolicy", "web-task-role-app", { policy: { Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"] }] } });
     */
    hasInputs(type: string, name: string | undefined, partial: Record<string, unknown>): RecordedResource {
        const r = this.one(type, name);
        const diffs = partialDiff(partial, r.inputs, "");
        if (diffs.length) {
            throw new assert.AssertionError({
                message: `${type} ${r.name}: inputs differ from the expected partial object:\n${diffs.map((d) => `  ${d}`).join("\n")}`,
                actual: r.inputs,
                expected: partial,
                operator: "hasInputs",
            });
        }
        return r;
    }

    /** The data-source invokes the program made (all, or those of one token), in order. */
    invokes(token?: string): RecordedInvoke[] {
        return this.monitor.calls.filter((c) => token === undefined || c.token === token);
    }

    /** The remote-component method calls the program made (all, or those of one token), in order. */
    methodCalls(token?: string): RecordedCall[] {
        return this.monitor.methodCalls.filter((c) => token === undefined || c.token === token);
    }

    /** How many resources of each type were registered. */
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

/** Differences between an expected partial value and an actual one, as `path: expected …, got …` lines. */
function partialDiff(expected: unknown, actual: unknown, path: string): string[] {
    const where = path || "(inputs)";
    if (expected !== null && typeof expected === "object" && typeof actual === "string") {
        try {
            return partialDiff(expected, JSON.parse(actual), `${path} (JSON)`);
        } catch {
            return [`${where}: expected ${show(expected)}, got a string that is not JSON: ${show(actual)}`];
        }
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual)) return [`${where}: expected an array ${show(expected)}, got ${show(actual)}`];
        if (actual.length !== expected.length)
            return [`${where}: expected ${expected.length} elements ${show(expected)}, got ${actual.length}: ${show(actual)}`];
        return expected.flatMap((e, i) => partialDiff(e, actual[i], `${path}[${i}]`));
    }
    if (expected !== null && typeof expected === "object") {
        if (actual === null || typeof actual !== "object" || Array.isArray(actual))
            return [`${where}: expected an object ${show(expected)}, got ${show(actual)}`];
        return Object.entries(expected).flatMap(([k, e]) => partialDiff(e, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
    }
    return expected === actual ? [] : [`${where}: expected ${show(expected)}, got ${show(actual)}`];
}

/**
 * Resolves an Output (or a plain value) to its value, secrets revealed. Builds run as an update, so
 * values are known; under `preview: true` an unknown value resolves to `undefined`. Rejects when the
 * Output failed.
 */
export function unwrap<T>(output: pulumi.Input<T>): Promise<T> {
    return (pulumi.output(output) as unknown as { promise(): Promise<T> }).promise();
}

/** Everything a failed build raised, each error once, in the order it arose. */
export class BuildError extends Error {
    constructor(
        /** The errors: what the program threw, then the rejections and exceptions nobody handled, then the engine's refusals. */
        readonly errors: unknown[],
        /** What was registered before and while it failed. */
        readonly registry: Registry,
    ) {
        const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
        super(
            `build failed: ${errors.length === 1 ? "1 error" : `${errors.length} errors`} while the program ran and settled ` +
                `(a real pulumi preview or up would fail too):\n${errors.map((e, i) => `  ${i + 1}. ${text(e).split("\n").join("\n     ")}`).join("\n")}`,
            { cause: errors[0] },
        );
        this.name = "BuildError";
    }
}

/** What a build left: the registry, what the program returned, and what it logged. */
export interface Built<T> {
    registry: Registry;
    /** What the program returned (awaited when it returned a promise). */
    result: T;
    /** Messages of `pulumi.log.warn`, in order. */
    warnings: string[];
    /** Everything logged through `pulumi.log` (warnings and errors). */
    diagnostics: Diagnostic[];
}

/** Runs a program under fresh mocks and gathers every error it raised, each once. */
async function run<T>(program: () => T | Promise<T>, options: InstallOptions) {
    const monitor = installMocks(options);
    const hosted = await runAsLanguageHost(program);
    const errors: unknown[] = [...(hosted.thrown ? [hosted.thrown.error] : []), ...hosted.asyncErrors];
    // A refused registration also surfaces as a rejection whose message quotes the engine's: keep one.
    const said = errors.map((e) => (e instanceof Error ? e.message : String(e)));
    for (const d of monitor.defects) if (!said.some((m) => m.includes(d.message))) errors.push(d);
    const registry = new Registry(monitor);
    const warnings = hosted.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
    return { registry, errors, thrown: hosted.thrown, result: hosted.result as T, warnings, diagnostics: hosted.diagnostics };
}

/**
 * Installs fresh mocks, runs `program` (awaiting it when it returns a promise), waits until every
 * registration, invoke and call it started has finished, and returns the registry, the program's
 * result and what it logged.
 *
 * It rejects with a {@link BuildError} listing every error when the program throws, when anything
 * rejects or throws unhandled while it runs and settles (a duplicate URN, an invoke or method call
 * without a fixture, a throw inside `apply`), or when a string input renders `undefined`, `NaN`,
 * `[object Object]` or an Output (naming the resource URN and the property path).
 *
 * @example
 * const { registry, result } = await build(() => new Network("main", { availabilityZones: 2 }), {
 *     stack: "dev",
 *     config: { "aws:region": "eu-west-1" },
 *     fixtures: { invokes: { "aws:ec2/getVpc:getVpc": () => ({ id: "vpc-0123456789abcdef0" }) } },
 * });
 * assert.match(await unwrap(result.vpcId), /^vpc-/);
 */
export async function build<T>(program: () => T, options: InstallOptions = {}): Promise<Built<Awaited<T>>> {
    const { registry, errors, result, warnings, diagnostics } = await run(program, options);
    if (errors.length) throw new BuildError(errors, registry);
    return { registry, result: result as Awaited<T>, warnings, diagnostics };
}

/** What a failed build left: the first error, all of them, and what was registered. */
export interface Failed {
    /** What the program threw; else the first asynchronous error or engine refusal. */
    error: Error;
    /** Every error, each once, in the order of {@link BuildError.errors}. */
    errors: unknown[];
    /** What was registered (expect `size === 0` for input refused before any resource). */
    registry: Registry;
    /** Messages of `pulumi.log.warn`, in order. */
    warnings: string[];
}

/**
 * Runs a program that must fail, synchronously (an `ArgsError` from a constructor) or later (an error
 * thrown inside `apply`, a refused registration): returns the error and the registry, so the test can
 * assert on the message and on what was (not) registered. Rejects when the program raised nothing.
 */
export async function buildFails(program: () => unknown, options: InstallOptions = {}): Promise<Failed> {
    const { registry, errors, warnings } = await run(program, options);
    if (errors.length === 0) throw new Error(`expected the program to fail, but it built ${registry.size} resource(s) without an error`);
    const first = errors[0];
    return { error: first instanceof Error ? first : new Error(String(first)), errors, registry, warnings };
}

/** Parses a JSON-string input (IAM policies, container definitions). */
export function json<T = any>(value: unknown): T {
    if (typeof value !== "string") throw new Error(`expected a JSON string, got ${typeof value}`);
    return JSON.parse(value) as T;
}
export type { CloudFrontSandboxOptions, LoadedCloudFrontFunction } from "./cloudfront";
export { CLOUDFRONT_FUNCTION_MAX_BYTES, DEFAULT_SANDBOX_TIMEOUT_MS, KVS_MAX_KEY_CHARS, KVS_MAX_VALUE_CHARS, loadCloudFrontFunction } from "./cloudfront";
