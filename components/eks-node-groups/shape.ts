/**
 * The shape of every args interface of the node groups and the Fargate profile: JS types and
 * structure, checked before anything reads a field (see components/shared/shape.ts). Enums, ranges
 * and syntax are value rules (validate.ts), run on normalized values. A field added to args.ts
 * without a shape here fails `tsc`.
 */
import { array, boolean, input, int, object, optional, record, string, transform, union } from "../shared/shape";
import type { FargateProfileArgs, FargateSelectorArgs, ManagedNodeGroupArgs, NodeClusterArgs, SelfManagedNodeGroupArgs, TaintArgs } from "./args";

const inputString = () => input(string());

export const NODE_CLUSTER_SHAPE = object<NodeClusterArgs>()({
    name: inputString(),
    version: string(),
    endpoint: inputString(),
    certificateAuthority: inputString(),
    serviceIpv4Cidr: inputString(),
    securityGroupId: inputString(),
});

export const TAINT_SHAPE = object<TaintArgs>()({ value: optional(string()), effect: string() });

/** The fields both EC2 node kinds share. */
const EC2_FIELDS = {
    cluster: NODE_CLUSTER_SHAPE,
    subnetIds: input(array(inputString())),
    instanceTypes: array(string()),
    architecture: optional(string()),
    minSize: optional(int()),
    desiredSize: optional(int()),
    maxSize: optional(int()),
    diskSizeGiB: optional(int()),
    taints: optional(record(TAINT_SHAPE)),
    labels: optional(record(string())),
    attachCniPolicy: optional(boolean()),
    tags: optional(record(string())),
};

export const MANAGED_NODE_GROUP_SHAPE = object<ManagedNodeGroupArgs>()({
    ...EC2_FIELDS,
    capacityType: optional(string()),
    amiFamily: optional(string()),
    maxUnavailable: optional(union('a count (1) or a percentage ("33%")', int(), string())),
    transform: optional(
        object<NonNullable<ManagedNodeGroupArgs["transform"]>>()({
            nodeRole: optional(transform()),
            launchTemplate: optional(transform()),
            nodeGroup: optional(transform()),
        }),
    ),
});

export const SELF_MANAGED_NODE_GROUP_SHAPE = object<SelfManagedNodeGroupArgs>()({
    ...EC2_FIELDS,
    amiId: optional(inputString()),
    onDemandBaseCapacity: optional(int()),
    onDemandPercentageAboveBaseCapacity: optional(int()),
    minHealthyPercentage: optional(int()),
    transform: optional(
        object<NonNullable<SelfManagedNodeGroupArgs["transform"]>>()({
            nodeRole: optional(transform()),
            instanceProfile: optional(transform()),
            launchTemplate: optional(transform()),
            autoScalingGroup: optional(transform()),
            accessEntry: optional(transform()),
        }),
    ),
});

export const FARGATE_SELECTOR_SHAPE = object<FargateSelectorArgs>()({ namespace: string(), labels: optional(record(string())) });

export const FARGATE_PROFILE_SHAPE = object<FargateProfileArgs>()({
    clusterName: inputString(),
    subnetIds: input(array(inputString())),
    selectors: array(FARGATE_SELECTOR_SHAPE),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<FargateProfileArgs["transform"]>>()({
            podExecutionRole: optional(transform()),
            profile: optional(transform()),
        }),
    ),
});
