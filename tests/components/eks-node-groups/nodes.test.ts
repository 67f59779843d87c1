import * as assert from "node:assert";
import { nodePolicies } from "../../../components/eks-node-groups/nodes";
import { blockDevices } from "../../../components/shared/launch-template";
import { unwrap } from "../../../components/testing";

describe("node role and launch template parts", () => {
    it("maps one encrypted gp3 root volume for AL2023", () => {
        assert.deepEqual(blockDevices("al2023", 40), [
            { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", volumeSize: 40 } },
        ]);
    });

    it("maps Bottlerocket's OS volume at its snapshot size and sizes its data volume", () => {
        assert.deepEqual(blockDevices("bottlerocket", 40), [
            { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
            { deviceName: "/dev/xvdb", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", volumeSize: 40 } },
        ]);
    });

    it("builds the node policies' ARNs in the partition, the CNI policy only when asked", async () => {
        const without = nodePolicies("aws-cn", false);
        assert.deepEqual(Object.keys(without), ["worker", "ecr", "ssm"]);
        assert.equal(await unwrap(without.ecr), "arn:aws-cn:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly");
        assert.equal(await unwrap(nodePolicies("aws", true).cni), "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
    });
});
