import * as assert from "node:assert";
import type * as aws from "@pulumi/aws";
import { ContainerService } from "../../../components/container-service";
import { Registry, unwrap } from "../../../components/testing";
import { IMAGE, T, VPC, containerDefinitions, web, webService, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

describe("ContainerService: data protection, EFS volumes, Express Mode and transforms", () => {
    describe("with protectData, a file system, a repository and an express service", () => {
        let b: Built;
        before(async () => {
            b = await buildShop((a) => {
                a.protectData = true;
                a.fileSystems = { shared: {} };
                a.repositories = { images: {} };
                web(a).alarms = false;
                web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data" } };
                a.expressServices = { site: { image: IMAGE } };
            });
        });

        it("protects and retains the EFS file system and the ECR repository", () => {
            for (const r of [b.registry.one(T.fileSystem, "shop-shared-efs"), b.registry.one(T.repository, "shop-images-repo")]) {
                assert.equal(r.protect, true, r.name);
                assert.equal(r.retainOnDelete, true, r.name);
            }
            assert.equal(b.registry.one(T.repository, "shop-images-repo").inputs.forceDelete, false);
        });

        it("protects nothing else", () => {
            assert.deepEqual(
                b.registry
                    .all()
                    .filter((r) => r.protect || r.retainOnDelete)
                    .map((r) => r.name)
                    .sort(),
                ["shop-images-repo", "shop-shared-efs"],
            );
        });

        it("mounts the volume over EFS with TLS and IAM authorization through its access point", () => {
            const td = b.registry.one(T.taskDefinition, "shop-web-task").inputs;
            const fs = b.registry.one(T.fileSystem, "shop-shared-efs");
            const ap = b.registry.one(T.accessPoint, "shop-web-data-ap");
            assert.deepEqual(td.volumes, [
                {
                    name: "data",
                    efsVolumeConfiguration: {
                        fileSystemId: fs.id,
                        transitEncryption: "ENABLED",
                        authorizationConfig: { accessPointId: ap.id, iam: "ENABLED" },
                    },
                },
            ]);
        });

        it("confines the access point to /<service>/<volume> as uid/gid 1000", () => {
            const ap = b.registry.one(T.accessPoint, "shop-web-data-ap").inputs;
            assert.equal(ap.fileSystemId, b.registry.one(T.fileSystem).id);
            assert.deepEqual(ap.posixUser, { uid: 1000, gid: 1000 });
            assert.equal(ap.rootDirectory.path, "/web/data");
        });

        it("mounts the volume into the container at its path, read-write", () => {
            const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
            assert.deepEqual(def.mountPoints, [{ sourceVolume: "data", containerPath: "/data", readOnly: false }]);
        });

        it("admits the task security group to the EFS security group on NFS (2049) only", () => {
            const efsSg = b.registry.one(T.sg, "shop-shared-efs-sg");
            const rules = b.registry.ofType(T.ingress).filter((r) => r.inputs.securityGroupId === efsSg.id);
            assert.deepEqual(
                rules.map((r) => r.name),
                ["shop-web-shared-efs-ingress"],
            );
            const r = rules[0].inputs;
            assert.equal(r.referencedSecurityGroupId, b.registry.one(T.sg, "shop-web-sg").id);
            assert.deepEqual([r.ipProtocol, r.fromPort, r.toPort], ["tcp", 2049, 2049]);
        });

        it("creates one mount target per private subnet", () => {
            const mts = b.registry.ofType("aws:efs/mountTarget:MountTarget");
            assert.deepEqual(
                mts.map((m) => m.inputs.subnetId),
                VPC.privateSubnetIds,
            );
        });

        it("lets the task role mount and write the file system only through the access point", () => {
            const stmts = b.registry
                .statementsOf("shop-web-task-role")
                .filter((s) => [s.Action].flat().some((x: string) => x.startsWith("elasticfilesystem:")));
            assert.equal(stmts.length, 1);
            assert.deepEqual(stmts[0].Action, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
            assert.equal(stmts[0].Resource, b.registry.one(T.fileSystem).outputs.arn);
            assert.deepEqual(stmts[0].Condition, {
                StringEquals: { "elasticfilesystem:AccessPointArn": b.registry.one(T.accessPoint, "shop-web-data-ap").outputs.arn },
            });
        });

        it("runs the express service as one ExpressGatewayService on the component's cluster", () => {
            const ex = b.registry.ofType(T.expressService);
            assert.deepEqual(
                ex.map((e) => e.name),
                ["shop-site"],
            );
            assert.equal(ex[0].inputs.cluster, b.registry.one(T.cluster, "shop-cluster").outputs.name);
            assert.equal(ex[0].inputs.primaryContainer.image, IMAGE);
        });

        it("outputs the express service's https URL", async () => {
            assert.match(await unwrap(b.result.expressUrls.site), /^https:\/\/\S+\.on\.aws$/);
        });

        it("outputs the repository's push URL", async () => {
            assert.equal(await unwrap(b.result.repositoryUrls.images), b.registry.one(T.repository).outputs.repositoryUrl);
        });
    });

    it("mounts a read-only volume with ClientMount only", async () => {
        const { registry } = await buildShop((a) => {
            a.fileSystems = { shared: {} };
            web(a).alarms = false;
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data", readOnly: true } };
        });
        assert.equal(containerDefinitions(registry.one(T.taskDefinition)).web.mountPoints[0].readOnly, true);
        const efs = registry.statementsOf("shop-web-task-role").find((s) => [s.Action].flat().some((x: string) => x.startsWith("elasticfilesystem:")));
        assert.deepEqual(efs.Action, ["elasticfilesystem:ClientMount"]);
        assert.deepEqual(
            registry
                .all()
                .filter((r) => r.protect)
                .map((r) => r.name),
            [],
            "protectData defaults to false",
        );
    });

    describe("transforms", () => {
        let b: Built;
        before(async () => {
            b = await buildShop((a) => {
                web(a).alarms = false;
                a.services!.api = webService(80, null, { alarms: false });
                a.transform = {
                    cluster: { settings: [{ name: "containerInsights", value: "enhanced" }] },
                    taskDefinition: (args: aws.ecs.TaskDefinitionArgs) => {
                        args.tags = { ...(args.tags as Record<string, string>), team: "payments" };
                    },
                };
            });
        });

        it("merges the object form over the cluster's args", () => {
            assert.deepEqual(b.registry.one(T.cluster, "shop-cluster").inputs.settings, [{ name: "containerInsights", value: "enhanced" }]);
            assert.equal(b.registry.one(T.cluster).inputs.tags["aws-platform:component"], "ContainerService/shop");
        });

        it("lets the function form append a tag to every task definition, keeping the component's", () => {
            for (const name of ["shop-web-task", "shop-api-task"]) {
                const tags = b.registry.one(T.taskDefinition, name).inputs.tags;
                assert.equal(tags.team, "payments", name);
                assert.equal(tags["aws-platform:component"], "ContainerService/shop", name);
            }
        });

        it("changes nothing else", () => {
            assert.equal(b.registry.one(T.service, "shop-web").inputs.tags.team, undefined);
            assert.match(b.registry.one(T.taskDefinition, "shop-web-task").inputs.family, /^shop-web-[0-9a-f]{7}$/);
        });
    });
});
