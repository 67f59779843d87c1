import * as assert from "node:assert";
import { architectureOf, checkInstanceTypes } from "../../../components/shared/instance-types";
import { Issues } from "../../../components/shared/errors";

describe("instance types", () => {
    const cases: Array<[string, "x86_64" | "arm64" | undefined]> = [
        ["m7i.large", "x86_64"],
        ["m7i-flex.xlarge", "x86_64"],
        ["c7a.2xlarge", "x86_64"],
        ["g5.xlarge", "x86_64"],
        ["g4dn.xlarge", "x86_64"],
        ["inf2.xlarge", "x86_64"],
        ["u-6tb1.metal", undefined],
        ["m7g.large", "arm64"],
        ["c7gn.16xlarge", "arm64"],
        ["r6gd.large", "arm64"],
        ["t4g.medium", "arm64"],
        ["g5g.xlarge", "arm64"],
        ["im4gn.large", "arm64"],
        ["hpc7g.16xlarge", "arm64"],
        ["a1.large", "arm64"],
        ["mac2.metal", undefined],
    ];
    for (const [type, arch] of cases) it(`reads ${type} as ${arch ?? "unknown"}`, () => assert.equal(architectureOf(type), arch));

    it("accepts types of the group's architecture, in any of AWS's name forms", () => {
        const issues = new Issues();
        checkInstanceTypes(issues, "instanceTypes", ["m7i.large", "m7i-flex.large", "u-6tb1.metal", "g5.xlarge"], "x86_64");
        checkInstanceTypes(issues, "instanceTypes", ["m7g.large", "c7gn.xlarge", "a1.large"], "arm64");
        assert.deepEqual(issues.list, []);
    });
});
