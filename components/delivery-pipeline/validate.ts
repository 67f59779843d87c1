import { Issue, Issues, isPlain } from "../shared/errors";
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { Shape, array, boolean, checkShape, custom, input, int, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import { ROLE_ARN, checkKmsKeyArn, checkTags } from "../shared/validators";
import type {
    ApprovalActionArgs,
    BuildActionArgs,
    CloudFormationActionArgs,
    CodeDeployActionArgs,
    CodeDeployTarget,
    DeliveryPipelineArgs,
    DeliveryPipelineTransforms,
    EcsActionArgs,
    EcsBlueGreenActionArgs,
    ElasticBeanstalkActionArgs,
    GitFilterArgs,
    LambdaActionArgs,
    NotificationsArgs,
    PulumiActionArgs,
    StageArgs,
    TriggerArgs,
} from "./args";
import { ResolvedAction, ResolvedDeliveryPipeline, SOURCE_ARTIFACT, SOURCE_STAGE, normalize } from "./defaults";

export const GIT_PROVIDERS = ["GitHub", "GitLab", "Bitbucket"] as const;
export const NOTIFICATION_EVENTS = ["failed", "succeeded", "approval-needed", "stage-failed"] as const;
export const CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"] as const;

/**
 * A value with these keys, plain object or class instance (a `BuildProject`, a `DeploymentGroup`): the
 * pipeline reads only the named fields, so other members are fine.
 */
function ref(noun: string, keys: readonly string[], extra?: (issues: Issues, path: string, v: Record<string, unknown>) => void): Shape {
    const check = (issues: Issues, path: string, value: unknown) => {
        const v = value as Record<string, unknown>;
        for (const k of keys) if (v[k] === undefined || v[k] === null) issues.missing(`${path}.${k}`, `${noun}.${k}`);
        extra?.(issues, path, v);
    };
    const allowed = `a ${noun} { ${keys.join(", ")} }`;
    return union(allowed, custom("object", allowed, check), custom("other", allowed, check));
}

const BUILD_PROJECT = ref("BuildProjectRef", ["projectName", "projectArn", "roleName"]);
const PLATFORMS = ["ECS", "Lambda", "Server"];
const CODE_DEPLOY_TARGET = ref(
    "CodeDeployTarget",
    ["computePlatform", "applicationName", "applicationArn", "deploymentGroupName", "deploymentGroupArn", "deploymentConfigName"],
    (issues, path, v) => {
        if (v.computePlatform !== undefined) issues.oneOf(`${path}.computePlatform`, v.computePlatform, PLATFORMS);
    },
);

const strings = () => array(string());
const GIT_FILTER = object<GitFilterArgs>({ noun: "filter field" })({ includes: optional(strings()), excludes: optional(strings()) });
const TRIGGER = object<TriggerArgs>({ noun: "trigger field" })({
    branches: optional(GIT_FILTER),
    tags: optional(GIT_FILTER),
    filePaths: optional(GIT_FILTER),
});

const base = { name: string(), runOrder: optional(int()) };
const deploy = { ...base, production: optional(boolean()) };
const ACTION_SHAPES: Record<string, Shape> = {
    build: object<BuildActionArgs>({ noun: "build action field" })({
        ...base,
        kind: oneOf(["build"]),
        project: BUILD_PROJECT,
        test: optional(boolean()),
        inputs: optional(strings()),
        outputs: optional(strings()),
        environment: optional(record(string())),
    }),
    approval: object<ApprovalActionArgs>({ noun: "approval action field" })({
        ...base,
        kind: oneOf(["approval"]),
        summary: optional(string()),
        externalEntityLink: optional(input(string())),
    }),
    ecs: object<EcsActionArgs>({ noun: "ecs action field" })({
        ...deploy,
        kind: oneOf(["ecs"]),
        clusterName: input(string()),
        serviceName: input(string()),
        passRoleArns: array(input(string()), { nonEmpty: true, allowed: "the task and execution role ARNs" }),
        input: string(),
        imageDefinitionsFile: optional(string({ nonEmpty: true })),
    }),
    "ecs-blue-green": object<EcsBlueGreenActionArgs>({ noun: "ecs-blue-green action field" })({
        ...deploy,
        kind: oneOf(["ecs-blue-green"]),
        group: CODE_DEPLOY_TARGET,
        passRoleArns: array(input(string()), { nonEmpty: true, allowed: "the task and execution role ARNs" }),
        input: string(),
        taskDefinitionPath: optional(string({ nonEmpty: true })),
        appSpecPath: optional(string({ nonEmpty: true })),
    }),
    "code-deploy": object<CodeDeployActionArgs>({ noun: "code-deploy action field" })({
        ...deploy,
        kind: oneOf(["code-deploy"]),
        group: CODE_DEPLOY_TARGET,
        input: string(),
        instanceRoleNames: array(input(string()), { nonEmpty: true, allowed: "the roles of the instances' instance profiles" }),
    }),
    lambda: object<LambdaActionArgs>({ noun: "lambda action field" })({
        ...deploy,
        kind: oneOf(["lambda"]),
        project: BUILD_PROJECT,
        group: CODE_DEPLOY_TARGET,
        inputs: optional(strings()),
    }),
    pulumi: object<PulumiActionArgs>({ noun: "pulumi action field" })({
        ...deploy,
        kind: oneOf(["pulumi"]),
        project: BUILD_PROJECT,
        stack: string(),
        inputs: optional(strings()),
    }),
    cloudformation: object<CloudFormationActionArgs>({ noun: "cloudformation action field" })({
        ...deploy,
        kind: oneOf(["cloudformation"]),
        stackName: string(),
        templatePath: string(),
        roleArn: input(string()),
        roleName: optional(input(string())),
        capabilities: optional(array(oneOf(CAPABILITIES))),
        parameterOverrides: optional(record(string())),
    }),
    "elastic-beanstalk": object<ElasticBeanstalkActionArgs>({ noun: "elastic-beanstalk action field" })({
        ...deploy,
        kind: oneOf(["elastic-beanstalk"]),
        applicationName: string(),
        environmentName: string(),
        input: string(),
        roleArn: optional(input(string())),
    }),
};
export const ACTION_KINDS = Object.keys(ACTION_SHAPES);

const ACTION: Shape = custom("object", `an action { kind: ${ACTION_KINDS.map((k) => `"${k}"`).join(" | ")}, name, ... }`, (issues, path, value) => {
    const kind = (value as { kind?: unknown }).kind;
    const shape = typeof kind === "string" && Object.hasOwn(ACTION_SHAPES, kind) ? ACTION_SHAPES[kind] : undefined;
    if (shape) checkShape(issues, shape, value, path);
    else issues.add(`${path}.kind`, kind, kind === undefined ? "is required" : "is not supported", ACTION_KINDS.map((k) => `"${k}"`).join(", "));
});

const SOURCE: Shape = custom("object", "{ connection } | { connectionArn, repository, branch? } | { s3 } | { codeCommit }", (issues, path, value) => {
    const v = value as Record<string, unknown>;
    const kinds = ["connection", "connectionArn", "s3", "codeCommit"].filter((k) => Object.hasOwn(v, k));
    if (kinds.length !== 1) {
        issues.add(
            path,
            v,
            kinds.length ? `names ${kinds.length} sources (${kinds.join(", ")})` : "names no source",
            "exactly one of connection, connectionArn, s3, codeCommit",
        );
        return;
    }
    const shapes: Record<string, Shape> = {
        connection: object<{ connection: { provider: string; repository: string; branch?: string } }>()({
            connection: object<{ provider: string; repository: string; branch?: string }>()({
                provider: oneOf(GIT_PROVIDERS),
                repository: string(),
                branch: optional(string()),
            }),
        }),
        connectionArn: object<{ connectionArn: string; repository: string; branch?: string }>()({
            connectionArn: input(string()),
            repository: string(),
            branch: optional(string()),
        }),
        s3: object<{ s3: { bucket: string; key: string; kmsKeyArn?: string } }>()({
            s3: object<{ bucket: string; key: string; kmsKeyArn?: string }>()({ bucket: input(string()), key: string(), kmsKeyArn: optional(input(string())) }),
        }),
        codeCommit: object<{ codeCommit: { repository: string; branch?: string } }>()({
            codeCommit: object<{ repository: string; branch?: string }>()({ repository: string(), branch: optional(string()) }),
        }),
    };
    checkShape(issues, shapes[kinds[0]], value, path);
});

/** Every DeliveryPipelineArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const DELIVERY_PIPELINE_SHAPE = object<DeliveryPipelineArgs>()({
    source: SOURCE,
    triggers: optional(array(TRIGGER)),
    stages: array(object<StageArgs>({ noun: "stage field" })({ name: string(), actions: array(ACTION) })),
    notifications: optional(
        object<NotificationsArgs>({ noun: "notifications field" })({
            topicArn: input(string()),
            topicKeyArn: optional(input(string())),
            events: optional(array(oneOf(NOTIFICATION_EVENTS))),
        }),
    ),
    executionMode: optional(oneOf(["SUPERSEDED", "QUEUED"])),
    artifactRetentionDays: optional(int()),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<DeliveryPipelineTransforms>()({
            connection: optional(transform()),
            key: optional(transform()),
            bucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
            role: optional(transform()),
            buildRolePolicy: optional(transform()),
            artifactReadPolicy: optional(transform()),
            ebRole: optional(transform()),
            pipeline: optional(transform()),
            startRule: optional(transform()),
            startTarget: optional(transform()),
            startRole: optional(transform()),
            notificationRule: optional(transform()),
        }),
    ),
});

// ---- Value rules ----

/** Pipeline, stage and action names (https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html). */
export const ACTION_NAME = /^[A-Za-z0-9.@_-]{1,100}$/;
const NAME_ALLOWED = "1-100 letters, digits, '.', '@', '_' and '-'";
/** Artifact names: no '.' or '@' (limits.html). */
export const ARTIFACT_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const ARTIFACT_ALLOWED = "1-100 letters, digits, '_' and '-'";
/**
 * Connection ARNs of both service prefixes: CodeStar Connections was renamed CodeConnections in March
 * 2024 and either prefix can name a connection (https://docs.aws.amazon.com/dtconsole/latest/userguide/rename.html).
 */
export const CONNECTION_ARN = /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
// CreateRole RoleName: 1-64 of [\w+=,.@-].
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** CodeDeploy's predefined configurations per platform (https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html). */
export const PREDEFINED_CONFIGS: Record<CodeDeployTarget["computePlatform"], string[]> = {
    Server: ["OneAtATime", "HalfAtATime", "AllAtOnce"],
    ECS: ["ECSAllAtOnce", "ECSLinear10PercentEvery1Minutes", "ECSLinear10PercentEvery3Minutes", "ECSCanary10Percent5Minutes", "ECSCanary10Percent15Minutes"],
    Lambda: [
        "LambdaAllAtOnce",
        "LambdaCanary10Percent5Minutes",
        "LambdaCanary10Percent10Minutes",
        "LambdaCanary10Percent15Minutes",
        "LambdaCanary10Percent30Minutes",
        "LambdaLinear10PercentEvery1Minute",
        "LambdaLinear10PercentEvery2Minutes",
        "LambdaLinear10PercentEvery3Minutes",
        "LambdaLinear10PercentEvery10Minutes",
    ],
};
const isPlatform = (p: unknown): p is CodeDeployTarget["computePlatform"] => PLATFORMS.includes(p as string);
const GROUP_PLATFORM: Record<string, CodeDeployTarget["computePlatform"]> = { "ecs-blue-green": "ECS", "code-deploy": "Server", lambda: "Lambda" };
const DEPLOY_KINDS = new Set(["ecs", "ecs-blue-green", "code-deploy", "lambda", "pulumi", "cloudformation", "elastic-beanstalk"]);
/** Names that look like secrets: CodePipeline shows action variables in the console and the API. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL/i;

// Up to 255 characters without whitespace or any of ~^:?*[\ (git check-ref-format).
const GIT_BRANCH = /^[^\s~^:?*[\\]{1,255}$/;

function checkSource(issues: Issues, cfg: ResolvedDeliveryPipeline): void {
    const s = cfg.source;
    const repo = /^[^/\s]+(\/[^/\s]+)+$/;
    if (s.kind === "connection" || s.kind === "connectionArn") {
        const path = s.kind === "connection" ? "source.connection" : "source";
        issues.match(`${path}.repository`, s.repository, repo, '"owner/name" (GitLab groups: "group/subgroup/name")');
        issues.match(`${path}.branch`, s.branch, GIT_BRANCH, "a git branch name (no spaces or ~^:?*[\\)");
        if (s.kind === "connectionArn" && isPlain(s.connectionArn))
            issues.match(
                "source.connectionArn",
                s.connectionArn,
                CONNECTION_ARN,
                "arn:aws:codeconnections:<region>:<account>:connection/<id> (or codestar-connections), not a host ARN",
            );
    }
    if (s.kind === "codeCommit") {
        // CodeCommit repository names: 1-100 of letters, digits, '.', '_', '-' (CreateRepository).
        issues.match("source.codeCommit.repository", s.repository, /^[\w.-]{1,100}$/, "1-100 letters, digits, '.', '_' and '-'");
        issues.match("source.codeCommit.branch", s.branch, GIT_BRANCH, "a git branch name");
    }
    if (s.kind === "s3") issues.match("source.s3.key", s.key, /^[^/].{0,1023}$/, "an object key (1-1024 characters, not starting with '/')");
}

function checkFilter(issues: Issues, path: string, f: GitFilterArgs): void {
    if (f.includes === undefined && f.excludes === undefined) issues.add(path, f, "has neither includes nor excludes", "includes and/or excludes");
    for (const key of ["includes", "excludes"] as const) {
        const list = f[key];
        if (list === undefined) continue;
        // API_GitBranchFilterCriteria / GitTagFilterCriteria / GitFilePathFilterCriteria: 1-8 patterns of 1-255 characters.
        if (list.length < 1 || list.length > 8)
            issues.add(`${path}.${key}`, list, "has the wrong number of patterns", "1 to 8 patterns (omit the key for none)");
        list.forEach((p, i) => {
            if (p.length < 1 || p.length > 255) issues.add(`${path}.${key}[${i}]`, p, "has the wrong length", "1 to 255 characters");
        });
    }
}

function checkTriggers(issues: Issues, cfg: ResolvedDeliveryPipeline): void {
    if (cfg.triggers.length === 0) return;
    if (cfg.source.kind !== "connection" && cfg.source.kind !== "connectionArn") {
        issues.add(
            "triggers",
            cfg.triggers,
            `needs a connection source (the source is ${cfg.source.kind})`,
            "triggers only with source.connection or source.connectionArn",
        );
        return;
    }
    // API_GitConfiguration: push holds 1-3 filters.
    if (cfg.triggers.length > 3) issues.add("triggers", cfg.triggers, `has ${cfg.triggers.length} filters`, "1 to 3 push filters");
    cfg.triggers.forEach((t, i) => {
        const path = `triggers[${i}]`;
        if (t.tags && (t.branches || t.filePaths))
            issues.add(path, t, "combines tags with branches or file paths", "tags alone, branches alone, or branches with filePaths");
        else if (t.filePaths && !t.branches) issues.add(path, t, "filters file paths without branches", "branches with filePaths");
        else if (!t.tags && !t.branches) issues.add(path, t, "filters nothing", "tags, branches, or branches with filePaths");
        for (const key of ["branches", "tags", "filePaths"] as const) {
            const f = t[key];
            if (f) checkFilter(issues, `${path}.${key}`, f);
        }
    });
}

function checkGroup(issues: Issues, path: string, kind: string, group: CodeDeployTarget): void {
    const want = GROUP_PLATFORM[kind];
    if (group.computePlatform !== want)
        issues.add(
            `${path}.group.computePlatform`,
            group.computePlatform,
            `is not the platform of a ${kind} action`,
            `${want === "ECS" ? "an" : "a"} ${want} deployment group`,
        );
    const config = group.deploymentConfigName;
    if (!isPlain(config) || typeof config !== "string" || !config.startsWith("CodeDeployDefault.")) return;
    const name = config.slice("CodeDeployDefault.".length);
    const platform = group.computePlatform;
    if (isPlatform(platform) && !PREDEFINED_CONFIGS[platform].includes(name))
        issues.add(
            `${path}.group.deploymentConfigName`,
            config,
            `is not a predefined ${platform} configuration`,
            PREDEFINED_CONFIGS[platform].map((n) => `CodeDeployDefault.${n}`).join(", "),
        );
}

function checkRoleArns(issues: Issues, path: string, arns: unknown[]): void {
    arns.forEach((arn, i) => {
        if (isPlain(arn)) issues.match(`${path}[${i}]`, arn, ROLE_ARN, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    });
}

function checkAction(issues: Issues, path: string, a: ResolvedAction): void {
    issues.match(`${path}.name`, a.name, ACTION_NAME, NAME_ALLOWED);
    issues.int(`${path}.runOrder`, a.runOrder, 1, 999);
    switch (a.kind) {
        case "build": {
            // CodeBuild action: 1-5 input artifacts, 0-5 output artifacts (action-reference-CodeBuild).
            if (a.inputArtifacts.length < 1 || a.inputArtifacts.length > 5)
                issues.add(`${path}.inputs`, a.inputArtifacts, "has the wrong number of artifacts", "1 to 5");
            if (a.outputArtifacts.length > 5) issues.add(`${path}.outputs`, a.outputArtifacts, "has too many artifacts", "at most 5");
            // CodePipeline configuration values: at most 1000 characters (limits.html); the variables travel as one JSON string.
            const env = JSON.stringify(Object.entries(a.environment ?? {}).map(([name, value]) => ({ name, value, type: "PLAINTEXT" })));
            if (env.length > 1000)
                issues.add(
                    `${path}.environment`,
                    `(${env.length} characters as JSON)`,
                    "is too long for an action configuration value",
                    "at most 1000 characters as CodePipeline's JSON",
                );
            for (const [k, v] of Object.entries(a.environment ?? {})) {
                issues.match(`${path}.environment.${k}`, k, /^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name: letters, digits and '_'");
                if (SECRET_NAME.test(k))
                    issues.add(
                        `${path}.environment.${k}`,
                        v,
                        "looks like a secret in plain text (CodePipeline shows action variables)",
                        "the build project's secrets (Secrets Manager or SSM)",
                    );
            }
            break;
        }
        case "approval":
            // CodePipeline configuration values: at most 1000 characters (limits.html).
            if (a.summary !== undefined && (a.summary.length < 1 || a.summary.length > 1000))
                issues.add(`${path}.summary`, a.summary, "has the wrong length", "1 to 1000 characters");
            if (isPlain(a.externalEntityLink)) issues.match(`${path}.externalEntityLink`, a.externalEntityLink, /^https?:\/\/\S{1,990}$/, "an http(s) URL");
            break;
        case "ecs":
            checkRoleArns(issues, `${path}.passRoleArns`, a.passRoleArns);
            // The action and the IAM resources it is granted (service/<cluster>/<service>) take names: an ARN here
            // builds a service ARN that matches nothing and UpdateService is denied (action-reference-ECS).
            for (const field of ["clusterName", "serviceName"] as const) {
                const v = a[field];
                if (isPlain(v) && v.startsWith("arn:"))
                    issues.add(`${path}.${field}`, v, "is an ARN", `the ${field === "clusterName" ? "cluster" : "service"} name, not its ARN`);
            }
            break;
        case "ecs-blue-green":
            checkRoleArns(issues, `${path}.passRoleArns`, a.passRoleArns);
            checkGroup(issues, path, a.kind, a.group);
            break;
        case "code-deploy":
            a.instanceRoleNames.forEach((n, i) => {
                if (isPlain(n)) issues.match(`${path}.instanceRoleNames[${i}]`, n, ROLE_NAME, "an IAM role name (not its ARN)");
            });
            checkGroup(issues, path, a.kind, a.group);
            break;
        case "lambda":
            checkGroup(issues, path, a.kind, a.group);
            break;
        case "pulumi":
            // Pulumi stack names: `stack`, `project/stack` or `org/project/stack` of letters, digits, '-', '_', '.'.
            issues.match(`${path}.stack`, a.stack, /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/, "a stack name: stack, project/stack or org/project/stack");
            break;
        case "cloudformation":
            // CreateStack StackName: a letter, then letters, digits and '-', at most 128.
            issues.match(`${path}.stackName`, a.stackName, /^[A-Za-z][A-Za-z0-9-]{0,127}$/, "a letter, then letters, digits and '-', at most 128");
            issues.match(`${path}.templatePath`, a.templatePath, /^[A-Za-z0-9_-]{1,100}::\S+$/, '"<artifact>::<path>", e.g. "build::template.yaml"');
            if (isPlain(a.roleArn)) issues.match(`${path}.roleArn`, a.roleArn, ROLE_ARN, "an IAM role ARN CloudFormation assumes");
            if (isPlain(a.roleName)) issues.match(`${path}.roleName`, a.roleName, ROLE_NAME, "the IAM role name of roleArn (not its ARN)");
            // ParameterOverrides: a JSON object of at most 1 kilobyte (limits.html), counted in UTF-8 bytes: "é" is two.
            if (a.parameterOverrides && Buffer.byteLength(JSON.stringify(a.parameterOverrides), "utf8") > 1024)
                issues.add(
                    `${path}.parameterOverrides`,
                    `(${Buffer.byteLength(JSON.stringify(a.parameterOverrides), "utf8")} bytes as JSON)`,
                    "is too long",
                    "at most 1024 bytes (UTF-8) as JSON (use a template configuration file)",
                );
            if (a.capabilities && new Set(a.capabilities).size !== a.capabilities.length)
                issues.add(`${path}.capabilities`, a.capabilities, "lists a capability twice", CAPABILITIES.join(", "));
            break;
        case "elastic-beanstalk":
            issues.match(`${path}.applicationName`, a.applicationName, /^.{1,100}$/, "1-100 characters");
            // CreateEnvironment EnvironmentName: 4-40 letters, digits and '-', not starting or ending with '-'.
            issues.match(
                `${path}.environmentName`,
                a.environmentName,
                /^[A-Za-z0-9][A-Za-z0-9-]{2,38}[A-Za-z0-9]$/,
                "4-40 letters, digits and '-', not at either end",
            );
            if (isPlain(a.roleArn)) issues.match(`${path}.roleArn`, a.roleArn, ROLE_ARN, "an IAM role ARN the pipeline role assumes for this action");
            break;
    }
}

/**
 * The pipeline's structure: names unique, artifacts produced once and before they are read, an
 * approval before every production deploy, an approval only with a topic to tell.
 */
function checkStages(issues: Issues, cfg: ResolvedDeliveryPipeline): void {
    // CodePipeline: 2-50 stages, the Source stage included; 1-50 actions per stage (limits.html).
    if (cfg.stages.length < 1 || cfg.stages.length > 49)
        issues.add("stages", `(${cfg.stages.length} stages)`, "has the wrong number of stages", "1 to 49 stages after the implicit Source stage");
    const stageNames = new Set<string>([SOURCE_STAGE]);
    // Artifact name -> where it is first produced (stage index, run order): the Source stage writes `source`.
    const produced = new Map<string, { stage: number; runOrder: number }>([[SOURCE_ARTIFACT, { stage: -1, runOrder: 1 }]]);
    for (const [si, stage] of cfg.stages.entries())
        for (const [ai, a] of stage.actions.entries())
            for (const [i, art] of a.outputArtifacts.entries()) {
                const path = `stages[${si}].actions[${ai}].outputs[${i}]`;
                if (!issues.match(path, art, ARTIFACT_NAME, ARTIFACT_ALLOWED)) continue;
                if (produced.has(art)) issues.add(path, art, "is produced twice", "artifact names unique in the pipeline");
                else produced.set(art, { stage: si, runOrder: a.runOrder });
            }
    let approvedBefore = false;
    cfg.stages.forEach((stage, si) => {
        const sp = `stages[${si}]`;
        if (issues.match(`${sp}.name`, stage.name, ACTION_NAME, NAME_ALLOWED) && stageNames.has(stage.name))
            issues.add(
                `${sp}.name`,
                stage.name,
                stage.name === SOURCE_STAGE ? "is the implicit source stage's name" : "is used by another stage",
                "a name unique in the pipeline",
            );
        stageNames.add(stage.name);
        if (stage.actions.length < 1 || stage.actions.length > 50)
            issues.add(`${sp}.actions`, `(${stage.actions.length} actions)`, "has the wrong number of actions", "1 to 50");
        const actionNames = new Set<string>();
        stage.actions.forEach((a, ai) => {
            const ap = `${sp}.actions[${ai}]`;
            checkAction(issues, ap, a);
            if (actionNames.has(a.name)) issues.add(`${ap}.name`, a.name, "is used by another action of the stage", "a name unique in its stage");
            actionNames.add(a.name);
            for (const [i, art] of a.inputArtifacts.entries()) {
                const field = a.kind === "cloudformation" ? "templatePath" : "inputs" in a ? `inputs[${i}]` : "input";
                if (!ARTIFACT_NAME.test(art)) continue;
                const earlier = (at: { stage: number; runOrder: number }) => at.stage < si || (at.stage === si && at.runOrder < a.runOrder);
                const at = produced.get(art);
                if (at === undefined || !earlier(at))
                    issues.add(
                        `${ap}.${field}`,
                        art,
                        at === undefined ? "is an artifact no action produces" : "is read before (or while) it is produced",
                        `an artifact of an earlier stage or run order: ${[...produced]
                            .filter(([, p]) => earlier(p))
                            .map(([n]) => n)
                            .join(", ")}`,
                    );
            }
            if (a.kind === "approval" && cfg.notifications === undefined)
                issues.add(`${ap}`, a.name, "is an approval with no topic to tell the approver", "notifications.topicArn set");
            const approved = approvedBefore || stage.actions.some((o) => o.kind === "approval" && o.runOrder < a.runOrder);
            if (a.production && DEPLOY_KINDS.has(a.kind) && !approved)
                issues.add(
                    `${ap}.production`,
                    true,
                    "is a production deploy with no approval before it",
                    "an approval action in an earlier stage (or an earlier run order)",
                );
        });
        if (stage.actions.some((a) => a.kind === "approval")) approvedBefore = true;
    });
}

function checkNotifications(issues: Issues, cfg: ResolvedDeliveryPipeline): void {
    const n = cfg.notifications;
    if (!n) return;
    if (isPlain(n.topicArn)) issues.match("notifications.topicArn", n.topicArn, SNS_TOPIC_ARN, "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
    checkKmsKeyArn(issues, "notifications.topicKeyArn", n.topicKeyArn);
    if (n.events.length === 0) issues.add("notifications.events", n.events, "is empty", NOTIFICATION_EVENTS.join(", "));
    if (new Set(n.events).size !== n.events.length) issues.add("notifications.events", n.events, "lists an event twice", NOTIFICATION_EVENTS.join(", "));
}

/**
 * A DeliveryPipeline's args: shape first (types, unknown keys, discriminated sources and actions),
 * then `normalize`, then the value rules on the resolved values. Pure: no Pulumi, no resources.
 */
export function validate(args: DeliveryPipelineArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, DELIVERY_PIPELINE_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkSource(issues, cfg);
    checkTriggers(issues, cfg);
    checkStages(issues, cfg);
    checkNotifications(issues, cfg);
    // S3 lifecycle expiration: a positive number of days; ten years is plenty for build artifacts.
    issues.int("artifactRetentionDays", cfg.artifactRetentionDays, 1, 3650, " days");
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
