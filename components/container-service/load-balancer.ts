import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as lb from "@pulumi/aws/lb";
import * as vpc from "@pulumi/aws/vpc";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";
import { ResolvedLoadBalancer, ResolvedService, shiftsTraffic } from "./defaults";
import { TrafficRoutes, createTestRoutes, ruleMatch, shiftedByDeployments, testPorts } from "./deployment";

export interface LoadBalancerResources {
    loadBalancer: lb.LoadBalancer;
    securityGroup: ec2.SecurityGroup;
    listeners: Record<string, lb.Listener>;
    /**
     * `https://` or `http://` plus the DNS name (ALB); `tcp://`/`tls://` host for an NLB, with the
     * port unless it is the scheme's default (an NLB with several listeners: none, see `serviceUrls`).
     */
    url: pulumi.Output<string>;
    /** `http`, `https`, `tcp` or `tls`. */
    scheme: string;
}

/** Ports a URL may leave out. TCP has no default port, so a `tcp://` URL always carries one. */
const DEFAULT_PORTS: Record<string, number | undefined> = { http: 80, https: 443, tls: 443 };

/** `<scheme>://<host>[:<port>]`, the port written unless it is the scheme's default. */
export function urlOf(scheme: string, host: pulumi.Input<string>, port?: number): pulumi.Output<string> {
    const suffix = port === undefined || DEFAULT_PORTS[scheme] === port ? "" : `:${port}`;
    return pulumi.interpolate`${scheme}://${host}${suffix}`;
}

/**
 * An ALB's main listener as another component reaches it privately (an API Gateway VPC link: a
 * ServerlessApi `vpcLink` target). `ingressRule` is false: the ALB's group keeps inline rules, which
 * admit `ingressCidrs` on the listener ports and would remove a rule added beside them. The VPC link's
 * network interfaces take addresses in its subnets, so they get in when `ingressCidrs` covers those
 * subnets: by default it does (the VPC's `cidrBlock` for an internal ALB, `0.0.0.0/0` for an
 * internet-facing one); narrowed `ingressCidrs` must still include the VPC link's subnets, and an ALB
 * with `ingressPrefixListIds` admits no VPC link at all.
 */
export interface AlbTarget {
    listenerArn: pulumi.Output<string>;
    protocol: "HTTP" | "HTTPS";
    port: number;
    securityGroupId: pulumi.Output<string>;
    internal: boolean;
    ingressRule: false;
}

/** The HTTPS listener of an ALB with a certificate (its port 80 only redirects), else the HTTP one; undefined for an NLB. */
export function albTarget(resources: LoadBalancerResources, spec: ResolvedLoadBalancer): AlbTarget | undefined {
    if (spec.type !== "application") return undefined;
    const https = resources.listeners.https;
    return {
        listenerArn: (https ?? resources.listeners.http).arn,
        protocol: https ? "HTTPS" : "HTTP",
        port: https ? 443 : 80,
        securityGroupId: resources.securityGroup.id,
        internal: spec.internal,
        ingressRule: false,
    };
}

/** What a service needs from its load balancer. */
export interface ServiceTarget {
    targetGroup: lb.TargetGroup;
    /** The listener or rule that sends traffic to the target group: the service waits for it. */
    attachments: pulumi.Resource[];
    loadBalancer: LoadBalancerResources;
    lbKey: string;
    /** Blue/green, linear, canary or CodeDeploy: the alternate target group and the routes traffic shifts on. */
    routes?: TrafficRoutes;
}

/** One target group per load-balanced service: `ip` targets for awsvpc, `instance` for bridge. */
function createTargetGroup(ctx: Ctx, key: string, svc: ResolvedService, spec: ResolvedLoadBalancer, role = "tg"): lb.TargetGroup {
    const l = svc.loadBalancer!;
    const alb = spec.type === "application";
    const hc = l.healthCheck;
    return create(
        lb.TargetGroup,
        fitName(childName(ctx.name, key, role), lb.TargetGroup),
        {
            vpcId: ctx.cfg.vpc.vpcId,
            port: l.containerPort,
            protocol: alb ? "HTTP" : "TCP",
            targetType: svc.networkMode === "awsvpc" ? "ip" : "instance",
            deregistrationDelay: l.deregistrationDelaySeconds,
            healthCheck: alb
                ? {
                      enabled: true,
                      protocol: "HTTP",
                      path: hc.path,
                      matcher: hc.matcher,
                      interval: hc.intervalSeconds,
                      timeout: hc.timeoutSeconds,
                      healthyThreshold: hc.healthyThreshold,
                      unhealthyThreshold: hc.unhealthyThreshold,
                  }
                : {
                      enabled: true,
                      protocol: "TCP",
                      interval: hc.intervalSeconds,
                      timeout: hc.timeoutSeconds,
                      healthyThreshold: hc.healthyThreshold,
                      unhealthyThreshold: hc.unhealthyThreshold,
                  },
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.cfg.transform.targetGroup,
    );
}

/** An ALB's main listener port: 443 (HTTPS) with a certificate, else 80. */
const mainPort = (spec: ResolvedLoadBalancer) => (spec.certificateArn ? 443 : 80);

function listenerPorts(spec: ResolvedLoadBalancer, users: Array<[string, ResolvedService]>): number[] {
    if (spec.type === "application") return spec.certificateArn ? [80, 443] : [80];
    return [...new Set(users.map(([, s]) => s.loadBalancer!.listenerPort))].sort((a, b) => a - b);
}

/**
 * Load balancers, their listeners and rules, and a target group per service. An ALB with a
 * certificate serves HTTPS on 443 and redirects 80 there; services without a rule are the
 * listener's default action; the rest match by path and host. An NLB gets a TCP (or TLS) listener
 * per service port.
 */
export function createLoadBalancers(ctx: Ctx): { loadBalancers: Record<string, LoadBalancerResources>; targets: Record<string, ServiceTarget> } {
    const t = ctx.cfg.transform;
    const loadBalancers: Record<string, LoadBalancerResources> = {};
    const targets: Record<string, ServiceTarget> = {};
    for (const [lbKey, spec] of Object.entries(ctx.cfg.loadBalancers)) {
        const users = Object.entries(ctx.cfg.services).filter(([, s]) => s.loadBalancer?.name === lbKey);
        const alb = spec.type === "application";
        const base = childName(ctx.name, lbKey);
        const ports = listenerPorts(spec, users);
        const prefixLists = spec.ingressPrefixListIds.length > 0;
        const securityGroup = create(
            ec2.SecurityGroup,
            fitName(childName(base, "lb-sg"), ec2.SecurityGroup),
            {
                vpcId: ctx.cfg.vpc.vpcId,
                description: `${alb ? "ALB" : "NLB"} ${base}`,
                // A prefix list weighs its maximum entries against the group's rules quota (CloudFront's: 55 of 60): one port.
                ingress: (prefixLists ? [mainPort(spec)] : [...ports, ...testPorts(users)]).map((port) => ({
                    protocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    ...(prefixLists ? { prefixListIds: spec.ingressPrefixListIds } : { cidrBlocks: spec.ingressCidrs }),
                    description: prefixLists ? `Listener ${port} from prefix lists` : `Listener ${port}`,
                })),
                // Only towards targets inside the VPC.
                egress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: [ctx.cfg.vpc.cidrBlock], description: "To targets in the VPC" }],
                tags: { ...ctx.tags, Name: childName(base, "lb-sg") },
            },
            ctx.opts,
            t.securityGroup,
        );
        const loadBalancer = create(
            lb.LoadBalancer,
            fitName(childName(base, alb ? "alb" : "nlb"), lb.LoadBalancer),
            {
                loadBalancerType: spec.type,
                internal: spec.internal,
                subnets: spec.internal ? ctx.cfg.vpc.privateSubnetIds : ctx.cfg.vpc.publicSubnetIds,
                securityGroups: [securityGroup.id],
                enableDeletionProtection: spec.deletionProtection,
                ...(alb
                    ? {
                          idleTimeout: spec.idleTimeoutSeconds,
                          // Security Hub ELB.4 and ELB.12.
                          dropInvalidHeaderFields: true,
                          desyncMitigationMode: "defensive",
                      }
                    : { enableCrossZoneLoadBalancing: true }),
                ...(spec.accessLogs ? { accessLogs: { bucket: spec.accessLogs.bucket, prefix: spec.accessLogs.prefix ?? base, enabled: true } } : {}),
                tags: ctx.tags,
            },
            ctx.opts,
            t.loadBalancer,
        );

        const groups = Object.fromEntries(users.map(([key, svc]) => [key, createTargetGroup(ctx, key, svc, spec)]));
        // Blue/green, linear, canary and CodeDeploy move the service between two target groups.
        const shifting = users.filter(([, s]) => shiftsTraffic(s.deployment));
        const alternates = Object.fromEntries(shifting.map(([key, svc]) => [key, createTargetGroup(ctx, key, svc, spec, "tg-alt")]));
        const routes: Record<string, { productionRoute: pulumi.Output<string>; productionListener: lb.Listener }> = {};
        const listeners: Record<string, lb.Listener> = {};
        const attachments: Record<string, pulumi.Resource[]> = {};
        const scheme = alb ? (spec.certificateArn ? "https" : "http") : spec.certificateArn ? "tls" : "tcp";
        const resources: LoadBalancerResources = {
            loadBalancer,
            securityGroup,
            listeners,
            // An ALB's listeners are its scheme's default ports; an NLB listens where its services say.
            url: urlOf(scheme, loadBalancer.dnsName, alb || ports.length !== 1 ? undefined : ports[0]),
            scheme,
        };
        if (alb) {
            const defaultUser = users.find(([, s]) => !s.loadBalancer!.rule);
            const defaultAction = defaultUser
                ? { type: "forward", targetGroupArn: groups[defaultUser[0]].arn }
                : { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } };
            const secure = spec.certificateArn !== undefined;
            const main = create(
                lb.Listener,
                childName(base, secure ? "listener-443" : "listener-80"),
                {
                    loadBalancerArn: loadBalancer.arn,
                    port: secure ? 443 : 80,
                    protocol: secure ? "HTTPS" : "HTTP",
                    ...(secure ? { certificateArn: spec.certificateArn, sslPolicy: spec.sslPolicy } : {}),
                    defaultActions: [defaultAction],
                    tags: ctx.tags,
                },
                // CodeDeploy shifts a default-action service on the listener itself.
                defaultUser?.[1].deployment.controller === "code-deploy" ? shiftedByDeployments(ctx, "defaultActions") : ctx.opts,
                t.listener,
            );
            listeners[secure ? "https" : "http"] = main;
            if (secure) {
                listeners.redirect = create(
                    lb.Listener,
                    childName(base, "listener-80"),
                    {
                        loadBalancerArn: loadBalancer.arn,
                        port: 80,
                        protocol: "HTTP",
                        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
                        tags: ctx.tags,
                    },
                    ctx.opts,
                    t.listener,
                );
            }
            for (const [key, svc] of users) {
                const shifts = shiftsTraffic(svc.deployment);
                // ECS shifts listener rules, never a default action: a default-action service with two target
                // groups gets a catch-all rule (CodeDeploy shifts the listener's default action itself).
                if (!svc.loadBalancer!.rule && !(shifts && svc.deployment.controller === "ecs")) {
                    attachments[key] = [main];
                    if (shifts) routes[key] = { productionRoute: main.arn, productionListener: main };
                    continue;
                }
                const listenerRule = create(
                    lb.ListenerRule,
                    childName(ctx.name, key, "rule"),
                    {
                        listenerArn: main.arn,
                        ...ruleMatch(svc),
                        actions: [{ type: "forward", targetGroupArn: groups[key].arn }],
                        tags: ctx.tags,
                    },
                    shifts ? shiftedByDeployments(ctx, "actions") : ctx.opts,
                    t.listenerRule,
                );
                attachments[key] = [listenerRule];
                if (shifts) routes[key] = { productionRoute: listenerRule.arn, productionListener: main };
            }
        } else {
            for (const port of ports) {
                const [key, svc] = users.find(([, s]) => s.loadBalancer!.listenerPort === port)!;
                const tls = spec.certificateArn !== undefined;
                listeners[String(port)] = create(
                    lb.Listener,
                    childName(base, `listener-${port}`),
                    {
                        loadBalancerArn: loadBalancer.arn,
                        port,
                        protocol: tls ? "TLS" : "TCP",
                        ...(tls ? { certificateArn: spec.certificateArn, sslPolicy: spec.sslPolicy } : {}),
                        defaultActions: [{ type: "forward", targetGroupArn: groups[key].arn }],
                        tags: ctx.tags,
                    },
                    // An NLB has no rules: ECS and CodeDeploy shift the listener's default action.
                    shiftsTraffic(svc.deployment) ? shiftedByDeployments(ctx, "defaultActions") : ctx.opts,
                    t.listener,
                );
                attachments[key] = [listeners[String(port)]];
                if (shiftsTraffic(svc.deployment)) routes[key] = { productionRoute: listeners[String(port)].arn, productionListener: listeners[String(port)] };
            }
        }
        const tests = createTestRoutes(ctx, lbKey, spec, loadBalancer, shifting, groups, listeners);
        loadBalancers[lbKey] = resources;
        for (const [key] of users) {
            const test = tests[key];
            const shift = routes[key] && {
                ...routes[key],
                alternate: alternates[key],
                ...(test ? { testRoute: test.route, testListener: test.listener } : {}),
            };
            targets[key] = { targetGroup: groups[key], attachments: attachments[key], loadBalancer: resources, lbKey, ...(shift ? { routes: shift } : {}) };
        }
    }
    return { loadBalancers, targets };
}

/** Admits the load balancer to the service's tasks (awsvpc: the task SG on the container port). */
export function allowFromLoadBalancer(
    ctx: Ctx,
    key: string,
    target: ServiceTarget,
    destinationGroupId: pulumi.Input<string>,
    fromPort: number,
    toPort: number,
): vpc.SecurityGroupIngressRule {
    return new vpc.SecurityGroupIngressRule(
        childName(ctx.name, key, "from-lb"),
        {
            securityGroupId: destinationGroupId,
            referencedSecurityGroupId: target.loadBalancer.securityGroup.id,
            ipProtocol: "tcp",
            fromPort,
            toPort,
            description: `From load balancer ${target.lbKey}`,
            tags: ctx.tags,
        },
        ctx.opts,
    );
}
