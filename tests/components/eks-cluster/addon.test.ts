import * as assert from "node:assert";
import * as iam from "@pulumi/aws/iam";
import { createAddon, parseServiceAccount, podIdentityTrustPolicy } from "../../../components/eks-cluster/addon";
import { build, unwrap } from "../../../components/testing";
import { CLUSTER_NAME, testPlane } from "./storage-ctx";

const ADDON = "aws:eks/addon:Addon";
const ROLE = "aws:iam/role:Role";
const EBS_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

function ebs(extra: Partial<Parameters<typeof createAddon>[3]> = {}) {
    return build(() => {
        const { ctx, plane } = testPlane();
        return createAddon(ctx, plane, "ebs-csi", {
            addonName: "aws-ebs-csi-driver",
            version: "v1.44.0-eksbuild.1",
            identities: [{ serviceAccount: "kube-system/ebs-csi-controller-sa", managedPolicyArns: { ebs: EBS_POLICY } }],
            ...extra,
        });
    });
}

describe("createAddon", () => {
    it("creates the add-on on the cluster with its name, version and conflict resolution", async () => {
        const { registry } = await ebs();
        registry.hasInputs(ADDON, "main-ebs-csi", {
            clusterName: CLUSTER_NAME,
            addonName: "aws-ebs-csi-driver",
            addonVersion: "v1.44.0-eksbuild.1",
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "PRESERVE",
            configurationValues: undefined,
        });
    });

    it("binds each identity's role to its service account through podIdentityAssociations", async () => {
        const { registry, result } = await ebs();
        const role = registry.one(ROLE);
        const addon = registry.one(ADDON);
        assert.deepEqual(addon.inputs.podIdentityAssociations, [{ roleArn: role.outputs.arn, serviceAccount: "ebs-csi-controller-sa" }]);
        assert.deepEqual(Object.keys(result.roles), ["ebs-csi-controller-sa"]);
        assert.ok(result.roles["ebs-csi-controller-sa"] instanceof iam.Role);
    });

    it("trusts pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession, only for its service account on this cluster", async () => {
        const { registry } = await ebs();
        registry.hasInputs(ROLE, "main-ebs-csi-ebs-csi-controller-sa", {
            assumeRolePolicy: {
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: {
                                "aws:RequestTag/eks-cluster-name": CLUSTER_NAME,
                                "aws:RequestTag/kubernetes-namespace": "kube-system",
                                "aws:RequestTag/kubernetes-service-account": "ebs-csi-controller-sa",
                            },
                        },
                    },
                ],
            },
        });
    });

    it("renders the Pod Identity trust policy as AWS documents it, byte for byte", async () => {
        assert.equal(
            await unwrap(podIdentityTrustPolicy("demo", "kube-system/ebs-csi-controller-sa")),
            '{"Version":"2012-10-17","Statement":[{"Sid":"AllowEksAuthToAssumeRoleForPodIdentity","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/eks-cluster-name":"demo","aws:RequestTag/kubernetes-namespace":"kube-system","aws:RequestTag/kubernetes-service-account":"ebs-csi-controller-sa"}}}]}',
        );
    });

    it("attaches the AWS-managed policies to the role", async () => {
        const { registry } = await ebs();
        assert.deepEqual(registry.managedPoliciesOf("main-ebs-csi-ebs-csi-controller-sa"), [EBS_POLICY]);
        assert.deepEqual(registry.policiesOf("main-ebs-csi-ebs-csi-controller-sa"), []);
    });

    it("puts inline statements in one role policy", async () => {
        const statement = { Effect: "Allow" as const, Action: ["kms:Decrypt"], Resource: "arn:aws:kms:us-east-1:123456789012:key/k" };
        const { registry } = await ebs({ identities: [{ serviceAccount: "kube-system/ebs-csi-controller-sa", statements: [statement] }] });
        assert.deepEqual(registry.statementsOf("main-ebs-csi-ebs-csi-controller-sa"), [statement]);
        assert.deepEqual(registry.managedPoliciesOf("main-ebs-csi-ebs-csi-controller-sa"), []);
    });

    it("waits for the role's policies before the add-on gets the role ARN", async () => {
        const { registry } = await ebs();
        const attachment = registry.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        const addon = registry.one(ADDON);
        assert.ok(addon.dependencies.includes(attachment.urn), "the add-on depends on the policy attachment");
    });

    it("renders configurationValues as JSON", async () => {
        const { registry } = await ebs({ configurationValues: { controller: { replicaCount: 2 } } });
        assert.equal(registry.one(ADDON).inputs.configurationValues, '{"controller":{"replicaCount":2}}');
    });

    it("creates no role and no association for an add-on without identities", async () => {
        const { registry, result } = await build(() => {
            const { ctx, plane } = testPlane();
            return createAddon(ctx, plane, "coredns", { addonName: "coredns" });
        });
        assert.equal(registry.ofType(ROLE).length, 0);
        assert.deepEqual(result.roles, {});
        registry.hasInputs(ADDON, "main-coredns", { addonName: "coredns", podIdentityAssociations: undefined, addonVersion: undefined });
    });

    it("depends on what the spec names (nodes, the pod identity agent)", async () => {
        const { registry } = await build(() => {
            const { ctx, plane } = testPlane();
            const agent = createAddon(ctx, plane, "pod-identity-agent", { addonName: "eks-pod-identity-agent" });
            return createAddon(ctx, plane, "ebs-csi", { addonName: "aws-ebs-csi-driver", dependsOn: [agent.addon] });
        });
        const agent = registry.one(ADDON, "main-pod-identity-agent");
        assert.ok(registry.one(ADDON, "main-ebs-csi").dependencies.includes(agent.urn));
    });

    it("creates a standalone Pod Identity association before the add-on, so its first pods get credentials", async () => {
        const { registry } = await ebs({
            identities: [{ serviceAccount: "kube-system/ebs-csi-controller-sa", managedPolicyArns: { ebs: EBS_POLICY }, association: "standalone" }],
        });
        const association = registry.one("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        const addon = registry.one(ADDON, "main-ebs-csi");
        assert.equal(addon.inputs.podIdentityAssociations, undefined);
        assert.ok(addon.dependencies.includes(association.urn), "the add-on waits for its standalone association");
    });

    it("gives one role per service account of a multi-identity add-on", async () => {
        const { registry, result } = await build(() => {
            const { ctx, plane } = testPlane();
            return createAddon(ctx, plane, "efs-csi", {
                addonName: "aws-efs-csi-driver",
                identities: [
                    {
                        serviceAccount: "kube-system/efs-csi-controller-sa",
                        managedPolicyArns: { efs: "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy" },
                    },
                    {
                        serviceAccount: "kube-system/efs-csi-node-sa",
                        managedPolicyArns: { efs: "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy" },
                    },
                ],
            });
        });
        assert.deepEqual(Object.keys(result.roles), ["efs-csi-controller-sa", "efs-csi-node-sa"]);
        const associations = await unwrap(registry.one(ADDON).inputs.podIdentityAssociations);
        assert.deepEqual(
            (associations as Array<{ serviceAccount: string }>).map((a) => a.serviceAccount),
            ["efs-csi-controller-sa", "efs-csi-node-sa"],
        );
    });

    it("tags the add-on and its roles with the component's tags", async () => {
        const { registry } = await ebs();
        assert.equal(registry.one(ADDON).inputs.tags["aws-platform:component"], "EksCluster/main");
        assert.equal(registry.one(ROLE).inputs.tags.team, "platform");
    });

    it("fits a long component's role names into IAM's 64 characters, distinct per service account", async () => {
        const name = `platform-${"x".repeat(90)}`;
        const { registry } = await build(() => {
            const { ctx, plane } = testPlane(name);
            return createAddon(ctx, plane, "efs-csi", {
                addonName: "aws-efs-csi-driver",
                identities: [{ serviceAccount: "kube-system/efs-csi-controller-sa" }, { serviceAccount: "kube-system/efs-csi-node-sa" }],
            });
        });
        const roles = registry.ofType(ROLE).map((r) => r.outputs.name as string);
        assert.equal(new Set(roles).size, 2);
        for (const r of roles) assert.ok(r.length <= 64, r);
    });

    describe("parseServiceAccount", () => {
        it("splits namespace/name", () =>
            assert.deepEqual(parseServiceAccount("kube-system/ebs-csi-controller-sa"), { namespace: "kube-system", name: "ebs-csi-controller-sa" }));
        for (const bad of ["ebs-csi-controller-sa", "kube-system/", "/sa", "Kube/sa", "a/b/c"]) {
            it(`refuses ${JSON.stringify(bad)} (not <namespace>/<name>)`, () => assert.throws(() => parseServiceAccount(bad), /not "<namespace>\/<name>"/));
        }
    });
});
