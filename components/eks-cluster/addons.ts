/**
 * The cluster's own add-ons, each an `aws.eks.Addon` through `createAddon` (addon.ts), in the order
 * pods need them:
 *
 * 1. `eks-pod-identity-agent`, then `vpc-cni` (whose role it serves) and `kube-proxy`: before the
 *    nodes, which stay NotReady without a CNI;
 * 2. the nodes and Fargate profiles (nodes.ts);
 * 3. `coredns` (a Deployment: it waits for something to run on, or the add-on stays DEGRADED and the
 *    update times out) and `amazon-cloudwatch-observability` (after the agent and the nodes).
 */
import * as pulumi from "@pulumi/pulumi";
import { awsManagedPolicyArn } from "../shared/iam";
import { AddonResources, createAddon } from "./addon";
import type { ControlPlane, Ctx } from "./context";
import type { Resolved } from "./defaults";

export interface NetworkAddons {
    podIdentityAgent: AddonResources;
    vpcCni: AddonResources;
    kubeProxy: AddonResources;
}

/** What the nodes need before they can become Ready. */
export function createNetworkAddons(ctx: Ctx, plane: ControlPlane, cfg: Resolved): NetworkAddons {
    const v = cfg.addonVersions;
    const podIdentityAgent = createAddon(ctx, plane, "eks-pod-identity-agent", {
        addonName: "eks-pod-identity-agent",
        version: v["eks-pod-identity-agent"],
        transform: cfg.transform.addon,
    });
    const vpcCni = createAddon(ctx, plane, "vpc-cni", {
        addonName: "vpc-cni",
        version: v["vpc-cni"],
        // The CNI's permissions on its own role rather than the node role, as AWS recommends
        // (https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html); vpc-cni supports Pod Identity.
        identities: [{ serviceAccount: "kube-system/aws-node", managedPolicyArns: { cni: awsManagedPolicyArn(ctx.partition, "AmazonEKS_CNI_Policy") } }],
        dependsOn: [podIdentityAgent.addon],
        transform: cfg.transform.addon,
    });
    const kubeProxy = createAddon(ctx, plane, "kube-proxy", { addonName: "kube-proxy", version: v["kube-proxy"], transform: cfg.transform.addon });
    return { podIdentityAgent, vpcCni, kubeProxy };
}

export interface WorkloadAddons {
    coredns: AddonResources;
    /** With `containerInsights`. */
    cloudwatchObservability?: AddonResources;
}

/** Add-ons that run Deployments or need the nodes: `nodes` are the EC2 node groups, `fargate` the profiles. */
export function createWorkloadAddons(
    ctx: Ctx,
    plane: ControlPlane,
    cfg: Resolved,
    network: NetworkAddons,
    nodes: { ec2: pulumi.Resource[]; fargate: pulumi.Resource[] },
): WorkloadAddons {
    const v = cfg.addonVersions;
    const coredns = createAddon(ctx, plane, "coredns", {
        addonName: "coredns",
        version: v.coredns,
        // Without EC2 nodes its pods must ask for Fargate (the `coredns` profile selects them); the add-on's
        // schema has `computeType` for that (https://docs.aws.amazon.com/eks/latest/userguide/fargate-getting-started.html).
        ...(cfg.corednsOnFargate ? { configurationValues: { computeType: "Fargate" } } : {}),
        dependsOn: [network.vpcCni.addon, network.kubeProxy.addon, ...(cfg.corednsOnFargate ? nodes.fargate : nodes.ec2)],
        transform: cfg.transform.addon,
    });
    const cloudwatchObservability = cfg.containerInsights
        ? createAddon(ctx, plane, "amazon-cloudwatch-observability", {
              addonName: "amazon-cloudwatch-observability",
              version: v["amazon-cloudwatch-observability"],
              // The add-on supports Pod Identity for its agent's service account
              // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html).
              identities: [
                  {
                      serviceAccount: "amazon-cloudwatch/cloudwatch-agent",
                      managedPolicyArns: { agent: awsManagedPolicyArn(ctx.partition, "CloudWatchAgentServerPolicy") },
                  },
              ],
              dependsOn: [network.podIdentityAgent.addon, ...nodes.ec2],
              transform: cfg.transform.addon,
          })
        : undefined;
    return { coredns, cloudwatchObservability };
}
