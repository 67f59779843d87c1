import * as assert from "node:assert";
import { build } from "../../../components/testing";
import * as scenario from "../../scenarios/eks-nodes-any-cluster";
import { T } from "./fixtures";

describe("scenario eks-nodes-any-cluster: the node components on a plain aws.eks.Cluster", () => {
    it("builds a managed, a self-managed and a Fargate node kind from the cluster's outputs", async () => {
        const { registry } = await build(scenario.program, { fixtures: scenario.fixtures });
        const clusterName = registry.one("aws:eks/cluster:Cluster").outputs.name;
        assert.equal(registry.one(T.nodeGroup).inputs.clusterName, clusterName);
        assert.equal(registry.one(T.accessEntry).inputs.clusterName, clusterName);
        assert.equal(registry.one(T.fargateProfile).inputs.clusterName, clusterName);
        assert.deepEqual(registry.one(T.launchTemplate, "batch-launch-template").inputs.vpcSecurityGroupIds, ["sg-0c1a2b3c4d5e6f708"]);
        const userData = Buffer.from(registry.one(T.launchTemplate, "batch-launch-template").inputs.userData, "base64").toString("utf8");
        assert.ok(userData.includes('cidr: "172.20.0.0/16"'), userData);
        assert.ok(userData.includes(`name: "${clusterName}"`), userData);
    });
});
