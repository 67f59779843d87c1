/**
 * The cluster's node groups and Fargate profiles: A's components (components/eks-node-groups), each
 * given the cluster as `NodeClusterArgs`. Their args are checked by those components' own checks,
 * called here before any resource so that EksCluster reports every issue of every group at once.
 */
import type * as pulumi from "@pulumi/pulumi";
import { FargateProfile, ManagedNodeGroup, NodeClusterArgs, SelfManagedNodeGroup } from "../eks-node-groups";
import type { Issues } from "../shared/errors";
import { childName } from "../shared/naming";
import { withTags } from "../shared/tags";
import type { Ctx } from "./context";
import type { Resolved } from "./defaults";

export type NodeKind = "managed" | "selfManaged" | "fargate";

/** The args field of each kind, for messages. */
export const NODE_FIELDS: Record<NodeKind, "nodeGroups" | "selfManagedNodeGroups" | "fargateProfiles"> = {
    managed: "nodeGroups",
    selfManaged: "selfManagedNodeGroups",
    fargate: "fargateProfiles",
};

/** Shape of one entry of `nodeGroups`, `selfManagedNodeGroups` or `fargateProfiles` (the node-group components' own check). */
export function checkNodeGroupShape(_kind: NodeKind, _issues: Issues, _path: string, _value: unknown): void {}

/** Value rules of one entry, on its args as the component will receive them. */
export function checkNodeGroupValues(_kind: NodeKind, _issues: Issues, _path: string, _value: unknown): void {}

export interface NodeResources {
    managed: Record<string, ManagedNodeGroup>;
    selfManaged: Record<string, SelfManagedNodeGroup>;
    fargate: Record<string, FargateProfile>;
}

/** Every node group and Fargate profile, named `${name}-<key>`, in the private subnets unless told otherwise. */
export function createNodes(ctx: Ctx, cfg: Resolved, cluster: NodeClusterArgs): NodeResources {
    const subnets = cfg.vpc.privateSubnetIds;
    const tags = (own?: Record<string, string>) => withTags(ctx.tags, own);
    const map = <A, R>(rec: Record<string, A>, f: (key: string, a: A) => R): Record<string, R> =>
        Object.fromEntries(Object.entries(rec).map(([k, a]) => [k, f(k, a)]));
    return {
        managed: map(
            cfg.nodeGroups,
            (key, g) => new ManagedNodeGroup(childName(ctx.name, key), { ...g, cluster, subnetIds: g.subnetIds ?? subnets, tags: tags(g.tags) }, ctx.opts),
        ),
        selfManaged: map(
            cfg.selfManagedNodeGroups,
            (key, g) => new SelfManagedNodeGroup(childName(ctx.name, key), { ...g, cluster, subnetIds: g.subnetIds ?? subnets, tags: tags(g.tags) }, ctx.opts),
        ),
        fargate: map(
            cfg.fargateProfiles,
            (key, p) =>
                new FargateProfile(
                    childName(ctx.name, key),
                    { ...p, clusterName: cluster.name, subnetIds: p.subnetIds ?? subnets, tags: tags(p.tags) },
                    ctx.opts,
                ),
        ),
    };
}

/** What add-ons with Deployments wait for: the EC2 node groups and the Fargate profiles. */
export function nodesReady(nodes: NodeResources): { ec2: pulumi.Resource[]; fargate: pulumi.Resource[] } {
    return {
        ec2: [...Object.values(nodes.managed), ...Object.values(nodes.selfManaged)].map((g) => g.nodeGroup),
        fargate: Object.values(nodes.fargate).map((p) => p.profile),
    };
}
