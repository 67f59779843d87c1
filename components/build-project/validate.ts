import { Issue, Issues, isPlain } from "../shared/errors";
import {
    BUILD_TIMEOUT_MINUTES,
    COMPUTE_TYPES,
    COMPUTE_TYPES_BY_ENVIRONMENT,
    ENVIRONMENT_TYPES,
    MAX_VPC_SECURITY_GROUPS,
    MAX_VPC_SUBNETS,
    QUEUED_TIMEOUT_MINUTES,
    isLambdaEnvironment,
} from "../shared/limits/codebuild";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { array, boolean, checkShape, custom, input, int, json, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import { STATEMENT_SHAPE, checkStatements } from "../shared/statements";
import { S3_BUCKET_ARN, checkKmsKeyArn, checkSecurityGroupId, checkSubnetId, checkTags, checkVpcId } from "../shared/validators";
import type { BuildProjectArgs, BuildProjectTransforms, BuildVpcArgs, PassRoleArgs } from "./args";
import { ResolvedBuildProject, normalize } from "./defaults";
import { checkSecretRef, checkVariableName, looksSecretName, looksSecretValue, parseSecretRef } from "./secrets";

export const LOCAL_CACHE_MODES = ["docker-layer", "source", "custom"] as const;

const inputString = () => input(string({ nonEmpty: true }));

/** `{ path }` (a file in the source) or a buildspec object (`version`, `phases`, …). */
const BUILDSPEC_OBJECT = custom("object", "a buildspec object { version, phases, ... } or { path }", (issues, path, value) => {
    const v = value as Record<string, unknown>;
    if (Object.keys(v).length === 1 && "path" in v) {
        issues.match(`${path}.path`, v.path, /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.\-/]+$/, "a relative path in the source, e.g. buildspec.yml");
        return;
    }
    if (!checkShape(issues, json(), v, path)) return;
    // CodeBuild takes buildspec versions 0.1 and 0.2; 0.1 runs every command in its own shell (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html).
    if (v.version !== 0.2 && v.version !== "0.2") issues.add(`${path}.version`, v.version, "is not a buildspec version this component writes", "0.2");
    if (typeof v.phases !== "object" || v.phases === null || Array.isArray(v.phases))
        issues.add(`${path}.phases`, v.phases, "is missing or not an object", "{ install?, pre_build?, build?, post_build? }");
});

const CACHE_OBJECT = custom("object", "{ local: [...] } or { s3: { bucketArn, prefix? } }", (issues, path, value) => {
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length !== 1 || !["local", "s3"].includes(keys[0])) {
        issues.add(path, v, "needs exactly one of local and s3", "{ local: [...] } or { s3: { bucketArn, prefix? } }");
        return;
    }
    if (keys[0] === "local") checkShape(issues, array(oneOf(LOCAL_CACHE_MODES), { nonEmpty: true }), v.local, `${path}.local`);
    else checkShape(issues, object<{ bucketArn: string; prefix?: string }>()({ bucketArn: inputString(), prefix: optional(string()) }), v.s3, `${path}.s3`);
});

/** Every BuildProjectArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const BUILD_PROJECT_SHAPE = object<BuildProjectArgs>()({
    buildspec: union("inline YAML text, a buildspec object, or { path }", string({ nonEmpty: true }), BUILDSPEC_OBJECT),
    source: optional(oneOf(["codepipeline", "none"])),
    image: optional(string({ nonEmpty: true })),
    environmentType: optional(oneOf(ENVIRONMENT_TYPES)),
    computeType: optional(oneOf(COMPUTE_TYPES)),
    docker: optional(boolean()),
    cache: optional(union('"none", { local: [...] } or { s3: { bucketArn, prefix? } }', oneOf(["none"]), CACHE_OBJECT)),
    environment: optional(record(input(string()))),
    secrets: optional(record(inputString())),
    secretKeyArns: optional(array(inputString())),
    vpc: optional(
        object<BuildVpcArgs>()({
            vpcId: inputString(),
            subnetIds: array(inputString()),
            securityGroupIds: optional(array(inputString())),
        }),
    ),
    logRetentionDays: optional(int()),
    timeoutMinutes: optional(int()),
    queuedTimeoutMinutes: optional(int()),
    policyStatements: optional(array(STATEMENT_SHAPE)),
    passRoles: optional(array(object<PassRoleArgs>()({ roleArns: array(inputString(), { nonEmpty: true }), service: string() }))),
    tags: optional(record(string())),
    transform: optional(
        object<BuildProjectTransforms>()({
            project: optional(transform()),
            role: optional(transform()),
            rolePolicy: optional(transform()),
            logGroup: optional(transform()),
            securityGroup: optional(transform()),
        }),
    ),
});

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/**
 * A BuildProject's args: shape first (types, unknown keys), then `normalize`, then the value rules
 * on the resolved values. Pure: no Pulumi resources.
 */
export function validate(args: BuildProjectArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, BUILD_PROJECT_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkBuildspec(issues, cfg);
    checkCompute(issues, cfg);
    checkPlatform(issues, cfg);
    checkCache(issues, cfg);
    checkEnvironment(issues, cfg);
    checkSecrets(issues, cfg);
    for (const [i, arn] of cfg.secretKeyArns.entries()) checkKmsKeyArn(issues, `secretKeyArns[${i}]`, arn);
    if (cfg.vpc) checkVpc(issues, cfg.vpc);
    issues.oneOf("logRetentionDays", cfg.logRetentionDays, LOG_RETENTION_DAYS);
    checkTimeouts(issues, cfg);
    checkStatements(issues, "policyStatements", cfg.policyStatements);
    cfg.policyStatements.forEach((s, i) => {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        if (s.Effect === "Allow" && actions.includes("*"))
            issues.add(`policyStatements[${i}].Action`, s.Action, "allows every action", "the actions the build calls, e.g. s3:PutObject");
    });
    cfg.passRoles.forEach((p, i) => {
        issues.match(`passRoles[${i}].service`, p.service, SERVICE_PRINCIPAL, 'a service principal such as "ecs-tasks.amazonaws.com"');
        p.roleArns.forEach((arn, j) => {
            if (isPlain(arn)) issues.match(`passRoles[${i}].roleArns[${j}]`, arn, ROLE_ARN, "an IAM role ARN (arn:aws:iam::<account>:role/<name>), not *");
        });
    });
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

/** Text that runs the Pulumi CLI against a stack (`pulumi up`, `pulumi preview`). */
const RUNS_PULUMI = /\bpulumi\s+(?:up|preview|update|destroy|refresh)\b/;

function checkBuildspec(issues: Issues, cfg: ResolvedBuildProject): void {
    const b = cfg.buildspec;
    if (typeof b === "string") {
        // Inline text is YAML; a file in the source is `{ path }` (a one-line "buildspec.yml" would be sent as YAML and fail the build).
        if (!/\n/.test(b.trim()) && /\.ya?ml$/i.test(b.trim())) issues.add("buildspec", b, "looks like a file name", `{ path: ${JSON.stringify(b.trim())} }`);
        else if (!/^version:\s*["']?0\.2["']?\s*$/m.test(b))
            issues.add("buildspec", b, "has no `version: 0.2` line", "a buildspec in YAML starting with version: 0.2");
    } else if ("path" in b && Object.keys(b).length === 1 && cfg.source === "none") {
        // NO_SOURCE projects have no source to read a file from: CreateProject needs an inline buildspec.
        issues.add("buildspec", b, "names a file, but source is none", "an inline buildspec (text or object) with source none");
    } else if (!("path" in b && Object.keys(b).length === 1)) {
        const variables = ((b as Record<string, unknown>).env as { variables?: unknown } | undefined)?.variables;
        if (typeof variables === "object" && variables !== null) {
            for (const [k, v] of Object.entries(variables)) {
                const found = typeof v === "string" ? looksSecretValue(v) : undefined;
                if (looksSecretName(k) || found)
                    issues.add(
                        `buildspec.env.variables.${k}`,
                        found ? "(redacted)" : k,
                        `is a plaintext ${found ?? "secret"} in the buildspec`,
                        "the project's secrets (Secrets Manager or Parameter Store)",
                    );
            }
        }
    }
    // A Pulumi deployment needs its access token, from Secrets Manager (never plaintext) unless a self-managed backend is used.
    const text = typeof b === "string" ? b : JSON.stringify(b);
    if (RUNS_PULUMI.test(text) && cfg.environment.PULUMI_BACKEND_URL === undefined) {
        const token = cfg.secrets.PULUMI_ACCESS_TOKEN;
        if (token === undefined)
            issues.missing("secrets.PULUMI_ACCESS_TOKEN", "the ARN of the Secrets Manager secret holding the Pulumi access token (the buildspec runs pulumi)");
        else if (isPlain(token) && parseSecretRef(token)?.kind === "parameter-store")
            issues.add("secrets.PULUMI_ACCESS_TOKEN", token, "is a Parameter Store reference", "the ARN of a Secrets Manager secret");
    }
}

/** A `--platform` of one architecture (`docker build --platform linux/arm64`), not a multi-platform list. */
const PLATFORM = /--platform[ =]["'\\]*linux\/(amd64|arm64)(?![\w/,])/;

/**
 * The curated build images register no QEMU emulation: an image built for the other architecture
 * fails at its first RUN step ("exec format error"). A buildspec that installs binfmt handlers is left alone.
 */
function checkPlatform(issues: Issues, cfg: ResolvedBuildProject): void {
    const text = typeof cfg.buildspec === "string" ? cfg.buildspec : JSON.stringify(cfg.buildspec);
    const platform = PLATFORM.exec(text)?.[1];
    if (platform === undefined || /binfmt/.test(text)) return;
    const arm = cfg.environmentType === "ARM_CONTAINER" || cfg.environmentType === "ARM_LAMBDA_CONTAINER";
    if ((platform === "arm64") !== arm)
        issues.add(
            "buildspec",
            `--platform linux/${platform}`,
            `builds for linux/${platform} on ${cfg.environmentType}, which cannot run its RUN steps (no emulation on the build image)`,
            platform === "arm64"
                ? "an ARM image (aws/codebuild/amazonlinux-aarch64-standard:3.0), or binfmt emulation installed in the buildspec"
                : "an x86_64 image (aws/codebuild/amazonlinux-x86_64-standard:5.0), or binfmt emulation installed in the buildspec",
        );
}

function checkCompute(issues: Issues, cfg: ResolvedBuildProject): void {
    const allowed = COMPUTE_TYPES_BY_ENVIRONMENT[cfg.environmentType];
    if (!allowed.includes(cfg.computeType))
        issues.add("computeType", cfg.computeType, `is not offered with environment type ${cfg.environmentType}`, allowed.join(", "));
    if (cfg.docker && isLambdaEnvironment(cfg.environmentType))
        issues.add(
            "docker",
            true,
            `needs privileged mode, which Lambda compute (${cfg.environmentType}) does not offer`,
            "false, or an EC2 image such as aws/codebuild/amazonlinux-x86_64-standard:5.0",
        );
}

function checkCache(issues: Issues, cfg: ResolvedBuildProject): void {
    const c = cfg.cache;
    if (c === "none") return;
    if ("local" in c) {
        if (new Set(c.local).size !== c.local.length) issues.add("cache.local", c.local, "lists a mode twice", LOCAL_CACHE_MODES.join(", "));
        // "PrivilegedMode must be true if you specify LOCAL_DOCKER_LAYER_CACHE" (https://docs.aws.amazon.com/codebuild/latest/userguide/build-caching.html).
        if (c.local.includes("docker-layer") && !cfg.docker)
            issues.add("cache.local", c.local, "caches Docker layers, which needs docker: true", "docker: true, or no docker-layer");
        // Lambda compute keeps nothing between builds: CodeBuild lists local caching among its limitations
        // (https://docs.aws.amazon.com/codebuild/latest/userguide/lambda.html#lambda.limitations).
        if (isLambdaEnvironment(cfg.environmentType)) issues.add("cache.local", c.local, "is not available on Lambda compute", '"none" or { s3: ... }');
    } else {
        if (isPlain(c.s3.bucketArn)) issues.match("cache.s3.bucketArn", c.s3.bucketArn, S3_BUCKET_ARN, "a bucket ARN, arn:aws:s3:::<bucket>");
        if (c.s3.prefix !== undefined)
            issues.match("cache.s3.prefix", c.s3.prefix, /^(?!\/)[A-Za-z0-9_.\-/]{1,512}$/, "a key prefix without a leading '/', e.g. builds/web");
    }
}

function checkEnvironment(issues: Issues, cfg: ResolvedBuildProject): void {
    for (const [name, value] of Object.entries(cfg.environment)) {
        const path = `environment.${name}`;
        if (!checkVariableName(issues, path, name)) continue;
        // An ARN names where a secret is (the build fetches it), never the secret itself.
        const reference = isPlain(value) && /^arn:aws[a-z-]*:/.test(value);
        if (looksSecretName(name) && !reference) {
            issues.add(
                path,
                name,
                "is named like a secret; plain variables are shown in the console and by the API",
                `secrets.${name} (a Secrets Manager ARN or a parameter name)`,
            );
            continue;
        }
        const kind = isPlain(value) ? looksSecretValue(value) : undefined;
        // The value itself is not repeated in the message: it is the secret.
        if (kind) issues.add(path, "(redacted)", `holds ${kind} in plaintext`, `secrets.${name} (a Secrets Manager ARN or a parameter name)`);
        if (Object.hasOwn(cfg.secrets, name)) issues.add(path, name, "is also in secrets", "each variable once");
    }
}

function checkSecrets(issues: Issues, cfg: ResolvedBuildProject): void {
    for (const [name, value] of Object.entries(cfg.secrets)) {
        const path = `secrets.${name}`;
        if (checkVariableName(issues, path, name) && isPlain(value)) checkSecretRef(issues, path, value);
    }
}

function checkVpc(issues: Issues, vpc: BuildVpcArgs): void {
    checkVpcId(issues, "vpc.vpcId", vpc.vpcId);
    if (vpc.subnetIds.length < 1 || vpc.subnetIds.length > MAX_VPC_SUBNETS)
        issues.add("vpc.subnetIds", `(${vpc.subnetIds.length} subnets)`, "has the wrong number of subnets", `1 to ${MAX_VPC_SUBNETS} private subnets`);
    for (const [i, id] of vpc.subnetIds.entries()) checkSubnetId(issues, `vpc.subnetIds[${i}]`, id);
    if (vpc.securityGroupIds !== undefined) {
        if (vpc.securityGroupIds.length < 1 || vpc.securityGroupIds.length > MAX_VPC_SECURITY_GROUPS)
            issues.add(
                "vpc.securityGroupIds",
                `(${vpc.securityGroupIds.length} groups)`,
                "has the wrong number of security groups",
                `1 to ${MAX_VPC_SECURITY_GROUPS} (or leave it out for an egress-only group)`,
            );
        for (const [i, id] of vpc.securityGroupIds.entries()) checkSecurityGroupId(issues, `vpc.securityGroupIds[${i}]`, id);
    }
}

function checkTimeouts(issues: Issues, cfg: ResolvedBuildProject): void {
    if (isLambdaEnvironment(cfg.environmentType)) {
        // "The buildTimeout/queuedTimeout property is not available on the Lambda compute type" (pulumi-aws codebuild.Project docs).
        for (const field of ["timeoutMinutes", "queuedTimeoutMinutes"] as const)
            if (cfg[field] !== undefined)
                issues.add(field, cfg[field], "cannot be set on Lambda compute (builds stop after 15 minutes)", "no value, or an EC2 image");
        return;
    }
    issues.int("timeoutMinutes", cfg.timeoutMinutes, BUILD_TIMEOUT_MINUTES.min, BUILD_TIMEOUT_MINUTES.max, " minutes");
    issues.int("queuedTimeoutMinutes", cfg.queuedTimeoutMinutes, QUEUED_TIMEOUT_MINUTES.min, QUEUED_TIMEOUT_MINUTES.max, " minutes");
}

/** Checks secret references known only at deployment (Outputs), with the same message; throws the component's ArgsError. */
export function secretRefIssues(name: string, value: string): Issue[] {
    const issues = new Issues();
    checkSecretRef(issues, `secrets.${name}`, value);
    if (name === "PULUMI_ACCESS_TOKEN" && parseSecretRef(value)?.kind === "parameter-store")
        issues.add(`secrets.${name}`, value, "is a Parameter Store reference", "the ARN of a Secrets Manager secret");
    return issues.list;
}
