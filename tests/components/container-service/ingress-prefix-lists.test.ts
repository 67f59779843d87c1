import * as assert from "node:assert";
import { CERT, T, buildShop } from "./fixtures";

/** CloudFront's origin-facing list, as `aws.ec2.getManagedPrefixListOutput` would give its id. */
const CLOUDFRONT = "pl-3b927c52";

describe("ContainerService ingressPrefixListIds", () => {
    for (const [title, certificateArn, port] of [
        ["without a certificate", undefined, 80],
        ["with a certificate (port 80 only redirects)", CERT, 443],
    ] as const) {
        it(`admits the prefix lists on the main listener's port only, and no CIDR, ${title}`, async () => {
            const { registry } = await buildShop((a) => {
                a.loadBalancers!.public = { type: "application", certificateArn, ingressPrefixListIds: [CLOUDFRONT] };
            });
            assert.deepEqual(registry.one(T.sg, "shop-public-lb-sg").inputs.ingress, [
                { protocol: "tcp", fromPort: port, toPort: port, prefixListIds: [CLOUDFRONT], description: `Listener ${port} from prefix lists` },
            ]);
        });
    }

    it("keeps ingressCidrs on every listener port when no prefix list is given", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public = { type: "application", certificateArn: CERT };
        });
        const ingress = registry.one(T.sg, "shop-public-lb-sg").inputs.ingress;
        assert.deepEqual(
            ingress.map((r: any) => [r.fromPort, r.cidrBlocks, r.prefixListIds]),
            [
                [80, ["0.0.0.0/0"], undefined],
                [443, ["0.0.0.0/0"], undefined],
            ],
        );
    });
});
