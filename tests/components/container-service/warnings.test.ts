import * as assert from "node:assert";
import { CERT, buildShop } from "./fixtures";

describe("ContainerService warnings", () => {
    it("warns, with a stable code, that an internet-facing ALB without a certificate serves plain HTTP", async () => {
        const { warnings } = await buildShop(() => undefined);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^\[aws-platform:ecs:http-only\] ContainerService "shop": load balancer "public" is internet-facing without certificateArn/);
    });

    it("does not warn when the ALB has a certificate or is internal", async () => {
        for (const lb of [
            { type: "application" as const, certificateArn: CERT },
            { type: "application" as const, internal: true },
        ]) {
            const { warnings } = await buildShop((a) => {
                a.loadBalancers = { public: lb };
            });
            assert.deepEqual(warnings, []);
        }
    });
});
