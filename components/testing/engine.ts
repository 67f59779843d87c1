/**
 * The mock engine used by every test and by `npm run plan`: Pulumi's mock monitor, plus what the
 * real engine would know and the stock mocks drop — parents, dependencies, protect, retainOnDelete,
 * providers — and the checks the real engine makes (a duplicate URN is an error).
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { CallFixture, CallTarget, mockMethodCall } from "./calls";
import { DEFAULT_CONTEXT, MockContext, MockResourceInput, mockCall, mockResource } from "./fixtures";
import { STORE_FLAGS, assertPulumiInternals, internals } from "./internals";
import { skipUnreadPromiseStacks, skipUnreadSourcePositions } from "./promise-stacks";
import { findRenderedLeaks } from "./rendered";

// Internal modules of @pulumi/pulumi that the public `setMocks` uses (see mocks.js), loaded and
// checked by ./internals so that a move is reported by name.
const { rpc } = internals;

/** What the plan and `maskedInputs` show in place of a secret. */
export const SECRET_MASK = "[secret]";

/**
 * Without an engine, `pulumi.log.warn/error` print `warning: [runtime] <message>` to the console:
 * this reads such a line back (undefined for any other console output).
 */
export function parseRuntimeLog(args: unknown[]): { severity: "warning" | "error"; message: string } | undefined {
    const m = args.length === 1 && typeof args[0] === "string" ? /^(warning|error): \[runtime\] ([\s\S]*)$/.exec(args[0]) : null;
    return m ? { severity: m[1] as "warning" | "error", message: m[2] } : undefined;
}

/** Everything recorded about one registered resource. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    /** A cloud resource (true) or a component (false). */
    custom: boolean;
    /** A component implemented in a provider plugin (`@pulumi/awsx`, `@pulumi/eks`). */
    remote: boolean;
    parent?: string;
    /** Inputs as plain JSON, secrets revealed: what tests assert on. */
    inputs: Record<string, any>;
    /**
     * Inputs as plain JSON with secrets replaced by "[secret]" and assets by their digest and size
     * (`{ asset: "string", sha256, bytes }`, see `assetSummary`): what the plan writes.
     */
    maskedInputs: Record<string, any>;
    /** What the mock returned (inputs plus computed outputs). */
    outputs: Record<string, any>;
    id?: string;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    /** URNs this resource depends on (explicit `dependsOn` plus every input's resources). */
    dependencies: string[];
    /** Property name → URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
    /**
     * Dependencies that no input property explains: the explicit `dependsOn` (the wire protocol
     * sends only the union, so a resource both named in `dependsOn` and used by an input shows here
     * only through `dependencies`).
     */
    dependsOn: string[];
    /** Explicit provider reference (`urn::id`), or undefined for the default provider. */
    provider?: string;
    aliases: string[];
    /** Registration order. */
    index: number;
}

const SIG = rpc?.specialSigKey as string;
const SECRET_SIG = rpc?.specialSecretSig as string;
const RESOURCE_SIG = rpc?.specialResourceSig as string;
const ASSET_SIG = rpc?.specialAssetSig as string;
const ARCHIVE_SIG = rpc?.specialArchiveSig as string;

/** Inputs that hold source code rather than rendered values (a CloudFront Function's `code` may well say `undefined`). */
const CODE_INPUTS: Record<string, string[]> = { "aws:cloudfront/function:Function": ["code"] };

const UNKNOWN = rpc?.unknownValue as string;

/** Turns a serialized property value into plain JSON: secrets revealed or masked, references as URNs. */
export function toPlain(value: any, mask: boolean): any {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => toPlain(v, mask));
    const sig = value[SIG];
    if (sig === SECRET_SIG) return mask ? SECRET_MASK : toPlain(value.value, mask);
    if (sig === RESOURCE_SIG) return value.id !== undefined && value.id !== "" ? value.id : value.urn;
    if (sig === ASSET_SIG || sig === ARCHIVE_SIG) {
        if (mask) return assetSummary(value);
        const out: Record<string, any> = { [SIG]: sig };
        for (const k of ["path", "text", "uri", "hash"]) if (value[k] !== undefined) out[k] = value[k];
        if (value.assets) out.assets = toPlain(value.assets, mask);
        return out;
    }
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v, mask);
    return out;
}

/**
 * An asset or archive as the plan writes it: a text asset by its SHA-256 and size, never its text (a
 * bundled function is hundreds of KB of minified code, unreadable in a plan and full of words such as
 * `undefined` that the plan contract rightly refuses elsewhere); files and URLs by where they are.
 */
export function assetSummary(value: any): Record<string, any> {
    const kind = value[SIG] === ASSET_SIG ? "asset" : "archive";
    if (typeof value.text === "string") {
        return { [kind]: "string", sha256: createHash("sha256").update(value.text).digest("hex"), bytes: Buffer.byteLength(value.text) };
    }
    if (value.assets !== undefined) {
        const assets: Record<string, any> = {};
        for (const [k, v] of Object.entries(value.assets)) assets[k] = v !== null && typeof v === "object" && (v as any)[SIG] ? assetSummary(v) : v;
        return { [kind]: "assets", assets };
    }
    if (value.path !== undefined) return { [kind]: "file", path: value.path };
    return { [kind]: "remote", uri: value.uri };
}

function hasUnknown(value: any): boolean {
    if (value === UNKNOWN) return true;
    if (value === null || typeof value !== "object") return false;
    return Object.values(value).some(hasUnknown);
}

/** The type of the root `pulumi:pulumi:Stack` resource. */
export const ROOT_STACK_TYPE = pulumi.runtime.rootPulumiStackTypeName;

/**
 * The URN the engine gives a resource: the parent's whole type chain (without the root Stack), then
 * the type, then the name.
 */
export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn ? parentUrn.split("::")[2] : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** What a resource fixture returns; what it leaves out is taken from the built-in fixture. */
export interface FixtureOutputs {
    /** The provider id (default: the built-in fixture's). */
    id?: string;
    /** Outputs, laid over the built-in fixture's (which are the inputs plus realistic computed outputs). */
    state?: Record<string, any>;
}

/**
 * A resource fixture: given what the program registered and the mock account, returns the resource's
 * id and outputs. `defaults` is what the built-in fixtures would return.
 */
export type ResourceFixture = (resource: MockResourceInput, context: MockContext, defaults: { id: string; state: Record<string, any> }) => FixtureOutputs;

/** A data-source fixture: given the invoke's inputs and the mock account, returns its result. */
export type InvokeFixture = (inputs: Record<string, any>, context: MockContext) => Record<string, any>;

export type { CallFixture, CallTarget } from "./calls";

/**
 * A program's own fixtures, taking precedence over the built-in ones (components/testing/fixtures.ts
 * for resources and data sources, components/testing/calls.ts for methods).
 *
 * @example
 * build(program, {
 *     fixtures: {
 *         resources: { "aws:rds/cluster:Cluster": (r, c) => ({ state: { endpoint: `${r.name}.cluster-abc.${c.region}.rds.amazonaws.com` } }) },
 *         invokes: { "aws:ec2/getVpc:getVpc": () => ({ id: "vpc-0123456789abcdef0", cidrBlock: "10.0.0.0/16" }) },
 *         calls: { "eks:index:Cluster/getKubeconfig": () => ({ result: "{}" }) },
 *     },
 * });
 */
export interface Fixtures {
    /** By resource type token (`aws:rds/cluster:Cluster`). */
    resources?: Record<string, ResourceFixture>;
    /** By data-source token (`aws:ec2/getVpc:getVpc`). */
    invokes?: Record<string, InvokeFixture>;
    /** By method token (`eks:index:Cluster/getKubeconfig`). */
    calls?: Record<string, CallFixture>;
}

/** One data-source invoke the program made. */
export interface RecordedInvoke {
    token: string;
    inputs: Record<string, any>;
}

/** One remote-component method call the program made. */
export interface RecordedCall {
    token: string;
    /** URN of the component the method was called on (`__self__`). */
    self: string;
    /** The arguments, as plain JSON, without `__self__`. */
    args: Record<string, any>;
}

// Checked by ./internals; a stand-in keeps this module loadable so that the check can speak first.
const MockMonitorBase: typeof MockMonitor = internals.MockMonitor ?? (class {} as any);

/**
 * Pulumi's mock monitor, recording everything the engine would know (see {@link RecordedResource}),
 * refusing what the engine refuses (a duplicate URN), answering remote-component method calls, and
 * noting the defects a real deployment would only show later (rendered `undefined`, leaked Output text).
 */
export class RecordingMonitor extends MockMonitorBase {
    /** Every registered resource by URN. */
    readonly records = new Map<string, RecordedResource>();
    /** Every data-source invoke, in order. */
    readonly calls: RecordedInvoke[] = [];
    /** Every remote-component method call, in order. */
    readonly methodCalls: RecordedCall[] = [];
    /**
     * What makes the program wrong although every RPC was answered: a refused registration, a string
     * input holding `undefined` or leaked Output text. `build()` fails on any.
     */
    readonly defects: Error[] = [];
    private counter = 0;

    /** URN of the registration in progress: `newResource` runs synchronously inside it. */
    private currentUrn = "";

    constructor(
        readonly context: MockContext,
        readonly fixtures: Fixtures = {},
    ) {
        super({ newResource: () => ({ id: "", state: {} }), call: () => ({}) });
        // URNs as the engine makes them: the parent's whole type chain, without the root Stack (the
        // stock mock keeps only the parent's last type). `newUrn` is private in the typings.
        (this as any).newUrn = (parent: string, type: string, name: string) => engineUrn(pulumi.getStack(), pulumi.getProject(), parent, type, name);
        (this as { mocks: pulumi.runtime.Mocks }).mocks = {
            newResource: (args) => {
                const input: MockResourceInput = { type: args.type, name: args.name, urn: this.currentUrn, inputs: args.inputs, custom: args.custom ?? true };
                const where = this.contextFor(args.type, args.provider, args.inputs);
                const defaults = mockResource(input, where);
                const own = fixtures.resources?.[args.type];
                if (!own) return defaults;
                const out = own(input, where, defaults);
                return { id: out.id ?? defaults.id, state: { ...defaults.state, ...out.state } };
            },
            call: (args) => {
                this.calls.push({ token: args.token, inputs: args.inputs });
                try {
                    const own = fixtures.invokes?.[args.token];
                    const where = this.contextFor(args.token, args.provider, args.inputs);
                    if (own) return own(args.inputs, where);
                    const explicit = this.awsProvider(args.provider);
                    // An explicit provider holds its own default tags, never the stack's `aws:defaultTags`: the SDK
                    // sends them JSON-encoded (`pulumi.output(args.defaultTags).apply(JSON.stringify)`).
                    if (args.token === "aws:index/getDefaultTags:getDefaultTags" && explicit)
                        return { id: "aws", tags: defaultTagsOf(explicit.inputs.defaultTags) };
                    return mockCall(args.token, args.inputs, where);
                } catch (e) {
                    // The SDK rebuilds invoke errors from gRPC's `details`; keep the message.
                    throw Object.assign(e as Error, { details: (e as Error).message });
                }
            },
        };
    }

    /**
     * The account and Region a resource or invoke of `token` lives in, as the AWS provider decides: its
     * own `region` argument (pulumi-aws 7 takes one on every resource and data source), else the `region`
     * of the explicit `aws` provider it was registered with (`provider` is `<urn>::<id>`), else the
     * stack's. So a resource created through `new aws.Provider("east", { region: "us-east-1" })` has
     * us-east-1 ARNs in a stack configured for eu-west-1.
     * An explicit provider without `region` gets `AWS_REGION`/`AWS_DEFAULT_REGION` from the SDK as its
     * input; with neither, the real provider reads the shared config's region (or fails), never the stack's
     * `aws:region`: the stack's Region stands in for it here.
     */
    contextFor(token: string, provider: string | undefined, inputs: Record<string, any> = {}): MockContext {
        if (!token.startsWith("aws:")) return this.context;
        let region = this.context.region;
        const record = this.awsProvider(provider);
        if (typeof record?.inputs.region === "string" && record.inputs.region) region = record.inputs.region;
        if (typeof inputs.region === "string" && inputs.region) region = inputs.region;
        return region === this.context.region ? this.context : { ...this.context, region };
    }

    /** The explicit `aws` provider a reference (`<urn>::<id>`; the id is unknown in a preview) names, if any. */
    private awsProvider(provider: string | undefined): RecordedResource | undefined {
        const record = provider ? this.records.get(provider.slice(0, provider.lastIndexOf("::"))) : undefined;
        return record?.type === "pulumi:providers:aws" ? record : undefined;
    }

    /**
     * The URNs a resource's `aliases` name. The SDK sends alias specs (name, type, parent) rather than
     * URNs when the monitor supports them, as this one does: resolve them as the engine would.
     */
    private aliasUrns(req: any, parent: string, type: string, name: string): string[] {
        const fromSpecs = (req.getAliasesList?.() ?? []).map((a: any) => {
            if (a.hasUrn()) return a.getUrn();
            const spec = a.getSpec();
            const aliasParent = spec.getNoparent() ? "" : spec.getParenturn() || parent;
            return (this as any).newUrn(aliasParent, spec.getType() || type, spec.getName() || name);
        });
        return [...req.getAliasurnsList(), ...fromSpecs];
    }

    /** Records a registration, refusing a duplicate URN as the engine does. */
    async registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string = req.getParent();
        const urn: string = (this as any).newUrn(parent, type, name);
        if (this.records.has(urn)) {
            const error = new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
            this.defects.push(error);
            callback(error);
            return;
        }
        const raw = req.getObject()?.toJavaScript() ?? {};
        if (!pulumi.runtime.isDryRun() && hasUnknown(raw)) {
            // Outside preview every input is known: an unknown means a mock returned too little.
            pulumi.log.warn(`mock: ${urn} has unknown inputs; a fixture is missing an output`);
        }
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            const urns = deps.getUrnsList();
            if (urns.length) propertyDependencies[key] = urns;
        });
        const dependencies = [...new Set<string>(req.getDependenciesList())];
        const fromInputs = new Set(Object.values(propertyDependencies).flat());
        const record: RecordedResource = {
            urn,
            type,
            name,
            custom: req.getCustom(),
            remote: req.getRemote(),
            parent: parent || undefined,
            inputs: toPlain(raw, false),
            maskedInputs: toPlain(raw, true),
            outputs: {},
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            deleteBeforeReplace: req.getDeletebeforereplace() === true,
            ignoreChanges: req.getIgnorechangesList(),
            dependencies,
            propertyDependencies,
            dependsOn: dependencies.filter((d) => !fromInputs.has(d)),
            provider: req.getProvider() || undefined,
            aliases: this.aliasUrns(req, parent, type, name),
            index: this.counter++,
        };
        this.records.set(urn, record);
        const code = CODE_INPUTS[type];
        const checked = code ? Object.fromEntries(Object.entries(record.inputs).filter(([k]) => !code.includes(k))) : record.inputs;
        for (const leak of findRenderedLeaks(checked, SIG)) {
            this.defects.push(new Error(`${urn}: input ${leak.path}: ${leak.why}: ${JSON.stringify(leak.text)}`));
        }
        // The stock monitor calls `newResource` before its first await: the URN is read there.
        this.currentUrn = urn;
        const done = super.registerResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                record.id = resp.getId() || undefined;
                record.outputs = toPlain(rpc.deserializeProperties(resp.getObject()), false);
            }
            callback(err, resp && unprinted(resp, `RegisterResourceResponse(${urn})`));
        });
        this.currentUrn = "";
        await done;
    }

    /** The stock invoke (the mocks' `call`), its response made cheap to print (see {@link unprinted}). */
    async invoke(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
        const token: string = req.getTok();
        return super.invoke(req, (err: any, resp: any) => callback(err, resp && unprinted(resp, `ResourceInvokeResponse(${token})`)));
    }

    /**
     * A remote-component method call (`pulumi.runtime.call`, e.g. `eks.Cluster.getKubeconfig()`),
     * answered from the fixtures: the stock MockMonitor has no `call`, so the SDK failed with
     * `monitor.call is not a function`. `__self__` arrives as a resource reference; the fixture gets
     * the component as recorded (with its outputs) and the other arguments as plain JSON.
     */
    async call(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
        try {
            const token: string = req.getTok();
            const raw: Record<string, any> = req.getArgs()?.toJavaScript() ?? {};
            const { __self__: selfRef, ...rest } = raw;
            const selfUrn: string | undefined = selfRef?.[SIG] === RESOURCE_SIG ? selfRef.urn : undefined;
            const record = selfUrn === undefined ? undefined : this.records.get(selfUrn);
            if (!record) throw new Error(`mock: method ${token} was called without a registered __self__ (got ${JSON.stringify(selfRef)})`);
            const args = toPlain(rest, false);
            this.methodCalls.push({ token, self: record.urn, args });
            const self: CallTarget = { urn: record.urn, type: record.type, name: record.name, outputs: record.outputs };
            const own = this.fixtures.calls?.[token];
            const result = own ? own(args, self, this.context) : mockMethodCall(token, args, self, this.context);
            const resp = new internals.CallResponse();
            resp.setReturn(internals.Struct.fromJavaScript(await rpc.serializeProperties(`call:${token}`, result)));
            callback(null, unprinted(resp, `CallResponse(${token})`));
        } catch (e) {
            // The SDK rebuilds call errors from gRPC's `details`; keep the message.
            callback(Object.assign(e as Error, { details: (e as Error).message }));
        }
    }
}

/**
 * The runtime logs every response it gets (`log.debug(\`... resp: ${innerResponse}\`)`), building the string whether or
 * not debug logging is on; a protobuf message prints as its whole content (the resource's outputs, serialized): 1 % of a
 * mocked deployment's CPU, for strings nobody reads. The response prints as `what` instead; nothing else reads it.
 */
function unprinted<T extends object>(resp: T, what: string): T {
    Object.defineProperty(resp, "toString", { value: () => what, enumerable: false });
    return resp;
}

/** How to install the mock engine: project, stack, config, fixtures. */
export interface InstallOptions {
    /** @default "aws-platform" */
    project?: string;
    /** @default "test" */
    stack?: string;
    /** Run as a preview (unknown outputs stay unknown). Default false: values are resolved. */
    preview?: boolean;
    /** Stack configuration, `"<namespace>:<key>"` → value (objects are JSON-encoded for you). */
    config?: Record<string, unknown>;
    /** Keys of `config` that are secrets. */
    secretKeys?: string[];
    /** The program's own fixtures, over the built-in ones. */
    fixtures?: Fixtures;
}

/**
 * Installs a fresh mock engine (a new, empty registry) and returns it. Fails with one clear message
 * when the installed `@pulumi/pulumi` lacks an internal the kit relies on.
 */
export function installMocks(options: InstallOptions = {}): RecordingMonitor {
    assertPulumiInternals();
    skipUnreadPromiseStacks();
    skipUnreadSourcePositions();
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.config ?? {})) config[k] = typeof v === "string" ? v : JSON.stringify(v);
    // Config is global and survives setMocks: replace all of it each time so tests stay independent.
    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    const region = config["aws:region"] ?? DEFAULT_CONTEXT.region;
    const monitor = new RecordingMonitor({ ...DEFAULT_CONTEXT, region }, options.fixtures);
    pulumi.runtime.setMockOptions(monitor, options.project ?? "aws-platform", options.stack ?? "test", options.preview ?? false);
    // The same features `pulumi.runtime.setMocks` turns on: all but output values (so inputs arrive
    // as plain values) and the engine-side invoke dependency gate (the mock does not implement it).
    const store = internals.state.getStore();
    for (const flag of STORE_FLAGS) store[flag] = flag !== "supportsOutputValues" && flag !== "supportsInvokeDependsOn";
    return monitor;
}

/** Waits until every pending registration, invoke and call (including those made inside `apply`) has finished. */
export async function settle(): Promise<void> {
    await internals.waitForRPCs();
}

/** The `tags` of an aws provider's `defaultTags` input, as the SDK sends it (a JSON string) or as an object. */
function defaultTagsOf(input: unknown): Record<string, string> {
    const value =
        typeof input === "string" ? (JSON.parse(input) as { tags?: Record<string, string> } | null) : (input as { tags?: Record<string, string> } | undefined);
    return value?.tags ?? {};
}
