/**
 * CONTRACT STUB (integrator): the storage/add-on helper implements `createAddon` first (the core helper
 * uses it for vpc-cni, coredns, kube-proxy, eks-pod-identity-agent, amazon-cloudwatch-observability).
 */
import type * as eks from "@pulumi/aws/eks";
import type * as iam from "@pulumi/aws/iam";
import type * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import type { ControlPlane, Ctx } from "./context";

/** The IAM an add-on's pods get through EKS Pod Identity. */
export interface AddonIdentity {
    /** Namespace/name of the add-on's Kubernetes service account (e.g. `kube-system/ebs-csi-controller-sa`). */
    serviceAccount: string;
    /** AWS-managed policy ARNs by key, where AWS publishes one. */
    managedPolicyArns?: Record<string, pulumi.Input<string>>;
    /** Inline statements where AWS publishes none. */
    statements?: Statement[];
}

export interface AddonSpec {
    /** The EKS add-on name (`aws-ebs-csi-driver`). */
    addonName: string;
    /** Add-on version (`v1.44.0-eksbuild.1`); undefined = EKS's default for the cluster version. */
    version?: string;
    /** Pod Identity roles for its service accounts. */
    identities?: AddonIdentity[];
    /** Add-on configuration values (JSON schema of `aws eks describe-addon-configuration`). */
    configurationValues?: Record<string, unknown>;
    /** What it must wait for (nodes for add-ons with Deployments; the pod identity agent). */
    dependsOn?: pulumi.Resource[];
}

export interface AddonResources {
    addon: eks.Addon;
    roles: Record<string, iam.Role>;
}

/** One managed add-on, named `${ctx.name}-<key>`, with its Pod Identity roles. */
export function createAddon(_ctx: Ctx, _plane: ControlPlane, _key: string, _spec: AddonSpec): AddonResources {
    throw new Error("not implemented yet (contract stub)");
}
