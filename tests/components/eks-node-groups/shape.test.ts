/**
 * Each args interface and its shape have the same keys (checked by `tsc`), and the shape refuses wrong
 * JS types before any value rule reads a field.
 */
import * as assert from "node:assert";
import type * as a from "../../../components/eks-node-groups/args";
import * as S from "../../../components/eks-node-groups/shape";
import { validateFargate, validateManaged, validateSelfManaged } from "../../../components/eks-node-groups/validate";
import type { KeysOfShape } from "../../../components/shared/shape";
import { fargateArgs, managedArgs, selfManagedArgs } from "./fixtures";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type SameKeys<Sh, I> = Equal<KeysOfShape<Sh>, Extract<keyof I, string>>;

type Checks = [
    Assert<SameKeys<typeof S.NODE_CLUSTER_SHAPE, a.NodeClusterArgs>>,
    Assert<SameKeys<typeof S.TAINT_SHAPE, a.TaintArgs>>,
    Assert<SameKeys<typeof S.MANAGED_NODE_GROUP_SHAPE, a.ManagedNodeGroupArgs>>,
    Assert<SameKeys<typeof S.SELF_MANAGED_NODE_GROUP_SHAPE, a.SelfManagedNodeGroupArgs>>,
    Assert<SameKeys<typeof S.FARGATE_SELECTOR_SHAPE, a.FargateSelectorArgs>>,
    Assert<SameKeys<typeof S.FARGATE_PROFILE_SHAPE, a.FargateProfileArgs>>,
];

describe("node groups and Fargate profile: shapes", () => {
    it("ties each args interface to a shape with the same keys (tsc checks Checks)", () => {
        const checks: Checks["length"] = 6;
        assert.equal(checks, 6);
    });

    it("refuses the string 'true' for a boolean, and stops before the value rules", () => {
        const issues = validateManaged({ ...managedArgs(), attachCniPolicy: "true" as never, minSize: 9 });
        assert.deepEqual(
            issues.map((i) => [i.path, i.message]),
            [["attachCniPolicy", "is a string"]],
        );
    });

    it("refuses a taint given as a string instead of { value, effect }", () => {
        const issues = validateSelfManaged({ ...selfManagedArgs(), taints: { gpu: "NoSchedule" as never } });
        assert.deepEqual(
            issues.map((i) => i.path),
            ["taints.gpu"],
        );
    });

    it("refuses selectors given as one object instead of a list", () => {
        const issues = validateFargate({ ...fargateArgs(), selectors: { namespace: "batch" } as never });
        assert.deepEqual(
            issues.map((i) => [i.path, i.message]),
            [["selectors", "is an object"]],
        );
    });
});
