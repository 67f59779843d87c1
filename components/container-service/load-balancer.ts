import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as lb from "@pulumi/aws/lb";
import type * as s3 from "@pulumi/aws/s3";
import * as vpc from "@pulumi/aws/vpc";
import { PrivateBucket, createPrivateBucket } from "../shared/bucket";
import { ArgsError } from "../shared/errors";
import type { Statement } from "../shared/iam";
import { NLB_LOG_DELIVERY_SERVICE, elbLogDeliveryPrincipal } from "../shared/limits/elb";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";
import { LoadBalancerDomainResources, createLoadBalancerDomain } from "./domain";
import { ResolvedLoadBalancer, ResolvedService, ResolvedServiceLoadBalancer, servesTls, shiftsTraffic } from "./defaults";
import { TrafficRoutes, createTestRoutes, ruleMatch, shiftedByDeployments, testPorts, weightedForward } from "./deployment";

/** What services need of a load balancer, created or joined through `listenerArn`. */
export interface LoadBalancerEndpoint {
    /** The load balancer's security group id: created, or the given `securityGroupId`. */
    securityGroupId: pulumi.Output<string>;
    /** `app/<name>/<id>` or `net/<name>/<id>`: CloudWatch's `LoadBalancer` dimension. */
    arnSuffix: pulumi.Output<string>;
    /** The listeners the component created (none on a joined listener). */
    listeners: Record<string, lb.Listener>;
    /** The URL of each listener that serves services, by port (not the ALB's redirecting port 80); `{}` on a joined listener. */
    listenerUrls: Record<string, pulumi.Output<string>>;
    /** `http`, `https`, `tcp` or `tls`. */
    scheme: string;
}

/** A load balancer the component creates. */
export interface LoadBalancerResources extends LoadBalancerEndpoint {
    loadBalancer: lb.LoadBalancer;
    securityGroup: ec2.SecurityGroup;
    /**
     * `https://` or `http://` plus the host (ALB); `tcp://`/`tls://` host for an NLB, with the
     * port unless it is the scheme's default (an NLB with several listeners: none, see
     * `listenerUrls`). The host is `domain.name` when given, else the DNS name.
     */
    url: pulumi.Output<string>;
    /** With `domain`: the certificate it requested (none when `certificateArn` is given) and the alias record. */
    domain?: LoadBalancerDomainResources;
    /** With `accessLogs: true`: the bucket the load balancer writes its access logs to. */
    accessLogs?: PrivateBucket;
}

/** An existing ALB listener the services join (`listenerArn`): only target groups and rules are the component's. */
export interface JoinedListenerResources extends LoadBalancerEndpoint {
    listenerArn: pulumi.Output<string>;
}

/** The default quota of inbound rules per security group (IPv4), each CIDR on each port one rule. */
const SECURITY_GROUP_INBOUND_RULES = 60;

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

/** The HTTPS listener of an ALB with a certificate (its port 80 only redirects), else the HTTP one; undefined for an NLB or an existing listener. */
export function albTarget(resources: LoadBalancerResources, spec: ResolvedLoadBalancer): AlbTarget | undefined {
    if (spec.type !== "application") return undefined;
    const https = resources.listeners.https;
    return {
        listenerArn: (https ?? resources.listeners.http).arn,
        protocol: https ? "HTTPS" : "HTTP",
        port: https ? 443 : 80,
        securityGroupId: resources.securityGroupId,
        internal: spec.internal,
        ingressRule: false,
    };
}

/** What a service needs from one of its load balancers. */
export interface ServiceTarget {
    targetGroup: lb.TargetGroup;
    /** The listener or rule that sends traffic to the target group: the service waits for it. */
    attachments: pulumi.Resource[];
    loadBalancer: LoadBalancerResources | JoinedListenerResources;
    lbKey: string;
    /** The listener port; undefined on an existing listener (`listenerArn`). */
    listenerPort?: number;
    /** The container and port the target group sends to. */
    container: string;
    containerPort: number;
    /** On the primary target only: the targets of `additionalLoadBalancers`, in their order. */
    additional?: ServiceTarget[];
    /** Blue/green, linear, canary or CodeDeploy (primary target only): the alternate target group and the routes traffic shifts on. */
    routes?: TrafficRoutes;
}

/** A service's place on one load balancer: its primary `loadBalancer` or one of `additionalLoadBalancers`. */
interface Entry {
    key: string;
    svc: ResolvedService;
    l: ResolvedServiceLoadBalancer;
    /** The name part of its children: `{key}` for the primary, `{key}-{loadBalancer}` for the others. */
    id: string;
}

/** Every service's entries on load balancer `lbKey`. */
function entriesOf(ctx: Ctx, lbKey: string): Entry[] {
    return Object.entries(ctx.cfg.services).flatMap(([key, svc]) => [
        ...(svc.loadBalancer?.name === lbKey ? [{ key, svc, l: svc.loadBalancer, id: key }] : []),
        ...svc.additionalLoadBalancers.filter((l) => l.name === lbKey).map((l) => ({ key, svc, l, id: childName(key, lbKey) })),
    ]);
}

/** One target group per (service, load balancer): `ip` targets for awsvpc, `instance` for bridge. */
function createTargetGroup(ctx: Ctx, e: Entry, spec: ResolvedLoadBalancer, role = "tg"): lb.TargetGroup {
    const alb = spec.type === "application";
    const hc = e.l.healthCheck;
    return create(
        lb.TargetGroup,
        fitName(childName(ctx.name, e.id, role), lb.TargetGroup),
        {
            vpcId: ctx.cfg.vpc.vpcId,
            port: e.l.containerPort,
            protocol: alb ? "HTTP" : "TCP",
            targetType: e.svc.networkMode === "awsvpc" ? "ip" : "instance",
            deregistrationDelay: e.l.deregistrationDelaySeconds,
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
const mainPort = (spec: ResolvedLoadBalancer) => (servesTls(spec) ? 443 : 80);

/** The ports that serve services: an ALB's main port and its services' ports; an NLB's services' ports. */
function servingPorts(spec: ResolvedLoadBalancer, entries: Entry[]): number[] {
    const ports = entries.map((e) => e.l.listenerPort);
    return [...new Set(spec.type === "application" ? [mainPort(spec), ...ports] : ports)].sort((a, b) => a - b);
}

/** `app/<name>/<id>` of the load balancer a listener ARN (`...:listener/app/<name>/<id>/<listener id>`) belongs to. */
export function loadBalancerSuffixOfListener(listenerArn: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.output(listenerArn).apply((arn) => arn.split(":listener/")[1]?.split("/").slice(0, 3).join("/") ?? "");
}

/**
 * A joined listener's ARN, checked against the provider's Region and account once they are known: the rules are
 * created through that provider, and ELB looks the listener up there only (ListenerNotFound otherwise). Fails the
 * preview with the component's ArgsError, as a certificate of another Region does for API domains.
 */
function inStackRegion(ctx: Ctx, lbKey: string, listenerArn: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.all([listenerArn, ctx.region, ctx.accountId]).apply(([arn, region, account]) => {
        const m = /^arn:[^:]+:elasticloadbalancing:([^:]+):(\d{12}):/.exec(arn);
        if (m && (m[1] !== region || m[2] !== account))
            throw new ArgsError("ContainerService", ctx.name, [
                {
                    path: `loadBalancers.${lbKey}.listenerArn`,
                    value: arn,
                    message: `is in ${m[1]}, account ${m[2]}, and the component deploys to ${region}, account ${account}, where ELB finds no such listener`,
                    allowed: `a listener in ${region} of account ${account}`,
                },
            ]);
        return arn;
    });
}

/** Days after which an access-log bucket of the component's expires logs (and replaced versions). */
export const ACCESS_LOGS_EXPIRE_DAYS = 90;

/**
 * Who may write a load balancer's access logs into its bucket, under `<prefix>/AWSLogs/<account>/`. An ALB: the
 * Region's ELB log delivery (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 * An NLB: CloudWatch Logs' log delivery, which first reads the bucket ACL and writes with `bucket-owner-full-control`
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logging.html); without these
 * statements enabling its logs fails, or log delivery appends them to the policy itself and the next update of the
 * policy removes them (logs stop, silently).
 */
function logDeliveryStatements(ctx: Ctx, bucket: s3.Bucket, prefix: string, alb: boolean): Statement[] {
    const objects = pulumi.interpolate`${bucket.arn}/${prefix}/AWSLogs/${ctx.accountId}/*`;
    if (alb)
        return [
            {
                Sid: "ElbLogDelivery",
                Effect: "Allow",
                // `AWS` or `Service`, known once the Region is; Statement types a principal's keys up front.
                Principal: pulumi
                    .all([ctx.region, ctx.partition])
                    .apply(([region, partition]) => elbLogDeliveryPrincipal(region, partition)) as unknown as Record<string, string>,
                Action: "s3:PutObject",
                Resource: objects,
            },
        ];
    // The documented confused-deputy keys: this account's log deliveries only.
    const source = {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:*` },
    };
    return [
        {
            Sid: "NlbLogDeliveryAclCheck",
            Effect: "Allow",
            Principal: { Service: NLB_LOG_DELIVERY_SERVICE },
            Action: "s3:GetBucketAcl",
            Resource: bucket.arn,
            Condition: source,
        },
        {
            Sid: "NlbLogDelivery",
            Effect: "Allow",
            Principal: { Service: NLB_LOG_DELIVERY_SERVICE },
            Action: "s3:PutObject",
            Resource: objects,
            Condition: { ...source, StringEquals: { ...source.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
        },
    ];
}

/**
 * A load balancer's own access-log bucket (`accessLogs: true`): SSE-S3, the only encryption ALB logs are delivered to
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html), versioned so a
 * log cannot be overwritten unseen, and writable only by the load balancer type's log delivery under
 * `<prefix>/AWSLogs/<account>/`.
 */
function createAccessLogsBucket(ctx: Ctx, base: string, prefix: string, alb: boolean): PrivateBucket {
    const protect = ctx.cfg.protectData;
    return createPrivateBucket(
        childName(base, "access-logs"),
        {
            encryption: "sse-s3",
            versioning: true,
            lifecycle: { expire: { prefix: "", expireDays: ACCESS_LOGS_EXPIRE_DAYS, noncurrentDays: ACCESS_LOGS_EXPIRE_DAYS } },
            // Without protectData (dev), `pulumi destroy` removes the logs with the bucket.
            forceDestroy: !protect,
            protect,
            retainOnDelete: protect,
            tags: ctx.tags,
            statements: (bucket) => logDeliveryStatements(ctx, bucket, prefix, alb),
        },
        ctx.opts,
        ctx.cfg.transform.accessLogsBucket,
    );
}

/** The load balancer itself, its security group and listeners, with a custom domain's certificate and alias. */
function createOwnLoadBalancer(ctx: Ctx, lbKey: string, spec: ResolvedLoadBalancer, ports: number[], testListenerPorts: number[]) {
    const t = ctx.cfg.transform;
    const alb = spec.type === "application";
    const base = childName(ctx.name, lbKey);
    // An ALB with a certificate also listens on 80, to redirect to 443.
    const ingressPorts = [...new Set([...(alb && servesTls(spec) ? [80] : []), ...ports])].sort((a, b) => a - b);
    const prefixLists = spec.ingressPrefixListIds.length > 0;
    // Each CIDR on each port is one inbound rule, and a group takes 60 by default (adjustable): beyond, EC2 answers
    // RulesPerSecurityGroupLimitExceeded (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups).
    const rules = prefixLists ? 0 : ingressPorts.length * spec.ingressCidrs.length;
    if (rules > SECURITY_GROUP_INBOUND_RULES)
        pulumi.log.warn(
            `[aws-platform:ecs:lb-rules-quota] ContainerService "${ctx.name}": load balancer "${lbKey}"'s security group needs ${rules} inbound rules (${ingressPorts.length} listener ports × ${spec.ingressCidrs.length} ingressCidrs), above the default quota of ${SECURITY_GROUP_INBOUND_RULES} per group, so EC2 refuses them unless the "Inbound or outbound rules per security group" quota was raised; use fewer CIDRs or ports, or raise the quota`,
            ctx.opts.parent,
        );
    const securityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(base, "lb-sg"), ec2.SecurityGroup),
        {
            vpcId: ctx.cfg.vpc.vpcId,
            description: `${alb ? "ALB" : "NLB"} ${base}`,
            // A prefix list weighs its maximum entries against the group's rules quota (CloudFront's: 55 of 60): one port.
            ingress: [
                ...(prefixLists ? [mainPort(spec)] : ingressPorts).map((port) => ({
                    protocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    ...(prefixLists ? { prefixListIds: spec.ingressPrefixListIds } : { cidrBlocks: spec.ingressCidrs }),
                    description: prefixLists ? `Listener ${port} from prefix lists` : `Listener ${port}`,
                })),
                // Deployments' test listeners serve the unreleased revision: `testIngressCidrs` only (the VPC by default).
                ...testListenerPorts
                    .filter((port) => !ports.includes(port))
                    .sort((a, b) => a - b)
                    .map((port) => ({
                        protocol: "tcp",
                        fromPort: port,
                        toPort: port,
                        cidrBlocks: spec.testIngressCidrs,
                        description: `Test listener ${port}`,
                    })),
            ],
            // Only towards targets inside the VPC.
            egress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: [ctx.cfg.vpc.cidrBlock], description: "To targets in the VPC" }],
            tags: { ...ctx.tags, Name: childName(base, "lb-sg") },
        },
        ctx.opts,
        t.loadBalancerSecurityGroup,
    );
    const accessLogs = spec.accessLogs === true ? createAccessLogsBucket(ctx, base, base, alb) : undefined;
    const logs =
        spec.accessLogs === true
            ? { bucket: accessLogs!.bucket.bucket, prefix: base, enabled: true }
            : spec.accessLogs
              ? { bucket: spec.accessLogs.bucket, prefix: spec.accessLogs.prefix ?? base, enabled: true }
              : undefined;
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
            ...(logs ? { accessLogs: logs } : {}),
            tags: ctx.tags,
        },
        // ELB checks that it may write to the bucket when logging is turned on (AccessDenied otherwise): the policy first.
        accessLogs ? { ...ctx.opts, dependsOn: [accessLogs.policy] } : ctx.opts,
        t.loadBalancer,
    );
    const domain = spec.domain && createLoadBalancerDomain(ctx, base, spec.domain, spec.certificateArn, loadBalancer);
    // A listener needs an issued certificate: the requested one's ARN comes from its validation.
    const certificateArn = spec.certificateArn ?? domain?.certificate?.certificateArn;
    const host = spec.domain ? pulumi.output(spec.domain.name) : loadBalancer.dnsName;
    return { securityGroup, loadBalancer, domain, certificateArn, host, accessLogs };
}

/**
 * Load balancers, their listeners and rules, and a target group per service and load balancer. An
 * ALB with a certificate serves HTTPS on 443 and redirects 80 there; a service's `listenerPort`
 * elsewhere gets a listener of its own; on each listener the service without a rule is the default
 * action and the rest match by path and host. An NLB gets a TCP (or TLS) listener per service
 * port. With `listenerArn`, only target groups and rules are created, on that listener.
 */
export function createLoadBalancers(ctx: Ctx): {
    loadBalancers: Record<string, LoadBalancerResources>;
    joinedListeners: Record<string, JoinedListenerResources>;
    targets: Record<string, ServiceTarget>;
} {
    const t = ctx.cfg.transform;
    const loadBalancers: Record<string, LoadBalancerResources> = {};
    const joinedListeners: Record<string, JoinedListenerResources> = {};
    const primaries: Record<string, ServiceTarget> = {};
    const additional: Record<string, Record<string, ServiceTarget>> = {};
    for (const [lbKey, spec] of Object.entries(ctx.cfg.loadBalancers)) {
        const entries = entriesOf(ctx, lbKey);
        const alb = spec.type === "application";
        const base = childName(ctx.name, lbKey);
        const ports = servingPorts(spec, entries);
        // Blue/green, linear, canary and CodeDeploy move a service between two target groups: its primary's only.
        const shifting = entries.filter((e) => e.id === e.key && shiftsTraffic(e.svc.deployment));
        const shifts = (e: Entry | undefined) => e !== undefined && shifting.includes(e);
        const tests = testPorts(shifting.map((e) => [e.key, e.svc]));
        const own = spec.listenerArn === undefined ? createOwnLoadBalancer(ctx, lbKey, spec, ports, tests) : undefined;
        const joinedArn = spec.listenerArn === undefined ? undefined : inStackRegion(ctx, lbKey, spec.listenerArn);
        const groups = new Map(entries.map((e) => [e, createTargetGroup(ctx, e, spec)]));
        const alternates = new Map(shifting.map((e) => [e, createTargetGroup(ctx, e, spec, "tg-alt")]));
        const routes = new Map<Entry, Omit<TrafficRoutes, "alternate">>();
        const listeners: Record<string, lb.Listener> = {};
        const attachments = new Map<Entry, pulumi.Resource[]>();
        const scheme = alb ? (servesTls(spec) ? "https" : "http") : servesTls(spec) ? "tls" : "tcp";
        const listenerUrls = own ? Object.fromEntries(ports.map((p) => [String(p), urlOf(scheme, own.host, p)])) : {};
        const resources: LoadBalancerResources | JoinedListenerResources = own
            ? {
                  loadBalancer: own.loadBalancer,
                  securityGroup: own.securityGroup,
                  securityGroupId: own.securityGroup.id,
                  arnSuffix: own.loadBalancer.arnSuffix,
                  listeners,
                  // An ALB's main listener is its scheme's default port; an NLB listens where its services say.
                  url: urlOf(scheme, own.host, alb || ports.length !== 1 ? undefined : ports[0]),
                  listenerUrls,
                  scheme,
                  domain: own.domain,
                  ...(own.accessLogs ? { accessLogs: own.accessLogs } : {}),
              }
            : {
                  listenerArn: joinedArn!,
                  securityGroupId: pulumi.output(spec.securityGroupId!),
                  arnSuffix: loadBalancerSuffixOfListener(spec.listenerArn!),
                  listeners,
                  listenerUrls,
                  scheme,
              };
        const listener = (port: number, defaultAction: lb.ListenerArgs["defaultActions"], key = String(port), opts = ctx.opts) => {
            const secure = servesTls(spec) && !(alb && port === 80 && key === "redirect");
            listeners[key] = create(
                lb.Listener,
                childName(base, `listener-${port}`),
                {
                    loadBalancerArn: own!.loadBalancer.arn,
                    port,
                    protocol: alb ? (secure ? "HTTPS" : "HTTP") : secure ? "TLS" : "TCP",
                    ...(secure ? { certificateArn: own!.certificateArn, sslPolicy: spec.sslPolicy } : {}),
                    defaultActions: defaultAction,
                    tags: ctx.tags,
                },
                opts,
                t.listener,
            );
            return listeners[key];
        };
        if (alb) {
            const forward = (e: Entry) => ({ type: "forward", targetGroupArn: groups.get(e)!.arn });
            const notFound = { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } };
            // Each listener: the service on its port without a rule is the default action; the others are rules.
            const listenerArns = new Map<number | undefined, pulumi.Input<string>>();
            const listenerOf = new Map<number | undefined, lb.Listener>();
            if (own) {
                for (const port of ports) {
                    const defaultEntry = entries.find((e) => e.l.listenerPort === port && !e.l.rule);
                    const key = port === mainPort(spec) ? (servesTls(spec) ? "https" : "http") : String(port);
                    // CodeDeploy shifts a default-action service on the listener itself.
                    const byCodeDeploy = shifts(defaultEntry) && defaultEntry!.svc.deployment.controller === "code-deploy";
                    const made = listener(
                        port,
                        [defaultEntry ? forward(defaultEntry) : notFound],
                        key,
                        byCodeDeploy ? shiftedByDeployments(ctx, "defaultActions") : ctx.opts,
                    );
                    listenerArns.set(port, made.arn);
                    listenerOf.set(port, made);
                }
                if (servesTls(spec)) listener(80, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }], "redirect");
            } else listenerArns.set(undefined, joinedArn!);
            for (const e of entries) {
                const port = own ? e.l.listenerPort : undefined;
                const shifted = shifts(e);
                // ECS takes the rule it shifts by ARN, and a listener's default rule has none Pulumi knows: a
                // default-action service with two target groups gets a catch-all rule (CodeDeploy shifts the
                // listener's default action itself).
                if (!e.l.rule && !(shifted && e.svc.deployment.controller === "ecs")) {
                    const main = listenerOf.get(port)!;
                    attachments.set(e, [main]);
                    if (shifted) routes.set(e, { productionRoute: main.arn, productionListenerArn: main.arn });
                    continue;
                }
                const listenerRule = create(
                    lb.ListenerRule,
                    childName(ctx.name, e.id, "rule"),
                    {
                        listenerArn: listenerArns.get(port)!,
                        ...ruleMatch(e.l),
                        actions: [shifted && e.svc.deployment.controller === "ecs" ? weightedForward(groups.get(e)!.arn, alternates.get(e)!.arn) : forward(e)],
                        tags: ctx.tags,
                    },
                    shifted ? shiftedByDeployments(ctx, "actions") : ctx.opts,
                    t.listenerRule,
                );
                attachments.set(e, [listenerRule]);
                // On a joined listener too: the rule, which ECS shifts, is the component's.
                if (shifted) routes.set(e, { productionRoute: listenerRule.arn, productionListenerArn: pulumi.output(listenerArns.get(port)!) });
            }
        } else {
            for (const port of ports) {
                const e = entries.find((x) => x.l.listenerPort === port)!;
                // An NLB has no rules: ECS and CodeDeploy shift the listener's default action.
                const made = listener(
                    port,
                    [
                        shifts(e) && e.svc.deployment.controller === "ecs"
                            ? weightedForward(groups.get(e)!.arn, alternates.get(e)!.arn)
                            : { type: "forward", targetGroupArn: groups.get(e)!.arn },
                    ],
                    String(port),
                    shifts(e) ? shiftedByDeployments(ctx, "defaultActions") : ctx.opts,
                );
                attachments.set(e, [made]);
                if (shifts(e)) routes.set(e, { productionRoute: made.arn, productionListenerArn: made.arn });
            }
        }
        // Test listeners need a load balancer of the component's (validation refuses them on a joined listener).
        const testRoutes = own
            ? createTestRoutes(
                  ctx,
                  lbKey,
                  spec,
                  own,
                  shifting.map((e) => [e.key, e.svc]),
                  new Map(shifting.map((e) => [e.key, groups.get(e)!])),
                  new Map(shifting.map((e) => [e.key, alternates.get(e)!])),
                  listeners,
              )
            : {};
        if ("loadBalancer" in resources) loadBalancers[lbKey] = resources;
        else joinedListeners[lbKey] = resources;
        for (const e of entries) {
            const target: ServiceTarget = {
                targetGroup: groups.get(e)!,
                attachments: attachments.get(e)!,
                loadBalancer: resources,
                lbKey,
                listenerPort: own ? e.l.listenerPort : undefined,
                container: e.l.container,
                containerPort: e.l.containerPort,
            };
            const route = routes.get(e);
            if (route) {
                const test = testRoutes[e.key];
                target.routes = {
                    ...route,
                    alternate: alternates.get(e)!,
                    ...(test ? { testRoute: test.route, testListener: test.listener, testListenerRule: test.rule } : {}),
                };
            }
            if (e.id === e.key) primaries[e.key] = target;
            else additional[e.key] = { ...additional[e.key], [lbKey]: target };
        }
    }
    // The primary target carries the others, in the order of `additionalLoadBalancers`.
    for (const [key, svc] of Object.entries(ctx.cfg.services)) {
        const primary = primaries[key];
        if (primary) primary.additional = svc.additionalLoadBalancers.map((l) => additional[key][l.name]);
    }
    return { loadBalancers, joinedListeners, targets: primaries };
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
    return create(
        vpc.SecurityGroupIngressRule,
        childName(ctx.name, key, "from-lb"),
        {
            securityGroupId: destinationGroupId,
            referencedSecurityGroupId: target.loadBalancer.securityGroupId,
            ipProtocol: "tcp",
            fromPort,
            toPort,
            description: `From load balancer ${target.lbKey}`,
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.cfg.transform.loadBalancerIngress,
    );
}
