/**
 * The mock engine used by every test and by `npm run plan`: Pulumi's mock monitor, plus what the
 * real engine would know and the stock mocks drop — parents, dependencies, protect, retainOnDelete,
 * providers — and the checks the real engine makes (a duplicate URN is an error).
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { DEFAULT_CONTEXT, MockContext, mockCall, mockResource } from "./fixtures";

// Internal modules of @pulumi/pulumi that the public `setMocks` uses; see mocks.js.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const state = require("@pulumi/pulumi/runtime/state");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const rpc = require("@pulumi/pulumi/runtime/rpc");

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
    /** Inputs as plain JSON with secrets replaced by "[secret]": what the plan writes. */
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

const SIG = rpc.specialSigKey as string;
const SECRET_SIG = rpc.specialSecretSig as string;
const RESOURCE_SIG = rpc.specialResourceSig as string;
const ASSET_SIG = rpc.specialAssetSig as string;
const ARCHIVE_SIG = rpc.specialArchiveSig as string;
const UNKNOWN = rpc.unknownValue as string;

/** Turns a serialized property value into plain JSON: secrets revealed or masked, references as URNs. */
export function toPlain(value: any, mask: boolean): any {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => toPlain(v, mask));
    const sig = value[SIG];
    if (sig === SECRET_SIG) return mask ? SECRET_MASK : toPlain(value.value, mask);
    if (sig === RESOURCE_SIG) return value.id !== undefined && value.id !== "" ? value.id : value.urn;
    if (sig === ASSET_SIG || sig === ARCHIVE_SIG) {
        const out: Record<string, any> = { [SIG]: sig };
        for (const k of ["path", "text", "uri", "hash"]) if (value[k] !== undefined) out[k] = value[k];
        if (value.assets) out.assets = toPlain(value.assets, mask);
        return out;
    }
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v, mask);
    return out;
}

function hasUnknown(value: any): boolean {
    if (value === UNKNOWN) return true;
    if (value === null || typeof value !== "object") return false;
    return Object.values(value).some(hasUnknown);
}

export const ROOT_STACK_TYPE = pulumi.runtime.rootPulumiStackTypeName;

export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn ? parentUrn.split("::")[2] : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export class RecordingMonitor extends MockMonitor {
    readonly records = new Map<string, RecordedResource>();
    readonly calls: Array<{ token: string; inputs: Record<string, any> }> = [];
    private counter = 0;

    /** URN of the registration in progress: `newResource` runs synchronously inside it. */
    private currentUrn = "";

    constructor(readonly context: MockContext) {
        super({ newResource: () => ({ id: "", state: {} }), call: () => ({}) });
        // URNs as the engine makes them: the parent's whole type chain, without the root Stack (the
        // stock mock keeps only the parent's last type). `newUrn` is private in the typings.
        (this as any).newUrn = (parent: string, type: string, name: string) => engineUrn(pulumi.getStack(), pulumi.getProject(), parent, type, name);
        (this as { mocks: pulumi.runtime.Mocks }).mocks = {
            newResource: (args) =>
                mockResource({ type: args.type, name: args.name, urn: this.currentUrn, inputs: args.inputs, custom: args.custom ?? true }, context),
            call: (args) => {
                this.calls.push({ token: args.token, inputs: args.inputs });
                try {
                    return mockCall(args.token, args.inputs, context);
                } catch (e) {
                    // The SDK rebuilds invoke errors from gRPC's `details`; keep the message.
                    throw Object.assign(e as Error, { details: (e as Error).message });
                }
            },
        };
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

    async registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string = req.getParent();
        const urn: string = (this as any).newUrn(parent, type, name);
        if (this.records.has(urn)) {
            callback(new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`));
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
        // The stock monitor calls `newResource` before its first await: the URN is read there.
        this.currentUrn = urn;
        const done = super.registerResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                record.id = resp.getId() || undefined;
                record.outputs = toPlain(rpc.deserializeProperties(resp.getObject()), false);
            }
            callback(err, resp);
        });
        this.currentUrn = "";
        await done;
    }
}

export interface InstallOptions {
    project?: string;
    stack?: string;
    /** Run as a preview (unknown outputs stay unknown). Default false: values are resolved. */
    preview?: boolean;
    /** Stack configuration, `"<namespace>:<key>"` → value (objects are JSON-encoded for you). */
    config?: Record<string, unknown>;
    /** Keys of `config` that are secrets. */
    secretKeys?: string[];
}

/** Installs a fresh mock engine (a new, empty registry) and returns it. */
export function installMocks(options: InstallOptions = {}): RecordingMonitor {
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.config ?? {})) config[k] = typeof v === "string" ? v : JSON.stringify(v);
    // Config is global and survives setMocks: replace all of it each time so tests stay independent.
    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    const region = config["aws:region"] ?? DEFAULT_CONTEXT.region;
    const monitor = new RecordingMonitor({ ...DEFAULT_CONTEXT, region });
    pulumi.runtime.setMockOptions(monitor, options.project ?? "aws-platform", options.stack ?? "test", options.preview ?? false);
    // The same features `pulumi.runtime.setMocks` turns on.
    const store = state.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsReplaceWith = true;
    store.supportsAliasSpecs = true;
    store.supportsTransforms = true;
    store.supportsInvokeTransforms = true;
    store.supportsParameterization = true;
    store.supportsResourceHooks = true;
    store.supportsErrorHooks = true;
    store.supportsInvokeDependsOn = false;
    return monitor;
}

/** Waits until every pending registration (including those made inside `apply`) has finished. */
export async function settle(): Promise<void> {
    const wait = (pulumi.runtime as any).waitForRPCs as (() => Promise<void>) | undefined;
    if (wait) {
        await wait();
    } else {
        await new Promise((r) => setTimeout(r, 50));
    }
}
