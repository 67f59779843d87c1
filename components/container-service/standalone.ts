/**
 * Standalone task definitions (`tasks`): run on demand, by a person, a pipeline or another service.
 * The component creates what a run needs (task definition, roles, log group, security group) and
 * gives the `RunTask` parameters, as data and as an `aws ecs run-task` command.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import type { ClusterResources, Ctx, TaskResources } from "./context";
import type { ResolvedTask } from "./defaults";
import { RunTaskParameters, invokeStatements, runTaskParameters } from "./events";

/**
 * The `RunTask` request itself (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html),
 * e.g. `new RunTaskCommand(input)` of `@aws-sdk/client-ecs` or `ecs.runTask(input)` in boto3 (its field
 * names differ from the EventBridge and Scheduler shape of the other fields: `taskDefinition`,
 * `capacityProviderStrategy`, `awsvpcConfiguration`, `assignPublicIp: "DISABLED"`, `enableECSManagedTags`).
 */
export interface RunTaskInput {
    cluster: string;
    /** The family: RunTask starts its latest ACTIVE revision. */
    taskDefinition: string;
    /** Absent with `launchType`. */
    capacityProviderStrategy?: Array<{ capacityProvider: string; weight: number; base: number }>;
    /** `"FARGATE"` for plain Fargate tasks on an existing cluster, instead of a strategy. */
    launchType?: string;
    platformVersion?: string;
    networkConfiguration?: { awsvpcConfiguration: { subnets: string[]; securityGroups: string[]; assignPublicIp: "DISABLED" } };
    enableECSManagedTags: boolean;
    propagateTags: string;
}

/**
 * How to start one standalone task. The fields outside `input` are in the EventBridge and Scheduler
 * shape (`ecsParameters`); `input` is RunTask's own request; `command` the same as a CLI command.
 */
export interface RunTaskOutput extends Omit<RunTaskParameters, "taskCount"> {
    clusterArn: pulumi.Output<string>;
    /** The task definition's family: RunTask starts its latest ACTIVE revision. */
    family: pulumi.Output<string>;
    /** The RunTask request, ready for an SDK's RunTask call (one task; add `count`, up to 10). */
    input: pulumi.Output<RunTaskInput>;
    /** `aws ecs run-task ...` with every parameter, ready to paste. */
    command: pulumi.Output<string>;
    /**
     * What the caller (a person's or a pipeline's role) needs to run it: `ecs:RunTask` on the family in
     * this cluster, `iam:PassRole` on the task's two roles, `ecs:TagResource` for the tags RunTask adds.
     */
    statements: Statement[];
}

/** The parameters, the RunTask request, the `aws ecs run-task` command and the caller's IAM of a standalone task. */
export function runTaskOutput(ctx: Ctx, task: ResolvedTask, cluster: ClusterResources, resources: TaskResources): RunTaskOutput {
    // One task per call; `--count` (up to 10) is the caller's to add.
    const { taskCount: _one, ...params } = runTaskParameters(ctx, task, cluster, resources, 1);
    const network = params.networkConfiguration;
    const input = pulumi
        .all([
            cluster.arn,
            resources.taskDefinition.family,
            pulumi.all((params.capacityProviderStrategies ?? []).map((s) => pulumi.output(s.capacityProvider))),
            network ? pulumi.output(network.subnets) : pulumi.output([] as string[]),
            network ? pulumi.all(network.securityGroups) : pulumi.output([] as string[]),
        ])
        .apply(
            ([clusterArn, family, providers, subnets, groups]): RunTaskInput => ({
                cluster: clusterArn,
                taskDefinition: family,
                // On an existing cluster, plain Fargate tasks use the launch type (see context.ts `placement`).
                ...(params.capacityProviderStrategies
                    ? {
                          capacityProviderStrategy: params.capacityProviderStrategies.map((s, i) => ({
                              capacityProvider: providers[i],
                              weight: s.weight,
                              base: s.base,
                          })),
                      }
                    : { launchType: params.launchType }),
                ...(params.platformVersion !== undefined ? { platformVersion: params.platformVersion } : {}),
                // RunTask's assignPublicIp is "ENABLED" | "DISABLED", not EventBridge's boolean.
                ...(network ? { networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups: groups, assignPublicIp: "DISABLED" as const } } } : {}),
                enableECSManagedTags: params.enableEcsManagedTags,
                propagateTags: params.propagateTags,
            }),
        );
    const command = input.apply((i) => {
        const vpc = i.networkConfiguration?.awsvpcConfiguration;
        return [
            "aws ecs run-task",
            `--cluster ${i.cluster}`,
            `--task-definition ${i.taskDefinition}`,
            i.capacityProviderStrategy
                ? `--capacity-provider-strategy ${i.capacityProviderStrategy.map((s) => `capacityProvider=${s.capacityProvider},weight=${s.weight},base=${s.base}`).join(" ")}`
                : `--launch-type ${i.launchType}`,
            ...(i.platformVersion !== undefined ? [`--platform-version ${i.platformVersion}`] : []),
            ...(vpc
                ? [
                      `--network-configuration 'awsvpcConfiguration={subnets=[${vpc.subnets.join(",")}],securityGroups=[${vpc.securityGroups.join(",")}],assignPublicIp=${vpc.assignPublicIp}}'`,
                  ]
                : []),
            ...(i.enableECSManagedTags ? ["--enable-ecs-managed-tags"] : []),
            `--propagate-tags ${i.propagateTags}`,
        ].join(" ");
    });
    return {
        ...params,
        clusterArn: cluster.arn,
        family: resources.taskDefinition.family,
        input,
        command,
        statements: invokeStatements(ctx, cluster, resources),
    };
}
