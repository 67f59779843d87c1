/**
 * A game backend through the public API, after the peers' examples with several load balancers
 * (CDK's ApplicationMultipleTargetGroups*, terraform-aws-ecs' multi-target-group services): one
 * service answers HTTPS on `play.example.com` (an ALB with a custom domain: ACM certificate validated
 * by DNS, alias record) and raw TCP on an NLB port (the same tasks in a second target group); its
 * admin API listens on 8443 of the same ALB; and a status page joins the company's shared ALB
 * through its existing HTTPS listener, with only a target group and a host rule of its own. The
 * service runs in the company's VPC, the shared ALB's: ELB refuses a rule that forwards to a target
 * group in another VPC, so a new Network would not do.
 */
import { ContainerService, ContainerServiceArgs } from "../../components";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

export interface GameServerOptions {
    /** The Route 53 public hosted zone of example.com. */
    hostedZoneId: string;
    /** The company's shared ALB: its HTTPS listener and its security group. */
    sharedListenerArn: string;
    sharedSecurityGroupId: string;
    /** The company's VPC, where the shared ALB is: its id, CIDR block and subnets (two AZs for the ALB). */
    sharedVpc: ContainerServiceArgs["vpc"];
}

export function program(o: GameServerOptions) {
    const games = new ContainerService("games", {
        vpc: o.sharedVpc,
        loadBalancers: {
            web: { type: "application", domain: { name: "play.example.com", hostedZoneId: o.hostedZoneId } },
            game: { type: "network" },
            shared: { type: "application", listenerArn: o.sharedListenerArn, securityGroupId: o.sharedSecurityGroupId },
        },
        services: {
            server: {
                cpu: 1024,
                memoryMiB: 2048,
                containers: { server: { image: IMAGE, portMappings: [{ containerPort: 8080 }, { containerPort: 7777 }] } },
                // HTTPS on 443 for the lobby, TCP 7777 for game sessions: one service, two target groups.
                loadBalancer: { name: "web", containerPort: 8080, healthCheck: { path: "/health" } },
                additionalLoadBalancers: [{ name: "game", containerPort: 7777, listenerPort: 7777 }],
                scaling: { minCount: 2, maxCount: 10, cpuTargetPercent: 60 },
            },
            admin: {
                containers: { admin: { image: IMAGE, portMappings: [{ containerPort: 9000 }] } },
                // Its own HTTPS listener on 8443, with the domain's certificate.
                loadBalancer: { name: "web", containerPort: 9000, listenerPort: 8443 },
            },
            status: {
                containers: { status: { image: IMAGE, portMappings: [{ containerPort: 80 }] } },
                loadBalancer: { name: "shared", containerPort: 80, rule: { priority: 410, hosts: ["status.example.com"] } },
            },
        },
    });
    return { urls: games.urls, listenerUrls: games.listenerUrls, serviceUrls: games.serviceUrls };
}
