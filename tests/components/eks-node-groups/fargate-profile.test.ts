import * as assert from "node:assert";
import { FargateProfile } from "../../../components/eks-node-groups";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { CLUSTER_NAME, SUBNETS, T, fargateArgs } from "./fixtures";

describe("FargateProfile", () => {
    let b: { registry: Registry; result: FargateProfile };
    before(async () => {
        b = await build(
            () =>
                new FargateProfile(
                    "apps",
                    fargateArgs({ selectors: [{ namespace: "batch" }, { namespace: "web", labels: { compute: "fargate" } }], tags: { team: "platform" } }),
                ),
            { config: { "aws:region": "eu-west-1" } },
        );
    });

    it("creates an aws.eks.FargateProfile on the cluster, in the private subnets, with the selectors", () => {
        b.registry.hasInputs(T.fargateProfile, "apps-profile", {
            clusterName: CLUSTER_NAME,
            subnetIds: SUBNETS,
            selectors: [
                { namespace: "batch", labels: undefined },
                { namespace: "web", labels: { compute: "fargate" } },
            ],
            tags: { team: "platform", "aws-platform:component": "FargateProfile/apps" },
        });
    });

    it("runs its pods with the pod execution role", () => {
        assert.equal(b.registry.one(T.fargateProfile).inputs.podExecutionRoleArn, b.registry.one(T.role, "apps-pod-execution-role").outputs.arn);
    });

    it("trusts eks-fargate-pods.amazonaws.com only for Fargate profiles of this cluster (aws:SourceArn)", () => {
        const trust = json(b.registry.one(T.role, "apps-pod-execution-role").inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { ArnLike: { "aws:SourceArn": `arn:aws:eks:eu-west-1:123456789012:fargateprofile/${CLUSTER_NAME}/*` } },
            },
        ]);
    });

    it("gives the pod execution role AmazonEKSFargatePodExecutionRolePolicy only", () => {
        assert.deepEqual(b.registry.managedPoliciesOf("apps-pod-execution-role"), ["arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"]);
        assert.deepEqual(b.registry.policiesOf("apps-pod-execution-role"), []);
    });

    it("waits for the policy before creating the profile (podExecutionRoleArn resolves after it)", () => {
        const attachment = b.registry.one(T.attachment, "apps-pod-execution-role-pod-execution");
        assert.ok(b.registry.one(T.fargateProfile).dependencies.includes(attachment.urn));
    });

    it("exposes the role ARN and the profile name", async () => {
        assert.equal(await unwrap(b.result.podExecutionRoleArn), b.registry.one(T.role).outputs.arn);
        assert.equal(await unwrap(b.result.profileName), b.registry.one(T.fargateProfile).outputs.fargateProfileName);
    });

    it("creates no access entry (EKS makes the pod execution role's own)", () => {
        assert.equal(b.registry.ofType(T.accessEntry).length, 0);
    });
});
