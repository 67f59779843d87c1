import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { ECS_AMI_PARAMETER } from "../../../components/container-service/cluster";
import { Registry } from "../../../components/testing";
import { T, VPC, containerDefinitions, web, webService, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

describe("ContainerService: EC2 capacity with a bridge-mode service behind an ALB", () => {
    let b: Built;
    before(async () => {
        b = await buildShop((a) => {
            a.ec2Capacity = {
                instanceTypes: ["m7i.large", "m6i.large"],
                rootVolumeGiB: 40,
                onDemandBaseCapacity: 1,
                onDemandPercentageAboveBaseCapacity: 20,
                minSize: 1,
                maxSize: 6,
            };
            Object.assign(web(a), { capacity: "ec2", networkMode: "bridge", alarms: false });
            a.services!.api = webService(8080, "public", { capacity: "ec2", networkMode: "bridge", alarms: false });
            a.services!.api.loadBalancer!.rule = { priority: 10, pathPatterns: ["/api/*"] };
        });
    });

    describe("the launch template", () => {
        it("requires IMDSv2 with a hop limit of 1", () => {
            const md = b.registry.one(T.launchTemplate, "shop-launch-template").inputs.metadataOptions;
            assert.equal(md.httpTokens, "required");
            assert.equal(md.httpPutResponseHopLimit, 1);
            assert.equal(md.httpEndpoint, "enabled");
        });

        it("gives instances an encrypted gp3 root volume of rootVolumeGiB", () => {
            const [dev] = b.registry.one(T.launchTemplate, "shop-launch-template").inputs.blockDeviceMappings;
            assert.equal(dev.deviceName, "/dev/xvda");
            assert.equal(dev.ebs.volumeSize, 40);
            assert.equal(dev.ebs.volumeType, "gp3");
            assert.equal(dev.ebs.encrypted, "true");
        });

        it("boots the ECS-optimized AL2023 x86_64 AMI from its public SSM parameter", () => {
            assert.equal(b.registry.one(T.launchTemplate, "shop-launch-template").inputs.imageId, "ami-0c7217cdde317cfec");
            const ssm = b.registry.monitor.calls.filter((c) => c.token === "aws:ssm/getParameter:getParameter");
            assert.deepEqual(
                ssm.map((c) => c.inputs.name),
                [ECS_AMI_PARAMETER.x86_64],
            );
        });

        it("registers instances with the cluster and drains them on Spot interruption (user data)", () => {
            const userData = Buffer.from(b.registry.one(T.launchTemplate, "shop-launch-template").inputs.userData, "base64").toString("utf8");
            const clusterName = b.registry.one(T.cluster, "shop-cluster").outputs.name;
            assert.ok(userData.startsWith("#!/bin/bash\n"));
            assert.ok(userData.includes(`echo ECS_CLUSTER=${clusterName} >> /etc/ecs/ecs.config`), userData);
            assert.ok(userData.includes("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true"), userData);
            assert.ok(userData.includes("ECS_AWSVPC_BLOCK_IMDS=true"), userData);
        });

        it("attaches the instances' security group and instance profile", () => {
            const lt = b.registry.one(T.launchTemplate, "shop-launch-template").inputs;
            assert.deepEqual(lt.vpcSecurityGroupIds, [b.registry.one(T.sg, "shop-instances-sg").id]);
            assert.equal(lt.iamInstanceProfile.arn, b.registry.one("aws:iam/instanceProfile:InstanceProfile", "shop-instance-profile").outputs.arn);
        });

        it("gives the instance role AWS's ECS agent and SSM policies only", () => {
            assert.deepEqual(b.registry.managedPoliciesOf("shop-instance-role"), [
                "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            ]);
        });
    });

    describe("the Auto Scaling group", () => {
        it("mixes instances: on-demand base and percentage, the instance types as overrides", () => {
            const asg = b.registry.one(T.asg, "shop-asg").inputs;
            const mip = asg.mixedInstancesPolicy;
            assert.deepEqual(mip.instancesDistribution, {
                onDemandBaseCapacity: 1,
                onDemandPercentageAboveBaseCapacity: 20,
                spotAllocationStrategy: "price-capacity-optimized",
            });
            assert.deepEqual(mip.launchTemplate.overrides, [{ instanceType: "m7i.large" }, { instanceType: "m6i.large" }]);
            assert.deepEqual(mip.launchTemplate.launchTemplateSpecification, { launchTemplateId: b.registry.one(T.launchTemplate).id, version: "$Latest" });
        });

        it("spans the private subnets between minSize and maxSize", () => {
            const asg = b.registry.one(T.asg, "shop-asg").inputs;
            assert.deepEqual(asg.vpcZoneIdentifiers, VPC.privateSubnetIds);
            assert.equal(asg.minSize, 1);
            assert.equal(asg.maxSize, 6);
        });

        it("protects instances from scale-in and carries the AmazonECSManaged tag", () => {
            const asg = b.registry.one(T.asg, "shop-asg").inputs;
            assert.equal(asg.protectFromScaleIn, true);
            assert.deepEqual(
                asg.tags.find((t: any) => t.key === "AmazonECSManaged"),
                { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
            );
        });

        it("leaves the desired capacity to ECS managed scaling (ignoreChanges)", () => {
            assert.deepEqual(b.registry.one(T.asg, "shop-asg").ignoreChanges, ["desiredCapacity"]);
        });
    });

    describe("the capacity provider", () => {
        it("manages termination protection and scaling to the target capacity", () => {
            const p = b.registry.one(T.capacityProvider, "shop-ec2-capacity").inputs.autoScalingGroupProvider;
            assert.equal(p.autoScalingGroupArn, b.registry.one(T.asg, "shop-asg").outputs.arn);
            assert.equal(p.managedTerminationProtection, "ENABLED");
            assert.equal(p.managedScaling.status, "ENABLED");
            assert.equal(p.managedScaling.targetCapacity, 100);
        });

        it("is offered on the cluster next to FARGATE and FARGATE_SPOT", () => {
            const name = b.registry.one(T.capacityProvider, "shop-ec2-capacity").outputs.name;
            assert.deepEqual(b.registry.one(T.capacityProviders).inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT", name]);
        });
    });

    describe("the bridge-mode service", () => {
        it("runs on the EC2 capacity provider, without a Fargate platform version", () => {
            const svc = b.registry.one(T.service, "shop-web").inputs;
            const name = b.registry.one(T.capacityProvider, "shop-ec2-capacity").outputs.name;
            assert.deepEqual(svc.capacityProviderStrategies, [{ capacityProvider: name, weight: 1, base: 0 }]);
            assert.equal(svc.platformVersion, undefined);
        });

        it("spreads tasks across AZs, then binpacks on memory", () => {
            assert.deepEqual(b.registry.one(T.service, "shop-web").inputs.orderedPlacementStrategies, [
                { type: "spread", field: "attribute:ecs.availability-zone" },
                { type: "binpack", field: "memory" },
            ]);
        });

        it("has no network configuration and no task security group", () => {
            assert.equal(b.registry.one(T.service, "shop-web").inputs.networkConfiguration, undefined);
            assert.equal(b.registry.named("shop-web-sg"), undefined);
        });

        it("defines a bridge-mode EC2 task without a Fargate runtime platform", () => {
            const td = b.registry.one(T.taskDefinition, "shop-web-task").inputs;
            assert.equal(td.networkMode, "bridge");
            assert.deepEqual(td.requiresCompatibilities, ["EC2"]);
            assert.equal(td.runtimePlatform, undefined);
        });

        it("maps the container port to a dynamic host port (0)", () => {
            const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
            assert.deepEqual(def.portMappings, [{ containerPort: 80, hostPort: 0, protocol: "tcp" }]);
        });

        it("registers instances (not IPs) in its target group", () => {
            assert.equal(b.registry.one(T.tg, "shop-web-tg").inputs.targetType, "instance");
            assert.equal(b.registry.one(T.tg, "shop-api-tg").inputs.targetType, "instance");
        });

        it("admits the ALB to the instances on the ephemeral port range, once per load balancer", () => {
            const rules = b.registry.ofType(T.ingress);
            assert.deepEqual(
                rules.map((r) => r.name),
                ["shop-public-instances-from-lb"],
            );
            const r = rules[0].inputs;
            assert.equal(r.securityGroupId, b.registry.one(T.sg, "shop-instances-sg").id);
            assert.equal(r.referencedSecurityGroupId, b.registry.one(T.sg, "shop-public-lb-sg").id);
            assert.deepEqual([r.ipProtocol, r.fromPort, r.toPort], ["tcp", 32768, 65535]);
        });

        it("waits for the capacity providers to be on the cluster", () => {
            assert.ok(b.registry.one(T.service, "shop-web").dependencies.includes(b.registry.one(T.capacityProviders).urn));
        });
    });

    it("picks the arm64 AMI parameter for an arm64 group", async () => {
        const { registry } = await buildShop((a) => {
            a.ec2Capacity = { instanceTypes: ["m7g.large"], architecture: "arm64" };
            web(a).alarms = false;
        });
        assert.equal(registry.one(T.launchTemplate, "shop-launch-template").inputs.imageId, "ami-0a8b4cd432b1c3063");
        assert.deepEqual(
            registry.monitor.calls.filter((c) => c.token === "aws:ssm/getParameter:getParameter").map((c) => c.inputs.name),
            [ECS_AMI_PARAMETER.arm64],
        );
        assert.equal(registry.one(T.launchTemplate).inputs.blockDeviceMappings[0].ebs.volumeSize, 30);
    });
});
