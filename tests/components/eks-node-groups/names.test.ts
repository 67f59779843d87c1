/**
 * Physical names fit their AWS limits whatever the component's name: node group and Fargate profile
 * 63, IAM role 64 (auto-named `<name>-<7 hex>`). The mock provider refuses a name the real one would.
 */
import * as assert from "node:assert";
import { FargateProfile, ManagedNodeGroup, SelfManagedNodeGroup } from "../../../components/eks-node-groups";
import { Registry, build } from "../../../components/testing";
import { T, fargateArgs, managedArgs, selfManagedArgs } from "./fixtures";

const LONG = `payments-platform-${"x".repeat(80)}-general`;

describe("node groups and Fargate profile: physical names of a long component name", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => {
            new ManagedNodeGroup(LONG, managedArgs());
            new SelfManagedNodeGroup(`${LONG}-self`, selfManagedArgs());
            new FargateProfile(`${LONG}-fargate`, fargateArgs());
        }));
    });

    it("fits every managed node group name into 63 characters, keeping the start and the role", () => {
        const [ng] = registry.ofType(T.nodeGroup);
        assert.ok(ng.outputs.nodeGroupName.length <= 63, ng.outputs.nodeGroupName);
        assert.match(ng.outputs.nodeGroupName, /^payments-.*group-[0-9a-f]{6}-[0-9a-f]{7}$/);
    });

    it("fits the Fargate profile name into 63 characters", () => {
        const [p] = registry.ofType(T.fargateProfile);
        assert.ok(p.outputs.fargateProfileName.length <= 63, p.outputs.fargateProfileName);
    });

    it("fits every IAM role name into 64 characters, each distinct", () => {
        const names = registry.ofType(T.role).map((r) => r.outputs.name as string);
        assert.equal(names.length, 3);
        for (const n of names) assert.ok(n.length <= 64, n);
        assert.equal(new Set(names).size, 3);
    });

    it("keeps short names as they are", async () => {
        const { registry: r } = await build(() => new ManagedNodeGroup("general", managedArgs()));
        assert.match(r.one(T.nodeGroup).outputs.nodeGroupName, /^general-node-group-[0-9a-f]{7}$/);
        assert.match(r.one(T.role).outputs.name, /^general-node-role-[0-9a-f]{7}$/);
    });
});
