import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as codeconnections from "@pulumi/aws/codeconnections";
import * as codepipeline from "@pulumi/aws/codepipeline";
import * as codestarnotifications from "@pulumi/aws/codestarnotifications";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import { PrivateBucket, createPrivateBucket } from "../shared/bucket";
import { ArgsError } from "../shared/errors";
import { RoleResources, assumeRolePolicy, awsManagedPolicyArn, createRole, policyJson } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { ActionRoles, stageDeclarations, triggerDeclarations } from "./actions";
import type { BuildProjectRef, DeliveryPipelineArgs, DeliveryPipelineTransforms, NotificationEvent } from "./args";
import { ResolvedAction, ResolvedDeliveryPipeline, normalize } from "./defaults";
import { Scope, artifactReadStatements, assumeActionRoles, buildRoleArtifactStatements, pipelineRoleStatements } from "./policies";
import { validate } from "./validate";

/**
 * CodeStar Notifications event type ids for pipelines
 * (https://docs.aws.amazon.com/dtconsole/latest/userguide/concepts.html#events-ref-pipeline).
 */
export const PIPELINE_EVENT_IDS: Record<NotificationEvent, string> = {
    failed: "codepipeline-pipeline-pipeline-execution-failed",
    succeeded: "codepipeline-pipeline-pipeline-execution-succeeded",
    "approval-needed": "codepipeline-pipeline-manual-approval-needed",
    "stage-failed": "codepipeline-pipeline-stage-execution-failed",
};

/** Days KMS waits before deleting the artifact key once scheduled (7-30): the longest, since old artifacts need it. */
const KEY_DELETION_WINDOW_DAYS = 30;

export interface StartRuleResources {
    rule: cloudwatch.EventRule;
    target: cloudwatch.EventTarget;
    role: RoleResources;
}

export interface DeliveryPipelineResources {
    /** The CodeConnections connection, PENDING until its handshake is completed in the console (a `connection` source). */
    connection?: codeconnections.Connection;
    /** Encrypts the artifacts; the pipeline and build roles use it through S3. */
    key: kms.Key;
    /** The artifact bucket: versioned, SSE-KMS, TLS only, expiring artifacts. */
    bucket: PrivateBucket;
    /** The pipeline's role, one inline policy per action kind. */
    role: RoleResources;
    /** The artifact grant on each referenced build project's role, by `<stage>/<action>` of its first use. */
    buildRolePolicies: Record<string, iam.RolePolicy>;
    /** Artifact read on each code-deploy instance role and CloudFormation stack role, by `<stage>-<action>-<n>`. */
    artifactReadPolicies: Record<string, iam.RolePolicy>;
    /** The role of each Elastic Beanstalk action without `roleArn`, by `<stage>-<action>`. */
    ebRoles: Record<string, RoleResources>;
    /** The pipeline role's `sts:AssumeRole` on the action roles (with an Elastic Beanstalk action). */
    actionRolesPolicy?: iam.RolePolicy;
    pipeline: codepipeline.Pipeline;
    /** The EventBridge rule, target and role that start the pipeline (S3 and CodeCommit sources). */
    start?: StartRuleResources;
    notificationRule?: codestarnotifications.NotificationRule;
}

/**
 * A CodePipeline V2 release pipeline: a source (a CodeConnections connection to GitHub, GitLab or
 * Bitbucket by default; an existing connection, S3 or CodeCommit), V2 push triggers, then the stages
 * given — builds and tests (CodeBuild), manual approvals (SNS with a link), and deploys: ECS rolling,
 * ECS blue/green and EC2 through CodeDeploy, Lambda and Pulumi through CodeBuild steps, CloudFormation
 * and Elastic Beanstalk. Artifacts live in a private, versioned bucket encrypted with the pipeline's
 * own key; the pipeline's role gets one least-privilege policy per action kind, and each build
 * project's role the artifact bucket and key. A new connection is created PENDING: the source fails
 * until someone completes the handshake in the console
 * (https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-update.html).
 *
 * @example
 * const pipeline = new DeliveryPipeline("shop", {
 *     source: { connection: { provider: "GitHub", repository: "acme/shop" } },
 *     stages: [
 *         { name: "Build", actions: [{ kind: "build", name: "image", project: imageBuild, outputs: ["image"] }] },
 *         { name: "Approve", actions: [{ kind: "approval", name: "release", externalEntityLink: "https://staging.example.com" }] },
 *         { name: "Production", actions: [{ kind: "ecs-blue-green", name: "web", group, passRoleArns, input: "image", production: true }] },
 *     ],
 *     notifications: { topicArn: alerts.topicArn },
 * });
 *
 * **Cost** (us-east-1, https://aws.amazon.com/codepipeline/pricing/): a V2 pipeline is billed per action
 * execution minute, rounded up per action ($0.002/min; 100 free minutes a month per account; manual
 * approvals are not billed), so a run with 10 action minutes is $0.02 and 200 such runs a month $4;
 * the key $1/month; artifacts $0.023/GB-month for 30 days; CodeBuild minutes are the build projects'.
 */
export class DeliveryPipeline extends pulumi.ComponentResource {
    static readonly type = typeToken("cicd", "DeliveryPipeline");

    readonly pipelineName: pulumi.Output<string>;
    readonly pipelineArn: pulumi.Output<string>;
    readonly artifactBucketName: pulumi.Output<string>;
    readonly artifactKeyArn: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    /** The connection's ARN (connection sources); its status is PENDING until the handshake. */
    readonly connectionArn?: pulumi.Output<string>;
    readonly resources: DeliveryPipelineResources;

    constructor(name: string, args: DeliveryPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("DeliveryPipeline", name, issues);
        super(DeliveryPipeline.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const kept = cfg.protectData ? { ...child, protect: true, retainOnDelete: true } : child;
        const tags = componentTags(DeliveryPipeline.type, name, cfg.tags);
        const t = cfg.transform;
        const accountId = getCallerIdentityOutput({}, child).accountId;
        const partition = getPartitionOutput({}, child).partition;
        const region = getRegionOutput({}, child).region;

        const connection =
            cfg.source.kind === "connection"
                ? create(
                      codeconnections.Connection,
                      fitName(childName(name, "connection"), codeconnections.Connection),
                      { providerType: cfg.source.provider, tags },
                      child,
                      t.connection,
                  )
                : undefined;
        const connectionArn = connection?.arn ?? (cfg.source.kind === "connectionArn" ? cfg.source.connectionArn : undefined);

        const key = create(
            kms.Key,
            childName(name, "key"),
            {
                description: `Encrypts the pipeline artifacts of ${name}`,
                enableKeyRotation: true,
                deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
                // The default key policy: the account's IAM policies decide who uses the key (the pipeline and build roles).
                policy: policyJson([
                    {
                        Sid: "EnableAccountAdministration",
                        Effect: "Allow",
                        Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
                        Action: "kms:*",
                        Resource: "*",
                    },
                ]),
                tags,
            },
            kept,
            t.key,
        );
        const bucket = createPrivateBucket(
            childName(name, "artifacts"),
            {
                encryption: { kmsKeyArn: key.arn },
                // CodePipeline requires a versioned artifact store (https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome-introducing-artifacts.html).
                versioning: true,
                lifecycle: { "expire-artifacts": { prefix: "", expireDays: cfg.artifactRetentionDays, noncurrentDays: 1 } },
                forceDestroy: !cfg.protectData,
                protect: cfg.protectData,
                retainOnDelete: cfg.protectData,
                tags,
            },
            child,
            t.bucket,
        );
        const scope: Scope = { partition, region, accountId, bucketArn: bucket.bucket.arn, keyArn: key.arn, connectionArn };

        const role = createRole(
            childName(name, "role"),
            {
                description: `CodePipeline runs the pipeline ${name}`,
                // AWS's documented trust policy, without aws:SourceAccount/SourceArn: CodePipeline documents no
                // confused-deputy keys on its AssumeRole (pipelines-create-service-role-cli.html), and a condition on a key
                // the service does not send would leave the role unassumable and every run failing.
                assumeRolePolicy: assumeRolePolicy("codepipeline.amazonaws.com"),
                policies: pipelineRoleStatements(cfg, scope),
                tags,
            },
            child,
            t.role,
        );
        const buildRolePolicies = createBuildRolePolicies(name, cfg, scope, child, t.buildRolePolicy);
        const artifactReadPolicies = createArtifactReadPolicies(name, cfg, scope, child, t.artifactReadPolicy);

        const { ebRoles, actionRoles } = createEbRoles(name, cfg, scope, role, partition, tags, child, t.ebRole);
        const actionRoleArns = [...actionRoles.values()];
        // A policy of its own, after the action roles: their trust names the pipeline role, which must exist first.
        const actionRolesPolicy = actionRoleArns.length
            ? create(
                  iam.RolePolicy,
                  `${childName(name, "role")}-action-roles`,
                  { role: role.role.id, name: "action-roles", policy: policyJson(assumeActionRoles(actionRoleArns)) },
                  child,
              )
            : undefined;

        const pipeline = create(
            codepipeline.Pipeline,
            fitName(childName(name, "pipeline"), codepipeline.Pipeline),
            {
                pipelineType: "V2",
                executionMode: cfg.executionMode,
                roleArn: role.arn,
                // One store, no region: a single-region pipeline (the provider refuses a region on it).
                artifactStores: [{ location: bucket.bucket.bucket, type: "S3", encryptionKey: { id: key.arn, type: "KMS" } }],
                stages: stageDeclarations(cfg, connectionArn, actionRoles),
                triggers: triggerDeclarations(cfg),
                tags,
            },
            // The builds write artifacts with their roles, instances and stacks read them with theirs, and the pipeline
            // role assumes the action roles: granted before the first run.
            {
                ...child,
                dependsOn: [
                    ...Object.values(buildRolePolicies),
                    ...Object.values(artifactReadPolicies),
                    ...(actionRolesPolicy ? [actionRolesPolicy] : []),
                    bucket.versioning!,
                    bucket.policy,
                ],
            },
            t.pipeline,
        );

        const start = cfg.source.kind === "s3" || cfg.source.kind === "codeCommit" ? createStartRule(name, cfg, scope, pipeline, tags, child) : undefined;

        const notificationRule = cfg.notifications
            ? create(
                  codestarnotifications.NotificationRule,
                  fitName(childName(name, "notifications"), codestarnotifications.NotificationRule),
                  {
                      detailType: "FULL",
                      eventTypeIds: cfg.notifications.events.map((e) => PIPELINE_EVENT_IDS[e]),
                      resource: pipeline.arn,
                      // The topic's policy (and key policy, when encrypted) must admit codestar-notifications.amazonaws.com.
                      targets: [{ address: cfg.notifications.topicArn, type: "SNS" }],
                      tags,
                  },
                  child,
                  t.notificationRule,
              )
            : undefined;

        this.pipelineName = pipeline.name;
        this.pipelineArn = pipeline.arn;
        this.artifactBucketName = bucket.bucket.bucket;
        this.artifactKeyArn = key.arn;
        this.roleArn = role.arn;
        this.connectionArn = connection?.arn;
        this.resources = {
            connection,
            key,
            bucket,
            role,
            buildRolePolicies,
            artifactReadPolicies,
            ebRoles,
            actionRolesPolicy,
            pipeline,
            start,
            notificationRule,
        };
        this.registerOutputs({
            pipelineName: this.pipelineName,
            pipelineArn: this.pipelineArn,
            artifactBucketName: this.artifactBucketName,
            artifactKeyArn: this.artifactKeyArn,
            roleArn: this.roleArn,
            connectionArn: this.connectionArn,
        });
    }
}

/** Each distinct build project (by reference) once, keyed by the `<stage>-<action>` that first runs it. */
function buildProjects(cfg: ResolvedDeliveryPipeline): Map<string, BuildProjectRef> {
    const seen = new Set<BuildProjectRef>();
    const out = new Map<string, BuildProjectRef>();
    for (const s of cfg.stages)
        for (const a of s.actions)
            if ((a.kind === "build" || a.kind === "lambda" || a.kind === "pulumi") && !seen.has(a.project)) {
                seen.add(a.project);
                out.set(actionKey(out, s.name, a.name), a.project);
            }
    return out;
}

function createBuildRolePolicies(
    name: string,
    cfg: ResolvedDeliveryPipeline,
    scope: Scope,
    opts: pulumi.CustomResourceOptions,
    transform: DeliveryPipelineTransforms["buildRolePolicy"],
): Record<string, iam.RolePolicy> {
    const out: Record<string, iam.RolePolicy> = {};
    for (const [key, project] of buildProjects(cfg)) {
        out[key] = create(
            iam.RolePolicy,
            fitName(childName(name, key, "artifacts"), iam.RolePolicy),
            { role: project.roleName, policy: policyJson(buildRoleArtifactStatements(scope)) },
            opts,
            transform,
        );
    }
    return out;
}

/** `<stage>-<action>`, made unique: stage "a-b" with action "c" and stage "a" with action "b-c" would share it. */
function actionKey(used: { has(k: string): boolean }, stage: string, action: string): string {
    const key = `${stage}-${action}`;
    let unique = key;
    for (let n = 2; used.has(unique); n++) unique = `${key}-${n}`;
    return unique;
}

/**
 * Read on the artifacts for the roles outside the pipeline that read them: each code-deploy action's
 * instance roles (the CodeDeploy agent downloads the revision with the instance profile) and each
 * CloudFormation action's stack role, when named. A plain role name is granted once.
 */
function createArtifactReadPolicies(
    name: string,
    cfg: ResolvedDeliveryPipeline,
    scope: Scope,
    opts: pulumi.CustomResourceOptions,
    transform: DeliveryPipelineTransforms["artifactReadPolicy"],
): Record<string, iam.RolePolicy> {
    const out: Record<string, iam.RolePolicy> = {};
    const seen = new Set<pulumi.Input<string>>();
    for (const s of cfg.stages)
        for (const a of s.actions) {
            const roles = a.kind === "code-deploy" ? a.instanceRoleNames : a.kind === "cloudformation" && a.roleName !== undefined ? [a.roleName] : [];
            roles.forEach((role, i) => {
                if (seen.has(role)) return;
                seen.add(role);
                const key = actionKey(new Set(Object.keys(out)), s.name, `${a.name}-${i + 1}`);
                out[key] = create(
                    iam.RolePolicy,
                    fitName(childName(name, key, "artifact-read"), iam.RolePolicy),
                    { role, policy: policyJson(artifactReadStatements(scope)) },
                    opts,
                    transform,
                );
            });
        }
    return out;
}

/**
 * A role for each Elastic Beanstalk action without `roleArn`, as CDK's ElasticBeanstalkDeployAction
 * builds it: trusted by the pipeline role only, AWS's `AdministratorAccess-AWSElasticBeanstalk`
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess-AWSElasticBeanstalk.html)
 * and read on the artifacts. The managed policy is broad because Beanstalk changes the environment's
 * EC2, Auto Scaling, ELB, CloudFormation… resources with the caller's permissions
 * (action-reference-Beanstalk.html); on this role it is used only while this action runs.
 */
function createEbRoles(
    name: string,
    cfg: ResolvedDeliveryPipeline,
    scope: Scope,
    pipelineRole: RoleResources,
    partition: pulumi.Input<string>,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
    transform: DeliveryPipelineTransforms["ebRole"],
): { ebRoles: Record<string, RoleResources>; actionRoles: ActionRoles } {
    const ebRoles: Record<string, RoleResources> = {};
    const actionRoles: ActionRoles = new Map<ResolvedAction, pulumi.Input<string>>();
    // The pipeline role's own ARN, not the account root (CDK tightened its action roles the same way, aws/aws-cdk#25318).
    const trust = pulumi
        .output(pipelineRole.role.arn)
        .apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: arn }, Action: "sts:AssumeRole" }] }));
    for (const s of cfg.stages)
        for (const a of s.actions) {
            if (a.kind !== "elastic-beanstalk") continue;
            if (a.roleArn !== undefined) {
                actionRoles.set(a, a.roleArn);
                continue;
            }
            const key = actionKey(new Set(Object.keys(ebRoles)), s.name, a.name);
            ebRoles[key] = createRole(
                childName(name, key, "eb-role"),
                {
                    description: `CodePipeline deploys ${a.applicationName}/${a.environmentName} (pipeline ${name})`,
                    assumeRolePolicy: trust,
                    policies: { artifacts: artifactReadStatements(scope) },
                    managedPolicies: { beanstalk: awsManagedPolicyArn(partition, "AdministratorAccess-AWSElasticBeanstalk") },
                    tags,
                },
                opts,
                transform,
            );
            actionRoles.set(a, ebRoles[key].arn);
        }
    return { ebRoles, actionRoles };
}

/**
 * The EventBridge rule that starts an S3 or CodeCommit pipeline, with the role EventBridge assumes
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/triggering.html). An S3 bucket must send
 * its events to EventBridge for "Object Created" to arrive.
 */
function createStartRule(
    name: string,
    cfg: ResolvedDeliveryPipeline,
    s: Scope,
    pipeline: codepipeline.Pipeline,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
): StartRuleResources {
    const t = cfg.transform;
    const src = cfg.source;
    // The documented patterns: S3 "Object Created" for the key, CodeCommit branch pushes for the repository.
    const eventPattern =
        src.kind === "s3"
            ? pulumi.output(src.bucket).apply((bucket) =>
                  JSON.stringify({
                      source: ["aws.s3"],
                      "detail-type": ["Object Created"],
                      detail: { bucket: { name: [bucket] }, object: { key: [src.key] } },
                  }),
              )
            : pulumi.all([s.partition, s.region, s.accountId]).apply(([p, r, a]) =>
                  JSON.stringify({
                      source: ["aws.codecommit"],
                      "detail-type": ["CodeCommit Repository State Change"],
                      resources: [`arn:${p}:codecommit:${r}:${a}:${src.kind === "codeCommit" ? src.repository : ""}`],
                      detail: {
                          event: ["referenceCreated", "referenceUpdated"],
                          referenceType: ["branch"],
                          referenceName: [src.kind === "codeCommit" ? src.branch : ""],
                      },
                  }),
              );
    const rule = create(
        cloudwatch.EventRule,
        fitName(childName(name, "start-rule"), cloudwatch.EventRule),
        { description: `Starts the pipeline ${name} on a new source version`, eventPattern, tags },
        opts,
        t.startRule,
    );
    const role = createRole(
        childName(name, "start-role"),
        {
            description: `EventBridge starts the pipeline ${name}`,
            // EventBridge's confused-deputy keys for a rule target's role: this account and this rule
            // (https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html).
            assumeRolePolicy: assumeRolePolicy("events.amazonaws.com", { sourceAccount: s.accountId, sourceArnLike: rule.arn }),
            policies: { start: [{ Sid: "StartPipeline", Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: pipeline.arn }] },
            tags,
        },
        opts,
        t.startRole,
    );
    const target = create(
        cloudwatch.EventTarget,
        fitName(childName(name, "start-target"), cloudwatch.EventTarget),
        { rule: rule.name, arn: pipeline.arn, roleArn: role.arn },
        opts,
        t.startTarget,
    );
    return { rule, target, role };
}
