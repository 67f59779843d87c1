/**
 * The workloads' value rules, on resolved values (shape first, then `normalize`, then these): what the
 * Kubernetes API server would refuse, and what it would accept but the cluster could never run (a claim
 * on a StorageClass it does not have, a dynamically provisioned volume for a pod only Fargate would run). Pure: no Pulumi.
 */
import { Issue, Issues } from "../shared/errors";
import {
    DNS1035_LABEL,
    DNS1035_LABEL_MAX,
    DNS1123_LABEL,
    DNS1123_LABEL_MAX,
    ENV_NAME,
    INT32_MAX,
    PORT_NAME,
    PORT_NAME_MAX,
    STATEFULSET_NAME_MAX,
    parseQuantity,
} from "../shared/limits/kubernetes";
import { checkLabelKey, checkLabelValue, checkLabels } from "../shared/kubernetes-names";
import { CSI_PROVISIONERS, fargateStorageIssue } from "../shared/limits/csi";
import { checkArgsShape } from "../shared/shape";
import type { FargateSelector, KubernetesTarget, StatefulAppArgs, StatelessAppArgs } from "./args";
import { ResolvedProbe, ResolvedStateful, ResolvedStateless, ResolvedWorkload, normalizeStateful, normalizeStateless } from "./defaults";
import { podLabels, selectorLabels } from "./pod";
import { STATEFUL_APP_SHAPE, STATELESS_APP_SHAPE } from "./shape";

/** The EBS CSI driver: its volumes attach to EC2 instances only. */
export const EBS_PROVISIONER = CSI_PROVISIONERS.ebs;

function glob(pattern: string, value: string): boolean {
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${re}$`).test(value);
}

/**
 * The Fargate selector that takes pods of `namespace` with `labels`, if any: its namespace matches and
 * the pods carry each of its labels. EKS matches namespaces, label keys and label values with the
 * wildcards `*` and `?` (https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html#fargate-profile-wildcards).
 */
export function fargateSelectorFor(selectors: FargateSelector[], namespace: string, labels: Record<string, string>): FargateSelector | undefined {
    const pod = Object.entries(labels);
    return selectors.find(
        (s) => glob(s.namespace, namespace) && Object.entries(s.labels ?? {}).every(([k, v]) => pod.some(([pk, pv]) => glob(k, pk) && glob(v, pv))),
    );
}

const TOO_LONG = (max: number) => `at most ${max} characters`;

function kubernetesName(issues: Issues, path: string, value: string, pattern: RegExp, max: number, allowed: string): boolean {
    if (value.length > max) return issues.add(path, value, `is longer than ${max} characters`, `${allowed}, ${TOO_LONG(max)}`);
    return issues.match(path, value, pattern, `${allowed}, ${TOO_LONG(max)}`);
}

function quantity(issues: Issues, path: string, value: string | undefined, example: string): number | undefined {
    if (value === undefined) return undefined;
    const q = parseQuantity(value);
    if (q === undefined || q <= 0) {
        issues.add(path, value, "is not a positive Kubernetes quantity", `a number with an optional suffix (Ki, Mi, Gi, Ti, m, k, M, G), e.g. ${example}`);
        return undefined;
    }
    return q;
}

function probe(issues: Issues, path: string, p: ResolvedProbe | undefined, ports: string[]): void {
    if (p === undefined) return;
    const handlers = (["httpGet", "tcpSocket", "exec"] as const).filter((h) => p[h] !== undefined);
    if (handlers.length !== 1) issues.add(path, handlers, "needs exactly one handler", "one of httpGet, tcpSocket, exec");
    const target = p.httpGet?.port ?? p.tcpSocket?.port;
    const portPath = `${path}.${p.httpGet ? "httpGet" : "tcpSocket"}.port`;
    if (typeof target === "number") issues.int(portPath, target, 1, 65535);
    else if (typeof target === "string" && !ports.includes(target))
        issues.add(
            portPath,
            target,
            "is not a port of the container",
            ports.length ? ports.map((k) => JSON.stringify(k)).join(", ") : "a port number (no `ports` are named)",
        );
    if (p.httpGet) issues.match(`${path}.httpGet.path`, p.httpGet.path, /^\//, 'a path starting with "/"');
    issues.int(`${path}.initialDelaySeconds`, p.initialDelaySeconds, 0, INT32_MAX, " seconds");
    issues.int(`${path}.periodSeconds`, p.periodSeconds, 1, INT32_MAX, " seconds");
    issues.int(`${path}.timeoutSeconds`, p.timeoutSeconds, 1, INT32_MAX, " seconds");
    issues.int(`${path}.failureThreshold`, p.failureThreshold, 1, INT32_MAX);
}

/** The API server refuses two volume mounts at one path. */
function uniqueMount(issues: Issues, seen: Map<string, string>, path: string, mountPath: string): void {
    const other = seen.get(mountPath);
    if (other !== undefined) issues.add(path, mountPath, `is also the mount path of ${other}`, "a path of its own");
    else seen.set(mountPath, path);
}

function absolutePath(issues: Issues, path: string, value: string): boolean {
    return issues.match(path, value, /^\/[^:]*$/, 'an absolute path without ":", e.g. "/data"');
}

/** Rules both workloads share. `nameMax`: the longest Kubernetes name the workload's objects allow. */
function validateWorkload(issues: Issues, cfg: ResolvedWorkload, target: KubernetesTarget, nameMax: number, nameWhy: string): void {
    kubernetesName(
        issues,
        "name",
        cfg.name,
        DNS1035_LABEL,
        nameMax,
        `${nameWhy}: lower-case letters, digits and '-', starting with a letter (defaults to the component's name)`,
    );

    if (kubernetesName(issues, "namespace", cfg.namespace, DNS1123_LABEL, DNS1123_LABEL_MAX, "an RFC 1123 label") && cfg.namespace !== "default") {
        const known = Object.keys(target.namespaces);
        if (!known.includes(cfg.namespace))
            issues.add("namespace", cfg.namespace, "is not a namespace of the cluster", ["default", ...known].map((n) => JSON.stringify(n)).join(", "));
    }
    issues.int("replicas", cfg.replicas, 0, INT32_MAX);

    const servicePorts = new Map<string, string>();
    const containerPorts = new Map<string, string>();
    for (const [key, p] of Object.entries(cfg.ports)) {
        const path = `ports.${key}`;
        if (key.length > PORT_NAME_MAX || !PORT_NAME.test(key) || !/[a-z]/.test(key) || key.includes("--"))
            issues.add(
                path,
                key,
                "is not a valid port name",
                `an IANA service name: 1 to ${PORT_NAME_MAX} of a-z, 0-9 and '-', with a letter, no '--' and no '-' at either end`,
            );
        issues.int(`${path}.containerPort`, p.containerPort, 1, 65535);
        // `port` defaults to `containerPort`: one bad number, one issue.
        if (p.port !== p.containerPort) issues.int(`${path}.port`, p.port, 1, 65535);
        // The API server refuses two Service ports (or two container ports) with the same number and protocol.
        for (const [seen, value, field] of [
            [servicePorts, p.port, "port"],
            [containerPorts, p.containerPort, "containerPort"],
        ] as const) {
            const id = `${value}/${p.protocol}`;
            const other = seen.get(id);
            if (other !== undefined)
                issues.add(`${path}.${field}`, value, `repeats ports.${other}.${field} (${p.protocol})`, "a number and protocol of its own");
            else seen.set(id, key);
        }
    }

    for (const name of Object.keys(cfg.env)) issues.match(`env.${name}`, name, ENV_NAME, "letters, digits, '_', '-' and '.', not starting with a digit");

    const r = cfg.resources;
    for (const kind of ["cpu", "memory"] as const) {
        const example = kind === "cpu" ? '"250m" or "1"' : '"256Mi" or "1Gi"';
        const request = quantity(issues, `resources.requests.${kind}`, r.requests[kind], example);
        const limit = quantity(issues, `resources.limits.${kind}`, r.limits[kind], example);
        if (request !== undefined && limit !== undefined && limit < request)
            issues.add(
                `resources.limits.${kind}`,
                r.limits[kind],
                `is below the request (${r.requests[kind]}): the API server refuses the pod`,
                `at least ${r.requests[kind]}`,
            );
    }

    const portNames = Object.keys(cfg.ports);
    for (const kind of ["readiness", "liveness", "startup"] as const) probe(issues, `probes.${kind}`, cfg.probes[kind], portNames);

    const sc = cfg.securityContext;
    for (const id of ["runAsUser", "runAsGroup", "fsGroup"] as const) issues.int(`securityContext.${id}`, sc[id], 0, INT32_MAX);
    if (sc.runAsNonRoot && sc.runAsUser === 0)
        issues.add(
            "securityContext.runAsUser",
            0,
            "is root while runAsNonRoot is true: the kubelet refuses to start the container",
            "a non-zero user id, or runAsNonRoot: false",
        );

    const mounts = new Map<string, string>();
    for (const [key, mountPath] of Object.entries(cfg.emptyDirs)) {
        kubernetesName(issues, `emptyDirs.${key}`, key, DNS1123_LABEL, DNS1123_LABEL_MAX, "a volume name: an RFC 1123 label");
        if (absolutePath(issues, `emptyDirs.${key}`, mountPath)) uniqueMount(issues, mounts, `emptyDirs.${key}`, mountPath);
    }

    checkLabels(issues, "labels", cfg.labels);
    for (const k of Object.keys(selectorLabels(cfg.name)))
        if (Object.hasOwn(cfg.labels, k)) issues.add(`labels.${k}`, cfg.labels[k], "is set by the component (it selects the pods)", "another key");
    checkLabels(issues, "nodeSelector", cfg.nodeSelector);

    cfg.tolerations.forEach((t, i) => {
        const path = `tolerations[${i}]`;
        if (t.key !== undefined && t.key !== "") checkLabelKey(issues, `${path}.key`, t.key);
        if (t.operator === "Exists" && t.value !== undefined && t.value !== "")
            issues.add(`${path}.value`, t.value, 'is set with operator "Exists"', 'no value (or operator "Equal")');
        if ((t.key === undefined || t.key === "") && t.operator !== "Exists")
            issues.add(`${path}.key`, t.key, 'is required unless operator is "Exists"', 'a taint key, or operator "Exists" to tolerate every taint');
        if (t.value !== undefined && t.value !== "") checkLabelValue(issues, `${path}.value`, t.value);
    });
}

function disruptionBudget(issues: Issues, maxUnavailable: number): void {
    issues.int("disruptionBudget.maxUnavailable", maxUnavailable, 1, INT32_MAX);
}

/** A StatelessApp's value rules. */
export function validateStateless(issues: Issues, cfg: ResolvedStateless, target: KubernetesTarget): void {
    validateWorkload(issues, cfg, target, DNS1035_LABEL_MAX, "the Deployment's and Service's name");
    if (Object.keys(cfg.ports).length === 0)
        issues.add("ports", {}, "is empty: the Service needs a port", "{ http: { containerPort: 8080 } } (a StatelessApp is a Deployment and its Service)");
    if (cfg.disruptionBudget) disruptionBudget(issues, cfg.disruptionBudget.maxUnavailable);
}

/** A StatefulApp's value rules. */
export function validateStateful(issues: Issues, cfg: ResolvedStateful, target: KubernetesTarget): void {
    // 52: the pods' controller-revision-hash label is `<name>-<10-character hash>`, at most 63.
    validateWorkload(issues, cfg, target, STATEFULSET_NAME_MAX, "the StatefulSet's name (pods get a label of it plus 11 characters)");
    disruptionBudget(issues, cfg.disruptionBudget.maxUnavailable);

    const labels = podLabels(cfg);
    const fargate = cfg.hasEc2Nodes ? fargateSelectorFor(target.fargateSelectors, cfg.namespace, labels) : undefined;
    const fargateOnly = !cfg.hasEc2Nodes || fargate !== undefined;
    const mounts = new Map<string, string>(Object.entries(cfg.emptyDirs).map(([k, p]) => [p, `emptyDirs.${k}`]));
    const classes = Object.keys(target.storageClasses);
    for (const [key, c] of Object.entries(cfg.volumeClaims)) {
        const path = `volumeClaims.${key}`;
        kubernetesName(issues, path, key, DNS1123_LABEL, DNS1123_LABEL_MAX, "a volume name: an RFC 1123 label");
        if (Object.hasOwn(cfg.emptyDirs, key)) issues.add(path, key, "is also a key of emptyDirs (one volume name each)", "another key");
        quantity(issues, `${path}.size`, c.size, '"10Gi"');
        if (absolutePath(issues, `${path}.mountPath`, c.mountPath)) uniqueMount(issues, mounts, `${path}.mountPath`, c.mountPath);
        const info = Object.hasOwn(target.storageClasses, c.storageClass) ? target.storageClasses[c.storageClass] : undefined;
        if (!info) {
            issues.add(
                `${path}.storageClass`,
                c.storageClass,
                "is not a StorageClass of the cluster",
                classes.length ? classes.map((n) => JSON.stringify(n)).join(", ") : "none: the cluster has no StorageClass",
            );
            continue;
        }
        // No dynamically provisioned volume of our CSI drivers reaches a Fargate pod (the reasons and
        // sources are in shared/limits/csi.ts).
        const unsupported = fargateStorageIssue(info.provisioner);
        if (fargateOnly && unsupported) {
            const where = fargate ? `the pods match the Fargate selector ${JSON.stringify(fargate)}` : "the cluster has no EC2 nodes";
            issues.add(
                `${path}.storageClass`,
                c.storageClass,
                `is served by ${info.provisioner}, but ${where}, and ${unsupported}`,
                "a namespace or labels no Fargate selector matches, on a cluster with EC2 nodes (Fargate pods take EFS only through a static PersistentVolume)",
            );
        }
        if (info.provisioner !== EBS_PROVISIONER) continue;
        // Without multi-attach block volumes, an EBS file system is mounted by one node at a time
        // (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/multi-attach.md).
        const shared = c.accessModes.filter((m) => m !== "ReadWriteOnce" && m !== "ReadWriteOncePod");
        if (shared.length)
            issues.add(
                `${path}.accessModes`,
                c.accessModes,
                "asks an EBS-backed class for shared access",
                '"ReadWriteOnce" or "ReadWriteOncePod" (an EFS class for ReadWriteMany)',
            );
    }
}

/** A StatelessApp's args: shape, then `normalize`, then the value rules. */
export function validateStatelessApp(name: string, args: StatelessAppArgs): Issue[] {
    const issues = new Issues();
    if (!checkArgsShape(issues, name, STATELESS_APP_SHAPE, args)) return issues.list;
    validateStateless(issues, normalizeStateless(name, args), args.cluster);
    return issues.list;
}

/** A StatefulApp's args: shape, then `normalize`, then the value rules. */
export function validateStatefulApp(name: string, args: StatefulAppArgs): Issue[] {
    const issues = new Issues();
    if (!checkArgsShape(issues, name, STATEFUL_APP_SHAPE, args)) return issues.list;
    validateStateful(issues, normalizeStateful(name, args), args.cluster);
    return issues.list;
}
