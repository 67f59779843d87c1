import * as assert from "node:assert";
import { ManagedNodeGroup } from "../../../components/eks-node-groups";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { CLUSTER_NAME, SUBNETS, T, managedArgs } from "./fixtures";

type Built = { registry: Registry; result: ManagedNodeGroup; warnings: string[] };

const NODE_POLICIES = [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
];

describe("ManagedNodeGroup", () => {
    describe("on-demand AL2023 with labels and taints", () => {
        let b: Built;
        before(async () => {
            b = await build(
                () =>
                    new ManagedNodeGroup(
                        "general",
                        managedArgs({
                            minSize: 2,
                            desiredSize: 3,
                            maxSize: 6,
                            labels: { workload: "general", "node.kubernetes.io/role": "app" },
                            taints: { dedicated: { value: "app", effect: "NoSchedule" }, "example.com/drain": { effect: "NoExecute" } },
                            tags: { team: "platform" },
                        }),
                    ),
                { config: { "aws:defaultTags": JSON.stringify({ tags: { project: "aws-platform" } }) } },
            );
        });

        it("creates an aws.eks.NodeGroup on the cluster, in the subnets, with the node role", () => {
            const ng = b.registry.one(T.nodeGroup, "general-node-group").inputs;
            assert.equal(ng.clusterName, CLUSTER_NAME);
            assert.deepEqual(ng.subnetIds, SUBNETS);
            assert.equal(ng.nodeRoleArn, b.registry.one(T.role, "general-node-role").outputs.arn);
            assert.equal(ng.version, "1.33");
        });

        it("runs AL2023 x86_64 on demand on the instance types in order", () => {
            b.registry.hasInputs(T.nodeGroup, "general-node-group", {
                amiType: "AL2023_x86_64_STANDARD",
                capacityType: "ON_DEMAND",
                instanceTypes: ["m7i.large", "m6i.large"],
            });
        });

        it("sizes the group min/desired/max and replaces one node at a time", () => {
            b.registry.hasInputs(T.nodeGroup, "general-node-group", {
                scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 6 },
                updateConfig: { maxUnavailable: 1, maxUnavailablePercentage: undefined },
            });
        });

        it("leaves the desired size to the autoscaler after creation (ignoreChanges)", () => {
            assert.deepEqual(b.registry.one(T.nodeGroup).ignoreChanges, ["scalingConfig.desiredSize"]);
        });

        it("labels the nodes and taints them with EKS's effect names", () => {
            const ng = b.registry.one(T.nodeGroup).inputs;
            assert.deepEqual(ng.labels, { workload: "general", "node.kubernetes.io/role": "app" });
            assert.deepEqual(ng.taints, [
                { key: "dedicated", value: "app", effect: "NO_SCHEDULE" },
                { key: "example.com/drain", effect: "NO_EXECUTE" },
            ]);
        });

        it("uses the launch template's latest version, so a template change rolls the nodes", () => {
            const lt = b.registry.one(T.launchTemplate, "general-launch-template");
            assert.deepEqual(b.registry.one(T.nodeGroup).inputs.launchTemplate, { id: lt.id, version: String(lt.outputs.latestVersion) });
        });

        describe("the launch template", () => {
            it("requires IMDSv2 with a hop limit of 1", () => {
                b.registry.hasInputs(T.launchTemplate, "general-launch-template", {
                    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
                });
            });

            it("gives nodes an encrypted gp3 root volume of diskSizeGiB", () => {
                b.registry.hasInputs(T.launchTemplate, "general-launch-template", {
                    blockDeviceMappings: [
                        { deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
                    ],
                });
            });

            it("names no security group, AMI, instance profile or user data, so EKS attaches the cluster security group and bootstraps", () => {
                const lt = b.registry.one(T.launchTemplate, "general-launch-template").inputs;
                for (const key of ["vpcSecurityGroupIds", "securityGroupNames", "imageId", "iamInstanceProfile", "userData", "networkInterfaces"]) {
                    assert.equal(lt[key], undefined, key);
                }
            });

            it("tags instances, volumes and ENIs with the provider's default tags and the component's tags", () => {
                const specs = b.registry.one(T.launchTemplate, "general-launch-template").inputs.tagSpecifications as Array<{
                    resourceType: string;
                    tags: any;
                }>;
                assert.deepEqual(
                    specs.map((s) => s.resourceType),
                    ["instance", "volume", "network-interface"],
                );
                for (const s of specs) {
                    assert.equal(s.tags.project, "aws-platform", s.resourceType);
                    assert.equal(s.tags.team, "platform", s.resourceType);
                    assert.equal(s.tags["aws-platform:component"], "ManagedNodeGroup/general", s.resourceType);
                }
                assert.equal(specs[0].tags.Name, "general-node");
            });
        });

        describe("the node role", () => {
            it("is trusted by EC2 only, without conditions", () => {
                const trust = json(b.registry.one(T.role, "general-node-role").inputs.assumeRolePolicy);
                assert.deepEqual(trust.Statement, [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
            });

            it("has the worker, ECR pull-only and SSM policies and no CNI policy", () => {
                assert.deepEqual(b.registry.managedPoliciesOf("general-node-role"), NODE_POLICIES);
                assert.deepEqual(b.registry.policiesOf("general-node-role"), []);
            });

            it("is the roleArn output", async () => {
                assert.equal(await unwrap(b.result.roleArn), b.registry.one(T.role, "general-node-role").outputs.arn);
            });
        });

        it("creates no access entry (EKS makes the managed group's own)", () => {
            assert.equal(b.registry.ofType(T.accessEntry).length, 0);
        });

        it("parents every child to the component", () => {
            const component = b.registry.one(T.managed, "general");
            const direct = b.registry.childrenOf(component).map((r) => r.name);
            for (const n of ["general-node-role", "general-launch-template", "general-node-group"]) assert.ok(direct.includes(n), n);
        });
    });

    describe("Spot Bottlerocket on Graviton", () => {
        let b: Built;
        before(async () => {
            b = await build(
                () =>
                    new ManagedNodeGroup(
                        "arm",
                        managedArgs({
                            capacityType: "SPOT",
                            amiFamily: "bottlerocket",
                            architecture: "arm64",
                            instanceTypes: ["m7g.large"],
                            diskSizeGiB: 50,
                            maxUnavailable: "33%",
                            maxSize: 500,
                            attachCniPolicy: true,
                        }),
                    ),
            );
        });

        it("asks EKS for the Bottlerocket arm64 AMI on Spot", () => {
            b.registry.hasInputs(T.nodeGroup, "arm-node-group", { amiType: "BOTTLEROCKET_ARM_64", capacityType: "SPOT", instanceTypes: ["m7g.large"] });
        });

        it("maps Bottlerocket's OS volume and its data volume of diskSizeGiB, both encrypted gp3", () => {
            b.registry.hasInputs(T.launchTemplate, "arm-launch-template", {
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: undefined, volumeType: "gp3", encrypted: "true" } },
                    { deviceName: "/dev/xvdb", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true" } },
                ],
            });
        });

        it("replaces a percentage of the nodes at a time", () => {
            b.registry.hasInputs(T.nodeGroup, "arm-node-group", { updateConfig: { maxUnavailablePercentage: 33, maxUnavailable: undefined } });
        });

        it("attaches AmazonEKS_CNI_Policy to the node role when asked", () => {
            assert.deepEqual(b.registry.managedPoliciesOf("arm-node-role"), [...NODE_POLICIES, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
        });

        it("warns about Spot with a single instance type", () => {
            assert.ok(
                b.warnings.some((w) => w.startsWith("[aws-platform:eks:spot-diversity]")),
                b.warnings.join("\n"),
            );
        });

        it("warns when maxSize is above EKS's default quota of 450 nodes per group", () => {
            assert.ok(
                b.warnings.some((w) => w.startsWith("[aws-platform:eks:node-quota]") && w.includes("maxSize=500")),
                b.warnings.join("\n"),
            );
        });
    });

    it("warns about nothing with the defaults", async () => {
        const b = await build(() => new ManagedNodeGroup("quiet", managedArgs()));
        assert.deepEqual(b.warnings, []);
    });

    it("applies a transform to the node group and its options", async () => {
        const b = await build(
            () =>
                new ManagedNodeGroup(
                    "t",
                    managedArgs({
                        transform: {
                            nodeGroup: (args, opts) => {
                                opts.protect = true;
                                return { ...args, forceUpdateVersion: true };
                            },
                        },
                    }),
                ),
        );
        const ng = b.registry.one(T.nodeGroup);
        assert.equal(ng.inputs.forceUpdateVersion, true);
        assert.equal(ng.protect, true);
        assert.deepEqual(ng.ignoreChanges, ["scalingConfig.desiredSize"]);
    });
});
