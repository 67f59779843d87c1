import * as assert from "node:assert";
import { unwrap } from "../../../components/testing";
import { CERT, T, VPC, webService, buildShop } from "./fixtures";

describe("ContainerService albTargets", () => {
    it("gives each ALB's main listener (HTTPS with a certificate, else HTTP), its port and security group, and none for an NLB", async () => {
        const { registry, result } = await buildShop((a) => {
            a.loadBalancers!.private = { type: "application", internal: true, certificateArn: CERT };
            a.loadBalancers!.edge = { type: "network" };
            a.services!.legacy = webService(80, "private");
            a.services!.tcp = webService(9000, "edge");
            a.services!.tcp.loadBalancer!.listenerPort = 9000;
        });
        assert.deepEqual(Object.keys(result.albTargets).sort(), ["private", "public"]);
        const listener = (name: string) => registry.one("aws:lb/listener:Listener", name).outputs.arn;
        const sg = (name: string) => registry.one(T.sg, name).id;
        const pub = result.albTargets.public;
        assert.deepEqual(
            { ...pub, listenerArn: await unwrap(pub.listenerArn), securityGroupId: await unwrap(pub.securityGroupId) },
            {
                listenerArn: listener("shop-public-listener-80"),
                protocol: "HTTP",
                port: 80,
                securityGroupId: sg("shop-public-lb-sg"),
                internal: false,
                ingressRule: false,
            },
        );
        const priv = result.albTargets.private;
        assert.deepEqual(
            { ...priv, listenerArn: await unwrap(priv.listenerArn), securityGroupId: await unwrap(priv.securityGroupId) },
            // The HTTPS listener, not port 80, which only redirects.
            {
                listenerArn: listener("shop-private-listener-443"),
                protocol: "HTTPS",
                port: 443,
                securityGroupId: sg("shop-private-lb-sg"),
                internal: true,
                ingressRule: false,
            },
        );
    });

    it("leaves the VPC link to the ALB's inline rules, which admit the whole VPC on the target's port (internal) or everyone (internet-facing)", async () => {
        const { registry, result } = await buildShop((a) => {
            a.loadBalancers!.private = { type: "application", internal: true, certificateArn: CERT };
            a.services!.legacy = webService(80, "private");
        });
        const admitted = (sg: string, port: number) =>
            (registry.one(T.sg, sg).inputs.ingress as Array<{ fromPort: number; toPort: number; cidrBlocks: string[] }>)
                .filter((r) => r.fromPort <= port && port <= r.toPort)
                .flatMap((r) => r.cidrBlocks);
        assert.equal(result.albTargets.private.port, 443);
        assert.deepEqual(admitted("shop-private-lb-sg", 443), [VPC.cidrBlock]);
        assert.deepEqual(admitted("shop-public-lb-sg", result.albTargets.public.port), ["0.0.0.0/0"]);
        assert.equal(result.albTargets.private.ingressRule, false);
    });
});
