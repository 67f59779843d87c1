/**
 * The control plane: `@pulumi/eks` `Cluster` (access entries, OIDC, kubeconfig and the wait for the
 * API server), its log group created first with a retention, and the KMS key of Secrets.
 */
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as awsEks from "@pulumi/aws/eks";
import * as kms from "@pulumi/aws/kms";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import type { NodeClusterArgs } from "../eks-node-groups/args";
import { EKS_CLUSTER_ADMIN_POLICY } from "../shared/limits/eks";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { Ctx } from "./context";
import type { Resolved } from "./defaults";

export interface ControlPlaneResources {
    /** The `eks.Cluster` component (remote: its children are not visible to transforms). */
    cluster: eks.Cluster;
    /** `/aws/eks/<cluster>/cluster`, when any log type is on. */
    logGroup?: cloudwatch.LogGroup;
    /** The Secrets key, unless `secretsKmsKeyArn` was given. */
    key?: kms.Key;
}

/** The cluster's values the builders read, each an Output that depends on the cluster. */
export interface ClusterOutputs {
    /** As `NodeClusterArgs` wants it (the name resolves with the cluster). */
    node: NodeClusterArgs;
    clusterName: pulumi.Output<string>;
    clusterSecurityGroupId: pulumi.Output<string>;
}

/**
 * The cluster's physical name, given explicitly so the log group can be created before it: an
 * auto-name (`<name>-eksCluster-<7 hex>`) is only known once the cluster exists. The stack suffix
 * keeps dev and prod of one account and region apart; EKS allows 100 characters.
 */
export function clusterPhysicalName(name: string): string {
    return fitName(`${name}-${stackSuffix(name)}`, awsEks.Cluster, { explicit: true });
}

/** Where EKS sends control-plane logs (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html). */
export function clusterLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

export function createControlPlane(ctx: Ctx, cfg: Resolved): ControlPlaneResources & { outputs: ClusterOutputs } {
    const t = cfg.transform;
    const physical = clusterPhysicalName(ctx.name);

    const logGroup =
        cfg.logTypes.length > 0
            ? create(
                  cloudwatch.LogGroup,
                  childName(ctx.name, "cluster-logs"),
                  { name: clusterLogGroupName(physical), retentionInDays: cfg.logRetentionDays, tags: ctx.tags },
                  ctx.opts,
                  t.logGroup,
              )
            : undefined;

    // Losing the key loses every Secret in etcd: it is data.
    const key =
        cfg.secretsKmsKeyArn === undefined
            ? create(
                  kms.Key,
                  childName(ctx.name, "secrets-key"),
                  {
                      description: `Envelope encryption of Kubernetes Secrets of the EKS cluster ${physical}`,
                      enableKeyRotation: true,
                      deletionWindowInDays: 30,
                      // No policy: the default key policy lets the account's IAM policies grant use; EKS
                      // takes a grant with the creator's permissions (kms:CreateGrant, kms:DescribeKey)
                      // (https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html).
                      tags: ctx.tags,
                  },
                  ctx.dataOpts,
                  t.key,
              )
            : undefined;

    const adminPolicyArn = pulumi.interpolate`arn:${ctx.partition}:eks::aws:cluster-access-policy/${EKS_CLUSTER_ADMIN_POLICY}`;
    const publicEndpoint = cfg.endpoint.publicAccessCidrs.length > 0;
    const args: eks.ClusterArgs = {
        name: physical,
        version: cfg.version,
        vpcId: cfg.vpc.vpcId,
        privateSubnetIds: cfg.vpc.privateSubnetIds,
        ...(cfg.vpc.publicSubnetIds.length > 0 ? { publicSubnetIds: cfg.vpc.publicSubnetIds } : {}),
        // Access entries only: the aws-auth ConfigMap is deprecated and can lock everyone out when edited wrong.
        authenticationMode: eks.AuthenticationMode.Api,
        accessEntries: Object.fromEntries(
            Object.entries(cfg.admins).map(([k, principalArn]) => [
                k,
                {
                    principalArn,
                    type: eks.AccessEntryType.Standard,
                    accessPolicies: { admin: { policyArn: adminPolicyArn, accessScope: { type: "cluster" } } },
                },
            ]),
        ),
        enabledClusterLogTypes: cfg.logTypes,
        encryptionConfigKeyArn: key ? key.arn : cfg.secretsKmsKeyArn,
        endpointPrivateAccess: cfg.endpoint.privateAccess,
        endpointPublicAccess: publicEndpoint,
        // Only with the public endpoint: pulumi-eks refuses CIDRs that EKS would silently ignore (pulumi/pulumi-eks#1452).
        ...(publicEndpoint ? { publicAccessCidrs: cfg.endpoint.publicAccessCidrs } : {}),
        // Our node components and the security group EKS creates for the cluster replace these.
        skipDefaultNodeGroup: true,
        skipDefaultSecurityGroups: true,
        // One owner per add-on: vpc-cni, kube-proxy and CoreDNS are our aws.eks.Addon resources (addons.ts).
        // `useDefaultVpcCni: true` keeps pulumi-eks from applying its own CNI manifest, and
        // `bootstrapSelfManagedAddons: false` keeps EKS from installing unmanaged copies that the managed
        // add-ons would then have to take over (https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html).
        kubeProxyAddonOptions: { enabled: false },
        corednsAddonOptions: { enabled: false },
        useDefaultVpcCni: true,
        bootstrapSelfManagedAddons: false,
        // Every add-on gets its IAM through Pod Identity: no IRSA, so no OIDC provider.
        createOidcProvider: false,
        deletionProtection: cfg.protectData,
        tags: ctx.tags,
    };
    const cluster = create(eks.Cluster, childName(ctx.name, "cluster"), args, { ...ctx.opts, dependsOn: logGroup ? [logGroup] : [] }, t.cluster);

    // pulumi-eks returns the aws.eks.Cluster as a resource: its fields are Outputs (plain under mocks); apply takes both.
    const field = <T>(f: (c: awsEks.Cluster) => pulumi.Input<T>): pulumi.Output<T> => cluster.eksCluster.apply(f) as pulumi.Output<T>;
    const clusterName = field((c) => c.name);
    const clusterSecurityGroupId = field((c) => c.vpcConfig.clusterSecurityGroupId);
    return {
        cluster,
        logGroup,
        key,
        outputs: {
            clusterName,
            clusterSecurityGroupId,
            node: {
                name: clusterName,
                version: cfg.version,
                endpoint: field((c) => c.endpoint),
                certificateAuthority: field((c) => c.certificateAuthority.data),
                serviceIpv4Cidr: field((c) => c.kubernetesNetworkConfig.serviceIpv4Cidr),
                securityGroupId: clusterSecurityGroupId,
            },
        },
    };
}
