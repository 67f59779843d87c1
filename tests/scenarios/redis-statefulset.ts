/**
 * Redis with one primary and two replicas on gp3 volumes, plus a stateless web sample, on any EKS
 * cluster the ambient kubeconfig reaches (EksCluster gives the same target as `cluster.kubernetes`).
 * Pod 0 is the primary; the others replicate from it at its stable DNS name, computed before the
 * StatefulApp exists by the same function the component uses for its `podDnsNames`.
 */
import * as k8s from "@pulumi/kubernetes";
import { KubernetesTarget, StatefulApp, StatelessApp, statefulPodDnsName } from "../../components";

const EBS = "ebs.csi.aws.com";

/**
 * The container's command: `redis-server`, with `--replicaof <pod 0> 6379` on every pod but pod 0. A
 * StatefulSet has one pod template, so the pod reads its ordinal from its host name (`redis-<i>`) at start.
 */
export function redisCommand(primary: string, port: number): string[] {
    const script = [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion (strip through the last "-"), not a template
        'ordinal="$(cat /etc/hostname)"; ordinal="${ordinal##*-}"',
        'if [ "$ordinal" = "0" ]; then exec redis-server --appendonly yes; fi',
        `exec redis-server --appendonly yes --replicaof ${primary} ${port}`,
    ].join("\n");
    return ["sh", "-c", script];
}

export function program() {
    const provider = new k8s.Provider("cluster", {});
    const data = new k8s.core.v1.Namespace("data", { metadata: { name: "data" } }, { provider });
    // The class EksCluster makes by default: EBS gp3, encrypted, bound where the pod lands (an EBS volume lives in one zone).
    new k8s.storage.v1.StorageClass(
        "gp3",
        {
            metadata: { name: "gp3" },
            provisioner: EBS,
            parameters: { type: "gp3", encrypted: "true" },
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy: "Delete",
        },
        { provider },
    );
    const cluster: KubernetesTarget = { provider, storageClasses: { gp3: { provisioner: EBS } }, namespaces: { data }, fargateSelectors: [] };

    const app = { name: "redis", namespace: "data" };
    const port = 6379;
    const redis = new StatefulApp("redis", {
        cluster,
        ...app,
        image: "public.ecr.aws/docker/library/redis:7.4",
        replicas: 3,
        command: redisCommand(statefulPodDnsName(app, 0), port),
        ports: { redis: { containerPort: port } },
        volumeClaims: { data: { storageClass: "gp3", size: "10Gi", mountPath: "/data" } },
        resources: { requests: { cpu: "250m", memory: "512Mi" } },
        // The image's `redis` user (uid and gid 999); its Dockerfile sets no USER, so runAsNonRoot needs the number.
        securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
        probes: { readiness: { exec: { command: ["redis-cli", "ping"] } }, liveness: { tcpSocket: { port: "redis" }, periodSeconds: 20 } },
    });

    const web = new StatelessApp("web", {
        cluster,
        image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
        ports: { http: { containerPort: 8080, port: 80 } },
        // nginx-unprivileged keeps its pid file and temp files in /tmp.
        emptyDirs: { tmp: "/tmp" },
        probes: { readiness: { httpGet: { path: "/", port: "http" } } },
        disruptionBudget: { maxUnavailable: 1 },
    });

    return { redis, web, primary: redis.podDnsNames[0], webUrl: `http://${web.dnsName}` };
}
