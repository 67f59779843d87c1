/**
 * Value rules of the node groups and the Fargate profile: shape first (types, unknown keys), then
 * `normalize`, then the rules on the resolved values, every issue reported. Pure: no Pulumi, no
 * resources.
 */
import { Issue, Issues, isPlain } from "../shared/errors";
import { checkShape } from "../shared/shape";
import { nameProblems } from "../shared/naming";
import { checkSecurityGroupId, checkTags, isPrivate1918, parseCidr } from "../shared/validators";
import type { FargateProfileArgs, ManagedNodeGroupArgs, NodeClusterArgs, SelfManagedNodeGroupArgs, TaintEffect } from "./args";
import { ResolvedEc2NodeGroup, normalizeFargate, normalizeManaged, normalizeSelfManaged } from "./defaults";
import { checkInstanceTypes } from "../shared/instance-types";
import { checkLabels, isDnsLabel } from "../shared/kubernetes-names";
import { checkNodeLabels, checkTaint } from "./kubernetes-names";
import { FARGATE_PROFILE_SHAPE, MANAGED_NODE_GROUP_SHAPE, SELF_MANAGED_NODE_GROUP_SHAPE } from "./shape";

export const TAINT_EFFECTS: readonly TaintEffect[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** EKS's names for the Kubernetes taint effects (the `aws.eks.NodeGroup` `taints[].effect` enum). */
export const EKS_TAINT_EFFECT: Record<TaintEffect, "NO_SCHEDULE" | "PREFER_NO_SCHEDULE" | "NO_EXECUTE"> = {
    NoSchedule: "NO_SCHEDULE",
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
    NoExecute: "NO_EXECUTE",
};

/** EKS managed node groups: taints per group, and the API's 63-character keys (CreateNodegroup `taints`, `labels`). */
export const MANAGED_MAX_TAINTS = 50;
const MANAGED_KEY = { length: 63, why: "EKS managed node groups take label and taint keys of 1 to 63 characters" };

/** Fargate: selectors per profile and label pairs per selector (https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html). */
export const FARGATE_MAX_SELECTORS = 5;
export const FARGATE_MAX_SELECTOR_LABELS = 5;

/** A Kubernetes minor version as EKS takes it. The supported list is the cluster's concern. */
const KUBERNETES_VERSION = /^1\.\d{2}$/;

const MAX_SIZE = 100_000;

/**
 * The problem with a service IPv4 CIDR as EKS accepts it (within 10.0.0.0/8, 172.16.0.0/12 or
 * 192.168.0.0/16, /12 to /24: https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html),
 * or undefined when it is fine. nodeadm derives the cluster DNS address (`.10`) from it: an empty or
 * wrong value leaves nodes that never join.
 */
export function serviceCidrProblem(cidr: unknown): string | undefined {
    const parsed = parseCidr(cidr);
    if (!parsed) return "is not an IPv4 CIDR";
    if (!isPrivate1918(parsed.octets) || parsed.bits < 12 || parsed.bits > 24) return "is not a service CIDR EKS accepts";
    return undefined;
}
export const SERVICE_CIDR_ALLOWED =
    'the cluster\'s kubernetesNetworkConfig.serviceIpv4Cidr: an IPv4 CIDR from /12 to /24 within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. "172.20.0.0/16"';

/** EKS cluster names by the rule the provider validates (`NAME_RULES`, shared/limits/names.ts). */
function checkClusterName(issues: Issues, path: string, name: unknown): void {
    if (!isPlain(name)) return;
    const problems = typeof name === "string" ? nameProblems("aws:eks/cluster:Cluster", name) : ["is not a string"];
    if (problems.length > 0)
        issues.add(
            path,
            name,
            `is malformed: ${problems.join("; ")}`,
            "an EKS cluster name: a letter or digit, then letters, digits, '-' and '_', at most 100 characters",
        );
}

function checkSubnets(issues: Issues, path: string, subnetIds: unknown): void {
    if (isPlain(subnetIds) && Array.isArray(subnetIds) && subnetIds.length === 0) issues.add(path, subnetIds, "is empty", "one or more private subnet ids");
}

function checkCluster(issues: Issues, path: string, c: NodeClusterArgs): void {
    checkClusterName(issues, `${path}.name`, c.name);
    issues.match(`${path}.version`, c.version, KUBERNETES_VERSION, 'a Kubernetes minor version, e.g. "1.33"');
    if (isPlain(c.endpoint)) issues.match(`${path}.endpoint`, c.endpoint, /^https:\/\/\S+$/, "the cluster's API server endpoint, https://…");
    if (isPlain(c.certificateAuthority) && c.certificateAuthority.trim() === "")
        issues.add(`${path}.certificateAuthority`, c.certificateAuthority, "is empty", "the cluster's base64 certificate authority data");
    if (isPlain(c.serviceIpv4Cidr)) {
        const problem = serviceCidrProblem(c.serviceIpv4Cidr);
        if (problem) issues.add(`${path}.serviceIpv4Cidr`, c.serviceIpv4Cidr, problem, SERVICE_CIDR_ALLOWED);
    }
    checkSecurityGroupId(issues, `${path}.securityGroupId`, c.securityGroupId);
}

/** The rules both EC2 node kinds share. `managed`: EKS's tighter limits on keys and taint counts. */
function checkEc2(issues: Issues, cfg: ResolvedEc2NodeGroup, managed: boolean): void {
    checkCluster(issues, "cluster", cfg.cluster);
    checkSubnets(issues, "subnetIds", cfg.subnetIds);
    const archOk = issues.oneOf("architecture", cfg.architecture, ["x86_64", "arm64"]);
    if (archOk) checkInstanceTypes(issues, "instanceTypes", cfg.instanceTypes, cfg.architecture);
    const sizes = [
        issues.int("minSize", cfg.minSize, 0, MAX_SIZE),
        issues.int("maxSize", cfg.maxSize, 1, MAX_SIZE),
        issues.int("desiredSize", cfg.desiredSize, 0, MAX_SIZE),
    ].every(Boolean);
    if (sizes) {
        if (cfg.minSize > cfg.maxSize) issues.add("minSize", cfg.minSize, `is above maxSize (${cfg.maxSize})`, `at most maxSize`);
        if (cfg.desiredSize < cfg.minSize || cfg.desiredSize > cfg.maxSize)
            issues.add("desiredSize", cfg.desiredSize, `is outside minSize..maxSize (${cfg.minSize}..${cfg.maxSize})`, `from ${cfg.minSize} to ${cfg.maxSize}`);
    }
    // The EKS-optimized AL2023 and Bottlerocket data volumes come from 20 GiB snapshots; a volume
    // cannot be smaller than its snapshot. gp3 goes up to 16 TiB.
    issues.int("diskSizeGiB", cfg.diskSizeGiB, 20, 16384, " GiB");
    const taints = Object.entries(cfg.taints);
    if (managed && taints.length > MANAGED_MAX_TAINTS)
        issues.add("taints", taints.length, "has too many taints", `at most ${MANAGED_MAX_TAINTS} (EKS managed node groups)`);
    for (const [key, t] of taints) {
        checkTaint(issues, `taints.${key}`, key, t.value, managed ? MANAGED_KEY : undefined);
        issues.oneOf(`taints.${key}.effect`, t.effect, TAINT_EFFECTS);
    }
    checkNodeLabels(issues, "labels", cfg.labels, managed ? MANAGED_KEY : undefined);
    if (managed) checkManagedLabelValues(issues, "labels", cfg.labels);
    checkTags(issues, "tags", cfg.tags);
}

/**
 * The kubelet takes an empty label value, but the EKS API takes managed node group label values of 1
 * to 63 characters (CreateNodegroup and UpdateNodegroupConfig `labels`:
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html): an empty one fails
 * the create.
 */
function checkManagedLabelValues(issues: Issues, path: string, labels: Record<string, string>): void {
    for (const [key, value] of Object.entries(labels)) {
        if (value === "")
            issues.add(
                `${path}.${key}`,
                value,
                "is empty, which EKS refuses on a managed node group (label values of 1 to 63 characters)",
                'a non-empty value (e.g. "true"), or a self-managed node group, whose kubelet accepts an empty value',
            );
    }
}

/** A managed node group's args: every issue, before any resource. */
export function validateManaged(args: ManagedNodeGroupArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, MANAGED_NODE_GROUP_SHAPE, args)) return issues.list;
    const cfg = normalizeManaged(args);
    checkEc2(issues, cfg, true);
    issues.oneOf("capacityType", cfg.capacityType, ["ON_DEMAND", "SPOT"]);
    issues.oneOf("amiFamily", cfg.amiFamily, ["al2023", "bottlerocket"]);
    checkMaxUnavailable(issues, "maxUnavailable", cfg.maxUnavailable);
    return issues.list;
}

/** EKS `updateConfig`: `maxUnavailable` or `maxUnavailablePercentage`, each 1 to 100. */
function checkMaxUnavailable(issues: Issues, path: string, value: number | string): void {
    const allowed = 'a count from 1 to 100 (e.g. 1) or a percentage from 1% to 100% (e.g. "33%")';
    if (typeof value === "number") {
        issues.int(path, value, 1, 100);
        return;
    }
    const m = /^(\d{1,3})%$/.exec(value);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 100) issues.add(path, value, "is not a count or a percentage", allowed);
}

/** The `updateConfig` of an `aws.eks.NodeGroup` for a valid `maxUnavailable`. */
export function updateConfig(maxUnavailable: number | `${number}%`): { maxUnavailable?: number; maxUnavailablePercentage?: number } {
    return typeof maxUnavailable === "number" ? { maxUnavailable } : { maxUnavailablePercentage: Number(maxUnavailable.slice(0, -1)) };
}

/** A self-managed node group's args: every issue, before any resource. */
export function validateSelfManaged(args: SelfManagedNodeGroupArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, SELF_MANAGED_NODE_GROUP_SHAPE, args)) return issues.list;
    const cfg = normalizeSelfManaged(args);
    checkEc2(issues, cfg, false);
    if (isPlain(cfg.amiId)) issues.match("amiId", cfg.amiId, /^ami-[0-9a-f]{8,17}$/, 'an AMI id such as "ami-0123456789abcdef0"');
    issues.int("onDemandBaseCapacity", cfg.onDemandBaseCapacity, 0, MAX_SIZE);
    issues.int("onDemandPercentageAboveBaseCapacity", cfg.onDemandPercentageAboveBaseCapacity, 0, 100, "%");
    issues.int("minHealthyPercentage", cfg.minHealthyPercentage, 0, 100, "%");
    return issues.list;
}

/** A Fargate profile's args: every issue, before any resource. */
export function validateFargate(args: FargateProfileArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, FARGATE_PROFILE_SHAPE, args)) return issues.list;
    const cfg = normalizeFargate(args);
    checkClusterName(issues, "clusterName", cfg.clusterName);
    checkSubnets(issues, "subnetIds", cfg.subnetIds);
    if (cfg.selectors.length === 0 || cfg.selectors.length > FARGATE_MAX_SELECTORS)
        issues.add("selectors", cfg.selectors.length, "has the wrong number of selectors", `1 to ${FARGATE_MAX_SELECTORS} selectors per profile (EKS)`);
    cfg.selectors.forEach((s, i) => {
        const p = `selectors[${i}]`;
        if (!isDnsLabel(s.namespace))
            issues.add(
                `${p}.namespace`,
                s.namespace,
                s.namespace === "" ? "is empty" : "is not a namespace name",
                "a Kubernetes namespace: lower-case letters, digits and '-', at most 63 characters",
            );
        const labels = Object.keys(s.labels).length;
        if (labels > FARGATE_MAX_SELECTOR_LABELS)
            issues.add(`${p}.labels`, labels, "has too many labels", `at most ${FARGATE_MAX_SELECTOR_LABELS} label pairs per selector (EKS)`);
        checkLabels(issues, `${p}.labels`, s.labels);
    });
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
