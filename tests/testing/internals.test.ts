import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PULUMI_VERSION, TESTED_PULUMI_RANGE, checkPulumiInternals, installMocks } from "../../components/testing";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** `>=a.b.c <d.e.f` holds `version` (the only range form the package declares). */
function inRange(version: string, range: string): boolean {
    const num = (v: string) => v.split(".").map((n) => Number.parseInt(n, 10));
    const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    const m = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range);
    assert.ok(m, `range ${range} is not of the form >=x.y.z <x.y.z`);
    return cmp(num(version), num(m[1])) >= 0 && cmp(num(version), num(m[2])) < 0;
}

describe("the kit and @pulumi/pulumi", () => {
    it("the @pulumi/pulumi internals the kit relies on still exist", () => {
        const moved = checkPulumiInternals();
        assert.deepEqual(moved, [], `@pulumi/pulumi ${PULUMI_VERSION} moved what aws-platform/testing relies on:\n  ${moved.join("\n  ")}`);
    });

    it("declares @pulumi/pulumi as a peer dependency, over the range the kit is tested with", () => {
        assert.equal(pkg.peerDependencies?.["@pulumi/pulumi"], TESTED_PULUMI_RANGE);
        assert.equal(pkg.dependencies?.["@pulumi/pulumi"], undefined, "one copy, the consumer's: not also a dependency");
        assert.ok(pkg.devDependencies?.["@pulumi/pulumi"], "installed for our own tests");
    });

    it("runs with a @pulumi/pulumi inside the declared range", () => {
        assert.ok(inRange(PULUMI_VERSION, TESTED_PULUMI_RANGE), `installed ${PULUMI_VERSION}, declared ${TESTED_PULUMI_RANGE}`);
    });

    it("refuses to install the mocks when an internal moved, naming it, the version and the tested range", () => {
        const proto = require("@pulumi/pulumi/proto/resource_pb").RegisterResourceRequest.prototype;
        const saved = proto.getAliasurnsList;
        delete proto.getAliasurnsList;
        try {
            assert.throws(
                () => installMocks(),
                (e: Error) => {
                    assert.match(e.message, /RegisterResourceRequest\.prototype\.getAliasurnsList is missing/);
                    assert.match(e.message, new RegExp(`@pulumi/pulumi ${PULUMI_VERSION.replace(/\./g, "\\.")}`));
                    assert.ok(e.message.includes(TESTED_PULUMI_RANGE));
                    return true;
                },
            );
        } finally {
            proto.getAliasurnsList = saved;
        }
        assert.deepEqual(checkPulumiInternals(), []);
    });
});
