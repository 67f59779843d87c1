import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError } from "../shared/errors";
import { childName, typeToken } from "../shared/naming";
import { create } from "../shared/transform";
import type { StatefulAppArgs } from "./args";
import { normalizeStateful } from "./defaults";
import { headlessServiceName, statefulPodDnsName } from "./dns";
import { disruptionBudgetArgs, metadata, podTemplate, selectorLabels, servicePorts, workloadOptions } from "./pod";
import { validateStatefulApp } from "./validate";

export interface StatefulAppResources {
    statefulSet: k8s.apps.v1.StatefulSet;
    /** The headless Service (`clusterIP: None`) that gives each pod its DNS name. */
    service: k8s.core.v1.Service;
    podDisruptionBudget: k8s.policy.v1.PodDisruptionBudget;
}

/**
 * A stateful workload: a StatefulSet whose pods have stable names (`<name>-0`, `<name>-1`, …) and DNS
 * names through a headless Service, start in order (each once the previous is ready, `OrderedReady`)
 * and leave in reverse order, each with its own persistent volumes from `volumeClaims` (claims that
 * outlive the pods: deleting the StatefulSet keeps the data), and a PodDisruptionBudget.
 *
 * Checked before anything is created: the claims' StorageClasses exist on the cluster, no claim on an
 * EBS, EFS, FSx for Lustre or Trident class goes to pods only Fargate would run (Fargate mounts none of
 * them; EFS only through a static PersistentVolume), the namespace exists, and every Kubernetes name fits
 * (the StatefulSet's at most 52 characters).
 *
 * @example
 * const redis = new StatefulApp("redis", {
 *     cluster: eks.kubernetes,
 *     namespace: "data",
 *     image: "public.ecr.aws/docker/library/redis:7.4",
 *     replicas: 3,
 *     ports: { redis: { containerPort: 6379 } },
 *     volumeClaims: { data: { storageClass: "gp3", size: "10Gi", mountPath: "/data" } },
 *     securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
 * });
 * redis.podDnsName(0); // "redis-0.redis-headless.data.svc.cluster.local"
 *
 * **Cost**: the volumes, besides the nodes: gp3 is $0.08 per GB-month in us-east-1 (3,000 IOPS and
 * 125 MB/s included), so the example's 3 × 10 GiB ≈ 3 × 10.74 GB × $0.08 ≈ $2.58/month; the claims
 * keep costing after the pods are gone, until deleted.
 */
export class StatefulApp extends pulumi.ComponentResource {
    static readonly type = typeToken("eks", "StatefulApp");

    /** The StatefulSet's name; pods are `<appName>-<ordinal>`. */
    readonly appName: string;
    readonly namespace: string;
    /** The headless Service's name. */
    readonly serviceName: string;
    /** Each pod's stable DNS name, by ordinal: `<appName>-<i>.<serviceName>.<namespace>.svc.cluster.local`. */
    readonly podDnsNames: string[];
    readonly resources: StatefulAppResources;

    constructor(name: string, args: StatefulAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = validateStatefulApp(name, args);
        if (issues.length) throw new ArgsError("StatefulApp", name, issues);
        super(StatefulApp.type, name, args, opts);

        const cfg = normalizeStateful(name, args);
        const child = workloadOptions(this, args.cluster, cfg);
        const t = cfg.transform;
        const selector = { matchLabels: selectorLabels(cfg.name) };
        const serviceName = headlessServiceName(cfg.name);

        // No dependency between the two: the StatefulSet names the Service as plain text, and Pulumi does
        // not wait for a headless Service's pods (pulumi/pulumi-kubernetes#2475).
        const service = create(
            k8s.core.v1.Service,
            childName(name, "service"),
            {
                metadata: metadata(cfg, serviceName),
                spec: {
                    clusterIP: "None",
                    publishNotReadyAddresses: cfg.publishNotReadyAddresses,
                    selector: selector.matchLabels,
                    ports: servicePorts(cfg),
                },
            },
            child,
            t.service,
        );
        const claims = Object.entries(cfg.volumeClaims);
        const statefulSet = create(
            k8s.apps.v1.StatefulSet,
            childName(name, "stateful-set"),
            {
                metadata: metadata(cfg),
                spec: {
                    serviceName,
                    replicas: cfg.replicas,
                    podManagementPolicy: "OrderedReady",
                    selector,
                    template: podTemplate(cfg, Object.fromEntries(claims.map(([key, c]) => [key, c.mountPath]))),
                    volumeClaimTemplates: claims.map(([key, c]) => ({
                        metadata: { name: key, labels: selector.matchLabels },
                        spec: { accessModes: c.accessModes, storageClassName: c.storageClass, resources: { requests: { storage: c.size } } },
                    })),
                },
            },
            child,
            t.statefulSet,
        );
        const podDisruptionBudget = create(
            k8s.policy.v1.PodDisruptionBudget,
            childName(name, "pod-disruption-budget"),
            disruptionBudgetArgs(cfg, cfg.disruptionBudget.maxUnavailable),
            child,
            t.podDisruptionBudget,
        );

        this.appName = cfg.name;
        this.namespace = cfg.namespace;
        this.serviceName = serviceName;
        this.podDnsNames = Array.from({ length: cfg.replicas }, (_v, i) => statefulPodDnsName(cfg, i));
        this.resources = { statefulSet, service, podDisruptionBudget };
        this.registerOutputs({ appName: this.appName, namespace: this.namespace, serviceName, podDnsNames: this.podDnsNames });
    }

    /** The stable DNS name of pod `ordinal` (any ordinal: a scaled-up pod gets the same form). */
    podDnsName(ordinal: number): string {
        return statefulPodDnsName({ name: this.appName, namespace: this.namespace }, ordinal);
    }
}
