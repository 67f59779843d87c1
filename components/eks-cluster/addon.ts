/**
 * One EKS managed add-on (`aws.eks.Addon`) and the IAM its pods get through EKS Pod Identity.
 *
 * Every add-on that calls AWS (EBS/EFS/FSx CSI drivers, CloudWatch observability, VPC CNI) gets one
 * role per service account, trusted by `pods.eks.amazonaws.com` and bound to that service account by
 * the add-on's own `podIdentityAssociations` (EKS creates and owns the association). Nodes keep IMDS
 * hop limit 1, so pods never fall back to the node role.
 */
import * as eks from "@pulumi/aws/eks";
import type * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { type Statement, assumeRolePolicy, createRole } from "../shared/iam";
import { isDnsLabel, isDnsSubdomain } from "../shared/kubernetes-names";
import { childName, fitName } from "../shared/naming";
import { type Transform, create } from "../shared/transform";
import type { ControlPlane, Ctx } from "./context";

/** The IAM an add-on's pods get through EKS Pod Identity. */
export interface AddonIdentity {
    /** Namespace/name of the add-on's Kubernetes service account (e.g. `kube-system/ebs-csi-controller-sa`). */
    serviceAccount: string;
    /** AWS-managed policy ARNs by key, where AWS publishes one. */
    managedPolicyArns?: Record<string, pulumi.Input<string>>;
    /** Inline statements where AWS publishes none. */
    statements?: Statement[];
    /**
     * `addon` (default): in the add-on's `podIdentityAssociations` (EKS owns it; the service account
     * is in the add-on's namespace). `standalone`: an `aws.eks.PodIdentityAssociation` of its own,
     * for add-ons that do not take associations in CreateAddon (AWS Marketplace add-ons such as
     * NetApp Trident, whose guide creates the association separately).
     */
    association?: "addon" | "standalone";
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
    /** Changes the `aws.eks.Addon` args: `transform.addon`, or a storage add-on's own `storage.transform` key. */
    transform?: Transform<eks.AddonArgs>;
}

export interface AddonResources {
    addon: eks.Addon;
    /** By service account name (`ebs-csi-controller-sa`). */
    roles: Record<string, iam.Role>;
    /** The `standalone` associations, by service account name. */
    associations: Record<string, eks.PodIdentityAssociation>;
}

/** `namespace/name` of a service account, split; anything else is a defect in the caller's spec. */
export function parseServiceAccount(value: string): { namespace: string; name: string } {
    // Kubernetes names: DNS-1123 labels (namespace) and subdomains (service account).
    const [namespace, name, ...rest] = value.split("/");
    if (rest.length > 0 || name === undefined || !isDnsLabel(namespace) || !isDnsSubdomain(name))
        throw new Error(`internal: add-on service account ${JSON.stringify(value)} is not "<namespace>/<name>"`);
    return { namespace, name };
}

/**
 * The trust policy of a Pod Identity role, as AWS documents it
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html): principal
 * `pods.eks.amazonaws.com`, actions `sts:AssumeRole` and `sts:TagSession`. Narrowed with the session
 * tags EKS Pod Identity always sets (eks-cluster-name, kubernetes-namespace,
 * kubernetes-service-account; https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html), the
 * conditions that page gives as its example: without them any association in the account could use
 * the role. `aws:SourceAccount`/`aws:SourceArn` are not documented for this principal, so they are not
 * used. The tags are present unless an association disables them: add-on associations cannot, and
 * the standalone ones made here never do.
 */
export function podIdentityTrustPolicy(clusterName: pulumi.Input<string>, serviceAccount: string): pulumi.Output<string> {
    const { namespace, name } = parseServiceAccount(serviceAccount);
    return assumeRolePolicy("pods.eks.amazonaws.com", {
        sid: "AllowEksAuthToAssumeRoleForPodIdentity",
        actions: ["sts:AssumeRole", "sts:TagSession"],
        stringEquals: {
            "aws:RequestTag/eks-cluster-name": clusterName,
            "aws:RequestTag/kubernetes-namespace": namespace,
            "aws:RequestTag/kubernetes-service-account": name,
        },
    });
}

/** One managed add-on, named `${ctx.name}-<key>`, with its Pod Identity roles. */
export function createAddon(ctx: Ctx, plane: ControlPlane, key: string, spec: AddonSpec): AddonResources {
    const base = childName(ctx.name, key);
    const roles: Record<string, iam.Role> = {};
    const associations: Array<{ roleArn: pulumi.Input<string>; serviceAccount: string }> = [];
    const standalone: Record<string, eks.PodIdentityAssociation> = {};
    for (const identity of spec.identities ?? []) {
        const { namespace, name: sa } = parseServiceAccount(identity.serviceAccount);
        const role = createRole(
            childName(base, sa),
            {
                description: `EKS Pod Identity role of ${identity.serviceAccount} (${spec.addonName} add-on of ${ctx.name})`,
                assumeRolePolicy: podIdentityTrustPolicy(plane.clusterName, identity.serviceAccount),
                managedPolicies: identity.managedPolicyArns,
                policies: identity.statements?.length ? { policy: identity.statements } : undefined,
                tags: ctx.tags,
            },
            ctx.opts,
        );
        roles[sa] = role.role;
        // The ARN resolves once the policies are attached: the driver never starts without its permissions.
        if (identity.association === "standalone") {
            standalone[sa] = new eks.PodIdentityAssociation(
                childName(base, sa, "pod-identity"),
                { clusterName: plane.clusterName, namespace, serviceAccount: sa, roleArn: role.arn, tags: ctx.tags },
                ctx.opts,
            );
        } else {
            associations.push({ roleArn: role.arn, serviceAccount: sa });
        }
    }

    // A standalone association must exist before the add-on's pods start: EKS injects Pod Identity
    // credentials only into pods created after it, and with IMDS hop limit 1 a pod has no other source
    // (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html). It needs no namespace.
    const dependsOn = [...(spec.dependsOn ?? []), ...Object.values(standalone)];
    const addon = create(
        eks.Addon,
        fitName(base, eks.Addon),
        {
            clusterName: plane.clusterName,
            addonName: spec.addonName,
            addonVersion: spec.version,
            configurationValues: spec.configurationValues ? JSON.stringify(spec.configurationValues) : undefined,
            podIdentityAssociations: associations.length ? associations : undefined,
            // A new cluster runs self-managed vpc-cni, kube-proxy and CoreDNS: OVERWRITE adopts them
            // instead of failing on their fields (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAddon.html).
            resolveConflictsOnCreate: "OVERWRITE",
            // On version updates keep values someone changed on the cluster rather than reverting them to
            // EKS defaults mid-upgrade; AWS advises testing such changes outside production first
            // (https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdateAddon.html). Our own settings
            // go through configurationValues, which EKS applies whatever this says.
            resolveConflictsOnUpdate: "PRESERVE",
            tags: ctx.tags,
        },
        { ...ctx.opts, dependsOn },
        spec.transform,
    );
    return { addon, roles, associations: standalone };
}
