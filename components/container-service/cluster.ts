import * as pulumi from "@pulumi/pulumi";
import * as ecs from "@pulumi/aws/ecs";
import { childName, fitName } from "../shared/naming";
import { ArgsError } from "../shared/errors";
import { create } from "../shared/transform";
import { CLUSTER_ARN } from "./capacity-rules";
import { createEc2Capacity } from "./capacity";
import { ClusterResources, Ctx, strategyItems } from "./context";

export { ECS_AMI_PARAMETER, ecsUserData } from "./capacity";

/** A cluster's name from its ARN (`arn:aws:ecs:<region>:<account>:cluster/<name>`). */
export function clusterNameFromArn(arn: string): string {
    return arn.slice(arn.indexOf(":cluster/") + ":cluster/".length);
}

/**
 * `cluster.existing` once its value is known: validation sees only plain strings, and another stack's output
 * may be a name (whose "name from ARN" is "") or an ARN of another Region or account. Services must be in the
 * cluster's Region and account, and so must a Scheduler target
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html): fails the preview.
 */
function existingClusterArn(ctx: Ctx, existing: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.all([existing, ctx.region, ctx.accountId]).apply(([arn, region, account]) => {
        const [, , , arnRegion, arnAccount] = arn.split(":");
        if (!CLUSTER_ARN.test(arn) || arnRegion !== region || arnAccount !== account)
            throw new ArgsError("ContainerService", ctx.name, [
                {
                    path: "cluster.existing",
                    value: arn,
                    message: `must be an ECS cluster ARN in ${region}/${account}`,
                    allowed: `"arn:aws:ecs:${region}:${account}:cluster/<name>"`,
                },
            ]);
        return arn;
    });
}

/**
 * The cluster with Container Insights, its capacity providers (Fargate, Fargate Spot and the EC2
 * groups) and default strategy, and a Service Connect namespace as the cluster's default (services created
 * by hand with Service Connect on and no namespace join it); or, with `cluster.existing`, only references to that cluster.
 */
export function createCluster(ctx: Ctx, serviceConnectNamespaceArn?: pulumi.Input<string>): ClusterResources {
    const existing = ctx.cfg.existingCluster;
    if (existing !== undefined) {
        const arn = existingClusterArn(ctx, existing);
        return { arn, name: arn.apply(clusterNameFromArn), dependencies: [], ec2CapacityProviders: {} };
    }
    const cluster = create(
        ecs.Cluster,
        fitName(childName(ctx.name, "cluster"), ecs.Cluster),
        {
            settings: [{ name: "containerInsights", value: ctx.cfg.containerInsights }],
            ...(serviceConnectNamespaceArn !== undefined ? { serviceConnectDefaults: { namespace: serviceConnectNamespaceArn } } : {}),
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.cfg.transform.cluster,
    );
    const ec2 = createEc2Capacity(ctx, cluster.name);
    const resources: ClusterResources = {
        cluster,
        arn: cluster.arn,
        name: cluster.name,
        dependencies: [],
        ec2CapacityProviderName: ec2.ec2?.capacityProvider.name,
        ec2Capacity: ec2.ec2,
        ec2CapacityProviders: ec2.providers,
        instanceRole: ec2.instances?.role.role,
        instanceProfile: ec2.instances?.profile,
        instanceSecurityGroup: ec2.instances?.securityGroup,
        awsvpcTrunking: ec2.instances?.trunking,
    };
    const providers: pulumi.Input<string>[] = ["FARGATE", "FARGATE_SPOT"];
    if (ec2.ec2) providers.push(ec2.ec2.capacityProvider.name);
    for (const p of Object.values(ec2.providers)) providers.push(p.capacityProvider.name);
    resources.capacityProviders = new ecs.ClusterCapacityProviders(
        childName(ctx.name, "capacity-providers"),
        {
            clusterName: cluster.name,
            capacityProviders: providers,
            defaultCapacityProviderStrategies: strategyItems(ctx.cfg.defaultStrategy, resources),
        },
        ctx.opts,
    );
    resources.dependencies = [resources.capacityProviders];
    return resources;
}
