import * as pulumi from "@pulumi/pulumi";
import * as ecs from "@pulumi/aws/ecs";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { createEc2Capacity } from "./capacity";
import { ClusterResources, Ctx, strategyItems } from "./context";

export { ECS_AMI_PARAMETER, ecsUserData } from "./capacity";

/** A cluster's name from its ARN (`arn:aws:ecs:<region>:<account>:cluster/<name>`). */
export function clusterNameFromArn(arn: string): string {
    return arn.slice(arn.indexOf(":cluster/") + ":cluster/".length);
}

/**
 * The cluster with Container Insights, its capacity providers (Fargate, Fargate Spot and the EC2
 * groups) and default strategy, and a Service Connect namespace as the cluster's default (services created
 * by hand with Service Connect on and no namespace join it); or, with `cluster.existing`, only references to that cluster.
 */
export function createCluster(ctx: Ctx, serviceConnectNamespaceArn?: pulumi.Input<string>): ClusterResources {
    const existing = ctx.cfg.existingCluster;
    if (existing !== undefined) {
        const arn = pulumi.output(existing);
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
