import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { SelfManagedNodeGroup, eksAmiParameter } from "../../../components/eks-node-groups";
import { Registry, build, buildFails, json, unwrap } from "../../../components/testing";
import { CLUSTER_NAME, SUBNETS, T, cluster, selfManagedArgs } from "./fixtures";

type Built = { registry: Registry; result: SelfManagedNodeGroup };

function userDataOf(registry: Registry, name: string): string {
    return Buffer.from(registry.one(T.launchTemplate, name).inputs.userData, "base64").toString("utf8");
}

describe("SelfManagedNodeGroup", () => {
    describe("on-demand base with Spot above, labels and taints", () => {
        let b: Built;
        before(async () => {
            b = await build(
                () =>
                    new SelfManagedNodeGroup(
                        "spot",
                        selfManagedArgs({
                            minSize: 1,
                            desiredSize: 2,
                            maxSize: 10,
                            onDemandBaseCapacity: 1,
                            onDemandPercentageAboveBaseCapacity: 25,
                            minHealthyPercentage: 66,
                            labels: { lifecycle: "spot" },
                            taints: { spot: { value: "true", effect: "PreferNoSchedule" } },
                        }),
                    ),
                { config: { "aws:defaultTags": JSON.stringify({ tags: { project: "aws-platform" } }) } },
            );
        });

        describe("the Auto Scaling group", () => {
            it("mixes an on-demand base with Spot above it, price-capacity-optimized, over the instance types in order", () => {
                const lt = b.registry.one(T.launchTemplate, "spot-launch-template");
                b.registry.hasInputs(T.asg, "spot-asg", {
                    mixedInstancesPolicy: {
                        instancesDistribution: {
                            onDemandBaseCapacity: 1,
                            onDemandPercentageAboveBaseCapacity: 25,
                            spotAllocationStrategy: "price-capacity-optimized",
                        },
                        launchTemplate: {
                            launchTemplateSpecification: { launchTemplateId: lt.id, version: String(lt.outputs.latestVersion) },
                            overrides: [{ instanceType: "m7i.large" }, { instanceType: "m6i.large" }, { instanceType: "m5.large" }],
                        },
                    },
                });
            });

            it("rebalances Spot capacity before interruptions", () => {
                b.registry.hasInputs(T.asg, "spot-asg", { capacityRebalance: true });
            });

            it("spans the subnets between minSize and maxSize, starting at desiredSize", () => {
                b.registry.hasInputs(T.asg, "spot-asg", { vpcZoneIdentifiers: SUBNETS, minSize: 1, maxSize: 10, desiredCapacity: 2 });
            });

            it("refreshes instances rolling, keeping minHealthyPercentage in service", () => {
                b.registry.hasInputs(T.asg, "spot-asg", { instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 66 } } });
            });

            it("leaves the desired capacity to the autoscaler after creation (ignoreChanges)", () => {
                assert.deepEqual(b.registry.one(T.asg).ignoreChanges, ["desiredCapacity"]);
            });

            it("carries kubernetes.io/cluster/<name>=owned and the default and component tags to its instances", () => {
                const tags = b.registry.one(T.asg).inputs.tags as Array<{ key: string; value: string; propagateAtLaunch: boolean }>;
                const byKey = Object.fromEntries(tags.map((t) => [t.key, t]));
                for (const [key, value] of [
                    [`kubernetes.io/cluster/${CLUSTER_NAME}`, "owned"],
                    ["project", "aws-platform"],
                    ["aws-platform:component", "SelfManagedNodeGroup/spot"],
                ]) {
                    assert.deepEqual(byKey[key], { key, value, propagateAtLaunch: true }, key);
                }
            });

            it("waits for the node role's EC2_LINUX access entry", () => {
                const entry = b.registry.one(T.accessEntry, "spot-access-entry");
                assert.ok(b.registry.one(T.asg).dependsOn.includes(entry.urn));
            });

            it("is the nodeGroup output", async () => {
                assert.equal(await unwrap(b.result.autoScalingGroupName), b.registry.one(T.asg).outputs.name);
                assert.equal(await unwrap(b.result.nodeGroup.urn), b.registry.one(T.asg).urn);
            });
        });

        describe("the access entry", () => {
            it("admits the node role as EC2_LINUX on the cluster, without Kubernetes groups", () => {
                b.registry.hasInputs(T.accessEntry, "spot-access-entry", {
                    clusterName: CLUSTER_NAME,
                    principalArn: b.registry.one(T.role, "spot-node-role").outputs.arn,
                    type: "EC2_LINUX",
                    kubernetesGroups: undefined,
                });
            });
        });

        describe("the launch template", () => {
            it("boots the EKS-optimized AL2023 AMI of the cluster's version and architecture from its SSM parameter", () => {
                const calls = b.registry.invokes("aws:ssm/getParameter:getParameter");
                assert.deepEqual(
                    calls.map((c) => c.inputs.name),
                    ["/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/image_id"],
                );
                assert.match(b.registry.one(T.launchTemplate).inputs.imageId, /^ami-[0-9a-f]{17}$/);
            });

            it("attaches the cluster security group and the instance profile of the node role", () => {
                const lt = b.registry.one(T.launchTemplate).inputs;
                assert.deepEqual(lt.vpcSecurityGroupIds, [cluster().securityGroupId]);
                const profile = b.registry.one(T.instanceProfile, "spot-instance-profile");
                assert.equal(lt.iamInstanceProfile.arn, profile.outputs.arn);
                assert.equal(profile.inputs.role, b.registry.one(T.role, "spot-node-role").outputs.name);
            });

            it("requires IMDSv2 with a hop limit of 1 and an encrypted gp3 root volume", () => {
                b.registry.hasInputs(T.launchTemplate, "spot-launch-template", {
                    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true" } }],
                });
            });

            it("tags instances, volumes and ENIs with the cluster tag and the default tags", () => {
                for (const s of b.registry.one(T.launchTemplate).inputs.tagSpecifications) {
                    assert.equal(s.tags[`kubernetes.io/cluster/${CLUSTER_NAME}`], "owned", s.resourceType);
                    assert.equal(s.tags.project, "aws-platform", s.resourceType);
                }
            });

            it("joins the cluster with nodeadm: name, endpoint, CA and service CIDR, labels and taints as kubelet flags", () => {
                const text = userDataOf(b.registry, "spot-launch-template");
                const c = cluster();
                assert.ok(text.includes("Content-Type: application/node.eks.aws"), text);
                for (const line of [
                    `name: "${c.name}"`,
                    `apiServerEndpoint: "${c.endpoint}"`,
                    `certificateAuthority: "${c.certificateAuthority}"`,
                    `cidr: "${c.serviceIpv4Cidr}"`,
                    `- "--node-labels=lifecycle=spot"`,
                    `- "--register-with-taints=spot=true:PreferNoSchedule"`,
                ]) {
                    assert.ok(text.includes(line), `${line}\n${text}`);
                }
            });
        });

        describe("the node role", () => {
            it("is trusted by EC2 and has the worker, ECR pull-only and SSM policies", () => {
                assert.deepEqual(json(b.registry.one(T.role, "spot-node-role").inputs.assumeRolePolicy).Statement[0].Principal, {
                    Service: "ec2.amazonaws.com",
                });
                assert.deepEqual(b.registry.managedPoliciesOf("spot-node-role"), [
                    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                ]);
            });

            it("has its instance profile created after its policies are attached", () => {
                const attachments = b.registry.ofType(T.attachment).filter((a) => a.name.startsWith("spot-node-role-"));
                const profile = b.registry.one(T.instanceProfile);
                for (const a of attachments) assert.ok(profile.dependsOn.includes(a.urn), a.name);
            });
        });
    });

    it("boots the arm64 AMI for Graviton nodes", async () => {
        const b = await build(() => new SelfManagedNodeGroup("arm", selfManagedArgs({ architecture: "arm64", instanceTypes: ["c7g.large", "c6g.large"] })));
        assert.deepEqual(
            b.registry.invokes("aws:ssm/getParameter:getParameter").map((c) => c.inputs.name),
            [eksAmiParameter("1.33", "arm64")],
        );
    });

    it("boots a pinned amiId and reads no SSM parameter", async () => {
        const b = await build(() => new SelfManagedNodeGroup("pinned", selfManagedArgs({ amiId: "ami-0123456789abcdef0" })));
        assert.deepEqual(b.registry.invokes("aws:ssm/getParameter:getParameter"), []);
        assert.equal(b.registry.one(T.launchTemplate, "pinned-launch-template").inputs.imageId, "ami-0123456789abcdef0");
    });

    it("boots a pinned amiId given as an Output", async () => {
        const b = await build(() => new SelfManagedNodeGroup("pinned", selfManagedArgs({ amiId: pulumi.output("ami-0fedcba9876543210") })));
        assert.deepEqual(b.registry.invokes("aws:ssm/getParameter:getParameter"), []);
        assert.equal(b.registry.one(T.launchTemplate, "pinned-launch-template").inputs.imageId, "ami-0fedcba9876543210");
    });

    it("warns about Spot above the base with a single instance type", async () => {
        const b = await build(() => new SelfManagedNodeGroup("one", selfManagedArgs({ instanceTypes: ["m7i.large"] })));
        assert.ok(
            b.warnings.some((w) => w.startsWith('[aws-platform:eks:spot-diversity] SelfManagedNodeGroup "one"')),
            b.warnings.join("\n"),
        );
    });

    it("does not warn about Spot when every node above the base is on-demand", async () => {
        const b = await build(
            () => new SelfManagedNodeGroup("od", selfManagedArgs({ instanceTypes: ["m7i.large"], onDemandPercentageAboveBaseCapacity: 100 })),
        );
        assert.deepEqual(b.warnings, []);
    });

    it("writes no kubelet flags when there are no labels or taints", async () => {
        const b = await build(() => new SelfManagedNodeGroup("plain", selfManagedArgs()));
        const text = userDataOf(b.registry, "plain-launch-template");
        assert.ok(!text.includes("kubelet:"), text);
    });

    it("renders the cluster's values once they are known (Outputs)", async () => {
        const b = await build(() => {
            const c = cluster();
            return new SelfManagedNodeGroup(
                "late",
                selfManagedArgs({
                    cluster: { ...c, name: pulumi.output(c.name), serviceIpv4Cidr: Promise.resolve("10.100.0.0/16"), endpoint: pulumi.output(c.endpoint) },
                }),
            );
        });
        assert.ok(userDataOf(b.registry, "late-launch-template").includes('cidr: "10.100.0.0/16"'));
        b.registry.hasInputs(T.accessEntry, undefined, { clusterName: CLUSTER_NAME });
    });

    it("fails, naming AWS's 50-tag limit, when default, component and cluster tags exceed it on the instances", async () => {
        const defaults = Object.fromEntries(Array.from({ length: 30 }, (_v, i) => [`default-${i}`, "x"]));
        const mine = Object.fromEntries(Array.from({ length: 18 }, (_v, i) => [`team-${i}`, "y"]));
        const { error } = await buildFails(() => new SelfManagedNodeGroup("tagged", selfManagedArgs({ tags: mine })), {
            config: { "aws:defaultTags": JSON.stringify({ tags: defaults }) },
        });
        assert.match(
            error.message,
            /SelfManagedNodeGroup "tagged": tags=49 with the provider's default tags, gives the Auto Scaling group and its instances 51 tags; allowed: at most 50/,
        );
    });

    it("fails the deployment, naming the field, when the service CIDR known only as an Output is empty", async () => {
        const { error } = await buildFails(
            () => new SelfManagedNodeGroup("empty", selfManagedArgs({ cluster: { ...cluster(), serviceIpv4Cidr: pulumi.output("") } })),
        );
        assert.match(
            error.message,
            /SelfManagedNodeGroup "empty": cluster\.serviceIpv4Cidr="" is not an IPv4 CIDR; allowed: the cluster's kubernetesNetworkConfig\.serviceIpv4Cidr/,
        );
    });
});
