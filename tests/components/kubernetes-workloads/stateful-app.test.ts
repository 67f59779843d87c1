import * as assert from "node:assert";
import { StatefulApp, statefulPodDnsName } from "../../../components/kubernetes-workloads";
import { build, kubernetesSchemaIssues } from "../../../components/testing";
import { REDIS_IMAGE, redisArgs, testTarget } from "./fixtures";

const STS = "kubernetes:apps/v1:StatefulSet";
const SVC = "kubernetes:core/v1:Service";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

async function redis(change: (a: ReturnType<typeof redisArgs>) => void = () => {}) {
    return build(() => {
        const args = redisArgs(testTarget());
        change(args);
        return new StatefulApp("redis", args);
    });
}

describe("kubernetes-workloads: StatefulApp", () => {
    it("registers a StatefulSet, a headless Service and a PodDisruptionBudget under the component, on the cluster's provider", async () => {
        const { registry } = await redis();
        const component = registry.one(StatefulApp.type, "redis");
        const children = registry.childrenOf(component);
        assert.deepEqual(
            children.map((c) => `${c.type}::${c.name}`).sort(),
            [`${PDB}::redis-pod-disruption-budget`, `${STS}::redis-stateful-set`, `${SVC}::redis-service`].sort(),
        );
        const provider = registry.one("pulumi:providers:kubernetes");
        for (const c of children) assert.equal(c.provider, `${provider.urn}::${provider.id}`, c.name);
    });

    it("waits for the namespace the cluster created", async () => {
        const { registry } = await redis();
        const ns = registry.one("kubernetes:core/v1:Namespace", "ns-data");
        for (const c of registry.childrenOf(registry.one(StatefulApp.type))) assert.ok(c.dependsOn.includes(ns.urn), c.name);
    });

    it("depends on no namespace in default, which always exists", async () => {
        const { registry } = await redis((a) => {
            a.namespace = undefined;
        });
        assert.deepEqual(registry.one(STS).dependsOn, []);
        assert.equal(registry.one(STS).inputs.metadata.namespace, "default");
    });

    it("names every object explicitly, in the namespace", async () => {
        const { registry } = await redis();
        assert.deepEqual(registry.one(STS).inputs.metadata, {
            name: "redis",
            namespace: "data",
            labels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "redis", "app.kubernetes.io/managed-by": "pulumi" },
        });
        assert.equal(registry.one(SVC).inputs.metadata.name, "redis-headless");
        assert.equal(registry.one(PDB).inputs.metadata.name, "redis");
        assert.equal(registry.one(PDB).inputs.metadata.namespace, "data");
    });

    it("runs pods in order (OrderedReady) under the headless Service's name", async () => {
        const { registry } = await redis();
        registry.hasInputs(STS, "redis-stateful-set", { spec: { podManagementPolicy: "OrderedReady", serviceName: "redis-headless", replicas: 3 } });
    });

    it("selects its pods with the labels its pod template carries, as do the Service and the PDB", async () => {
        const { registry } = await redis((a) => {
            a.labels = { team: "cache" };
        });
        const spec = registry.one(STS).inputs.spec;
        const selector = spec.selector.matchLabels;
        assert.deepEqual(selector, { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "redis" });
        for (const [k, v] of Object.entries(selector)) assert.equal(spec.template.metadata.labels[k], v);
        assert.equal(spec.template.metadata.labels.team, "cache");
        assert.deepEqual(registry.one(SVC).inputs.spec.selector, selector);
        assert.deepEqual(registry.one(PDB).inputs.spec.selector.matchLabels, selector);
    });

    it("makes the Service headless, publishing pods before they are ready, with the named ports", async () => {
        const { registry } = await redis();
        registry.hasInputs(SVC, "redis-service", {
            spec: { clusterIP: "None", publishNotReadyAddresses: true, ports: [{ name: "redis", port: 6379, targetPort: "redis", protocol: "TCP" }] },
        });
    });

    it("asks one claim per pod from the named StorageClass, with size and access modes, mounted in the container", async () => {
        const { registry } = await redis();
        const spec = registry.one(STS).inputs.spec;
        assert.deepEqual(spec.volumeClaimTemplates, [
            {
                metadata: { name: "data", labels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "redis" } },
                spec: { accessModes: ["ReadWriteOnce"], storageClassName: "gp3", resources: { requests: { storage: "10Gi" } } },
            },
        ]);
        assert.deepEqual(spec.template.spec.containers[0].volumeMounts, [{ name: "data", mountPath: "/data" }]);
    });

    it("gets a PodDisruptionBudget of one unavailable pod by default", async () => {
        const { registry } = await redis();
        registry.hasInputs(PDB, "redis-pod-disruption-budget", { spec: { maxUnavailable: 1 } });
    });

    it("gives each pod's stable DNS name, the same as statefulPodDnsName", async () => {
        const { result } = await redis();
        assert.deepEqual(result.podDnsNames, [
            "redis-0.redis-headless.data.svc.cluster.local",
            "redis-1.redis-headless.data.svc.cluster.local",
            "redis-2.redis-headless.data.svc.cluster.local",
        ]);
        assert.equal(result.podDnsName(5), "redis-5.redis-headless.data.svc.cluster.local");
        assert.equal(statefulPodDnsName({ name: "redis", namespace: "data" }, 0), result.podDnsNames[0]);
        assert.equal(statefulPodDnsName({ name: "redis" }, 1), "redis-1.redis-headless.default.svc.cluster.local");
        assert.throws(() => statefulPodDnsName({ name: "redis" }, -1), /a pod ordinal is an integer from 0/);
    });

    it("exposes its names as plain values, known before anything deploys", async () => {
        const { result } = await redis();
        assert.deepEqual([result.appName, result.serviceName, result.namespace], ["redis", "redis-headless", "data"]);
    });

    it("runs the container hardened: non-root as the given user, read-only root, no escalation, no capabilities, RuntimeDefault seccomp", async () => {
        const { registry } = await redis();
        const pod = registry.one(STS).inputs.spec.template.spec;
        assert.deepEqual(pod.securityContext, {
            runAsNonRoot: true,
            runAsUser: 999,
            runAsGroup: 999,
            fsGroup: 999,
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(pod.containers[0].securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
        assert.equal(pod.automountServiceAccountToken, false);
    });

    it("sets requests and a memory limit equal to the memory request by default", async () => {
        const { registry } = await redis();
        assert.deepEqual(registry.one(STS).inputs.spec.template.spec.containers[0].resources, {
            requests: { cpu: "100m", memory: "128Mi" },
            limits: { memory: "128Mi" },
        });
    });

    it("keeps a default request when only the other is given, and the memory limit follows the request", async () => {
        const { registry } = await redis((a) => {
            a.resources = { requests: { memory: "1Gi" }, limits: { cpu: "2" } };
        });
        assert.deepEqual(registry.one(STS).inputs.spec.template.spec.containers[0].resources, {
            requests: { cpu: "100m", memory: "1Gi" },
            limits: { cpu: "2", memory: "1Gi" },
        });
    });

    it("renders probes with their timing defaults", async () => {
        const { registry } = await redis();
        assert.deepEqual(registry.one(STS).inputs.spec.template.spec.containers[0].readinessProbe, {
            tcpSocket: { port: "redis" },
            initialDelaySeconds: 0,
            periodSeconds: 10,
            timeoutSeconds: 1,
            failureThreshold: 3,
        });
    });

    it("applies a transform to the StatefulSet only", async () => {
        const { registry } = await redis((a) => {
            a.transform = { statefulSet: (args) => ({ ...args, metadata: { ...args.metadata, annotations: { note: "x" } } }) };
        });
        assert.deepEqual(registry.one(STS).inputs.metadata.annotations, { note: "x" });
        assert.equal(registry.one(SVC).inputs.metadata.annotations, undefined);
    });

    it("passes the Kubernetes API schemas", async () => {
        const { registry } = await redis((a) => {
            a.image = REDIS_IMAGE;
            a.tolerations = [{ key: "dedicated", operator: "Equal", value: "data", effect: "NoSchedule" }];
            a.nodeSelector = { "kubernetes.io/arch": "arm64" };
            a.env = { REDIS_PORT: "6379" };
            a.emptyDirs = { tmp: "/tmp" };
        });
        assert.deepEqual(kubernetesSchemaIssues(registry), []);
    });
});
