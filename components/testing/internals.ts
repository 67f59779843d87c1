/**
 * The parts of `@pulumi/pulumi` the testing kit uses that are not its public API: the runtime's global
 * store and its feature flags, the RPC (de)serializer and its signature keys, the stock mock monitor,
 * the request/response messages of the engine protocol, two runtime functions (`setMockOptions`,
 * `waitForRPCs`) and `Output.promise()`. Pulumi may move any of them in a minor release; this module loads each one
 * defensively and lists what is missing, so the kit fails with one clear message naming what moved
 * instead of a `TypeError` deep inside a test.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";

/**
 * The `@pulumi/pulumi` versions the kit is tested with: the package's `peerDependencies` range (a test
 * keeps the two equal).
 */
export const TESTED_PULUMI_RANGE = ">=3.270.0 <4.0.0";

/** The runtime store flags `pulumi.runtime.setMocks` sets, and the kit sets the same way. */
export const STORE_FLAGS = [
    "supportsSecrets",
    "supportsResourceReferences",
    "supportsOutputValues",
    "supportsDeletedWith",
    "supportsReplaceWith",
    "supportsAliasSpecs",
    "supportsTransforms",
    "supportsInvokeTransforms",
    "supportsParameterization",
    "supportsResourceHooks",
    "supportsErrorHooks",
    "supportsInvokeDependsOn",
] as const;

/** Getters of the engine's RegisterResourceRequest that the recording monitor reads. */
const REGISTER_REQUEST_GETTERS = [
    "getType",
    "getName",
    "getParent",
    "getObject",
    "getPropertydependenciesMap",
    "getDependenciesList",
    "getCustom",
    "getRemote",
    "getProtect",
    "getRetainondelete",
    "getDeletebeforereplace",
    "getIgnorechangesList",
    "getProvider",
    "getAliasurnsList",
];

/** Getters of the engine's ResourceCallRequest that the recording monitor reads. */
const CALL_REQUEST_GETTERS = ["getTok", "getArgs"];

/** Members of the runtime's RPC module the kit reads. */
const RPC_MEMBERS = [
    "specialSigKey",
    "specialSecretSig",
    "specialResourceSig",
    "specialAssetSig",
    "specialArchiveSig",
    "unknownValue",
    "serializeProperties",
    "deserializeProperties",
];

/** Methods of the stock MockMonitor the recording monitor overrides or calls. */
const MOCK_MONITOR_METHODS = ["registerResource", "registerResourceOutputs", "invoke", "readResource", "supportsFeature", "newUrn"];

const requireFromPulumi = (() => {
    try {
        return createRequire(require.resolve("@pulumi/pulumi"));
    } catch {
        return require;
    }
})();

/**
 * A module of the installed `@pulumi/pulumi` that the kit can do without (an optimisation's target): undefined when it
 * cannot be loaded, and not reported by {@link checkPulumiInternals}.
 */
export function optionalPulumiModule(specifier: string): any {
    try {
        return requireFromPulumi(specifier);
    } catch {
        return undefined;
    }
}

/** Modules that failed to load, with the reason. */
const unloadable: string[] = [];

function load(specifier: string): any {
    try {
        return requireFromPulumi(specifier);
    } catch (e) {
        unloadable.push(`module ${specifier} cannot be loaded (${(e as Error).message.split("\n")[0]})`);
        return undefined;
    }
}

/** `@pulumi/pulumi/runtime/state`: `getStore()`, the runtime's global state. */
const state = load("@pulumi/pulumi/runtime/state");
/** `@pulumi/pulumi/runtime/rpc`: property (de)serialization and the signature keys of special values. */
const rpc = load("@pulumi/pulumi/runtime/rpc");
/** `@pulumi/pulumi/runtime/mocks`: the stock `MockMonitor` the recording monitor extends. */
const mocks = load("@pulumi/pulumi/runtime/mocks");
const resourceProto = load("@pulumi/pulumi/proto/resource_pb");
const providerProto = load("@pulumi/pulumi/proto/provider_pb");
const structProto = load("google-protobuf/google/protobuf/struct_pb");

/** The installed `@pulumi/pulumi` version, or "unknown". */
export const PULUMI_VERSION: string = (() => {
    try {
        return requireFromPulumi("@pulumi/pulumi/package.json").version as string;
    } catch {
        return "unknown";
    }
})();

/**
 * The internals as loaded. Members are `undefined` when they moved; call {@link assertPulumiInternals}
 * before using them.
 */
export const internals = {
    state,
    rpc,
    MockMonitor: mocks?.MockMonitor as new (mocks: pulumi.runtime.Mocks) => any,
    CallResponse: providerProto?.CallResponse as new () => any,
    Struct: structProto?.Struct as { fromJavaScript(value: Record<string, unknown>): any },
    waitForRPCs: (pulumi.runtime as any).waitForRPCs as () => Promise<void>,
};

/**
 * Lists every `@pulumi/pulumi` internal the kit relies on that is missing or changed shape in the
 * installed version; empty when all is in place.
 */
export function checkPulumiInternals(): string[] {
    const problems = [...unloadable];
    const expectMembers = (what: string, value: any, members: readonly string[], kind: "function" | "defined") => {
        if (value === undefined) return;
        for (const m of members) {
            const v = value[m];
            if (kind === "function" ? typeof v !== "function" : v === undefined)
                problems.push(`${what}.${m} is ${v === undefined ? "missing" : `a ${typeof v}`}`);
        }
    };
    expectMembers("@pulumi/pulumi/runtime/state", state, ["getStore"], "function");
    if (typeof state?.getStore === "function") {
        const store = state.getStore();
        if (store?.settings === undefined) problems.push("runtime store: settings is missing");
        for (const flag of STORE_FLAGS) if (!(flag in (store ?? {}))) problems.push(`runtime store flag ${flag} is missing`);
    }
    expectMembers("@pulumi/pulumi/runtime/rpc", rpc, RPC_MEMBERS, "defined");
    expectMembers("@pulumi/pulumi/runtime/rpc", rpc, ["serializeProperties", "deserializeProperties"], "function");
    expectMembers("@pulumi/pulumi/runtime/mocks", mocks, ["MockMonitor"], "function");
    expectMembers("MockMonitor.prototype", mocks?.MockMonitor?.prototype, MOCK_MONITOR_METHODS, "function");
    expectMembers("@pulumi/pulumi/proto/resource_pb", resourceProto, ["RegisterResourceRequest", "ResourceCallRequest"], "function");
    expectMembers("RegisterResourceRequest.prototype", resourceProto?.RegisterResourceRequest?.prototype, REGISTER_REQUEST_GETTERS, "function");
    expectMembers("ResourceCallRequest.prototype", resourceProto?.ResourceCallRequest?.prototype, CALL_REQUEST_GETTERS, "function");
    expectMembers("@pulumi/pulumi/proto/provider_pb", providerProto, ["CallResponse"], "function");
    expectMembers("CallResponse.prototype", providerProto?.CallResponse?.prototype, ["setReturn"], "function");
    expectMembers("google-protobuf Struct", structProto?.Struct, ["fromJavaScript"], "function");
    expectMembers("pulumi.runtime", pulumi.runtime, ["setMockOptions", "waitForRPCs", "setAllConfig", "runInPulumiStack", "isDryRun"], "function");
    if (typeof (pulumi.runtime as any).rootPulumiStackTypeName !== "string") problems.push("pulumi.runtime.rootPulumiStackTypeName is missing");
    // `unwrap()` reads an Output's value through its (internal) `promise()`, which also reports a failure.
    if (typeof (pulumi.output(0) as any).promise !== "function") problems.push("Output.promise() is missing");
    return problems;
}

/**
 * Throws one error naming every internal that moved, the installed version and the tested range;
 * does nothing when all is in place. The kit calls it whenever it installs the mock engine.
 */
export function assertPulumiInternals(): void {
    const problems = checkPulumiInternals();
    if (problems.length === 0) return;
    throw new Error(
        `aws-platform/testing cannot run with @pulumi/pulumi ${PULUMI_VERSION}: the Pulumi internals it relies on moved:\n` +
            problems.map((p) => `  - ${p}`).join("\n") +
            `\nIt is tested with @pulumi/pulumi ${TESTED_PULUMI_RANGE}; install a version in that range, or an aws-platform release that supports yours.`,
    );
}
