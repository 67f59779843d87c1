/**
 * What EksCluster's builders share (control-plane.ts, addons.ts, nodes.ts, and the storage builders).
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedVpc } from "./defaults";

/** What every builder of EksCluster needs. */
export interface Ctx {
    /** The component instance's name: children are `${name}-<role>`. */
    name: string;
    /** Options for every child: `{ parent }`. */
    opts: pulumi.CustomResourceOptions;
    /** Options for stateful children (file systems, the secrets key): `opts`, plus `protect` and `retainOnDelete` when `protectData`. */
    dataOpts: pulumi.CustomResourceOptions;
    /** The component's tags (user tags plus `aws-platform:component`). */
    tags: Record<string, string>;
    partition: pulumi.Output<string>;
    /** The VPC as resolved (a `Network`'s `vpcArgs` fits): private subnets in AZ order, a plain list. */
    vpc: ResolvedVpc;
}

/** The control plane as the other builders see it. */
export interface ControlPlane {
    /** The cluster's name (the `aws.eks.Cluster` inside `eks.Cluster`). */
    clusterName: pulumi.Output<string>;
    /** Kubernetes version, plain (`"1.33"`). */
    version: string;
    /** The cluster security group EKS creates: every node, Fargate pod and the control plane has it. */
    clusterSecurityGroupId: pulumi.Output<string>;
    /** The Kubernetes provider on the cluster's kubeconfig. */
    provider: k8s.Provider;
    /** Resources Kubernetes objects must wait for (the cluster; the add-ons that make pods schedulable). */
    ready: pulumi.Resource[];
}
