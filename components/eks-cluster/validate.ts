import { Issue, Issues } from "../shared/errors";
import { BUILT_IN_NAMESPACES, EKS_LOG_TYPES, creatableEksVersions, eksVersionStatus } from "../shared/limits/eks";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { checkLabels, isDnsLabel } from "../shared/kubernetes-names";
import { checkShape } from "../shared/shape";
import { checkCidrList, checkKmsKeyArn, checkPrincipalArn, checkSubnetId, checkTags, checkVpcId, parseCidr } from "../shared/validators";
import type { EksClusterArgs } from "./args";
import { ADDON_NAMES, COREDNS_PROFILE, Resolved, normalize } from "./defaults";
import { NODE_FIELDS, NodeKind, checkNodeGroupValues } from "./nodes";
import { EKS_CLUSTER_SHAPE } from "./shape";
import { validateStorage } from "./storage";

/** Public endpoint CIDR blocks per cluster (https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html). */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

/** `describe-addon-versions` form, e.g. `v1.19.5-eksbuild.1`. */
const ADDON_VERSION = /^v\d+\.\d+\.\d+(-eksbuild\.\d+)?$/;

/**
 * Every check of an EksCluster's args, in order: shape, then `normalize`, then the value rules on the
 * resolved values, the node groups' own rules and the storage rules, all reported at once. Pure: no
 * Pulumi, no resources. `now` decides which Kubernetes versions EKS still creates.
 */
export function validate(args: EksClusterArgs, now: Date = new Date()): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, EKS_CLUSTER_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    validateVpc(issues, cfg);
    validateEgress(issues, cfg);
    validateVersion(issues, cfg.version, now);
    validateEndpoint(issues, cfg);
    for (const [key, arn] of Object.entries(cfg.admins)) {
        issues.key(`admins.${key}`, key);
        checkPrincipalArn(issues, `admins.${key}`, arn);
    }
    for (const [i, t] of cfg.logTypes.entries()) issues.oneOf(`logTypes[${i}]`, t, EKS_LOG_TYPES);
    if (new Set(cfg.logTypes).size !== cfg.logTypes.length) issues.add("logTypes", cfg.logTypes, "repeats a log type", "each type at most once");
    issues.oneOf("logRetentionDays", cfg.logRetentionDays, LOG_RETENTION_DAYS);
    checkKmsKeyArn(issues, "secretsKmsKeyArn", cfg.secretsKmsKeyArn);
    validateNodes(issues, args, cfg);
    for (const name of ADDON_NAMES) {
        const v = cfg.addonVersions[name];
        if (v !== undefined) issues.match(`addons.${name}.version`, v, ADDON_VERSION, 'an add-on version such as "v1.19.5-eksbuild.1"');
    }
    if (cfg.containerInsights && !cfg.hasEc2Nodes) {
        issues.add(
            "containerInsights",
            true,
            "needs EC2 nodes: the CloudWatch agent and Fluent Bit run as DaemonSets, which Fargate does not run",
            "a managed or self-managed node group, or containerInsights: false",
        );
    }
    validateNamespaces(issues, cfg);
    validateStorage(issues, "storage", cfg.storage, { hasEc2Nodes: cfg.hasEc2Nodes, privateSubnetCount: cfg.vpc.privateSubnetIds.length });
    checkTags(issues, "tags", args.tags);
    return issues.list;
}

function validateVpc(issues: Issues, cfg: Resolved): void {
    checkVpcId(issues, "vpc.vpcId", cfg.vpc.vpcId);
    // CreateCluster needs subnets in at least two AZs (https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html).
    if (cfg.vpc.privateSubnetIds.length < 2) {
        issues.add(
            "vpc.privateSubnetIds",
            cfg.vpc.privateSubnetIds,
            "has fewer than two subnets: EKS needs subnets in at least two AZs",
            "two or more private subnet ids, one per AZ",
        );
    }
    for (const [field, ids] of [
        ["privateSubnetIds", cfg.vpc.privateSubnetIds],
        ["publicSubnetIds", cfg.vpc.publicSubnetIds],
    ] as const) {
        for (const [i, id] of ids.entries()) checkSubnetId(issues, `vpc.${field}[${i}]`, id);
    }
}

/**
 * Interface endpoints a cluster without outbound internet needs
 * (https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html): images from ECR (`ecr.api`,
 * `ecr.dkr`, with the S3 gateway endpoint), the VPC CNI's ENI calls (`ec2`), role sessions (`sts`), and
 * the Pod Identity agent's `eks-auth:AssumeRoleForPodIdentity` (`eks-auth`).
 */
export const PRIVATE_CLUSTER_ENDPOINTS = ["ecr.api", "ecr.dkr", "ec2", "sts", "eks-auth"] as const;

function validateEgress(issues: Issues, cfg: Resolved): void {
    const { egress, interfaceEndpoints } = cfg.vpc;
    if (egress === undefined || egress === "nat") return;
    if (egress !== "endpoints") {
        issues.add(
            "vpc.egress",
            egress,
            "leaves the private subnets no way to AWS: nodes could pull no image and join no cluster",
            '"nat", or "endpoints" with the cluster\'s interface endpoints',
        );
        return;
    }
    if (!cfg.endpoint.privateAccess) {
        issues.add(
            "endpoint.privateAccess",
            false,
            "is off in a VPC without internet egress: nodes register through the private endpoint",
            "privateAccess: true",
        );
    }
    if (interfaceEndpoints === undefined) return;
    const needed = [...PRIVATE_CLUSTER_ENDPOINTS, ...(cfg.containerInsights ? ["logs"] : [])];
    const missing = needed.filter((e) => !interfaceEndpoints.includes(e));
    if (missing.length > 0) {
        issues.add(
            "vpc.interfaceEndpoints",
            interfaceEndpoints,
            `lacks ${missing.join(", ")}, which the cluster needs without internet egress`,
            needed.join(", "),
        );
    }
}

export function validateVersion(issues: Issues, version: string, now: Date): boolean {
    const status = eksVersionStatus(version, now);
    const allowed = creatableEksVersions(now)
        .map((v) => `"${v}"`)
        .join(", ");
    if (status === "unknown") return issues.add("version", version, "is not a Kubernetes version EKS offers", allowed);
    if (status === "ended") return issues.add("version", version, "is past the end of EKS extended support: EKS creates no cluster on it", allowed);
    return true;
}

function validateEndpoint(issues: Issues, cfg: Resolved): void {
    const e = cfg.endpoint;
    if (e.publicAccessCidrs.length > 0) checkCidrList(issues, "endpoint.publicAccessCidrs", e.publicAccessCidrs);
    if (e.publicAccessCidrs.length > MAX_PUBLIC_ACCESS_CIDRS) {
        issues.add("endpoint.publicAccessCidrs", e.publicAccessCidrs.length, "holds too many CIDRs", `at most ${MAX_PUBLIC_ACCESS_CIDRS} (an EKS quota)`);
    }
    if (!e.privateAccess && e.publicAccessCidrs.length === 0) {
        issues.add("endpoint", e, "turns off both endpoints: nothing could reach the API server", "privateAccess: true, or publicAccessCidrs with your CIDRs");
    }
}

/** The RFC 5737 documentation ranges (TEST-NET-1, -2, -3): no host on the internet has these addresses. */
export const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"] as const;

/** The CIDRs that lie inside a documentation range: placeholders, which admit nobody real. */
export function placeholderCidrs(cidrs: readonly string[]): string[] {
    return cidrs.filter((cidr) => {
        const c = parseCidr(cidr);
        return (
            c !== undefined &&
            c.bits >= 24 &&
            DOCUMENTATION_RANGES.some((range) =>
                parseCidr(range)
                    ?.octets.slice(0, 3)
                    .every((o, i) => o === c.octets[i]),
            )
        );
    });
}

/**
 * Only the public endpoint, restricted to some CIDRs: nodes in private subnets reach it from the NAT
 * gateways' public addresses, which must then be listed, or the nodes never join
 * (https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html). The component cannot know
 * those addresses, so this is a warning.
 */
export function isRestrictedPublicOnlyEndpoint(endpoint: Resolved["endpoint"]): boolean {
    return !endpoint.privateAccess && endpoint.publicAccessCidrs.length > 0 && !endpoint.publicAccessCidrs.includes("0.0.0.0/0");
}

/** Keys of the three node kinds name components `${name}-<key>`: one namespace for all of them. */
function validateNodes(issues: Issues, args: EksClusterArgs, cfg: Resolved): void {
    const seen = new Map<string, string>();
    for (const kind of ["managed", "selfManaged", "fargate"] as NodeKind[]) {
        const field = NODE_FIELDS[kind];
        for (const [key, value] of Object.entries(args[field] ?? {})) {
            const path = `${field}.${key}`;
            issues.key(path, key);
            const other = seen.get(key);
            if (other)
                issues.add(
                    path,
                    key,
                    `has the key of ${other}: both would be named "<name>-${key}"`,
                    "a key unique across nodeGroups, selfManagedNodeGroups and fargateProfiles",
                );
            if (kind === "fargate" && key === COREDNS_PROFILE) {
                issues.add(path, key, "is the key of the Fargate profile EksCluster adds for CoreDNS", "another key");
            }
            seen.set(key, path);
            checkNodeGroupValues(kind, issues, path, value);
        }
    }
    // With EC2 groups CoreDNS is scheduled on EC2 (not Fargate): without a node its add-on stays
    // DEGRADED until the create times out (about 20 minutes), and so do the CSI controllers and
    // Container Insights. A group's own size issues are its own (then the sum is not an integer).
    if (cfg.hasEc2Nodes && cfg.ec2DesiredSize === 0) {
        issues.add(
            "nodeGroups",
            0,
            "is the number of EC2 nodes the groups start with (desiredSize, which defaults to minSize, summed over nodeGroups and selfManagedNodeGroups): CoreDNS, which runs on EC2 nodes when there are node groups, could not run, and its add-on would wait until its create times out",
            "desiredSize of 1 or more on some node group (2 or more for CoreDNS's two replicas on separate nodes), or no EC2 node groups (CoreDNS then runs on Fargate)",
        );
    }
    if (!cfg.hasEc2Nodes && Object.keys(cfg.fargateProfiles).length === 0) {
        issues.add(
            "nodeGroups",
            undefined,
            "is empty, and so are selfManagedNodeGroups and fargateProfiles: no pod, not even CoreDNS, could run",
            "a node group, a self-managed node group or a Fargate profile",
        );
    }
}

function validateNamespaces(issues: Issues, cfg: Resolved): void {
    for (const [name, ns] of Object.entries(cfg.namespaces)) {
        const path = `namespaces.${name}`;
        if (!isDnsLabel(name))
            issues.add(path, name, "is not a namespace name", "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63");
        if ((BUILT_IN_NAMESPACES as readonly string[]).includes(name)) issues.add(path, name, "exists in every cluster already", "another name");
        checkLabels(issues, `${path}.labels`, ns.labels);
    }
}
