import * as assert from "node:assert";
import { StatelessApp } from "../../../components/kubernetes-workloads";
import { build, kubernetesSchemaIssues } from "../../../components/testing";
import { testTarget, webArgs } from "./fixtures";

const DEPLOY = "kubernetes:apps/v1:Deployment";
const SVC = "kubernetes:core/v1:Service";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

async function web(change: (a: ReturnType<typeof webArgs>) => void = () => {}) {
    return build(() => {
        const args = webArgs(testTarget());
        change(args);
        return new StatelessApp("web", args);
    });
}

describe("kubernetes-workloads: StatelessApp", () => {
    it("registers a Deployment and a Service under the component, on the cluster's provider, and no PodDisruptionBudget unless asked", async () => {
        const { registry } = await web();
        const children = registry.childrenOf(registry.one(StatelessApp.type, "web"));
        assert.deepEqual(children.map((c) => `${c.type}::${c.name}`).sort(), [`${DEPLOY}::web-deployment`, `${SVC}::web-service`].sort());
        const provider = registry.one("pulumi:providers:kubernetes");
        for (const c of children) assert.equal(c.provider, `${provider.urn}::${provider.id}`, c.name);
    });

    it("adds a PodDisruptionBudget over the same pods when asked", async () => {
        const { registry } = await web((a) => {
            a.disruptionBudget = {};
        });
        const pdb = registry.hasInputs(PDB, "web-pod-disruption-budget", { metadata: { name: "web", namespace: "default" }, spec: { maxUnavailable: 1 } });
        assert.deepEqual(pdb.inputs.spec.selector.matchLabels, registry.one(DEPLOY).inputs.spec.selector.matchLabels);
    });

    it("publishes the container ports through a ClusterIP Service by default, by port name", async () => {
        const { registry, result } = await web();
        registry.hasInputs(SVC, "web-service", {
            metadata: { name: "web", namespace: "default" },
            spec: { type: "ClusterIP", ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
        });
        assert.deepEqual(registry.one(DEPLOY).inputs.spec.template.spec.containers[0].ports, [{ name: "http", containerPort: 8080, protocol: "TCP" }]);
        assert.equal(result.dnsName, "web.default.svc.cluster.local");
    });

    it("selects its pods with the labels its pod template carries, as does the Service", async () => {
        const { registry } = await web();
        const spec = registry.one(DEPLOY).inputs.spec;
        for (const [k, v] of Object.entries(spec.selector.matchLabels)) assert.equal(spec.template.metadata.labels[k], v);
        assert.deepEqual(registry.one(SVC).inputs.spec.selector, spec.selector.matchLabels);
    });

    it("runs 2 replicas by default", async () => {
        const { registry } = await web();
        registry.hasInputs(DEPLOY, "web-deployment", { metadata: { name: "web" }, spec: { replicas: 2 } });
    });

    it("keeps 0 replicas and tells Pulumi not to wait for the Service's endpoints, which would never come", async () => {
        const { registry } = await web((a) => {
            a.replicas = 0;
        });
        registry.hasInputs(DEPLOY, "web-deployment", { spec: { replicas: 0 } });
        registry.hasInputs(SVC, "web-service", { metadata: { annotations: { "pulumi.com/skipAwait": "true" } } });
    });

    it("mounts emptyDir volumes for writable paths under a read-only root", async () => {
        const { registry } = await web();
        const pod = registry.one(DEPLOY).inputs.spec.template.spec;
        assert.deepEqual(pod.volumes, [{ name: "tmp", emptyDir: {} }]);
        assert.deepEqual(pod.containers[0].volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
        assert.equal(pod.containers[0].securityContext.readOnlyRootFilesystem, true);
    });

    it("runs as non-root with the image's user unless one is given", async () => {
        const { registry } = await web();
        assert.deepEqual(registry.one(DEPLOY).inputs.spec.template.spec.securityContext, { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    });

    it("injects no Service environment variables into the pods", async () => {
        const { registry } = await web();
        assert.equal(registry.one(DEPLOY).inputs.spec.template.spec.enableServiceLinks, false);
    });

    it("places pods with the node selector and tolerations given, spread across zones", async () => {
        const { registry } = await web((a) => {
            a.nodeSelector = { "kubernetes.io/arch": "arm64" };
            a.tolerations = [{ key: "spot", operator: "Exists", effect: "NoSchedule" }];
        });
        const pod = registry.one(DEPLOY).inputs.spec.template.spec;
        assert.deepEqual(pod.nodeSelector, { "kubernetes.io/arch": "arm64" });
        assert.deepEqual(pod.tolerations, [{ key: "spot", operator: "Exists", effect: "NoSchedule" }]);
        assert.equal(pod.topologySpreadConstraints[0].topologyKey, "topology.kubernetes.io/zone");
    });

    it("takes the Service type asked for", async () => {
        const { registry } = await web((a) => {
            a.serviceType = "LoadBalancer";
        });
        registry.hasInputs(SVC, "web-service", { spec: { type: "LoadBalancer" } });
    });

    it("passes the Kubernetes API schemas", async () => {
        const { registry } = await web((a) => {
            a.disruptionBudget = { maxUnavailable: 1 };
            a.env = { LOG_LEVEL: "info" };
            a.probes = {
                readiness: { httpGet: { path: "/", port: "http" } },
                liveness: { tcpSocket: { port: 8080 } },
                startup: { exec: { command: ["true"] } },
            };
        });
        assert.deepEqual(kubernetesSchemaIssues(registry), []);
    });
});
