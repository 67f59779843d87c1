/**
 * The cluster's node groups and Fargate profiles: the eks-node-groups components, each
 * given the cluster as `NodeClusterArgs`. Their args are checked by those components' own checks,
 * called here before any resource so that EksCluster reports every issue of every group at once.
 */
import type * as pulumi from "@pulumi/pulumi";
import { FargateProfile, ManagedNodeGroup, NodeClusterArgs, SelfManagedNodeGroup } from "../eks-node-groups";
import { FARGATE_PROFILE_SHAPE, MANAGED_NODE_GROUP_SHAPE, SELF_MANAGED_NODE_GROUP_SHAPE } from "../eks-node-groups/shape";
import { validateFargate, validateManaged, validateSelfManaged } from "../eks-node-groups/validate";
import { mapValues } from "../shared/defaults";
import { Issue, Issues } from "../shared/errors";
import { checkShape } from "../shared/shape";
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

/**
 * An entry as its component will receive it: EksCluster fills in the cluster (valid stand-ins here,
 * as its real values are only known once it exists) and, unless given, the subnets (checked under
 * `vpc`).
 */
function asComponentArgs(kind: NodeKind, value: unknown): Record<string, unknown> {
    const entry = value as Record<string, unknown>;
    const subnetIds = entry.subnetIds ?? ["subnet-00000000000000000"];
    if (kind === "fargate") return { ...entry, clusterName: "cluster", subnetIds };
    const cluster: NodeClusterArgs = {
        name: "cluster",
        // The cluster's version is EksCluster's to check (`version`).
        version: "1.35",
        endpoint: "https://cluster.eks.amazonaws.com",
        certificateAuthority: "bW9jaw==",
        serviceIpv4Cidr: "172.20.0.0/16",
        securityGroupId: "sg-00000000000000000",
    };
    return { ...entry, cluster, subnetIds };
}

const SHAPES = { managed: MANAGED_NODE_GROUP_SHAPE, selfManaged: SELF_MANAGED_NODE_GROUP_SHAPE, fargate: FARGATE_PROFILE_SHAPE };
const VALIDATORS = { managed: validateManaged, selfManaged: validateSelfManaged, fargate: validateFargate } as Record<NodeKind, (a: never) => Issue[]>;

/** The entry's issues, at its path in EksClusterArgs. */
function under(issues: Issues, path: string, found: Issue[]): void {
    for (const i of found) issues.list.push({ ...i, path: i.path === "args" || i.path === "" ? path : `${path}.${i.path}` });
}

/** Shape of one entry of `nodeGroups`, `selfManagedNodeGroups` or `fargateProfiles`: its component's own shape. */
export function checkNodeGroupShape(kind: NodeKind, issues: Issues, path: string, value: unknown): void {
    const found = new Issues();
    checkShape(found, SHAPES[kind], asComponentArgs(kind, value));
    under(issues, path, found.list);
}

/** Value rules of one entry: its component's own validation, so every group's issues come at once. */
export function checkNodeGroupValues(kind: NodeKind, issues: Issues, path: string, value: unknown): void {
    under(issues, path, VALIDATORS[kind](asComponentArgs(kind, value) as never));
}

export interface NodeResources {
    managed: Record<string, ManagedNodeGroup>;
    selfManaged: Record<string, SelfManagedNodeGroup>;
    fargate: Record<string, FargateProfile>;
}

/** Every node group and Fargate profile, named `${name}-<key>`, in the private subnets unless told otherwise. */
export function createNodes(ctx: Ctx, cfg: Resolved, cluster: NodeClusterArgs): NodeResources {
    const subnets = cfg.vpc.privateSubnetIds;
    const tags = (own?: Record<string, string>) => withTags(ctx.tags, own);
    return {
        managed: mapValues(
            cfg.nodeGroups,
            (g, key) => new ManagedNodeGroup(childName(ctx.name, key), { ...g, cluster, subnetIds: g.subnetIds ?? subnets, tags: tags(g.tags) }, ctx.opts),
        ),
        selfManaged: mapValues(
            cfg.selfManagedNodeGroups,
            (g, key) => new SelfManagedNodeGroup(childName(ctx.name, key), { ...g, cluster, subnetIds: g.subnetIds ?? subnets, tags: tags(g.tags) }, ctx.opts),
        ),
        fargate: mapValues(
            cfg.fargateProfiles,
            (p, key) =>
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
