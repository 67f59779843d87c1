import type * as pulumi from "@pulumi/pulumi";
import type { ActionArgs, DeliveryPipelineArgs, DeliveryPipelineTransforms, GitProvider, NotificationEvent, StageArgs, TriggerArgs } from "./args";

/** The one source of DeliveryPipeline's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    branch: "main",
    triggers: [] as TriggerArgs[],
    // Not approval-needed: each approval action publishes its own request to the same topic (its NotificationArn).
    events: ["failed"] as NotificationEvent[],
    executionMode: "SUPERSEDED" as "SUPERSEDED" | "QUEUED",
    artifactRetentionDays: 30,
    protectData: false,
    tags: {} as Record<string, string>,
    transform: {} as DeliveryPipelineTransforms,
    runOrder: 1,
    production: false,
    test: false,
    inputs: ["source"],
    outputs: [] as string[],
    environment: {} as Record<string, string>,
    imageDefinitionsFile: "imagedefinitions.json",
    taskDefinitionPath: "taskdef.json",
    appSpecPath: "appspec.yaml",
    capabilities: [] as string[],
    parameterOverrides: {} as Record<string, string>,
};

/** The source action's output artifact: what build actions read unless told otherwise. */
export const SOURCE_ARTIFACT = "source";
/** The implicit first stage and its one action. */
export const SOURCE_STAGE = "Source";

export type ResolvedSource =
    | { kind: "connection"; provider: GitProvider; repository: string; branch: string }
    | { kind: "connectionArn"; connectionArn: pulumi.Input<string>; repository: string; branch: string }
    | { kind: "s3"; bucket: pulumi.Input<string>; key: string; kmsKeyArn?: pulumi.Input<string> }
    | { kind: "codeCommit"; repository: string; branch: string };

/** An action with every default filled, its artifacts as CodePipeline lists them, and its place. */
export type ResolvedAction = ActionArgs & {
    runOrder: number;
    production: boolean;
    inputArtifacts: string[];
    outputArtifacts: string[];
};

export interface ResolvedStage {
    name: string;
    actions: ResolvedAction[];
}

export interface ResolvedDeliveryPipeline {
    source: ResolvedSource;
    triggers: TriggerArgs[];
    stages: ResolvedStage[];
    notifications?: { topicArn: pulumi.Input<string>; topicKeyArn?: pulumi.Input<string>; events: NotificationEvent[] };
    executionMode: "SUPERSEDED" | "QUEUED";
    artifactRetentionDays: number;
    protectData: boolean;
    tags: Record<string, string>;
    transform: DeliveryPipelineTransforms;
}

export function normalizeSource(source: DeliveryPipelineArgs["source"]): ResolvedSource {
    if ("connection" in source) return { kind: "connection", ...source.connection, branch: source.connection.branch ?? DEFAULTS.branch };
    if ("connectionArn" in source)
        return { kind: "connectionArn", connectionArn: source.connectionArn, repository: source.repository, branch: source.branch ?? DEFAULTS.branch };
    if ("s3" in source) return { kind: "s3", bucket: source.s3.bucket, key: source.s3.key, kmsKeyArn: source.s3.kmsKeyArn };
    return { kind: "codeCommit", repository: source.codeCommit.repository, branch: source.codeCommit.branch ?? DEFAULTS.branch };
}

/** The artifacts an action reads and writes, as CodePipeline's declaration lists them. */
function artifactsOf(a: ActionArgs): { inputArtifacts: string[]; outputArtifacts: string[] } {
    switch (a.kind) {
        case "build":
            return { inputArtifacts: a.inputs ?? DEFAULTS.inputs, outputArtifacts: a.outputs ?? DEFAULTS.outputs };
        case "lambda":
        case "pulumi":
            return { inputArtifacts: a.inputs ?? DEFAULTS.inputs, outputArtifacts: [] };
        case "approval":
            return { inputArtifacts: [], outputArtifacts: [] };
        case "cloudformation":
            return { inputArtifacts: [a.templatePath.split("::")[0]], outputArtifacts: [] };
        default:
            return { inputArtifacts: [a.input], outputArtifacts: [] };
    }
}

export function normalizeStage(stage: StageArgs): ResolvedStage {
    return {
        name: stage.name,
        actions: stage.actions.map((a) => ({
            ...a,
            runOrder: a.runOrder ?? DEFAULTS.runOrder,
            production: "production" in a ? (a.production ?? DEFAULTS.production) : DEFAULTS.production,
            ...artifactsOf(a),
        })),
    };
}

/** Fills every default. Call after the shape check. */
export function normalize(args: DeliveryPipelineArgs): ResolvedDeliveryPipeline {
    return {
        source: normalizeSource(args.source),
        triggers: args.triggers ?? DEFAULTS.triggers,
        stages: args.stages.map(normalizeStage),
        notifications: args.notifications && {
            topicArn: args.notifications.topicArn,
            topicKeyArn: args.notifications.topicKeyArn,
            events: args.notifications.events ?? DEFAULTS.events,
        },
        executionMode: args.executionMode ?? DEFAULTS.executionMode,
        artifactRetentionDays: args.artifactRetentionDays ?? DEFAULTS.artifactRetentionDays,
        protectData: args.protectData ?? DEFAULTS.protectData,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
