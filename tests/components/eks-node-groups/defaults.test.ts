import * as assert from "node:assert";
import { DEFAULTS, normalizeFargate, normalizeManaged, normalizeSelfManaged } from "../../../components/eks-node-groups/defaults";
import { assertDefaultsDocumented } from "../../harness/docs";
import { fargateArgs, managedArgs, selfManagedArgs } from "./fixtures";

describe("node groups and Fargate profile: defaults", () => {
    it("documents every default it applies", () => assertDefaultsDocumented("components/eks-node-groups/args.ts", DEFAULTS));

    it("fills a managed group: 1 to 3 on-demand AL2023 x86_64 nodes, one unavailable at a time, 20 GiB, no CNI policy", () => {
        const cfg = normalizeManaged(managedArgs());
        assert.deepEqual(
            {
                capacityType: cfg.capacityType,
                amiFamily: cfg.amiFamily,
                architecture: cfg.architecture,
                minSize: cfg.minSize,
                desiredSize: cfg.desiredSize,
                maxSize: cfg.maxSize,
                maxUnavailable: cfg.maxUnavailable,
                diskSizeGiB: cfg.diskSizeGiB,
                attachCniPolicy: cfg.attachCniPolicy,
                taints: cfg.taints,
                labels: cfg.labels,
            },
            {
                capacityType: "ON_DEMAND",
                amiFamily: "al2023",
                architecture: "x86_64",
                minSize: 1,
                desiredSize: 1,
                maxSize: 3,
                maxUnavailable: 1,
                diskSizeGiB: 20,
                attachCniPolicy: false,
                taints: {},
                labels: {},
            },
        );
    });

    it("starts a group at its minSize when desiredSize is not given, and keeps 0 when given", () => {
        assert.equal(normalizeSelfManaged(selfManagedArgs({ minSize: 2, maxSize: 5 })).desiredSize, 2);
        assert.equal(normalizeSelfManaged(selfManagedArgs({ minSize: 0, desiredSize: 0 })).desiredSize, 0);
    });

    it("keeps a default when a field is given as undefined", () => {
        assert.equal(normalizeManaged(managedArgs({ maxSize: undefined, capacityType: undefined })).maxSize, 3);
        assert.equal(normalizeManaged(managedArgs({ capacityType: undefined })).capacityType, "ON_DEMAND");
    });

    it("fills a self-managed group: one on-demand node, Spot above it, 90% healthy during refreshes", () => {
        const cfg = normalizeSelfManaged(selfManagedArgs());
        assert.deepEqual([cfg.onDemandBaseCapacity, cfg.onDemandPercentageAboveBaseCapacity, cfg.minHealthyPercentage], [1, 0, 90]);
    });

    it("gives a taint without a value the empty value", () => {
        assert.deepEqual(normalizeManaged(managedArgs({ taints: { gpu: { effect: "NoSchedule" } } })).taints, { gpu: { value: "", effect: "NoSchedule" } });
    });

    it("gives a Fargate selector without labels an empty label set", () => {
        assert.deepEqual(normalizeFargate(fargateArgs()).selectors, [{ namespace: "batch", labels: {} }]);
    });
});
