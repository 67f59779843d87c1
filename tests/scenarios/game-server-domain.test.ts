import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as gameServer from "./game-server-domain";

const OPTIONS = {
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
    sharedListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/company/0123456789abcdef/fedcba9876543210",
    sharedSecurityGroupId: "sg-0123456789abcdef0",
    sharedVpc: {
        vpcId: "vpc-0fedcba9876543210",
        cidrBlock: "10.20.0.0/16",
        privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
    },
};

describe("scenarios", () => {
    it("game-server-domain: HTTPS on a custom domain and TCP on an NLB for one service, an admin port, a joined shared listener", async () => {
        const { registry, result } = await build(() => gameServer.program(OPTIONS));
        // Two load balancers created (the shared one is joined), one certificate, its validation record and the alias.
        assert.equal(registry.ofType("aws:lb/loadBalancer:LoadBalancer").length, 2);
        assert.equal(registry.ofType("aws:acm/certificate:Certificate").length, 1);
        assert.deepEqual(
            registry
                .ofType("aws:route53/record:Record")
                .map((r) => r.name)
                .sort(),
            ["games-web-domain-a", "games-web-domain-validation"],
        );
        const server = registry.one("aws:ecs/service:Service", "games-server");
        assert.equal(server.inputs.loadBalancers.length, 2);
        assert.equal(registry.one("aws:lb/listenerRule:ListenerRule", "games-status-rule").inputs.listenerArn, OPTIONS.sharedListenerArn);
        // The joined listener's ALB is in the shared VPC: the status target group must be there too (ELB refuses another VPC's).
        assert.equal(registry.one("aws:lb/targetGroup:TargetGroup", "games-status-tg").inputs.vpcId, OPTIONS.sharedVpc.vpcId);
        assert.equal(registry.ofType("aws:ec2/vpc:Vpc").length, 0);
        const nlb = registry.one("aws:lb/loadBalancer:LoadBalancer", "games-game-nlb").outputs.dnsName;
        assert.deepEqual(await unwrap(result.listenerUrls.web), { "443": "https://play.example.com", "8443": "https://play.example.com:8443" });
        assert.deepEqual(await unwrap(result.listenerUrls.game), { "7777": `tcp://${nlb}:7777` });
        assert.equal(await unwrap(result.serviceUrls.admin), "https://play.example.com:8443");
        assert.equal(await unwrap(result.serviceUrls.server), "https://play.example.com");
        assert.deepEqual(Object.keys(result.urls).sort(), ["game", "web"]);
    });
});
