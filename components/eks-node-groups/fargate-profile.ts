import * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/aws/eks";
import { ArgsError } from "../shared/errors";
import { RoleResources, assumeRolePolicy, awsManagedPolicyArn, createRole } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { create } from "../shared/transform";
import type { FargateProfileArgs } from "./args";
import { normalizeFargate } from "./defaults";
import { regionalNodeContext } from "./nodes";
import { validateFargate } from "./validate";

export interface FargateProfileResources {
    /** The pod execution role with its policy attachment. */
    podExecutionRole: RoleResources;
    profile: eks.FargateProfile;
}

/**
 * An EKS Fargate profile: pods matching one of its selectors (a namespace, and optionally labels) run
 * on Fargate, in the given private subnets, with the cluster security group. Its pod execution role
 * (what Fargate's kubelet uses to register and to pull images; the pods' own permissions come from
 * Pod Identity or IRSA) trusts `eks-fargate-pods.amazonaws.com` only for Fargate profiles of this
 * cluster, the confused-deputy condition AWS documents. EKS creates the role's access entry itself.
 *
 * @example
 * const batch = new FargateProfile("batch", {
 *     clusterName: cluster.name,
 *     subnetIds: network.privateSubnetIds,
 *     selectors: [{ namespace: "batch" }, { namespace: "web", labels: { compute: "fargate" } }],
 * });
 *
 * **Cost**: nothing for the profile; each pod is billed for its vCPU and memory while it runs (in
 * us-east-1 $0.04048 per vCPU-hour and $0.004445 per GB-hour: a 0.25 vCPU / 0.5 GB pod all month is
 * (0.25 × 0.04048 + 0.5 × 0.004445) × 730 ≈ $9).
 */
export class FargateProfile extends pulumi.ComponentResource {
    static readonly type = typeToken("eks", "FargateProfile");

    /** The pod execution role's ARN (resolved once its policy is attached). */
    readonly podExecutionRoleArn: pulumi.Output<string>;
    /** The `aws.eks.FargateProfile`, to wait on (CoreDNS on Fargate needs it). */
    readonly profile: eks.FargateProfile;
    /** The profile's name in EKS. */
    readonly profileName: pulumi.Output<string>;
    /** The children, for wiring and escape hatches. */
    readonly resources: FargateProfileResources;

    constructor(name: string, args: FargateProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validateFargate(args)];
        if (issues.length) throw new ArgsError("FargateProfile", name, issues);
        super(FargateProfile.type, name, args, opts);

        const cfg = normalizeFargate(args);
        const ctx = regionalNodeContext(this, FargateProfile.type, name, cfg.tags);
        const { partition, region, accountId, tags } = ctx;

        const podExecutionRole = createRole(
            childName(name, "pod-execution-role"),
            {
                description: `Fargate pods of the EKS Fargate profile ${name}`,
                // AWS's trust policy for the pod execution role, with its confused-deputy condition: only
                // Fargate profiles of this cluster (https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html).
                assumeRolePolicy: assumeRolePolicy("eks-fargate-pods.amazonaws.com", {
                    sourceArnLike: pulumi.interpolate`arn:${partition}:eks:${region}:${accountId}:fargateprofile/${cfg.clusterName}/*`,
                }),
                managedPolicies: {
                    // Pull images from ECR (and nothing else): AWS's policy for this role.
                    "pod-execution": awsManagedPolicyArn(partition, "AmazonEKSFargatePodExecutionRolePolicy"),
                },
                tags,
            },
            ctx.opts,
            cfg.transform.podExecutionRole,
        );
        const profile = create(
            eks.FargateProfile,
            fitName(childName(name, "profile"), eks.FargateProfile),
            {
                clusterName: cfg.clusterName,
                podExecutionRoleArn: podExecutionRole.arn,
                subnetIds: cfg.subnetIds,
                selectors: cfg.selectors.map((s) => ({ namespace: s.namespace, ...(Object.keys(s.labels).length ? { labels: s.labels } : {}) })),
                tags,
            },
            ctx.opts,
            cfg.transform.profile,
        );

        this.podExecutionRoleArn = podExecutionRole.arn;
        this.profile = profile;
        this.profileName = profile.fargateProfileName;
        this.resources = { podExecutionRole, profile };
        this.registerOutputs({ podExecutionRoleArn: this.podExecutionRoleArn, profileName: this.profileName });
    }
}
