import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as vpcRules from "@pulumi/aws/vpc";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { type NetworkContext, named } from "./context";

export interface EndpointResources {
    /** Gateway endpoints by service (`s3`, `dynamodb`). */
    gatewayEndpoints: Record<string, ec2.VpcEndpoint>;
    /** Interface endpoints by service (`ecr.api`, `logs`, …). */
    interfaceEndpoints: Record<string, ec2.VpcEndpoint>;
    /** Admits HTTPS from the VPC to the interface endpoints; absent when there are none. */
    endpointSecurityGroup?: ec2.SecurityGroup;
    /** Its one rule: HTTPS from the VPC's CIDR. */
    endpointIngress?: vpcRules.SecurityGroupIngressRule;
}

/**
 * The subnets in AZs where the endpoint service is offered: not every service is in every AZ
 * (`lambda` in us-east-1, for one), and CreateVpcEndpoint refuses a subnet of an AZ it lacks
 * ("The VPC endpoint service ... does not support the availability zone of the subnet").
 */
function subnetsOffering(ctx: NetworkContext, service: string, subnets: ec2.Subnet[]): pulumi.Output<string[]> {
    const offered = ec2.getVpcEndpointServiceOutput({ service, serviceType: "Interface" }, { parent: ctx.parent }).availabilityZones;
    return pulumi.all([offered, pulumi.all(subnets.map((s) => pulumi.all([s.id, s.availabilityZone])))]).apply(([zones, pairs]) => {
        const ids = pairs.filter(([, az]) => zones.includes(az)).map(([id]) => id);
        if (ids.length === 0) {
            throw new Error(
                `Network "${ctx.name}": the interface endpoint service ${service} is offered in none of the network's zones (${pairs.map(([, az]) => az).join(", ")}; it is in ${zones.join(", ")}): leave it out of interfaceEndpoints`,
            );
        }
        return ids;
    });
}

/** `ecr.api` → `ecr-api`: endpoint service names as name parts. */
function role(service: string): string {
    return `${service.replace(/\./g, "-")}-endpoint`;
}

/**
 * Gateway endpoints on every route table (public and private), and interface endpoints with private
 * DNS in the private subnets (one network interface per AZ that offers the service).
 */
export function createEndpoints(
    ctx: NetworkContext,
    vpc: ec2.Vpc,
    region: pulumi.Output<string>,
    routeTableIds: pulumi.Output<string>[],
    privateSubnets: ec2.Subnet[],
): EndpointResources {
    const { parent, name, cfg } = ctx;
    const t = cfg.transform;
    const gatewayEndpoints: Record<string, ec2.VpcEndpoint> = {};
    for (const service of cfg.gatewayEndpoints) {
        gatewayEndpoints[service] = create(
            ec2.VpcEndpoint,
            childName(name, role(service)),
            {
                vpcId: vpc.id,
                serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
                vpcEndpointType: "Gateway",
                routeTableIds,
                tags: named(ctx, childName(name, service)),
            },
            { parent },
            t.gatewayEndpoint,
        );
    }
    if (cfg.interfaceEndpoints.length === 0) return { gatewayEndpoints, interfaceEndpoints: {} };

    const endpointSecurityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(name, "endpoint-security-group"), ec2.SecurityGroup),
        {
            vpcId: vpc.id,
            description: `HTTPS from the VPC to the interface endpoints of ${name}`,
            tags: named(ctx, childName(name, "endpoints")),
        },
        { parent },
        t.endpointSecurityGroup,
    );
    // Clients in the VPC open TLS connections to the endpoints' network interfaces; responses need no
    // egress rule (security groups are stateful). A rule resource of its own, not inline `ingress`:
    // the provider's docs warn that inline rules and rule resources on one group fight, and users may
    // add rules to `resources.endpointSecurityGroup`.
    const endpointIngress = create(
        vpcRules.SecurityGroupIngressRule,
        childName(name, "endpoint-https-from-vpc"),
        {
            securityGroupId: endpointSecurityGroup.id,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: cfg.cidrBlock,
            description: "HTTPS from the VPC",
            tags: named(ctx, childName(name, "endpoints-https")),
        },
        { parent },
        t.endpointIngress,
    );
    const interfaceEndpoints: Record<string, ec2.VpcEndpoint> = {};
    for (const service of cfg.interfaceEndpoints) {
        interfaceEndpoints[service] = create(
            ec2.VpcEndpoint,
            childName(name, role(service)),
            {
                vpcId: vpc.id,
                serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
                vpcEndpointType: "Interface",
                // The service's public DNS name resolves to the endpoint inside the VPC, so SDKs and the
                // ECS agent need no endpoint configuration (it needs DNS hostnames and support on the VPC).
                privateDnsEnabled: true,
                subnetIds: subnetsOffering(ctx, service, privateSubnets),
                securityGroupIds: [endpointSecurityGroup.id],
                tags: named(ctx, childName(name, service)),
            },
            { parent },
            t.interfaceEndpoint,
        );
    }
    return { gatewayEndpoints, interfaceEndpoints, endpointSecurityGroup, endpointIngress };
}
