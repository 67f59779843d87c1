import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as codebuild from "@pulumi/aws/codebuild";
import * as ec2 from "@pulumi/aws/ec2";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import type * as iam from "@pulumi/aws/iam";
import type { codebuild as codebuildInputs } from "@pulumi/aws/types/input";
import { ArgsError, isPlain } from "../shared/errors";
import { assumeRolePolicy, createRole } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { BuildProjectArgs, BuildspecArgs, LocalCacheMode } from "./args";
import { ResolvedBuildProject, normalize } from "./defaults";
import { buildRoleStatements } from "./policies";
import { SecretRef, looksSecretValue, parseSecretRef } from "./secrets";
import { secretRefIssues, validate } from "./validate";
import { toYaml } from "./yaml";

export interface BuildProjectResources {
    project: codebuild.Project;
    /** The service role CodeBuild assumes for the builds. */
    role: iam.Role;
    /** The role's inline policy: logs, reports, secrets, VPC, cache, pass-role and your statements. */
    rolePolicy: iam.RolePolicy;
    /** `/aws/codebuild/<project>`, with the retention. */
    logGroup: cloudwatch.LogGroup;
    /** The egress-only group, when `vpc` has no `securityGroupIds`. */
    securityGroup?: ec2.SecurityGroup;
}

/**
 * A CodeBuild project with its own least-privilege service role and log group: usable alone (`source:
 * "none"`, started by hand or on a schedule) or as a pipeline's build action (the default: source and
 * artifacts come from CodePipeline). Secrets come from Secrets Manager or Parameter Store, never
 * plaintext; Docker (privileged mode) only when asked for. See the generators `containerImageBuildspec`,
 * `pulumiBuildspec` and `lambdaCodeDeployBuildspec` for the usual builds.
 *
 * @example
 * const infra = new BuildProject("infra", {
 *     ...pulumiBuildspec({ stack: "prod", tokenSecretArn: token.arn, policyPack: "policy" }),
 *     computeType: "BUILD_GENERAL1_MEDIUM",
 *     policyStatements: deployStatements,
 * });
 *
 * **Cost** (us-east-1, defaults): nothing while idle; each build minute of `BUILD_GENERAL1_SMALL`
 * on-demand costs $0.005 (Linux x86; ARM small $0.0034, Lambda 1 GB $0.00001 per second = $0.0006 a
 * minute). A 5-minute build 20 times a day: 5 × 20 × 30 × $0.005 = $15/month. Logs: $0.50/GB ingested
 * and $0.03/GB-month for the 30 days kept.
 */
export class BuildProject extends pulumi.ComponentResource {
    static readonly type = typeToken("cicd", "BuildProject");

    readonly projectName: pulumi.Output<string>;
    readonly projectArn: pulumi.Output<string>;
    /** The service role's ARN, resolved once its policy is attached. */
    readonly roleArn: pulumi.Output<string>;
    /** The service role's name: a pipeline adds its artifact-bucket grant to it. */
    readonly roleName: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly resources: BuildProjectResources;

    constructor(name: string, args: BuildProjectArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("BuildProject", name, issues);
        super(BuildProject.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(BuildProject.type, name, cfg.tags);
        const t = cfg.transform;
        const partition = getPartitionOutput({}, child).partition;
        const region = getRegionOutput({}, child).region;
        const accountId = getCallerIdentityOutput({}, child).accountId;
        // Known before the project exists: the role's report statements name it.
        const physical = projectName(name);
        const secretRefs = resolveSecretRefs(name, cfg.secrets);

        // Created by us, with a retention, before the project: CodeBuild would otherwise create
        // /aws/codebuild/<project> on the first build, with no retention, and outside the program.
        const logGroup = create(
            cloudwatch.LogGroup,
            childName(name, "logs"),
            { name: `/aws/codebuild/${physical}`, retentionInDays: cfg.logRetentionDays, tags },
            child,
            t.logGroup,
        );
        const role = createRole(
            childName(name, "role"),
            {
                description: `CodeBuild runs the builds of ${physical}`,
                // AWS documents the CodeBuild service-role trust with aws:SourceAccount and aws:SourceArn = the project's ARN
                // (https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html, create-role.json): only
                // this project's builds can assume the role. The ARN is built from the physical name, known before the
                // project exists, so the role does not wait for the project that needs it (no dependency cycle).
                assumeRolePolicy: assumeRolePolicy("codebuild.amazonaws.com", {
                    sourceAccount: accountId,
                    sourceArnLike: pulumi.interpolate`arn:${partition}:codebuild:${region}:${accountId}:project/${physical}`,
                }),
                policies: { build: buildRoleStatements({ partition, region, accountId, projectName: physical, logGroupArn: logGroup.arn, secretRefs }, cfg) },
                tags,
            },
            child,
            t.role,
            { policy: t.rolePolicy },
        );
        const securityGroup =
            cfg.vpc && cfg.vpc.securityGroupIds === undefined
                ? create(
                      ec2.SecurityGroup,
                      fitName(childName(name, "security-group"), ec2.SecurityGroup),
                      {
                          vpcId: cfg.vpc.vpcId,
                          // EC2 takes only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* here, and replaces the group when it changes.
                          description: `CodeBuild project ${physical}: egress only, nothing connects to a build`,
                          egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound" }],
                          tags,
                      },
                      child,
                      t.securityGroup,
                  )
                : undefined;

        const pipeline = cfg.source === "codepipeline";
        const project = create(
            codebuild.Project,
            childName(name, "project"),
            {
                name: physical,
                description: `Builds of ${name}`,
                // Resolved once the role's policy is attached: CreateProject with a VPC checks the role's EC2 permissions.
                serviceRole: role.arn,
                source: { type: pipeline ? "CODEPIPELINE" : "NO_SOURCE", buildspec: renderBuildspec(cfg.buildspec) },
                artifacts: { type: pipeline ? "CODEPIPELINE" : "NO_ARTIFACTS" },
                environment: {
                    type: cfg.environmentType,
                    computeType: cfg.computeType,
                    image: cfg.image,
                    privilegedMode: cfg.docker,
                    // Curated images are pulled with CodeBuild's own credentials; an image of yours in ECR needs the
                    // repository policy to admit codebuild.amazonaws.com (or a transform to SERVICE_ROLE plus pull statements).
                    imagePullCredentialsType: "CODEBUILD",
                    environmentVariables: environmentVariables(name, cfg, secretRefs),
                },
                cache: cacheConfig(cfg),
                logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name }, s3Logs: { status: "DISABLED" } },
                vpcConfig: cfg.vpc
                    ? { vpcId: cfg.vpc.vpcId, subnets: cfg.vpc.subnetIds, securityGroupIds: cfg.vpc.securityGroupIds ?? [securityGroup!.id] }
                    : undefined,
                buildTimeout: cfg.timeoutMinutes,
                queuedTimeout: cfg.queuedTimeoutMinutes,
                tags,
            },
            child,
            t.project,
        );

        this.projectName = project.name;
        this.projectArn = project.arn;
        this.roleArn = role.arn;
        this.roleName = role.role.name;
        this.logGroupName = logGroup.name;
        this.resources = { project, role: role.role, rolePolicy: role.policies.build, logGroup, ...(securityGroup ? { securityGroup } : {}) };
        this.registerOutputs({
            projectName: this.projectName,
            projectArn: this.projectArn,
            roleArn: this.roleArn,
            roleName: this.roleName,
            logGroupName: this.logGroupName,
        });
    }
}

/**
 * The project's physical name, `<name>-<7 hex>`: project names are per account and region and the
 * role must name the project's ARN before it exists, so the name is chosen here, with the per-stack
 * suffix that keeps dev and prod apart.
 */
export function projectName(name: string): string {
    return fitName(`${name}-${stackSuffix(name)}`, codebuild.Project, { explicit: true });
}

/** Inline text as given, an object as YAML, `{ path }` as the path CodeBuild reads from the source. */
export function renderBuildspec(buildspec: BuildspecArgs): string {
    if (typeof buildspec === "string") return buildspec;
    if ("path" in buildspec && Object.keys(buildspec).length === 1) return buildspec.path as string;
    return toYaml(buildspec);
}

/** The `secrets` references once known; one known only at deployment is checked then, with the same error. */
function resolveSecretRefs(name: string, secrets: Record<string, pulumi.Input<string>>): pulumi.Output<SecretRef[]> {
    const entries = Object.entries(secrets).map(([k, v]) => pulumi.output(v).apply((value) => [k, value] as const));
    return pulumi.all(entries).apply((resolved) => {
        const issues = resolved.flatMap(([k, v]) => secretRefIssues(k, v));
        if (issues.length) throw new ArgsError("BuildProject", name, issues);
        return resolved.map(([, v]) => parseSecretRef(v)!);
    });
}

function environmentVariables(
    component: string,
    cfg: ResolvedBuildProject,
    refs: pulumi.Output<SecretRef[]>,
): codebuildInputs.ProjectEnvironmentEnvironmentVariable[] {
    const plain = Object.entries(cfg.environment).map(([name, value]) => ({
        name,
        // A value known only at deployment is checked then, as a plain one is before any resource.
        value: isPlain(value)
            ? value
            : pulumi.output(value).apply((v) => {
                  const kind = looksSecretValue(v);
                  if (kind)
                      throw new ArgsError("BuildProject", component, [
                          { path: `environment.${name}`, value: "(redacted)", message: `holds ${kind} in plaintext`, allowed: `secrets.${name}` },
                      ]);
                  return v;
              }),
        type: "PLAINTEXT",
    }));
    const secret = Object.keys(cfg.secrets).map((name, i) => {
        const ref = refs.apply((r) => r[i]);
        return {
            name,
            // Secrets Manager takes the reference as given (ARN and qualifiers); Parameter Store a parameter name.
            value: pulumi.all([cfg.secrets[name], ref]).apply(([value, r]) => (r.kind === "secrets-manager" ? value : r.name)),
            type: ref.apply((r) => (r.kind === "secrets-manager" ? "SECRETS_MANAGER" : "PARAMETER_STORE")),
        };
    });
    return [...plain, ...secret];
}

const LOCAL_MODES: Record<LocalCacheMode, string> = {
    "docker-layer": "LOCAL_DOCKER_LAYER_CACHE",
    source: "LOCAL_SOURCE_CACHE",
    custom: "LOCAL_CUSTOM_CACHE",
};

function cacheConfig(cfg: ResolvedBuildProject): codebuildInputs.ProjectCache {
    const c = cfg.cache;
    if (c === "none") return { type: "NO_CACHE" };
    if ("local" in c) return { type: "LOCAL", modes: c.local.map((m) => LOCAL_MODES[m]) };
    // S3 cache location is "<bucket>/<prefix>" (terraform-provider-aws: required when the type is S3).
    const bucket = pulumi.output(c.s3.bucketArn).apply((arn) => arn.slice(arn.indexOf(":::") + 3));
    return { type: "S3", location: c.s3.prefix ? pulumi.interpolate`${bucket}/${c.s3.prefix}` : bucket };
}
