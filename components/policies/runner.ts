/**
 * The offline policy runner: evaluates `@pulumi/policy` policies over the resources the mock engine
 * recorded, with the `args` the real policy server builds (see `@pulumi/policy/server.js`):
 *
 * - resource policies get the resource's inputs as `props` (keys holding `undefined` and internal
 *   `__` keys dropped, wrapped in `unknownCheckingProxy`), `type`, `urn`, `name`, `opts` (`protect`,
 *   `ignoreChanges`, `aliases`, `customTimeouts`, `additionalSecretOutputs`, `deleteBeforeReplace`
 *   only when set; never `retainOnDelete`, which the analyzer protocol does not carry), the explicit
 *   provider, `isType`, `asType`, `getConfig` and `notApplicable`;
 * - stack policies get every resource with its outputs as `props` (plus `id`), `parent` and
 *   `dependencies` resolved to the other resources;
 * - enforcement: the pack config's level, else the policy's, else the pack's, else advisory;
 *   "disabled" skips the policy, "remediate" reports as mandatory;
 * - a thrown `notApplicable` keeps the violations reported before it; reading an unknown value
 *   (preview) is reported as an advisory "can't run during preview"; any other throw is an error of
 *   the run, as it fails a real preview;
 * - `preview: true` gives the args of a new stack's first preview: an input whose `propertyDependencies`
 *   name a resource `up` has not created yet is unknown, and so are, for stack policies, that resource's
 *   `id` and every output the program did not set (a whole top-level input is unknown, where a real
 *   preview knows the known parts of a nested one: conservative).
 *
 * Differences from the real server, by necessity: the default provider is not passed as `provider`
 * (only explicit providers are) nor listed among a stack policy's resources, `opts.parent` is never
 * set (newer engines send it to stack policies: read `parent` instead), `stackTags` is empty, and the
 * children of remote components (`eks:index:Cluster`) do not exist offline, so rules check those
 * components' arguments. tests/policies/runner.test.ts feeds `@pulumi/policy`'s own server functions the
 * requests the engine sends and asserts both report the same.
 */
import type {
    EnforcementLevel,
    PolicyPackConfig,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
// The sentinel the engine sends for a value unknown during preview, which `unknownCheckingProxy` recognises.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { TYPE_FILTER, type TypeFilter } from "./rule";
/**
 * The resource fields the runner reads: a `RecordedResource` of the mock engine (`aws-platform/testing`, structurally
 * the same fields; not imported, so that the policies never load the testing kit), or one built by `policyResource`.
 */
export interface PolicyInput {
    urn: string;
    type: string;
    name: string;
    /** A cloud resource (true) or a component (false). */
    custom: boolean;
    /** A component implemented in a provider plugin. */
    remote?: boolean;
    /** Inputs as plain JSON, secrets revealed. */
    inputs: Record<string, any>;
    /** Outputs as plain JSON. */
    outputs: Record<string, any>;
    protect: boolean;
    ignoreChanges: string[];
    aliases: string[];
    /** URNs this resource depends on. */
    dependencies: string[];
    /** Property name → URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
    parent?: string;
    id?: string;
    /** Explicit provider reference (`urn::id`). */
    provider?: string;
    deleteBeforeReplace?: boolean;
    index?: number;
}

export type Level = "mandatory" | "advisory";

export interface PolicyViolation {
    policy: string;
    level: Level;
    urn: string;
    type: string;
    name: string;
    /** The policy's description, a newline, then the rule's message (as the CLI prints it). */
    message: string;
}

export interface NotApplicable {
    policy: string;
    urn: string;
    reason: string;
}

export interface PolicyOutcome {
    name: string;
    level: Level | "disabled";
    kind: "resource" | "stack";
    description: string;
    /** Resources the policy was evaluated on (not skipped by type, not "not applicable"). */
    evaluated: number;
    violations: PolicyViolation[];
}

export interface PolicyRunOptions {
    /** Per-policy config, as `--policy-pack-config` gives it: `{ "<policy>": "<level>" | { enforcementLevel, ... } }`. */
    config?: PolicyPackConfig;
    /** The pack's level for policies that state none. Default: "advisory". */
    enforcementLevel?: EnforcementLevel;
    /** For the "can't run during preview" message. Default: "aws-platform". */
    pack?: string;
    /**
     * Evaluate as the first `pulumi preview` of a new stack, where nothing exists yet: an input whose
     * `propertyDependencies` name a custom resource (or remote component) is unknown, and so are, for stack
     * policies, each such resource's `id` and every output the program did not set as an input (`arn`, ...).
     * Default false: every value is known, as after `pulumi up`.
     */
    preview?: boolean;
}

export interface PolicyRunResult {
    policies: PolicyOutcome[];
    /** Every violation, sorted by policy then URN. */
    violations: PolicyViolation[];
    notApplicable: NotApplicable[];
    /** Policies that read a value unknown during preview: advisory, as the real server reports them. */
    unknowns: { policy: string; urn?: string; message: string }[];
    /** Distinct resources at least one resource policy evaluated. */
    resourcesChecked: number;
    mandatory: number;
    advisory: number;
}

class OfflineNotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

/** The object form of `reportViolation` the real server accepts (not in `@pulumi/policy`'s types). */
interface ReportedViolation {
    name?: string;
    message?: string;
    description?: string;
    urn?: string;
    enforcementLevel?: EnforcementLevel;
}

// `@pulumi/policy` exports these from `proxy.js`, but its `proxy.d.ts` declares nothing.
interface UnknownProxy {
    unknownCheckingProxy<T extends object>(o: T): T;
    UnknownValueError: new (...a: any[]) => Error;
}

/** Loaded when a run starts: `@pulumi/policy` is an optional peer dependency of the package, needed only to run policies. */
function loadProxy(): UnknownProxy {
    try {
        return require("@pulumi/policy/proxy");
    } catch (error) {
        throw new Error("aws-platform/policies runs policies with @pulumi/policy: install it (npm install --save-dev @pulumi/policy@1.21.0)", {
            cause: error,
        });
    }
}

/**
 * A deep copy without `undefined` values and internal `__` keys, as the engine marshals properties; keys in
 * sorted order, as the server's protobuf `Struct` gives them.
 */
function plainProps(value: any): any {
    if (Array.isArray(value)) return value.map(plainProps);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (v === undefined || k.startsWith("__")) continue;
        out[k] = plainProps(v);
    }
    return out;
}

/**
 * `props` as a property built on first read: a fresh copy per validation, as the server deserializes one, but
 * none for the many validations that only read the type and declare themselves not applicable.
 */
function withLazyProps<T extends object>(target: T, build: () => Record<string, any>): T & { props: Record<string, any> } {
    let props: Record<string, any> | undefined;
    return Object.defineProperty(target, "props", {
        enumerable: true,
        get: () => {
            props ??= build();
            return props;
        },
    }) as T & { props: Record<string, any> };
}

function optionsOf(r: PolicyInput): PolicyResourceOptions {
    return {
        protect: r.protect,
        ignoreChanges: [...r.ignoreChanges],
        aliases: [...r.aliases],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    };
}

const pulumiTypeOf = (cls: any): string | undefined => (typeof cls?.__pulumiType === "string" && cls.__pulumiType !== "" ? cls.__pulumiType : undefined);
const isTypeOf = (type: string, cls: any): boolean => {
    const token = pulumiTypeOf(cls);
    return token !== undefined ? token === type : typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
};

function levelOf(policy: ResourceValidationPolicy | StackValidationPolicy, options: PolicyRunOptions): Level | "disabled" {
    const configured = options.config?.[policy.name];
    const fromConfig = typeof configured === "string" ? configured : configured?.enforcementLevel;
    const level = fromConfig || policy.enforcementLevel || options.enforcementLevel || "advisory";
    return level === "remediate" ? "mandatory" : level;
}

function configOf(policy: ResourceValidationPolicy | StackValidationPolicy, options: PolicyRunOptions): any {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {}).flatMap(([k, s]: [string, any]) => (s && "default" in s ? [[k, s.default]] : [])),
    );
    const configured = options.config?.[policy.name];
    const { enforcementLevel: _level, ...rest } = typeof configured === "object" && configured !== null ? configured : ({} as Record<string, any>);
    return { ...defaults, ...rest };
}

/** What the engine has not created before the first `up`: custom resources (providers excepted: their outputs are their inputs) and remote components. */
const createdByUp = (r: PolicyInput | undefined): boolean => r !== undefined && ((r.custom && !r.type.startsWith("pulumi:providers:")) || r.remote === true);

/** The inputs as a first preview sends them: a property computed from a resource not yet created is unknown. */
function previewInputs(r: PolicyInput, byUrn: ReadonlyMap<string, PolicyInput>): Record<string, any> {
    const props = plainProps(r.inputs);
    for (const [key, urns] of Object.entries(r.propertyDependencies))
        if (key in props && urns.some((u) => createdByUp(byUrn.get(u)))) props[key] = unknownValue;
    return props;
}

/** A stack policy's `props` in a first preview: the known inputs; the id and every output the program did not set, unknown. */
function previewOutputs(r: PolicyInput, byUrn: ReadonlyMap<string, PolicyInput>): Record<string, any> {
    if (!createdByUp(r)) return plainProps({ ...(r.id !== undefined ? { id: r.id } : {}), ...r.outputs });
    const props = previewInputs(r, byUrn);
    for (const key of Object.keys(r.outputs)) if (!(key in props) && !key.startsWith("__")) props[key] = unknownValue;
    if (r.custom) props.id = unknownValue;
    return plainProps(props);
}

/** A resource's parent, dependencies and property dependencies, as indices into the list of resources (those not in it left out). */
interface ResourceLinks {
    parent?: number;
    dependencies: number[];
    propertyDependencies: [property: string, resources: number[]][];
}

function linksOf(resources: readonly PolicyInput[]): ResourceLinks[] {
    const index = new Map(resources.map((r, i) => [r.urn, i]));
    const known = (urns: string[]) => urns.flatMap((u) => index.get(u) ?? []);
    return resources.map((r) => ({
        parent: r.parent === undefined ? undefined : index.get(r.parent),
        dependencies: known(r.dependencies),
        propertyDependencies: Object.entries(r.propertyDependencies).map(([k, us]) => [k, known(us)]),
    }));
}

/** Evaluates `policies` over `resources` (registration order) as `pulumi preview --policy-pack` would. */
export async function runPolicies(
    policies: readonly (ResourceValidationPolicy | StackValidationPolicy)[],
    resources: readonly PolicyInput[],
    options: PolicyRunOptions = {},
): Promise<PolicyRunResult> {
    const pack = options.pack ?? "aws-platform";
    const proxy = loadProxy();
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const violations: PolicyViolation[] = [];
    const notApplicable: NotApplicable[] = [];
    const unknowns: PolicyRunResult["unknowns"] = [];
    const checked = new Set<string>();
    const outcomes: PolicyOutcome[] = [];
    // Where each resource's parent and dependencies are in `resources`: the same for every stack policy, found once.
    let links: ResourceLinks[] | undefined;

    const providerOf = (r: PolicyInput) => {
        if (!r.provider) return undefined;
        const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
        const p = byUrn.get(urn);
        return p ? { type: p.type, props: proxy.unknownCheckingProxy(plainProps(p.inputs)), urn: p.urn, name: p.name } : undefined;
    };
    // The server sets `provider` only when the request carries one.
    /** What both kinds of policy see of a resource besides its props: identity, options, provider (only when explicit), isType. */
    const described = (r: PolicyInput) => {
        const provider = providerOf(r);
        return { type: r.type, urn: r.urn, name: r.name, opts: optionsOf(r), ...(provider ? { provider } : {}), isType: (cls: any) => isTypeOf(r.type, cls) };
    };

    for (const policy of policies) {
        const level = levelOf(policy, options);
        const kind = "validateResource" in policy ? "resource" : "stack";
        const outcome: PolicyOutcome = { name: policy.name, level, kind, description: policy.description, evaluated: 0, violations: [] };
        outcomes.push(outcome);
        if (level === "disabled") continue;
        // `reportViolation(message, urn?)`, or the server's undocumented object form, which may report under
        // another name or level (`@pulumi/policy/server.js` makeReportViolationFun).
        const record = (urn: string, message: string | ReportedViolation | undefined) => {
            const r = byUrn.get(urn);
            const info = typeof message === "object" && message !== null ? message : undefined;
            const text = info ? (info.message ?? info.description ?? policy.description) : message ? `${policy.description}\n${message}` : policy.description;
            const reportedLevel = info?.enforcementLevel === "remediate" ? "mandatory" : info?.enforcementLevel;
            const v: PolicyViolation = {
                policy: info?.name ?? policy.name,
                level: reportedLevel === "advisory" || reportedLevel === "mandatory" ? reportedLevel : level,
                urn,
                type: r?.type ?? "",
                name: r?.name ?? "",
                message: text,
            };
            outcome.violations.push(v);
            violations.push(v);
        };
        const config = configOf(policy, options);
        // Not applicable and unknown values end the evaluation without counting it; anything else fails the run.
        const handle = (error: unknown, urn: string | undefined): void => {
            if (error instanceof OfflineNotApplicable) {
                notApplicable.push({ policy: policy.name, urn: urn ?? "", reason: error.reason ?? "Policy does not apply" });
                return;
            }
            if (error instanceof proxy.UnknownValueError) {
                unknowns.push({
                    policy: policy.name,
                    urn,
                    message: `can't run policy '${policy.name}' from policy pack '${pack}' during preview: ${(error as Error).message}`,
                });
                return;
            }
            throw new Error(`policy "${policy.name}" failed${urn ? ` on ${urn}` : ""}: ${error instanceof Error ? error.message : String(error)}`, {
                cause: error,
            });
        };
        const notApplicableFn = (reason?: string): never => {
            throw new OfflineNotApplicable(reason);
        };

        if ("validateResource" in policy) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
            // Per validation, read once: the server's fast type check (only for a single function, as the server) and a
            // pack rule's own type check (`toPolicies`), read instead of run: the same record as its `notApplicable` call.
            const checks = validations.map((validate) => ({
                validate,
                fast: Array.isArray(policy.validateResource) ? undefined : pulumiTypeOf(validate),
                filter: (validate as { [TYPE_FILTER]?: TypeFilter })[TYPE_FILTER],
            }));
            for (const r of resources) {
                for (const { validate, fast, filter } of checks) {
                    if (fast !== undefined && fast !== r.type) {
                        notApplicable.push({ policy: policy.name, urn: r.urn, reason: `Policy only applies to resources of type '${fast}'` });
                        continue;
                    }
                    if (filter !== undefined && !filter.types.has(r.type)) {
                        notApplicable.push({ policy: policy.name, urn: r.urn, reason: filter.reason });
                        continue;
                    }
                    const args: ResourceValidationArgs = withLazyProps(
                        {
                            ...described(r),
                            stackTags: new Map(),
                            asType: ((cls: any) => (isTypeOf(r.type, cls) ? args.props : undefined)) as any,
                            getConfig: <T>() => config as T,
                            notApplicable: notApplicableFn,
                        },
                        () => proxy.unknownCheckingProxy(options.preview ? previewInputs(r, byUrn) : plainProps(r.inputs)),
                    ) as ResourceValidationArgs;
                    const report: ReportViolation = (message) => record(r.urn, message as string | ReportedViolation);
                    try {
                        await validate(args, report);
                        outcome.evaluated++;
                        checked.add(r.urn);
                    } catch (error) {
                        handle(error, r.urn);
                    }
                }
            }
        } else {
            const validateStack = (policy as StackValidationPolicy).validateStack;
            const fast = pulumiTypeOf(validateStack);
            if (fast !== undefined && !resources.some((r) => r.type === fast)) {
                notApplicable.push({ policy: policy.name, urn: "", reason: `Policy only applies to resources of type '${fast}'` });
                continue;
            }
            const list: PolicyResource[] = resources.map((r) => {
                const resource: PolicyResource = withLazyProps(
                    {
                        ...described(r),
                        dependencies: [],
                        propertyDependencies: {},
                        asType: ((cls: any) => (isTypeOf(r.type, cls) ? resource.props : undefined)) as any,
                    },
                    () =>
                        proxy.unknownCheckingProxy(
                            options.preview ? previewOutputs(r, byUrn) : plainProps({ ...(r.id !== undefined ? { id: r.id } : {}), ...r.outputs }),
                        ),
                ) as PolicyResource;
                return resource;
            });
            links ??= linksOf(resources);
            const linked = links;
            list.forEach((p: any, i) => {
                const l = linked[i]!;
                // As the server: `parent` only when the parent is in the list.
                if (l.parent !== undefined) p.parent = list[l.parent];
                p.dependencies = l.dependencies.map((j) => list[j]);
                p.propertyDependencies = Object.fromEntries(l.propertyDependencies.map(([k, js]) => [k, js.map((j) => list[j])]));
            });
            const args: StackValidationArgs = {
                resources: list,
                stackTags: new Map(),
                getConfig: <T>() => config as T,
                notApplicable: notApplicableFn,
            } as StackValidationArgs;
            const report: ReportViolation = (message, urn) => {
                const info = typeof message === "object" && message !== null ? (message as ReportedViolation) : undefined;
                record(info?.urn ?? urn ?? "", message as string | ReportedViolation);
            };
            try {
                await validateStack(args, report);
                outcome.evaluated++;
            } catch (error) {
                handle(error, undefined);
            }
        }
    }
    violations.sort((a, b) => a.policy.localeCompare(b.policy) || a.urn.localeCompare(b.urn));
    return {
        policies: outcomes,
        violations,
        notApplicable,
        unknowns,
        resourcesChecked: checked.size,
        mandatory: violations.filter((v) => v.level === "mandatory").length,
        advisory: violations.filter((v) => v.level === "advisory").length,
    };
}

let counter = 0;

/**
 * A resource for testing one policy without building a program: `policyResource("aws:ecr/repository:Repository",
 * "repo", { imageTagMutability: "MUTABLE" })`. Outputs default to the inputs plus an `id` and, for
 * `aws:` types, an `arn`.
 */
export function policyResource(type: string, name: string, inputs: Record<string, any>, more: Partial<PolicyInput> & { stack?: string } = {}): PolicyInput {
    const { stack = "dev", ...rest } = more;
    const id = `${name}-${(++counter).toString(16).padStart(7, "0")}`;
    const urn = `urn:pulumi:${stack}::aws-platform::${type}::${name}`;
    return {
        urn,
        type,
        name,
        custom: !type.startsWith("aws-platform:"),
        inputs,
        outputs: { ...inputs, ...(type.startsWith("aws:") ? { arn: `arn:aws:${type.split(":")[1].split("/")[0]}:us-east-1:123456789012:${name}` } : {}) },
        id,
        protect: false,
        ignoreChanges: [],
        aliases: [],
        dependencies: [],
        propertyDependencies: {},
        ...rest,
    };
}
