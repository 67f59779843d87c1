import * as assert from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import { StatelessApp } from "../../components/kubernetes-workloads";
import { build, kubernetesModelFor, kubernetesSchemaIssues, kubernetesSchemaReport } from "../../components/testing";
import { testTarget, webArgs } from "../components/kubernetes-workloads/fixtures";

const provider = () => new k8s.Provider("k8s", { kubeconfig: "{}" });

describe("testing kit: Kubernetes schemas", () => {
    it("maps Pulumi type tokens to kubernetes-models modules, the core group at the top", () => {
        assert.deepEqual(kubernetesModelFor("kubernetes:apps/v1:StatefulSet"), {
            kind: "model",
            module: "kubernetes-models/apps/v1/StatefulSet",
            export: "StatefulSet",
        });
        assert.deepEqual(kubernetesModelFor("kubernetes:core/v1:Service"), { kind: "model", module: "kubernetes-models/v1/Service", export: "Service" });
        assert.deepEqual(kubernetesModelFor("kubernetes:storage.k8s.io/v1:StorageClass"), {
            kind: "model",
            module: "kubernetes-models/storage.k8s.io/v1/StorageClass",
            export: "StorageClass",
        });
    });

    it("reports a wrong type, a missing required field and a value outside an enum, with their paths", async () => {
        const { registry } = await build(() => {
            const p = provider();
            new k8s.apps.v1.Deployment(
                "bad",
                {
                    metadata: { name: "bad" },
                    spec: {
                        replicas: "3" as any,
                        selector: { matchLabels: { app: "bad" } },
                        template: { metadata: { labels: { app: "bad" } }, spec: { containers: [{ image: "x", imagePullPolicy: "Sometimes" } as any] } },
                    },
                },
                { provider: p },
            );
        });
        assert.deepEqual(
            kubernetesSchemaIssues(registry).map((i) => `${i.name} ${i.path}: ${i.message}`),
            [
                "bad spec.replicas: must be integer",
                "bad spec.template.spec.containers[0]: must have required property name",
                'bad spec.template.spec.containers[0].imagePullPolicy: must be equal to one of the allowed values: "Always", "IfNotPresent", "Never"',
            ],
        );
    });

    it("reports a misspelled field deep in a component's object (kubernetes-models alone accepts it)", async () => {
        const { registry } = await build(() => {
            const args = webArgs(testTarget());
            args.transform = {
                deployment: (a: any) => {
                    a.spec.template.spec.containers[0].readinesProbe = a.spec.template.spec.containers[0].readinessProbe;
                    delete a.spec.template.spec.containers[0].readinessProbe;
                    a.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 }, rollingupdate: {} };
                },
            };
            new StatelessApp("web", args);
        });
        const issues = kubernetesSchemaIssues(registry);
        assert.deepEqual(
            issues.map((i) => `${i.type} ${i.path}`),
            ["kubernetes:apps/v1:Deployment spec.strategy.rollingupdate", "kubernetes:apps/v1:Deployment spec.template.spec.containers[0].readinesProbe"],
        );
        assert.match(issues[1].message, /^is not a field of Container; known: .*readinessProbe/);
    });

    it("reports unknown top-level fields of an object built from its apiVersion and kind", async () => {
        // Typed classes copy only the fields they know; a CustomResource passes everything through.
        const { registry } = await build(() => {
            new k8s.apiextensions.CustomResource(
                "cm",
                { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, dat: { a: "b" } },
                { provider: provider() },
            );
        });
        const issues = kubernetesSchemaIssues(registry);
        assert.deepEqual(
            issues.map((i) => `${i.type} ${i.path}`),
            ["kubernetes:v1:ConfigMap dat"],
        );
        assert.match(issues[0].message, /^is not a field of ConfigMap; known: .*data/);
    });

    it("reports kinds it has no schema for and API versions Kubernetes removed, instead of skipping them", async () => {
        const { registry } = await build(() => {
            const p = provider();
            new k8s.apiextensions.CustomResource("typo", { apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } }, { provider: p });
            new k8s.apiextensions.CustomResource(
                "old",
                { apiVersion: "policy/v1beta1", kind: "PodDisruptionBudget", metadata: { name: "x" } },
                { provider: p },
            );
        });
        const issues = kubernetesSchemaIssues(registry);
        assert.deepEqual(
            issues.map((i) => `${i.name}: ${i.message}`),
            [
                "typo: no schema for apps/v1 Deploymnet (kubernetes-models has none: a kind or version the Kubernetes API does not serve)",
                "old: policy/v1beta1 PodDisruptionBudget is no longer served: Kubernetes 1.25 removed it (see the API deprecation guide)",
            ],
        );
    });

    it("skips custom resources and Helm releases, saying why, and validates the rest", async () => {
        const { registry } = await build(() => {
            const p = provider();
            new k8s.core.v1.Namespace("ns", { metadata: { name: "trident" } }, { provider: p });
            new k8s.apiextensions.CustomResource(
                "backend",
                { apiVersion: "trident.netapp.io/v1", kind: "TridentBackendConfig", metadata: { name: "b" } },
                { provider: p },
            );
            new k8s.helm.v3.Release("trident", { chart: "trident-operator", namespace: "trident" }, { provider: p });
        });
        const report = kubernetesSchemaReport(registry);
        assert.equal(report.checked, 1);
        assert.deepEqual(report.issues, []);
        assert.deepEqual(
            report.skipped.map((s) => `${s.name}: ${s.reason}`),
            [
                "backend: a custom resource (API group trident.netapp.io): its schema is its CustomResourceDefinition, in the cluster",
                "trident: a Helm chart: the objects it renders are not visible offline",
            ],
        );
    });
});
