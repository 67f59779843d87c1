import * as assert from "node:assert";
import { isLabelValue, isNamespace, isQualifiedName, isReservedNodeLabel } from "../../../components/eks-node-groups/kubernetes-names";

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

    const reserved: Array<[string, boolean]> = [
        ["node-role.kubernetes.io/worker", true],
        ["kubernetes.io/role", true],
        ["app.kubernetes.io/name", true],
        ["k8s.io/x", true],
        ["node.kubernetes.io/lifecycle", false],
        ["kubelet.kubernetes.io/x", false],
        ["foo.node.kubernetes.io/x", false],
        ["topology.kubernetes.io/zone", false],
        ["kubernetes.io/arch", false],
        ["example.com/role", false],
        ["role", false],
    ];
    for (const [key, is] of reserved) it(`${is ? "reserves" : "allows"} the node label ${key}`, () => assert.equal(isReservedNodeLabel(key), is));

    it("takes namespaces as RFC 1123 labels", () => {
        assert.ok(isNamespace("kube-system"));
        assert.ok(!isNamespace("Kube"));
        assert.ok(!isNamespace("a.b"));
        assert.ok(!isNamespace("n".repeat(64)));
    });
});
