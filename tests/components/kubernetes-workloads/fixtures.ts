/** A cluster to run workloads on, as EksCluster would describe it: one shared fixture for the workload tests. */
import * as k8s from "@pulumi/kubernetes";
import type { KubernetesTarget, StatefulAppArgs, StatelessAppArgs } from "../../../components/kubernetes-workloads";
import { build } from "../../../components/testing";

export const REDIS_IMAGE = "public.ecr.aws/docker/library/redis:7.4";
export const WEB_IMAGE = "public.ecr.aws/nginx/nginx-unprivileged:1.27";

/**
 * A provider from a mocked kubeconfig, namespaces `data` and `batch`, a gp3 (EBS) and an EFS class,
 * and Fargate selectors for all of `batch` and for pods of `data` labelled `compute: fargate`.
 * Call inside a program (`build(() => ...)`).
 */
export function testTarget(overrides: Partial<Omit<KubernetesTarget, "provider" | "namespaces">> = {}): KubernetesTarget {
    const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
    const namespace = (name: string) => new k8s.core.v1.Namespace(`ns-${name}`, { metadata: { name } }, { provider });
    return {
        provider,
        storageClasses: { gp3: { provisioner: "ebs.csi.aws.com" }, efs: { provisioner: "efs.csi.aws.com" } },
        namespaces: { data: namespace("data"), batch: namespace("batch") },
        fargateSelectors: [{ namespace: "batch" }, { namespace: "data", labels: { compute: "fargate" } }],
        ...overrides,
    };
}

/**
 * A target built in a run of its own, like a cluster that already exists: a program refused by a
 * workload's validation then registers nothing at all (`registry.size === 0`).
 */
export async function existingTarget(overrides: Partial<Omit<KubernetesTarget, "provider" | "namespaces">> = {}): Promise<KubernetesTarget> {
    return (await build(() => testTarget(overrides))).result;
}

/** Redis on gp3 in `data`: three pods, one 10 GiB volume each, as uid 999 (the image's `redis` user). */
export function redisArgs(cluster: KubernetesTarget): StatefulAppArgs {
    return {
        cluster,
        namespace: "data",
        image: REDIS_IMAGE,
        replicas: 3,
        ports: { redis: { containerPort: 6379 } },
        volumeClaims: { data: { storageClass: "gp3", size: "10Gi", mountPath: "/data" } },
        securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
        probes: { readiness: { tcpSocket: { port: "redis" } } },
    };
}

/** nginx-unprivileged (uid 101, port 8080) behind a ClusterIP Service on port 80. */
export function webArgs(cluster: KubernetesTarget): StatelessAppArgs {
    return {
        cluster,
        image: WEB_IMAGE,
        ports: { http: { containerPort: 8080, port: 80 } },
        emptyDirs: { tmp: "/tmp" },
        probes: { readiness: { httpGet: { path: "/", port: "http" } } },
    };
}
