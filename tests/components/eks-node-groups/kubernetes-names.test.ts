import * as assert from "node:assert";
import { isReservedNodeLabel } from "../../../components/eks-node-groups/kubernetes-names";

describe("kubelet-reserved node labels", () => {
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
});
