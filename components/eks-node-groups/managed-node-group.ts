import * as pulumi from "@pulumi/pulumi";
import type * as ec2 from "@pulumi/aws/ec2";
import * as eks from "@pulumi/aws/eks";
import { ArgsError } from "../shared/errors";
import type { RoleResources } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { create } from "../shared/transform";
import type { ManagedNodeGroupArgs } from "./args";
import { ResolvedManagedNodeGroup, normalizeManaged } from "./defaults";
import { createLaunchTemplate, createNodeRole, nodeContext, nodeTags, warnSpotDiversity } from "./nodes";
import { EKS_TAINT_EFFECT, updateConfig, validateManaged } from "./validate";

/** EKS `amiType` for each OS and architecture. */
export const AMI_TYPES = {
    al2023: { x86_64: "AL2023_x86_64_STANDARD", arm64: "AL2023_ARM_64_STANDARD" },
    bottlerocket: { x86_64: "BOTTLEROCKET_x86_64", arm64: "BOTTLEROCKET_ARM_64" },
} as const;

/** EKS's default quota of nodes per managed node group (adjustable: https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html). */
export const NODES_PER_MANAGED_GROUP_QUOTA = 450;

export interface ManagedNodeGroupResources {
    /** The node IAM role with its policy attachments. */
    nodeRole: RoleResources;
    launchTemplate: ec2.LaunchTemplate;
    nodeGroup: eks.NodeGroup;
}

/**
 * An EKS managed node group on our own launch template: IMDSv2 required with a hop limit of 1 (pods
 * cannot reach the node role's credentials), encrypted gp3 volumes, tags on instances, volumes and
 * ENIs, and no security group in the template so that EKS attaches the cluster security group. AL2023
 * or Bottlerocket, x86_64 or arm64 (Graviton), on-demand or Spot; nodes are replaced
 * `maxUnavailable` at a time when the AMI or the template changes, and the desired size belongs to
 * the cluster autoscaler once the group exists. EKS creates the `EC2_LINUX` access entry for the node
 * role itself.
 *
 * @example
 * const nodes = new ManagedNodeGroup("general", {
 *     cluster,                                   // NodeClusterArgs (EksCluster passes its own)
 *     subnetIds: network.privateSubnetIds,
 *     instanceTypes: ["m7g.large", "m6g.large"],
 *     architecture: "arm64",
 *     capacityType: "SPOT",
 *     minSize: 2, maxSize: 6,
 *     labels: { workload: "general" },
 * });
 *
 * **Cost** with the defaults: one on-demand node (1 to 3); EKS adds nothing for managed node groups.
 * An m7i.large is $0.1008/h × 730 h ≈ $74/month in us-east-1 (Spot is typically 60–70% less), plus
 * its 20 GiB gp3 volume at $0.08/GiB-month = $1.60/month.
 */
export class ManagedNodeGroup extends pulumi.ComponentResource {
    static readonly type = typeToken("eks", "ManagedNodeGroup");

    /** The node IAM role's ARN (resolved once its policies are attached). */
    readonly roleArn: pulumi.Output<string>;
    /** The `aws.eks.NodeGroup`, to wait on (add-ons that need nodes depend on it). */
    readonly nodeGroup: eks.NodeGroup;
    /** The node group's name in EKS. */
    readonly nodeGroupName: pulumi.Output<string>;
    /** The children, for wiring and escape hatches. */
    readonly resources: ManagedNodeGroupResources;

    constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validateManaged(args)];
        if (issues.length) throw new ArgsError("ManagedNodeGroup", name, issues);
        super(ManagedNodeGroup.type, name, args, opts);

        const cfg = normalizeManaged(args);
        this.warn(name, cfg);
        const t = cfg.transform;
        const ctx = nodeContext(this, ManagedNodeGroup.type, name, cfg.tags);

        const nodeRole = createNodeRole(ctx, cfg.attachCniPolicy, t.nodeRole);
        // EKS adds eks:cluster-name, eks:nodegroup-name and kubernetes.io/cluster/<name> to the
        // instances, and the template a Name.
        const instanceTags = nodeTags(ctx, { component: "ManagedNodeGroup", target: "the node group's instances", added: 4 });
        const launchTemplate = createLaunchTemplate(ctx, { family: cfg.amiFamily, diskSizeGiB: cfg.diskSizeGiB, instanceTags }, t.launchTemplate);
        const nodeGroup = create(
            eks.NodeGroup,
            fitName(childName(name, "node-group"), eks.NodeGroup),
            {
                clusterName: cfg.cluster.name,
                version: cfg.cluster.version,
                nodeRoleArn: nodeRole.arn,
                subnetIds: cfg.subnetIds,
                amiType: AMI_TYPES[cfg.amiFamily][cfg.architecture],
                capacityType: cfg.capacityType,
                instanceTypes: cfg.instanceTypes,
                scalingConfig: { minSize: cfg.minSize, desiredSize: cfg.desiredSize, maxSize: cfg.maxSize },
                updateConfig: updateConfig(cfg.maxUnavailable),
                // The template's latest version, so a change to it rolls the nodes (maxUnavailable at a time).
                launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => String(v)) },
                labels: cfg.labels,
                taints: Object.entries(cfg.taints).map(([key, taint]) => ({
                    key,
                    value: taint.value === "" ? undefined : taint.value,
                    effect: EKS_TAINT_EFFECT[taint.effect],
                })),
                tags: ctx.tags,
            },
            // The cluster autoscaler (or a person) owns the desired size once the group exists.
            { ...ctx.opts, ignoreChanges: ["scalingConfig.desiredSize"] },
            t.nodeGroup,
        );

        this.roleArn = nodeRole.arn;
        this.nodeGroup = nodeGroup;
        this.nodeGroupName = nodeGroup.nodeGroupName;
        this.resources = { nodeRole, launchTemplate, nodeGroup };
        this.registerOutputs({ roleArn: this.roleArn, nodeGroupName: this.nodeGroupName });
    }

    private warn(name: string, cfg: ResolvedManagedNodeGroup): void {
        if (cfg.capacityType === "SPOT") warnSpotDiversity(this, `ManagedNodeGroup "${name}"`, cfg.instanceTypes);
        if (cfg.maxSize > NODES_PER_MANAGED_GROUP_QUOTA) {
            pulumi.log.warn(
                `[aws-platform:eks:node-quota] ManagedNodeGroup "${name}": maxSize=${cfg.maxSize} is above EKS's default quota of ${NODES_PER_MANAGED_GROUP_QUOTA} nodes per managed node group; request an increase (Service Quotas, "Nodes per managed node group") or split the group`,
                this,
            );
        }
    }
}
