/**
 * What every storage backend builds the same way: its StorageClass and the security group of its
 * file system, which admits the cluster security group (every node, Fargate pod and the control
 * plane carries it) on the backend's ports.
 */
import * as ec2 from "@pulumi/aws/ec2";
import * as vpc from "@pulumi/aws/vpc";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { StorageClassInfo } from "../kubernetes-workloads/args";
import { childName, fitName } from "../shared/naming";
import { type Transform, create } from "../shared/transform";
import type { ControlPlane, Ctx } from "./context";
import type { ReclaimPolicy } from "./storage-args";

/** A class as `createStorage` returns it: what workloads are checked against, and the object. */
export type StorageClassEntry = StorageClassInfo & { storageClass: k8s.storage.v1.StorageClass };

/** What one backend made: its class and its other children (for `resources`). */
export interface BackendResources {
    class: StorageClassEntry;
    children: Record<string, pulumi.Resource | Record<string, pulumi.Resource>>;
}

export interface StorageClassSpec {
    /** `metadata.name`. */
    name: string;
    provisioner: string;
    parameters: Record<string, pulumi.Input<string>>;
    reclaimPolicy: ReclaimPolicy;
    /**
     * `WaitForFirstConsumer` for zonal volumes (EBS, Lustre): the volume is created in the AZ the
     * scheduler picked for the pod, never in one the pod cannot reach.
     */
    volumeBindingMode: "Immediate" | "WaitForFirstConsumer";
    allowVolumeExpansion: boolean;
    defaultClass?: boolean;
}

/** A StorageClass on the cluster, after the driver that serves it (and what the plane says Kubernetes objects wait for). */
export function createStorageClass(
    ctx: Ctx,
    plane: ControlPlane,
    spec: StorageClassSpec,
    after: pulumi.Resource[],
    transform?: Transform<k8s.storage.v1.StorageClassArgs>,
): StorageClassEntry {
    const storageClass = create(
        k8s.storage.v1.StorageClass,
        childName(ctx.name, "storage-class", spec.name),
        {
            metadata: {
                name: spec.name,
                annotations: spec.defaultClass ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined,
                labels: { "app.kubernetes.io/managed-by": "pulumi" },
            },
            provisioner: spec.provisioner,
            parameters: spec.parameters,
            reclaimPolicy: spec.reclaimPolicy,
            volumeBindingMode: spec.volumeBindingMode,
            allowVolumeExpansion: spec.allowVolumeExpansion,
        },
        { ...ctx.opts, provider: plane.provider, dependsOn: [...plane.ready, ...after] },
        transform,
    );
    return { provisioner: spec.provisioner, storageClass };
}

/** One port range a file system listens on. */
export interface PortRule {
    protocol: "tcp" | "udp";
    fromPort: number;
    toPort: number;
    /** What it carries (the rule's description). */
    purpose: string;
}

export interface FileSystemSecurityGroup {
    securityGroup: ec2.SecurityGroup;
    /**
     * By `<protocol>-<port>[-<port>]`, `self-…` for the group's own members, `to-clients-…` for its
     * egress to the cluster security group and `client-in-…` for the matching ingress on that group.
     */
    rules: Record<string, vpc.SecurityGroupIngressRule | vpc.SecurityGroupEgressRule>;
}

const ruleKey = (r: PortRule) => `${r.protocol}-${r.fromPort}${r.toPort === r.fromPort ? "" : `-${r.toPort}`}`;

/**
 * Connections the file servers open to the clients: `PortRule`s, or `"all"` where the clients' ports
 * are not fixed (NFS lock-manager and NFSv4 callbacks go to ports the client's kernel picks).
 */
export type ClientConnections = PortRule[] | { all: string };

/**
 * The security group of one file system (`<name>-<key>-sg`): ingress on `ports` from the cluster
 * security group; with `self`, ingress and egress on them among the group's own members (file servers
 * that talk to each other); with `toClients`, egress from this group to the cluster security group and
 * the matching ingress on the cluster security group from this one (file servers that call their
 * clients back). Nothing else.
 */
export function createFileSystemSecurityGroup(
    ctx: Ctx,
    plane: ControlPlane,
    key: string,
    what: string,
    ports: PortRule[],
    options: { self?: boolean; toClients?: ClientConnections; transform?: Transform<ec2.SecurityGroupArgs> } = {},
): FileSystemSecurityGroup {
    const name = childName(ctx.name, key, "sg");
    const securityGroup = create(
        ec2.SecurityGroup,
        fitName(name, ec2.SecurityGroup),
        { vpcId: ctx.vpc.vpcId, description: `${what} of ${ctx.name}: reached from the cluster security group`, tags: { ...ctx.tags, Name: name } },
        ctx.opts,
        options.transform,
    );
    const rules: FileSystemSecurityGroup["rules"] = {};
    for (const port of ports) {
        const base = { securityGroupId: securityGroup.id, ipProtocol: port.protocol, fromPort: port.fromPort, toPort: port.toPort, tags: ctx.tags };
        rules[ruleKey(port)] = new vpc.SecurityGroupIngressRule(
            childName(name, ruleKey(port)),
            { ...base, referencedSecurityGroupId: plane.clusterSecurityGroupId, description: `${port.purpose} from the cluster nodes and pods` },
            ctx.opts,
        );
        if (options.self) {
            rules[`self-in-${ruleKey(port)}`] = new vpc.SecurityGroupIngressRule(
                childName(name, "self-in", ruleKey(port)),
                { ...base, referencedSecurityGroupId: securityGroup.id, description: `${port.purpose} among the file servers` },
                ctx.opts,
            );
            rules[`self-out-${ruleKey(port)}`] = new vpc.SecurityGroupEgressRule(
                childName(name, "self-out", ruleKey(port)),
                { ...base, referencedSecurityGroupId: securityGroup.id, description: `${port.purpose} among the file servers` },
                ctx.opts,
            );
        }
    }
    const toClients = options.toClients;
    const outbound =
        toClients === undefined ? [] : Array.isArray(toClients) ? toClients.map((p) => ({ key: ruleKey(p), rule: p })) : [{ key: "all", rule: undefined }];
    for (const { key: k, rule } of outbound) {
        // All protocols ("-1") take no ports (EC2 AuthorizeSecurityGroupEgress: ports are for tcp/udp/icmp only).
        const traffic = rule ? { ipProtocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort } : { ipProtocol: "-1" };
        const purpose = rule ? rule.purpose : (toClients as { all: string }).all;
        rules[`to-clients-${k}`] = new vpc.SecurityGroupEgressRule(
            childName(name, "to-clients", k),
            {
                securityGroupId: securityGroup.id,
                referencedSecurityGroupId: plane.clusterSecurityGroupId,
                ...traffic,
                description: `${purpose} to the cluster nodes and pods`,
                tags: ctx.tags,
            },
            ctx.opts,
        );
        // The cluster security group admits only its own members: the servers' connections need a rule there too.
        rules[`client-in-${k}`] = new vpc.SecurityGroupIngressRule(
            childName(name, "client-in", k),
            {
                securityGroupId: plane.clusterSecurityGroupId,
                referencedSecurityGroupId: securityGroup.id,
                ...traffic,
                description: `${purpose} from the ${what}`,
                tags: ctx.tags,
            },
            ctx.opts,
        );
    }
    return { securityGroup, rules };
}
