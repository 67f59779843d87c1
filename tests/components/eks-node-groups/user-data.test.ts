import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { SelfManagedNodeGroup } from "../../../components/eks-node-groups";
import { kubeletFlags, nodeadmUserData } from "../../../components/eks-node-groups/user-data";
import { build } from "../../../components/testing";
import { T, cluster, selfManagedArgs } from "./fixtures";

const GOLDEN = path.join(__dirname, "golden", "nodeadm-user-data.txt");

/** The NodeConfig document inside the MIME part of content type application/node.eks.aws. */
function nodeConfigOf(userData: string): any {
    const part = /Content-Type: application\/node\.eks\.aws\n\n([\s\S]*?)\n--BOUNDARY--/.exec(userData);
    assert.ok(part, userData);
    return YAML.parse(part[1]);
}

describe("nodeadm user data", () => {
    let rendered: string;
    before(async () => {
        const b = await build(
            () =>
                new SelfManagedNodeGroup(
                    "workers",
                    selfManagedArgs({
                        labels: { workload: "batch", "node.kubernetes.io/lifecycle": "spot" },
                        taints: { "example.com/batch": { value: "true", effect: "NoSchedule" }, spot: { effect: "PreferNoSchedule" } },
                    }),
                ),
        );
        rendered = Buffer.from(b.registry.one(T.launchTemplate, "workers-launch-template").inputs.userData, "base64").toString("utf8");
    });

    it("matches the golden file (UPDATE_GOLDEN=1 to refresh after review)", () => {
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, rendered);
        assert.equal(rendered, fs.readFileSync(GOLDEN, "utf8"), "nodeadm user data changed; review the diff, then UPDATE_GOLDEN=1");
    });

    it("is a MIME multi-part document with one part of content type application/node.eks.aws", () => {
        assert.ok(rendered.startsWith('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="BOUNDARY"\n\n--BOUNDARY\n'), rendered);
        assert.equal(rendered.match(/^--BOUNDARY$/gm)?.length, 1);
        assert.ok(rendered.endsWith("\n--BOUNDARY--\n"));
        assert.equal(rendered.match(/^Content-Type: /gm)?.length, 2);
    });

    it("holds a NodeConfig with the cluster block terraform-aws-eks renders (name, apiServerEndpoint, certificateAuthority, cidr)", () => {
        const doc = nodeConfigOf(rendered);
        const c = cluster();
        assert.equal(doc.apiVersion, "node.eks.aws/v1alpha1");
        assert.equal(doc.kind, "NodeConfig");
        assert.deepEqual(doc.spec.cluster, {
            name: c.name,
            apiServerEndpoint: c.endpoint,
            certificateAuthority: c.certificateAuthority,
            cidr: c.serviceIpv4Cidr,
        });
    });

    it("passes labels and taints as kubelet flags, sorted by key", () => {
        assert.deepEqual(nodeConfigOf(rendered).spec.kubelet, {
            flags: [
                "--node-labels=node.kubernetes.io/lifecycle=spot,workload=batch",
                "--register-with-taints=example.com/batch=true:NoSchedule,spot:PreferNoSchedule",
            ],
        });
    });

    it("does not change when labels or taints are given in another order", () => {
        const a = kubeletFlags({ a: "1", b: "2" }, { x: { value: "", effect: "NoSchedule" }, y: { value: "v", effect: "NoExecute" } });
        const b = kubeletFlags({ b: "2", a: "1" }, { y: { value: "v", effect: "NoExecute" }, x: { value: "", effect: "NoSchedule" } });
        assert.deepEqual(a, b);
    });

    it("quotes every value, so YAML reads back exactly the strings given", () => {
        const tricky = { name: "yes", apiServerEndpoint: "https://x.example.com:443", certificateAuthority: "0123", cidr: "10.100.0.0/16" };
        const doc = nodeConfigOf(nodeadmUserData(tricky, {}, {}));
        assert.deepEqual(doc.spec.cluster, tricky);
    });
});
