import * as pulumi from "@pulumi/pulumi";
import type * as ecs from "@pulumi/aws/ecs";
import * as servicediscovery from "@pulumi/aws/servicediscovery";
import * as vpc from "@pulumi/aws/vpc";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";
import { type Resolved, type ResolvedService, namedContainerPort } from "./defaults";

/** The Cloud Map namespace the component's Service Connect services join. */
export interface ServiceConnectNamespace {
    /** The namespace the component created (absent when `serviceConnect.namespaceArn` was given). */
    namespace?: servicediscovery.HttpNamespace;
    /** The namespace's ARN, created or given. */
    arn: pulumi.Input<string>;
}

/** Whether any service of the component uses Service Connect. */
export function usesServiceConnect(cfg: Pick<Resolved, "services">): boolean {
    return Object.values(cfg.services).some((s) => s.serviceConnect !== undefined);
}

/**
 * The namespace to join: the given one, else `<name>-namespace`, an HTTP namespace (API calls only,
 * no Route 53 zone: Service Connect's proxies resolve the names, not DNS). Nothing when no service
 * uses Service Connect, so components without it create nothing new.
 */
export function createNamespace(ctx: Ctx): ServiceConnectNamespace | undefined {
    if (!usesServiceConnect(ctx.cfg)) return undefined;
    const given = ctx.cfg.serviceConnect.namespaceArn;
    if (given !== undefined) return { arn: given };
    const namespace = create(
        servicediscovery.HttpNamespace,
        fitName(childName(ctx.name, "namespace"), servicediscovery.HttpNamespace),
        { description: `Service Connect namespace of ${ctx.name}`, tags: ctx.tags },
        ctx.opts,
        ctx.cfg.transform.namespace,
    );
    return { namespace, arn: namespace.arn };
}

/** The proxy's own log stream prefix in the service's log group. */
export const PROXY_LOG_STREAM_PREFIX = "service-connect";

/**
 * The service's `serviceConnectConfiguration`: the ports it serves (one client alias each, as ECS
 * allows), the proxy's logs to the service's log group (its execution role already writes there),
 * and the access logs when asked. Access logs need `logConfiguration`
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectAccessLogConfiguration.html).
 */
export function serviceConnectConfiguration(
    ctx: Ctx,
    svc: ResolvedService,
    namespaceArn: pulumi.Input<string>,
    logGroupName: pulumi.Input<string>,
): ecs.ServiceArgs["serviceConnectConfiguration"] {
    const sc = svc.serviceConnect!;
    return {
        enabled: true,
        namespace: namespaceArn,
        services: Object.entries(sc.services).map(([portName, p]) => ({
            portName,
            discoveryName: p.discoveryName,
            clientAlias: [{ dnsName: p.alias.dnsName, port: p.alias.port! }],
        })),
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": logGroupName,
                "awslogs-region": ctx.region,
                "awslogs-stream-prefix": PROXY_LOG_STREAM_PREFIX,
            },
        },
        ...(sc.accessLogs ? { accessLogConfiguration: { format: "JSON", includeQueryParameters: "DISABLED" } } : {}),
    };
}

/**
 * Admits each of `allowFrom` (and of `allowFromSecurityGroups`) to the service on each Service Connect
 * port: `<key>-<port>-from-<client>`, from the client's security group to the server's, on the
 * container port. In awsvpc mode the
 * server's proxy listens on the container port unless `ingressPortOverride` says otherwise
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html), and the
 * client's proxy connects from the client task's own interface.
 */
export function allowServiceConnect(
    ctx: Ctx,
    key: string,
    svc: ResolvedService,
    groups: Record<string, pulumi.Input<string> | undefined>,
): Record<string, vpc.SecurityGroupIngressRule> {
    const sc = svc.serviceConnect;
    if (!sc) return {};
    const rules: Record<string, vpc.SecurityGroupIngressRule> = {};
    for (const [portName, p] of Object.entries(sc.services)) {
        const containerPort = namedContainerPort(svc.containers, portName)!;
        const sources: Array<[string, pulumi.Input<string>]> = [
            ...sc.allowFrom.map((client): [string, pulumi.Input<string>] => [client, groups[client]!]),
            ...Object.entries(sc.allowFromSecurityGroups),
        ];
        for (const [client, source] of sources) {
            const name = childName(ctx.name, key, portName, "from", client);
            rules[`${portName}-from-${client}`] = create(
                vpc.SecurityGroupIngressRule,
                name,
                {
                    securityGroupId: groups[key]!,
                    referencedSecurityGroupId: source,
                    ipProtocol: "tcp",
                    fromPort: containerPort,
                    toPort: containerPort,
                    description: `Service Connect: ${client} to ${p.alias.dnsName}:${p.alias.port} (${portName})`,
                    tags: ctx.tags,
                },
                ctx.opts,
                ctx.cfg.transform.serviceConnectIngress,
            );
        }
    }
    return rules;
}

/**
 * `[aws-platform:ecs:service-connect-closed]` for each service that serves ports and admits nobody:
 * its tasks' security group has no other way in, so every caller times out.
 */
export function closedServerWarnings(name: string, cfg: Pick<Resolved, "services">): string[] {
    return Object.entries(cfg.services).flatMap(([key, svc]) => {
        const sc = svc.serviceConnect;
        const ports = Object.keys(sc?.services ?? {});
        if (!sc || ports.length === 0 || sc.allowFrom.length > 0 || Object.keys(sc.allowFromSecurityGroups).length > 0) return [];
        return [
            `[aws-platform:ecs:service-connect-closed] ContainerService "${name}": service "${key}" serves Service Connect ports (${ports.join(", ")}) and admits no client, so its security group refuses every caller; list the callers in serviceConnect.allowFrom (this component's services) or serviceConnect.allowFromSecurityGroups (others)`,
        ];
    });
}

/** Where clients reach each served port, by service key and port name: `<dnsName>:<port>`. */
export function serviceConnectEndpoints(cfg: Pick<Resolved, "services">): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [key, svc] of Object.entries(cfg.services)) {
        const ports = Object.entries(svc.serviceConnect?.services ?? {});
        if (ports.length > 0) out[key] = Object.fromEntries(ports.map(([portName, p]) => [portName, `${p.alias.dnsName}:${p.alias.port}`]));
    }
    return out;
}
