/** The shared Kubernetes name and label syntax, and that every component refuses what the API server refuses. */
import * as assert from "node:assert";
import { validate as validateEksCluster } from "../../components/eks-cluster/validate";
import { validateFargate, validateManaged } from "../../components/eks-node-groups/validate";
import { validateStatelessApp } from "../../components/kubernetes-workloads/validate";
import { isDnsLabel, isDnsSubdomain, isLabelValue, isQualifiedName } from "../../components/shared/kubernetes-names";
import { SMALL } from "./eks-cluster/cluster-fixture";
import { fargateArgs, managedArgs } from "./eks-node-groups/fixtures";
import { testTarget, webArgs } from "./kubernetes-workloads/fixtures";

describe("Kubernetes name syntax", () => {
    const qualified: Array<[string, boolean]> = [
        ["role", true],
        ["example.com/role", true],
        ["node.kubernetes.io/lifecycle", true],
        ["a_b.c-d", true],
        [`${"k".repeat(63)}`, true],
        [`${"k".repeat(64)}`, false],
        ["-role", false],
        ["role-", false],
        ["Example.com/role", false],
        ["/role", false],
        ["a/b/c", false],
        ["example..com/role", false],
        [`${"p".repeat(254)}/role`, false],
        ["", false],
    ];
    for (const [key, ok] of qualified) it(`${ok ? "accepts" : "refuses"} the key ${JSON.stringify(key)}`, () => assert.equal(isQualifiedName(key), ok));

    const values: Array<[string, boolean]> = [
        ["", true],
        ["v1.2_x-y", true],
        ["v".repeat(63), true],
        ["v".repeat(64), false],
        ["a b", false],
        ["-a", false],
    ];
    for (const [value, ok] of values) it(`${ok ? "accepts" : "refuses"} the label value ${JSON.stringify(value)}`, () => assert.equal(isLabelValue(value), ok));

    it("takes subdomains of at most 253 characters, each label non-empty", () => {
        assert.ok(isDnsSubdomain("ebs-sc.example.com"));
        assert.ok(isDnsSubdomain(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`));
        assert.ok(!isDnsSubdomain(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`));
        assert.ok(!isDnsSubdomain("example..com"));
        assert.ok(!isDnsSubdomain("Example.com"));
        assert.ok(!isDnsSubdomain(""));
    });

    it("takes namespaces as RFC 1123 labels", () => {
        assert.ok(isDnsLabel("kube-system"));
        assert.ok(!isDnsLabel("Kube"));
        assert.ok(!isDnsLabel("a.b"));
        assert.ok(!isDnsLabel("n".repeat(64)));
    });
});

describe("Kubernetes label keys: one rule in every component", () => {
    // An empty DNS label in the prefix: the API server refuses it (IsDNS1123Subdomain).
    const KEY = "example..com/role";
    const paths = (issues: Array<{ path: string; message: string }>) => issues.filter((i) => /is not a valid label key/.test(i.message)).map((i) => i.path);

    it("EksCluster refuses it as a namespace label key", () => {
        const issues = validateEksCluster({ ...SMALL, namespaces: { shop: { labels: { [KEY]: "x" } } } });
        assert.deepEqual(paths(issues), [`namespaces.shop.labels.${KEY}`]);
    });

    it("ManagedNodeGroup refuses it as a node label key", () => {
        assert.deepEqual(paths(validateManaged(managedArgs({ labels: { [KEY]: "x" } }))), [`labels.${KEY}`]);
    });

    it("FargateProfile refuses it as a selector label key", () => {
        const issues = validateFargate(fargateArgs({ selectors: [{ namespace: "web", labels: { [KEY]: "x" } }] }));
        assert.deepEqual(paths(issues), [`selectors[0].labels.${KEY}`]);
    });

    it("StatelessApp refuses it as a pod label key and a node selector key", () => {
        const args = { ...webArgs(testTarget()), labels: { [KEY]: "x" }, nodeSelector: { [KEY]: "x" } };
        assert.deepEqual(paths(validateStatelessApp("web", args)).sort(), [`labels.${KEY}`, `nodeSelector.${KEY}`]);
    });
});
