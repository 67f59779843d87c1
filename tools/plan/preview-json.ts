/**
 * Builds what `pulumi preview --json` prints for a first deployment (every step a `create`) from
 * the resources the mock engine recorded, adding the default providers the real engine would add.
 */
import * as path from "node:path";
import { RecordedResource } from "../../components/testing/engine";
import { providerId } from "../../components/testing/fixtures";
import type { Diagnostic } from "./evaluate";

export { providerId };

/** The type of the root resource every program runs in. */
export { ROOT_STACK_TYPE } from "../../components/testing/engine";

/** A step's `newState`: the fields `pulumi preview --json` fills for a create. */
export interface PreviewState {
    urn: string;
    type: string;
    custom: boolean;
    parent?: string;
    inputs: Record<string, any>;
    protect?: boolean;
    retainOnDelete?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    /** `<provider urn>::<provider id>`. */
    provider?: string;
}

export interface PreviewStep {
    op: "create";
    urn: string;
    provider?: string;
    newState: PreviewState;
}

export interface PreviewJson {
    /** The stack's config, secrets as "[secret]". */
    config: Record<string, string>;
    steps: PreviewStep[];
    diagnostics: Diagnostic[];
    duration: number;
    changeSummary: Record<string, number>;
}

export interface PreviewInput {
    project: string;
    stack: string;
    /** Masked config, as it may be written down. */
    config: Record<string, string>;
    resources: RecordedResource[];
    diagnostics?: Diagnostic[];
    /** The plugin version of a package's default provider; by default read from `@pulumi/<pkg>`. */
    providerVersion?: (pkg: string) => string | undefined;
}

/**
 * The version the SDK package `@pulumi/<pkg>` asks the engine for: its default provider's version.
 * Undefined when the package is not installed.
 */
export function installedProviderVersion(pkg: string, fromDir: string = path.resolve(__dirname, "../..")): string | undefined {
    // The built-in `pulumi` provider (StackReference) has no plugin and so no version.
    if (pkg === "pulumi") return undefined;
    try {
        return require(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [fromDir] })).version;
    } catch {
        return undefined;
    }
}

/** The package that implements a type token: `aws` for `aws:sqs/queue:Queue`, `eks` for `eks:index:Cluster`. */
export function packageOf(type: string): string {
    return type.split(":")[0];
}

/** The name part of `urn:pulumi:<stack>::<project>::<type>::<name>` (a name may itself hold `::`). */
export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** The URN of a package's default provider: `default_7_48_0`, or `default` when the version is unknown. */
export function defaultProviderUrn(stack: string, project: string, pkg: string, version: string | undefined): string {
    const name = version === undefined ? "default" : `default_${version.replace(/\./g, "_")}`;
    return `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::${name}`;
}

/** The engine gives a default provider to every cloud resource and remote component that names none. */
function needsDefaultProvider(r: RecordedResource): boolean {
    return (r.custom || r.remote) && r.provider === undefined && !r.type.startsWith("pulumi:providers:");
}

function step(state: PreviewState): PreviewStep {
    return { op: "create", urn: state.urn, ...(state.provider !== undefined ? { provider: state.provider } : {}), newState: state };
}

/** The step for one recorded resource; empty and false fields are left out, as the CLI does. */
function resourceStep(r: RecordedResource, provider: string | undefined): PreviewStep {
    return step({
        urn: r.urn,
        type: r.type,
        custom: r.custom,
        ...(r.parent !== undefined ? { parent: r.parent } : {}),
        inputs: r.maskedInputs,
        ...(r.protect ? { protect: true } : {}),
        ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
        ...(r.dependencies.length ? { dependencies: r.dependencies } : {}),
        ...(Object.keys(r.propertyDependencies).length ? { propertyDependencies: r.propertyDependencies } : {}),
        ...(provider !== undefined ? { provider } : {}),
    });
}

/**
 * One `create` step per resource in registration order, each default provider placed just before
 * the first resource that uses it; `changeSummary` counts the steps.
 */
export function buildPreview(input: PreviewInput): PreviewJson {
    const versionOf = input.providerVersion ?? ((pkg: string) => installedProviderVersion(pkg));
    const providers = new Map<string, string>(); // package → provider reference
    const steps: PreviewStep[] = [];
    for (const r of [...input.resources].sort((a, b) => a.index - b.index)) {
        let provider = r.provider;
        if (needsDefaultProvider(r)) {
            const pkg = packageOf(r.type);
            provider = providers.get(pkg);
            if (provider === undefined) {
                const version = versionOf(pkg);
                const urn = defaultProviderUrn(input.stack, input.project, pkg, version);
                steps.push(step({ urn, type: `pulumi:providers:${pkg}`, custom: true, inputs: version === undefined ? {} : { version } }));
                provider = `${urn}::${providerId(urn)}`;
                providers.set(pkg, provider);
            }
        }
        steps.push(resourceStep(r, provider));
    }
    const changeSummary: Record<string, number> = {};
    for (const s of steps) changeSummary[s.op] = (changeSummary[s.op] ?? 0) + 1;
    return { config: input.config, steps, diagnostics: input.diagnostics ?? [], duration: 0, changeSummary };
}
