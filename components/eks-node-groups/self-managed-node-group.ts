import * as pulumi from "@pulumi/pulumi";
import * as autoscaling from "@pulumi/aws/autoscaling";
import type * as ec2 from "@pulumi/aws/ec2";
import * as eks from "@pulumi/aws/eks";
import * as iam from "@pulumi/aws/iam";
import * as ssm from "@pulumi/aws/ssm";
import { ArgsError } from "../shared/errors";
import { type RoleResources, createInstanceProfile } from "../shared/iam";
import { asgTags } from "../shared/launch-tags";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { create } from "../shared/transform";
import type { SelfManagedNodeGroupArgs } from "./args";
import { ResolvedSelfManagedNodeGroup, normalizeSelfManaged } from "./defaults";
import { createLaunchTemplate, createNodeRole, nodeContext, nodeTags, warnSpotDiversity } from "./nodes";
import { nodeadmUserData } from "./user-data";
import { SERVICE_CIDR_ALLOWED, serviceCidrProblem, validateSelfManaged } from "./validate";

/** The public SSM parameter of the EKS-optimized AL2023 AMI for a Kubernetes version and architecture. */
export function eksAmiParameter(version: string, architecture: "x86_64" | "arm64"): string {
    return `/aws/service/eks/optimized-ami/${version}/amazon-linux-2023/${architecture}/standard/recommended/image_id`;
}

export interface SelfManagedNodeGroupResources {
    nodeRole: RoleResources;
    instanceProfile: iam.InstanceProfile;
    launchTemplate: ec2.LaunchTemplate;
    autoScalingGroup: autoscaling.Group;
    /** The `EC2_LINUX` access entry that lets the node role's instances join the cluster. */
    accessEntry: eks.AccessEntry;
}

/**
 * Self-managed EKS nodes: an Auto Scaling group on the EKS-optimized Amazon Linux 2023 AMI (from its
 * public SSM parameter), joined to the cluster by nodeadm user data (cluster name, endpoint,
 * certificate authority and service CIDR; labels and taints as kubelet flags). Instances mix an
 * on-demand base with Spot above it (`price-capacity-optimized`, capacity rebalancing), are replaced
 * by a rolling instance refresh when the launch template changes, carry the cluster security group,
 * and use IMDSv2 with a hop limit of 1. The node role gets an `EC2_LINUX` access entry: with the
 * cluster's `API` authentication mode, nodes without one never join.
 *
 * The AMI is the one the public SSM parameter recommends, read at every `pulumi up`: each AMI release
 * changes the launch template and the refresh replaces every node. Pin `amiId` to replace nodes only
 * when you change it.
 *
 * Nodes are not drained: a Spot interruption, a capacity rebalance or an instance refresh terminates
 * an instance without a cordon or drain unless the AWS Node Termination Handler (queue-processor
 * mode) runs in the cluster, which this component does not install. Keep stateful pods off these
 * nodes with a taint (`NoSchedule`, tolerated only by workloads that may lose a pod at any time).
 *
 * @example
 * const spot = new SelfManagedNodeGroup("spot", {
 *     cluster,                                   // NodeClusterArgs (EksCluster passes its own)
 *     subnetIds: network.privateSubnetIds,
 *     instanceTypes: ["m7i.large", "m6i.large", "m5.large"],
 *     onDemandBaseCapacity: 1,                   // then all Spot
 *     minSize: 1, maxSize: 10,
 *     taints: { "lifecycle": { value: "spot", effect: "NoSchedule" } },   // no stateful pods here
 * });
 *
 * **Cost** with the defaults: one on-demand node (the base) and Spot above it, 1 to 3 nodes. An
 * m7i.large is $0.1008/h × 730 h ≈ $74/month on demand in us-east-1 (Spot typically 60–70% less),
 * plus a 20 GiB gp3 volume at $0.08/GiB-month = $1.60/month per node.
 */
export class SelfManagedNodeGroup extends pulumi.ComponentResource {
    static readonly type = typeToken("eks", "SelfManagedNodeGroup");

    /** The node IAM role's ARN (resolved once its policies are attached). */
    readonly roleArn: pulumi.Output<string>;
    /** The Auto Scaling group, to wait on: it is created after the node role's access entry. */
    readonly nodeGroup: autoscaling.Group;
    readonly autoScalingGroupName: pulumi.Output<string>;
    /** The children, for wiring and escape hatches. */
    readonly resources: SelfManagedNodeGroupResources;

    constructor(name: string, args: SelfManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validateSelfManaged(args)];
        if (issues.length) throw new ArgsError("SelfManagedNodeGroup", name, issues);
        super(SelfManagedNodeGroup.type, name, args, opts);

        const cfg = normalizeSelfManaged(args);
        const t = cfg.transform;
        const ctx = nodeContext(this, SelfManagedNodeGroup.type, name, cfg.tags);
        // Spot runs above the on-demand base unless every node above it is on-demand.
        const spot = cfg.onDemandPercentageAboveBaseCapacity < 100 && cfg.maxSize > cfg.onDemandBaseCapacity;
        if (spot) warnSpotDiversity(this, `SelfManagedNodeGroup "${name}"`, cfg.instanceTypes);

        const nodeRole = createNodeRole(ctx, cfg.attachCniPolicy, t.nodeRole);
        // Instances launched before the policies are attached could not join or pull images.
        const instanceProfile = createInstanceProfile(name, nodeRole, ctx.tags, ctx.opts, t.instanceProfile);
        const accessEntry = create(
            eks.AccessEntry,
            childName(name, "access-entry"),
            { clusterName: cfg.cluster.name, principalArn: nodeRole.role.arn, type: "EC2_LINUX", tags: ctx.tags },
            ctx.opts,
            t.accessEntry,
        );

        // kubernetes.io/cluster/<name>=owned on every node, as EKS's own self-managed node template sets
        // it: the AWS cloud provider finds the cluster's instances by it. The template adds a Name.
        const instanceTags = pulumi
            .all([nodeTags(ctx, { component: "SelfManagedNodeGroup", target: "the Auto Scaling group and its instances", added: 2 }), cfg.cluster.name])
            .apply(([tags, clusterName]) => ({ ...tags, [`kubernetes.io/cluster/${clusterName}`]: "owned" }));
        // A pinned AMI is read nowhere: only the recommended one changes under a running group.
        const imageId = cfg.amiId ?? ssm.getParameterOutput({ name: eksAmiParameter(cfg.cluster.version, cfg.architecture) }, { parent: this }).value;
        const launchTemplate = createLaunchTemplate(
            ctx,
            {
                family: "al2023",
                diskSizeGiB: cfg.diskSizeGiB,
                instanceTags,
                imageId,
                iamInstanceProfileArn: instanceProfile.arn,
                securityGroupIds: [cfg.cluster.securityGroupId],
                userData: this.userData(name, cfg),
            },
            t.launchTemplate,
        );
        const autoScalingGroup = create(
            autoscaling.Group,
            fitName(childName(name, "asg"), autoscaling.Group),
            {
                vpcZoneIdentifiers: cfg.subnetIds,
                minSize: cfg.minSize,
                maxSize: cfg.maxSize,
                desiredCapacity: cfg.desiredSize,
                // Replace a Spot instance at elevated risk of interruption before it is interrupted.
                capacityRebalance: true,
                mixedInstancesPolicy: {
                    instancesDistribution: {
                        onDemandBaseCapacity: cfg.onDemandBaseCapacity,
                        onDemandPercentageAboveBaseCapacity: cfg.onDemandPercentageAboveBaseCapacity,
                        spotAllocationStrategy: "price-capacity-optimized",
                    },
                    launchTemplate: {
                        // The template's latest version: a change to it changes the group, which starts the refresh.
                        launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => String(v)) },
                        overrides: cfg.instanceTypes.map((instanceType) => ({ instanceType })),
                    },
                },
                instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: cfg.minHealthyPercentage } },
                tags: asgTags(instanceTags),
            },
            {
                ...ctx.opts,
                // Nodes that boot before their role's access entry exists are refused by the API server.
                dependsOn: [accessEntry],
                // The cluster autoscaler (or a person) owns the desired capacity once the group exists.
                ignoreChanges: ["desiredCapacity"],
            },
            t.autoScalingGroup,
        );

        this.roleArn = nodeRole.arn;
        this.nodeGroup = autoScalingGroup;
        this.autoScalingGroupName = autoScalingGroup.name;
        this.resources = { nodeRole, instanceProfile, launchTemplate, autoScalingGroup, accessEntry };
        this.registerOutputs({ roleArn: this.roleArn, autoScalingGroupName: this.autoScalingGroupName });
    }

    /**
     * The nodeadm user data, base64. The service CIDR is checked here once known: a value that is
     * not one leaves nodes that never join, so it fails the deployment with the same error as a
     * plain value would.
     */
    private userData(name: string, cfg: ResolvedSelfManagedNodeGroup): pulumi.Output<string> {
        const c = cfg.cluster;
        return pulumi.all([c.name, c.endpoint, c.certificateAuthority, c.serviceIpv4Cidr]).apply(([clusterName, endpoint, ca, cidr]) => {
            const problem = serviceCidrProblem(cidr);
            if (problem)
                throw new ArgsError("SelfManagedNodeGroup", name, [
                    { path: "cluster.serviceIpv4Cidr", value: cidr, message: problem, allowed: SERVICE_CIDR_ALLOWED },
                ]);
            const text = nodeadmUserData({ name: clusterName, apiServerEndpoint: endpoint, certificateAuthority: ca, cidr }, cfg.labels, cfg.taints);
            return Buffer.from(text).toString("base64");
        });
    }
}
