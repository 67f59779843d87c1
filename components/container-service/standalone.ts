/**
 * Standalone task definitions (`tasks`): run on demand, by a person, a pipeline or another service.
 * The component creates what a run needs (task definition, roles, log group, security group) and
 * gives the `RunTask` parameters, as data and as an `aws ecs run-task` command.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ClusterResources, Ctx, TaskResources } from "./context";
import type { ResolvedTask } from "./defaults";
import { RunTaskParameters, runTaskParameters } from "./events";

/** How to start one standalone task: RunTask's parameters, the cluster, and the CLI command. */
export interface RunTaskOutput extends Omit<RunTaskParameters, "taskCount"> {
    clusterArn: pulumi.Output<string>;
    /** The task definition's family: RunTask starts its latest ACTIVE revision. */
    family: pulumi.Output<string>;
    /** `aws ecs run-task ...` with every parameter, ready to paste. */
    command: pulumi.Output<string>;
}

/** The parameters and the `aws ecs run-task` command of a standalone task. */
export function runTaskOutput(ctx: Ctx, task: ResolvedTask, cluster: ClusterResources, resources: TaskResources): RunTaskOutput {
    // One task per call; `--count` (up to 10) is the caller's to add.
    const { taskCount: _one, ...params } = runTaskParameters(ctx, task, cluster, resources, 1);
    const network = params.networkConfiguration;
    const command = pulumi
        .all([
            cluster.arn,
            resources.taskDefinition.family,
            pulumi.all((params.capacityProviderStrategies ?? []).map((s) => pulumi.output(s.capacityProvider))),
            network ? pulumi.output(network.subnets) : pulumi.output([] as string[]),
            network ? pulumi.all(network.securityGroups) : pulumi.output([] as string[]),
        ])
        .apply(([clusterArn, family, providers, subnets, groups]) =>
            [
                "aws ecs run-task",
                `--cluster ${clusterArn}`,
                `--task-definition ${family}`,
                params.capacityProviderStrategies
                    ? `--capacity-provider-strategy ${params.capacityProviderStrategies
                          .map((s, i) => `capacityProvider=${providers[i]},weight=${s.weight},base=${s.base}`)
                          .join(" ")}`
                    : `--launch-type ${params.launchType}`,
                ...(params.platformVersion !== undefined ? [`--platform-version ${params.platformVersion}`] : []),
                ...(network
                    ? [
                          `--network-configuration 'awsvpcConfiguration={subnets=[${subnets.join(",")}],securityGroups=[${groups.join(",")}],assignPublicIp=DISABLED}'`,
                      ]
                    : []),
                "--enable-ecs-managed-tags",
                `--propagate-tags ${params.propagateTags}`,
            ].join(" "),
        );
    return { ...params, clusterArn: cluster.arn, family: resources.taskDefinition.family, command };
}
