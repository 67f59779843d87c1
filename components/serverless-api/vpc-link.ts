import * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import * as ec2 from "@pulumi/aws/ec2";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { ResolvedVpcLink, ResolvedVpcLinkTarget } from "./defaults";
import type { Ctx } from "./routes";
import { greedyName, routeSlug } from "./validate";

export interface VpcLinkResources {
    vpcLink: apigatewayv2.VpcLink;
    /** Created unless `vpcLink.securityGroupIds` is given: it may only send to the targets' groups on their ports. */
    securityGroup?: ec2.SecurityGroup;
    /**
     * From the VPC link's group to each target's group, by target key (with a created group only); targets
     * sharing a group and port share the first one's rule.
     */
    egress: Record<string, vpc.SecurityGroupEgressRule>;
    /** Into each target's group from each of the VPC link's groups, by `<target>` (or `<target>-<n>` for given groups), shared likewise. */
    ingress: Record<string, vpc.SecurityGroupIngressRule>;
}

/**
 * The targets that need rules: one per ALB security group and port, the first key naming it, admitted
 * when any of them asks. EC2 refuses a rule that repeats another of the group (`InvalidPermission.Duplicate`),
 * as two listeners behind one group on one port would. A group given as an Output is the same group when it
 * is the same Output.
 */
function ruleTargets(targets: Record<string, ResolvedVpcLinkTarget>): Array<[string, ResolvedVpcLinkTarget]> {
    const outputs = new Map<unknown, number>();
    const byRule = new Map<string, [string, ResolvedVpcLinkTarget]>();
    for (const [key, t] of Object.entries(targets)) {
        if (typeof t.securityGroupId !== "string" && !outputs.has(t.securityGroupId)) outputs.set(t.securityGroupId, outputs.size);
        const group = typeof t.securityGroupId === "string" ? t.securityGroupId : `#${outputs.get(t.securityGroupId)}`;
        const id = `${group}:${t.port}`;
        const first = byRule.get(id);
        if (first) first[1] = { ...first[1], ingressRule: first[1].ingressRule || t.ingressRule };
        else byRule.set(id, [key, t]);
    }
    return [...byRule.values()];
}

/** The VPC link (v2), its security group and the rules between it and the ALBs. */
export function createVpcLink(ctx: Ctx, link: ResolvedVpcLink): VpcLinkResources {
    const t = ctx.cfg.transform;
    const base = childName(ctx.name, "vpc-link");
    const securityGroup =
        link.securityGroupIds === undefined
            ? create(
                  ec2.SecurityGroup,
                  fitName(childName(base, "sg"), ec2.SecurityGroup),
                  {
                      vpcId: link.vpcId,
                      description: `API Gateway VPC link ${ctx.name}`,
                      // No inline rules: the provider then removes AWS's default allow-all egress, and the
                      // rules below are the group's only ones.
                      tags: { ...ctx.tags, Name: childName(base, "sg") },
                  },
                  ctx.opts,
                  t.vpcLinkSecurityGroup,
              )
            : undefined;
    const groups: pulumi.Input<string>[] = securityGroup ? [securityGroup.id] : (link.securityGroupIds ?? []);
    const egress: Record<string, vpc.SecurityGroupEgressRule> = {};
    const ingress: Record<string, vpc.SecurityGroupIngressRule> = {};
    for (const [key, target] of ruleTargets(link.targets)) {
        if (securityGroup)
            egress[key] = new vpc.SecurityGroupEgressRule(
                childName(base, "to", key),
                {
                    securityGroupId: securityGroup.id,
                    referencedSecurityGroupId: target.securityGroupId,
                    ipProtocol: "tcp",
                    fromPort: target.port,
                    toPort: target.port,
                    description: `To ALB listener ${key}`,
                    tags: ctx.tags,
                },
                ctx.opts,
            );
        if (!target.ingressRule) continue;
        groups.forEach((group, i) => {
            const id = groups.length === 1 ? key : `${key}-${i}`;
            ingress[id] = new vpc.SecurityGroupIngressRule(
                childName(base, "into", id),
                {
                    securityGroupId: target.securityGroupId,
                    referencedSecurityGroupId: group,
                    ipProtocol: "tcp",
                    fromPort: target.port,
                    toPort: target.port,
                    description: `From API Gateway VPC link ${ctx.name}`,
                    tags: ctx.tags,
                },
                ctx.opts,
            );
        });
    }
    const vpcLink = create(
        apigatewayv2.VpcLink,
        fitName(base, apigatewayv2.VpcLink),
        { subnetIds: link.subnetIds, securityGroupIds: groups, tags: ctx.tags },
        // Immutable once created: a change of subnets or groups replaces it (and its network interfaces).
        ctx.opts,
        t.vpcLink,
    );
    for (const [key, target] of Object.entries(link.targets)) {
        if (!target.internal)
            pulumi.log.warn(
                `[aws-platform:serverless:public-alb] ServerlessApi "${ctx.name}": vpcLink target "${key}" is an internet-facing ALB: callers can reach it without the API's authorizers and throttling; prefer an internal ALB`,
            );
    }
    return { vpcLink, securityGroup, egress, ingress };
}

/**
 * One `HTTP_PROXY` private integration per proxy route: API Gateway forwards the request as it came (any
 * method) to the listener through the VPC link, over TLS when the listener is HTTPS. The `$default` stage
 * adds no stage segment to the path
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html).
 */
export function createProxyIntegrations(ctx: Ctx, link: ResolvedVpcLink, vpcLink: apigatewayv2.VpcLink): Record<string, apigatewayv2.Integration> {
    return Object.fromEntries(
        Object.entries(ctx.cfg.proxyRoutes).map(([routeKey, r]) => {
            const target = link.targets[r.target];
            const greedy = greedyName(routeKey);
            const integration = create(
                apigatewayv2.Integration,
                childName(ctx.name, "proxy-integration", routeSlug(routeKey)),
                {
                    apiId: ctx.api.id,
                    integrationType: "HTTP_PROXY",
                    connectionType: "VPC_LINK",
                    connectionId: vpcLink.id,
                    integrationUri: target.listenerArn,
                    integrationMethod: "ANY",
                    // HTTP proxy integrations take payload 1.0 only.
                    payloadFormatVersion: "1.0",
                    tlsConfig: target.protocol === "HTTPS" ? { serverNameToVerify: target.serverName } : undefined,
                    // Parameter mapping: the path becomes the greedy variable's value (a static "/" then the variable).
                    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
                    requestParameters: r.stripPrefix && greedy ? { "overwrite:path": `/\${request.path.${greedy}}` } : undefined,
                },
                ctx.opts,
                ctx.cfg.transform.proxyIntegration,
            );
            return [routeKey, integration];
        }),
    );
}
