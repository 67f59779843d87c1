import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import type * as efs from "@pulumi/aws/efs";
import type * as awsxEcr from "@pulumi/awsx/ecr";
import { RoleResources, Statement, assumeRolePolicy, createRole, managedPolicyKeys } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { ecrRepositoryArnFromImage } from "./ecr-image";
import { type Ctx, type TaskResources, roleChildren, rolePolicyResources } from "./context";
import type { ResolvedContainer, ResolvedTask } from "./defaults";
import { LOG_ROUTER_CONTAINER, containerSecretRefs, firelensStatements, logConfiguration, logRouterDefinition } from "./firelens";
import { namedPairs } from "./pairs";
import { extraMountPoints, extraVolumes } from "./volumes";

/** An EFS access point ready to mount (from storage.ts). */
export interface MountableVolume {
    fileSystemId: pulumi.Input<string>;
    fileSystemArn: pulumi.Input<string>;
    accessPointId: pulumi.Input<string>;
    accessPointArn: pulumi.Input<string>;
}

export interface TaskExtras {
    /** Images resolved to URIs (built images and repository references). */
    images: Record<string, pulumi.Input<string>>;
    /** ECR repository ARNs the execution role may pull from. */
    pullRepositoryArns: pulumi.Input<string | undefined>[];
    /** Environment added to every container (e.g. QUEUE_URL). */
    environment?: Record<string, pulumi.Input<string>>;
    /** Statements added to the task role (e.g. the queue's). */
    statements?: Statement[];
    /** EFS access points by volume key. */
    volumes?: Record<string, MountableVolume>;
    enableExecuteCommand?: boolean;
    /** The access point resources and built images behind `volumes` and `images`, for `resources`. */
    accessPoints?: Record<string, efs.AccessPoint>;
    builtImages?: Record<string, awsxEcr.Image>;
}

/**
 * The IAM resource for a secret reference. Secrets Manager references may carry
 * `:json-key:version-stage:version-id`; IAM wants the secret's own ARN, and matches it whole: an ARN
 * given without the 6-character suffix Secrets Manager appends (`secret:prod/db` for
 * `secret:prod/db-AbCdEf`) must end in `-??????` to match
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html,
 * "Secrets Manager ARN format"). A name ending in a hyphen and six letters or digits reads as complete,
 * as AWS itself reads it; SSM parameter ARNs are returned unchanged.
 */
export function secretResourceArn(ref: string): string {
    const m = /^(arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:[^:]+)(:.*)?$/.exec(ref);
    if (!m) return ref;
    return /-[A-Za-z0-9]{6}$/.test(m[1]) ? m[1] : `${m[1]}-??????`;
}

/** The execution role's policy: pull the task's images, write its log group, read exactly its secrets. */
export function executionStatements(
    logGroupArn: pulumi.Input<string>,
    secretRefs: pulumi.Input<string>[],
    pullRepositoryArns: pulumi.Input<string | undefined>[],
    secrets?: { kmsKeyArns: pulumi.Input<string>[]; region: pulumi.Input<string> },
): Statement[] {
    const statements: Statement[] = [
        {
            Sid: "WriteOwnLogGroup",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: pulumi.interpolate`${logGroupArn}:log-stream:*`,
        },
    ];
    if (pullRepositoryArns.length > 0) {
        // Images given as Outputs are read once known; one that is not in ECR adds no repository, and
        // with no repository at all both statements resolve empty and `policyJson` leaves them out.
        const repositories = pulumi.all(pullRepositoryArns).apply((arns) => [...new Set(arns.filter((a): a is string => typeof a === "string" && a !== ""))]);
        // GetAuthorizationToken has no resource-level permissions: AWS requires "*" here.
        statements.push({
            Sid: "EcrAuth",
            Effect: "Allow",
            Action: "ecr:GetAuthorizationToken",
            Resource: repositories.apply((arns): string[] => (arns.length > 0 ? ["*"] : [])),
        });
        statements.push({
            Sid: "PullOwnImages",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
            Resource: repositories,
        });
    }
    if (secretRefs.length > 0) {
        statements.push({
            Sid: "ReadNamedSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
            Resource: pulumi.all(secretRefs).apply((refs) => [...new Set(refs.map(secretResourceArn))].sort()),
        });
    }
    if (secrets && secrets.kmsKeyArns.length > 0) {
        // Secrets under a customer managed key: ECS decrypts them through Secrets Manager or SSM, never directly.
        statements.push({
            Sid: "DecryptSecrets",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: secrets.kmsKeyArns,
            Condition: {
                StringEquals: {
                    "kms:ViaService": [
                        pulumi.interpolate`secretsmanager.${secrets.region}.amazonaws.com`,
                        pulumi.interpolate`ssm.${secrets.region}.amazonaws.com`,
                    ],
                },
            },
        });
    }
    return statements;
}

/**
 * The repository to grant pulls from for an image: read now for a URI, once known for an Output
 * (`pulumi.interpolate\`${repo.repositoryUrl}:v1\``), where the repository is what matters most.
 */
export function pullRepositoryOf(image: pulumi.Input<string>): pulumi.Input<string | undefined> {
    return typeof image === "string" ? ecrRepositoryArnFromImage(image) : pulumi.output(image).apply(ecrRepositoryArnFromImage);
}

export { namedPairs } from "./pairs";

function containerDefinition(
    ctx: Ctx,
    task: ResolvedTask,
    key: string,
    c: ResolvedContainer,
    image: pulumi.Input<string>,
    logGroupName: pulumi.Output<string>,
    extras: TaskExtras,
): pulumi.Output<unknown> {
    const environment = { ...c.environment, ...(extras.environment ?? {}) };
    const mountPoints = [
        ...Object.entries(task.volumes)
            .filter(([, v]) => v.containers.includes(key))
            .map(([vol, v]) => ({ sourceVolume: vol, containerPath: v.containerPath, readOnly: v.readOnly })),
        ...extraMountPoints(task, key),
    ];
    // A FireLens container waits for its router, so no early line is lost (unless told otherwise).
    const dependsOn: Record<string, string> =
        c.logging.driver === "awsfirelens" && !Object.hasOwn(c.dependsOn, LOG_ROUTER_CONTAINER)
            ? { ...c.dependsOn, [LOG_ROUTER_CONTAINER]: "START" }
            : c.dependsOn;
    return pulumi.output({
        name: key,
        image,
        essential: c.essential,
        cpu: c.cpu,
        ...(c.memoryMiB !== undefined ? { memory: c.memoryMiB } : {}),
        ...(c.memoryReservationMiB !== undefined ? { memoryReservation: c.memoryReservationMiB } : {}),
        // Bridge mode: host port 0 = a dynamic port, so several tasks fit on one instance.
        portMappings: c.portMappings.map((p) => ({
            containerPort: p.containerPort,
            hostPort: task.networkMode === "bridge" ? 0 : p.containerPort,
            protocol: p.protocol ?? "tcp",
            ...(p.name !== undefined ? { name: p.name } : {}),
        })),
        environment: namedPairs(environment, "value"),
        secrets: namedPairs(c.secrets, "valueFrom"),
        logConfiguration: logConfiguration(ctx, c, key, logGroupName),
        readonlyRootFilesystem: c.readonlyRootFilesystem,
        mountPoints,
        ...(c.healthCheck
            ? {
                  healthCheck: {
                      command: c.healthCheck.command,
                      interval: c.healthCheck.intervalSeconds,
                      timeout: c.healthCheck.timeoutSeconds,
                      retries: c.healthCheck.retries,
                      startPeriod: c.healthCheck.startPeriodSeconds,
                  },
              }
            : {}),
        ...(c.command ? { command: c.command } : {}),
        ...(c.entryPoint ? { entryPoint: c.entryPoint } : {}),
        ...(c.user ? { user: c.user } : {}),
        ...linuxParameters(c, extras),
        // Field names as in https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
        ...(Object.keys(dependsOn).length > 0
            ? {
                  dependsOn: Object.keys(dependsOn)
                      .sort()
                      .map((containerName) => ({ containerName, condition: dependsOn[containerName] })),
              }
            : {}),
        ...(c.restartPolicy
            ? {
                  restartPolicy: {
                      enabled: c.restartPolicy.enabled,
                      ignoredExitCodes: c.restartPolicy.ignoredExitCodes,
                      restartAttemptPeriod: c.restartPolicy.restartAttemptPeriodSeconds,
                  },
              }
            : {}),
        ...(c.volumesFrom.length > 0
            ? {
                  volumesFrom: c.volumesFrom.map((v) => ({
                      sourceContainer: v.sourceContainer,
                      ...(v.readOnly !== undefined ? { readOnly: v.readOnly } : {}),
                  })),
              }
            : {}),
    });
}

/** `linuxParameters` when something sets it: ECS Exec's init process, capabilities. */
function linuxParameters(c: ResolvedContainer, extras: TaskExtras): { linuxParameters?: Record<string, unknown> } {
    const params = {
        // ECS Exec needs an init process to reap the SSM agent's children.
        ...(extras.enableExecuteCommand ? { initProcessEnabled: true } : {}),
        ...(c.linuxCapabilities ? { capabilities: { add: c.linuxCapabilities.add, drop: c.linuxCapabilities.drop } } : {}),
    };
    return Object.keys(params).length > 0 ? { linuxParameters: params } : {};
}

/** A workload's log group, its execution role (ECS's needs) and its task role (the app's). */
export interface TaskIdentity {
    logGroup: cloudwatch.LogGroup;
    execution: RoleResources;
    task: RoleResources;
}

/**
 * Creates `<base>-logs`, `<base>-execution-role` (pull from `pullRepositoryArns`, write the log group,
 * read exactly `secretRefs`) and `<base>-task-role` (`statements` and `managedPolicyArns`), both
 * trusted by ECS tasks of this account and region only. Shared by task definitions and Express Mode.
 */
export function createTaskIdentity(
    ctx: Ctx,
    base: string,
    spec: {
        secretRefs: pulumi.Input<string>[];
        secretsKmsKeyArns: pulumi.Input<string>[];
        pullRepositoryArns: pulumi.Input<string | undefined>[];
        statements: Statement[];
        managedPolicyArns: string[];
    },
): TaskIdentity {
    const t = ctx.cfg.transform;
    const logGroup = create(
        cloudwatch.LogGroup,
        fitName(childName(base, "logs"), cloudwatch.LogGroup),
        {
            retentionInDays: ctx.cfg.logRetentionDays,
            tags: ctx.tags,
        },
        ctx.opts,
        t.logGroup,
    );
    // Confused deputy: only ECS tasks of this account and region may assume these roles.
    const trust = assumeRolePolicy("ecs-tasks.amazonaws.com", {
        sourceAccount: ctx.accountId,
        sourceArnLike: pulumi.interpolate`arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}:*`,
    });
    const execution = createRole(
        childName(base, "execution-role"),
        {
            description: `ECS starts ${base}'s tasks with this role: image pull, logs, secrets`,
            assumeRolePolicy: trust,
            policies: {
                "task-execution": executionStatements(logGroup.arn, spec.secretRefs, spec.pullRepositoryArns, {
                    kmsKeyArns: spec.secretsKmsKeyArns,
                    region: ctx.region,
                }),
            },
            tags: ctx.tags,
        },
        ctx.opts,
        t.executionRole,
        roleChildren(ctx),
    );
    const task = createRole(
        childName(base, "task-role"),
        {
            description: `The application in ${base}'s tasks runs with this role`,
            assumeRolePolicy: trust,
            policies: { application: spec.statements },
            managedPolicies: managedPolicyKeys(spec.managedPolicyArns),
            tags: ctx.tags,
        },
        ctx.opts,
        t.taskRole,
        roleChildren(ctx),
    );
    return { logGroup, execution, task };
}

/**
 * Creates a task definition with its log group, execution role and task role, and for awsvpc tasks
 * the tasks' security group (egress only; ingress is added by whoever sends traffic, e.g. the load
 * balancer).
 */
export function createTask(ctx: Ctx, task: ResolvedTask, extras: TaskExtras): TaskResources {
    const base = childName(ctx.name, task.name);
    const t = ctx.cfg.transform;
    const fargate = task.capacity !== "ec2";
    const statements: Statement[] = [...task.taskRole.statements, ...(extras.statements ?? []), ...firelensStatements(ctx, task)];
    if (extras.enableExecuteCommand) {
        // The SSM channels ECS Exec opens have no ARN to scope to: AWS documents "*".
        statements.push({
            Sid: "EcsExec",
            Effect: "Allow",
            Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            Resource: "*",
        });
    }
    const {
        logGroup,
        execution,
        task: app,
    } = createTaskIdentity(ctx, base, {
        secretRefs: Object.values(task.containers).flatMap(containerSecretRefs),
        secretsKmsKeyArns: task.secretsKmsKeyArns,
        // A router image in private ECR (e.g. AWS's regional copy of AWS for Fluent Bit) is pulled like the others.
        pullRepositoryArns: [...extras.pullRepositoryArns, ...(task.logRouter ? [pullRepositoryOf(task.logRouter.image)] : [])],
        statements,
        managedPolicyArns: task.taskRole.managedPolicyArns,
    });

    const definitions = [
        ...Object.entries(task.containers).map(([key, c]) => containerDefinition(ctx, task, key, c, extras.images[key], logGroup.name, extras)),
        ...(task.logRouter ? [pulumi.output(logRouterDefinition(ctx, task.logRouter, logGroup.name))] : []),
    ];
    const efsVolumes = Object.entries(task.volumes).map(([vol]) => {
        const v = extras.volumes?.[vol];
        if (!v) throw new Error(`internal: volume ${vol} of ${base} has no access point`);
        return {
            name: vol,
            efsVolumeConfiguration: {
                fileSystemId: v.fileSystemId,
                transitEncryption: "ENABLED",
                authorizationConfig: { accessPointId: v.accessPointId, iam: "ENABLED" },
            },
        };
    });
    const taskDefinition = create(
        ecs.TaskDefinition,
        childName(base, "task"),
        {
            // Families are account-wide: a suffix keeps two stacks (or programs) from sharing one.
            family: fitName(`${base}-${ctx.uniqueSuffix}`, ecs.TaskDefinition, { explicit: true }),
            cpu: String(task.cpu),
            memory: String(task.memoryMiB),
            networkMode: task.networkMode,
            requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
            executionRoleArn: execution.arn,
            taskRoleArn: app.arn,
            ...(fargate ? { runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: task.cpuArchitecture } } : {}),
            containerDefinitions: pulumi.all(definitions).apply((defs) => JSON.stringify(defs)),
            volumes: [...efsVolumes, ...extraVolumes(task)],
            ...(task.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGib: task.ephemeralStorageGiB } } : {}),
            tags: ctx.tags,
        },
        ctx.opts,
        t.taskDefinition,
    );

    const securityGroup =
        task.networkMode === "awsvpc"
            ? create(
                  ec2.SecurityGroup,
                  fitName(childName(base, "sg"), ec2.SecurityGroup),
                  {
                      vpcId: ctx.cfg.vpc.vpcId,
                      description: `Tasks of ${base}`,
                      // Tasks reach AWS APIs, registries and their dependencies through the NAT gateway.
                      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound" }],
                      tags: { ...ctx.tags, Name: childName(base, "sg") },
                  },
                  ctx.opts,
                  t.securityGroup,
              )
            : undefined;
    return {
        logGroup,
        executionRole: execution.role,
        taskRole: app.role,
        taskDefinition,
        securityGroup,
        accessPoints: extras.accessPoints ?? {},
        images: extras.builtImages ?? {},
        ...rolePolicyResources({ "execution-role": execution, "task-role": app }),
    };
}
