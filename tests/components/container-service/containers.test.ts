import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { Registry } from "../../../components/testing";
import { IMAGE, T, containerDefinitions, web, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

/**
 * Container fields rendered as ECS reads them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
 */
describe("ContainerService: container dependencies, restart policy, memory reservation, capabilities, volumesFrom, port names", () => {
    let b: Built;
    before(async () => {
        b = await buildShop((a) => {
            const svc = web(a);
            svc.memoryMiB = 1024;
            svc.containers.web.portMappings = [{ containerPort: 80, name: "http" }];
            svc.containers.web.memoryMiB = 512;
            svc.containers.web.memoryReservationMiB = 256;
            svc.containers.web.dependsOn = { migrate: "SUCCESS", proxy: "HEALTHY", data: "START" };
            svc.containers.web.restartPolicy = { enabled: true, ignoredExitCodes: [0], restartAttemptPeriodSeconds: 120 };
            svc.containers.web.linuxCapabilities = { add: ["SYS_PTRACE"], drop: ["NET_RAW"] };
            svc.containers.web.volumesFrom = [{ sourceContainer: "data", readOnly: true }, { sourceContainer: "proxy" }];
            svc.containers.migrate = { image: IMAGE, essential: false, command: ["migrate"] };
            svc.containers.data = { image: IMAGE, essential: false };
            svc.containers.proxy = {
                image: IMAGE,
                portMappings: [{ containerPort: 9901, name: "proxy-admin" }],
                healthCheck: { command: ["CMD", "/bin/ready"] },
                restartPolicy: { enabled: true },
            };
        });
    });

    const def = (name: string) => containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task"))[name];

    it("renders dependsOn as containerName/condition pairs, sorted by container", () => {
        assert.deepEqual(def("web").dependsOn, [
            { containerName: "data", condition: "START" },
            { containerName: "migrate", condition: "SUCCESS" },
            { containerName: "proxy", condition: "HEALTHY" },
        ]);
        assert.equal(def("proxy").dependsOn, undefined, "no dependsOn key when a container waits for none");
    });

    it("renders the restart policy with restartAttemptPeriod, defaulting to no ignored codes and 300 seconds", () => {
        assert.deepEqual(def("web").restartPolicy, { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 120 });
        assert.deepEqual(def("proxy").restartPolicy, { enabled: true, ignoredExitCodes: [], restartAttemptPeriod: 300 });
        assert.equal(def("data").restartPolicy, undefined);
    });

    it("renders the soft memory limit as memoryReservation next to the hard limit", () => {
        assert.equal(def("web").memoryReservation, 256);
        assert.equal(def("web").memory, 512);
        assert.equal(def("data").memoryReservation, undefined);
    });

    it("renders Linux capabilities under linuxParameters.capabilities", () => {
        assert.deepEqual(def("web").linuxParameters, { capabilities: { add: ["SYS_PTRACE"], drop: ["NET_RAW"] } });
        assert.equal(def("proxy").linuxParameters, undefined);
    });

    it("renders volumesFrom with readOnly only where given", () => {
        assert.deepEqual(def("web").volumesFrom, [{ sourceContainer: "data", readOnly: true }, { sourceContainer: "proxy" }]);
        assert.equal(def("proxy").volumesFrom, undefined);
    });

    it("renders a port mapping's name next to its port", () => {
        assert.deepEqual(def("web").portMappings, [{ containerPort: 80, hostPort: 80, protocol: "tcp", name: "http" }]);
        assert.deepEqual(def("proxy").portMappings, [{ containerPort: 9901, hostPort: 9901, protocol: "tcp", name: "proxy-admin" }]);
    });
});

describe("ContainerService: Linux capabilities on EC2 and next to ECS Exec", () => {
    it("adds any capability on EC2 and keeps ECS Exec's init process beside it", async () => {
        const b = await buildShop((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"] };
            Object.assign(web(a), { capacity: "ec2", networkMode: "bridge", alarms: false, enableExecuteCommand: true });
            web(a).containers.web.readonlyRootFilesystem = false;
            web(a).containers.web.linuxCapabilities = { add: ["NET_ADMIN"] };
        });
        const d = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
        assert.deepEqual(d.linuxParameters, { initProcessEnabled: true, capabilities: { add: ["NET_ADMIN"], drop: [] } });
    });
});
