/**
 * The shape of EksClusterArgs: JS types and structure, checked before anything reads a field (see
 * components/shared/shape.ts). The node-group entries are checked by eks-node-groups' shape checks
 * under the same path; `storage` is storage-validate.ts's STORAGE_SHAPE. Each shape is tied to its interface:
 * a field added to args.ts without a shape here fails `tsc`.
 */
import { array, boolean, custom, input, int, object, optional, record, string, transform } from "../shared/shape";
import type { AddonVersionArgs, AddonsArgs, EksClusterArgs, EksVpcArgs, EndpointArgs, NamespaceArgs } from "./args";
import { STORAGE_SHAPE } from "./storage";
import { checkNodeGroupShape } from "./nodes";

const inputString = () => input(string());

export const VPC_SHAPE = object<EksVpcArgs>()({
    vpcId: inputString(),
    privateSubnetIds: array(inputString(), { allowed: "a list of subnet ids (plain list; its items may be Outputs)" }),
    publicSubnetIds: optional(array(inputString(), { allowed: "a list of subnet ids (plain list; its items may be Outputs)" })),
    cidrBlock: optional(string()),
    egress: optional(string()),
    interfaceEndpoints: optional(array(string())),
});

export const ENDPOINT_SHAPE = object<EndpointArgs>()({
    publicAccessCidrs: optional(array(string())),
    privateAccess: optional(boolean()),
});

const ADDON_SHAPE = object<AddonVersionArgs>()({ version: optional(string()) });

export const ADDONS_SHAPE = object<AddonsArgs>()({
    "vpc-cni": optional(ADDON_SHAPE),
    "kube-proxy": optional(ADDON_SHAPE),
    coredns: optional(ADDON_SHAPE),
    "eks-pod-identity-agent": optional(ADDON_SHAPE),
    "amazon-cloudwatch-observability": optional(ADDON_SHAPE),
});

export const NAMESPACE_SHAPE = object<NamespaceArgs>()({ labels: optional(record(string())) });

const nodeGroups = (kind: "managed" | "selfManaged" | "fargate") =>
    record(custom("object", "the node group's args", (issues, path, value) => checkNodeGroupShape(kind, issues, path, value)));

const TRANSFORM_SHAPE = object<NonNullable<EksClusterArgs["transform"]>>()({
    cluster: optional(transform()),
    logGroup: optional(transform()),
    key: optional(transform()),
    addon: optional(transform()),
    provider: optional(transform()),
    namespace: optional(transform()),
});

/** Every EksClusterArgs key, once. */
export const EKS_CLUSTER_SHAPE = object<EksClusterArgs>()({
    vpc: VPC_SHAPE,
    version: string(),
    endpoint: optional(ENDPOINT_SHAPE),
    admins: optional(record(inputString())),
    logTypes: optional(array(string())),
    logRetentionDays: optional(int()),
    secretsKmsKeyArn: optional(inputString()),
    nodeGroups: optional(nodeGroups("managed")),
    selfManagedNodeGroups: optional(nodeGroups("selfManaged")),
    fargateProfiles: optional(nodeGroups("fargate")),
    addons: optional(ADDONS_SHAPE),
    containerInsights: optional(boolean()),
    namespaces: optional(record(NAMESPACE_SHAPE)),
    storage: optional(STORAGE_SHAPE),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(TRANSFORM_SHAPE),
});
