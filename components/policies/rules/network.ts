/** Rules: Elastic Load Balancing and EC2/VPC (elb-*, ec2-*). */
import type { PolicyResource } from "@pulumi/policy";
import { type Rule, resourceRule, stackRule } from "../rule";
import { asArray, isTrue, isWorldCidr, knownValue, linksTo, ofTypes } from "../util";

const ELB_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html";
const EC2_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html";

/** `aws:alb/*` are the deprecated aliases of `aws:lb/*`, with the same inputs. */
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
const MAIN_ROUTE_TABLE_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
const INSTANCE = "aws:ec2/instance:Instance";
const VOLUME = "aws:ebs/volume:Volume";

/** `loadBalancerType` absent is "application" (the provider's default). */
const isApplication = (props: Record<string, any>) => props.loadBalancerType === undefined || props.loadBalancerType === "application";

/**
 * Security policies that offer TLS 1.2 and above only: the TLS 1.3 policies with a 1.2 or 1.3 minimum, and the older
 * TLS-1-2 and FS-1-2 ones. The others (`ELBSecurityPolicy-2016-08`, `-TLS13-1-0-`, `-TLS13-1-1-`, `-FS-2018-06`,
 * `-FS-1-1-`) admit TLS 1.0/1.1. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

/** Ports EC2.18 authorizes to the world by default, here only on an internet-facing load balancer's security group. */
const PUBLIC_LB_PORTS = [80, 443];

/** One ingress permission, normalised from an inline rule, a VPC ingress rule or a legacy security group rule. */
interface Ingress {
    /** Where it is written, for the message. */
    path: string;
    protocol: string;
    fromPort: number | undefined;
    toPort: number | undefined;
    sources: string[];
}

/** The world-open ingress permissions a resource writes, and the security group they belong to (undefined: the resource itself). */
function worldIngress(r: PolicyResource): { standalone: boolean; rules: Ingress[] } {
    const p = r.props;
    const inline = (list: unknown, path: string): Ingress[] =>
        asArray<any>(list).map((x, i) => ({
            path: `${path}[${i}]`,
            protocol: String(x?.protocol ?? ""),
            fromPort: x?.fromPort,
            toPort: x?.toPort,
            sources: [...asArray<string>(x?.cidrBlocks), ...asArray<string>(x?.ipv6CidrBlocks)],
        }));
    let rules: Ingress[] = [];
    let standalone = false;
    if (r.type === SECURITY_GROUP || r.type === DEFAULT_SECURITY_GROUP) rules = inline(p.ingress, "ingress");
    else if (r.type === INGRESS_RULE) {
        standalone = true;
        rules = [
            {
                path: "",
                protocol: String(p.ipProtocol ?? ""),
                fromPort: p.fromPort,
                toPort: p.toPort,
                sources: [p.cidrIpv4, p.cidrIpv6].filter((s) => typeof s === "string"),
            },
        ];
    } else if (r.type === GROUP_RULE && p.type === "ingress") {
        standalone = true;
        rules = [
            {
                path: "",
                protocol: String(p.protocol ?? ""),
                fromPort: p.fromPort,
                toPort: p.toPort,
                sources: [...asArray<string>(p.cidrBlocks), ...asArray<string>(p.ipv6CidrBlocks)],
            },
        ];
    }
    return { standalone, rules: rules.filter((x) => x.sources.some(isWorldCidr)) };
}

/** "-1"/"all" is every protocol and port; ICMP (1, 58) has no ports, and EC2.18 checks TCP and UDP ports only. */
const ALL_PROTOCOLS = ["-1", "all"];
const ICMP = ["icmp", "icmpv6", "1", "58"];

export const NETWORK_RULES: Rule[] = [
    resourceRule({
        name: "elb-1-http-redirect",
        description: "Application Load Balancer HTTP listeners only redirect to HTTPS.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ELB.1", url: ELB_CONTROLS },
        types: LISTENERS,
        validate: (props, _args, report) => {
            // Absent protocol: HTTP on an ALB (an NLB listener always states TCP/TLS/UDP).
            if ((props.protocol ?? "HTTP") !== "HTTP") return;
            const actions = asArray<any>(props.defaultActions);
            const redirects = actions.length > 0 && actions.every((a) => a?.type === "redirect" && a.redirect?.protocol === "HTTPS");
            if (!redirects)
                report(
                    `protocol is HTTP and defaultActions are ${JSON.stringify(actions.map((a) => a?.type))}; serve on an HTTPS listener (certificateArn) and make the HTTP listener a redirect (type "redirect", redirect.protocol "HTTPS").`,
                );
        },
    }),
    resourceRule({
        name: "elb-17-tls-policy",
        description: "HTTPS and TLS listeners use a security policy that admits TLS 1.2 and above only.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ELB.17", url: ELB_CONTROLS },
        types: LISTENERS,
        validate: (props, _args, report) => {
            if (props.protocol !== "HTTPS" && props.protocol !== "TLS") return;
            // Absent: ELB's API default, ELBSecurityPolicy-2016-08, which admits TLS 1.0.
            if (typeof props.sslPolicy !== "string" || !TLS12_POLICY.test(props.sslPolicy))
                report(
                    `sslPolicy is ${JSON.stringify(props.sslPolicy ?? "ELBSecurityPolicy-2016-08 (default)")}; use "ELBSecurityPolicy-TLS13-1-2-2021-06" or another TLS13-1-2/TLS13-1-3 policy.`,
                );
        },
    }),
    resourceRule({
        name: "elb-4-drop-invalid-headers",
        description: "Application Load Balancers drop invalid HTTP header fields.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ELB.4", url: ELB_CONTROLS },
        types: LOAD_BALANCERS,
        validate: (props, _args, report) => {
            // Absent: false.
            if (isApplication(props) && !isTrue(props.dropInvalidHeaderFields))
                report(
                    `dropInvalidHeaderFields is ${JSON.stringify(props.dropInvalidHeaderFields ?? false)}; set it to true (HTTP desync and header smuggling).`,
                );
        },
    }),
    resourceRule({
        name: "elb-12-desync-mitigation",
        description: "Application Load Balancers mitigate HTTP desync in defensive or strictest mode.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ELB.12", url: ELB_CONTROLS },
        types: LOAD_BALANCERS,
        validate: (props, _args, report) => {
            // Absent: "defensive".
            const mode = props.desyncMitigationMode ?? "defensive";
            if (isApplication(props) && mode !== "defensive" && mode !== "strictest")
                report(`desyncMitigationMode is ${JSON.stringify(mode)}; use "defensive" (the default) or "strictest".`);
        },
    }),
    resourceRule({
        name: "elb-5-access-logs",
        description: "Application Load Balancers write access logs to S3.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ELB.5", cdkNag: ["AwsSolutions-ELB2"], url: ELB_CONTROLS },
        types: LOAD_BALANCERS,
        // The logs are the record of who reached a production service; dev load balancers carry test traffic.
        productionOnly: true,
        validate: (props, _args, report) => {
            // Absent `enabled`: false, even with a bucket.
            const logs = props.accessLogs;
            if (isApplication(props) && !(isTrue(logs?.enabled) && typeof logs?.bucket === "string" && logs.bucket !== ""))
                report(
                    `accessLogs is ${JSON.stringify(logs ?? null)}; set accessLogs { bucket, enabled: true } to an SSE-S3 bucket whose policy lets ELB write (ContainerService: loadBalancers.<key>.accessLogs).`,
                );
        },
    }),
    resourceRule({
        name: "elb-6-deletion-protection",
        description: "Load balancers in production have deletion protection on.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ELB.6", url: ELB_CONTROLS },
        types: LOAD_BALANCERS,
        productionOnly: true,
        validate: (props, _args, report) => {
            if (!isTrue(props.enableDeletionProtection))
                report(
                    `enableDeletionProtection is ${JSON.stringify(props.enableDeletionProtection ?? false)}; set it to true in production (ContainerService: loadBalancers.<key>.deletionProtection).`,
                );
        },
    }),
    stackRule({
        name: "ec2-18-open-ingress",
        description: "Security groups admit 0.0.0.0/0 or ::/0 only on ports 80 and 443 of an internet-facing load balancer.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EC2.18", cdkNag: ["AwsSolutions-EC23"], url: EC2_CONTROLS },
        types: [SECURITY_GROUP, DEFAULT_SECURITY_GROUP, INGRESS_RULE, GROUP_RULE],
        validate: (resources, _args, report) => {
            const publicLbs = ofTypes(resources, ...LOAD_BALANCERS).filter((lb) => !isTrue(lb.props.internal));
            const groups = ofTypes(resources, SECURITY_GROUP);
            for (const r of resources) {
                const { standalone, rules } = worldIngress(r);
                if (rules.length === 0) continue;
                // The group the permission opens: the resource itself, or the one a standalone rule names.
                const target = standalone ? groups.find((g) => linksTo(r, "securityGroupId", g)) : r;
                const onPublicLb = target !== undefined && publicLbs.some((lb) => linksTo(lb, "securityGroups", target));
                for (const x of rules) {
                    const where = `${x.path ? `${x.path} ` : ""}${x.protocol} ${x.fromPort}-${x.toPort} from ${x.sources.filter(isWorldCidr).join(", ")}`;
                    if (ICMP.includes(x.protocol.toLowerCase())) continue;
                    const allPorts = ALL_PROTOCOLS.includes(x.protocol.toLowerCase());
                    const authorized = !allPorts && x.fromPort === x.toPort && PUBLIC_LB_PORTS.includes(Number(x.fromPort));
                    if (authorized && onPublicLb) continue;
                    report(
                        authorized
                            ? `${where}: the world may reach 80/443 only on an internet-facing load balancer's security group; admit the load balancer's security group (or known CIDRs) instead.`
                            : `${where}: no port other than 80/443 of an internet-facing load balancer is open to the world; admit known CIDRs, a prefix list or a security group.`,
                        r.urn,
                    );
                }
            }
        },
    }),
    resourceRule({
        name: "ec2-2-default-sg-closed",
        description: "A VPC's default security group has no rules.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EC2.2", url: EC2_CONTROLS },
        types: [DEFAULT_SECURITY_GROUP],
        validate: (props, _args, report) => {
            // Adopting the default group with no rules removes AWS's allow-all-within-the-group rules.
            const ingress = asArray(props.ingress).length;
            const egress = asArray(props.egress).length;
            if (ingress + egress > 0)
                report(`ingress has ${ingress} and egress ${egress} rules; leave both empty and give resources their own security groups.`);
        },
    }),
    stackRule({
        name: "ec2-6-flow-logs",
        description: "Every VPC in production has a flow log.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "EC2.6", cdkNag: ["AwsSolutions-VPC7"], url: EC2_CONTROLS },
        types: [VPC],
        productionOnly: true,
        validate: (resources, _args, report) => {
            const logs = ofTypes(resources, FLOW_LOG);
            for (const vpc of ofTypes(resources, VPC))
                if (!logs.some((l) => linksTo(l, "vpcId", vpc)))
                    report(`VPC has no aws.ec2.FlowLog with vpcId pointing at it; add one (Network: flowLogs).`, vpc.urn);
        },
    }),
    stackRule({
        name: "ec2-15-no-auto-public-ip",
        description: "Only public subnets (routed to an internet gateway) assign public IPs on launch.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "EC2.15", url: EC2_CONTROLS },
        types: [SUBNET],
        validate: (resources, _args, report) => {
            const gateways = ofTypes(resources, INTERNET_GATEWAY);
            // A route's gateway: one of the stack's internet gateways (by dependency or id), or a literal igw- id.
            const toGateway = (from: PolicyResource, property: string, pick?: (value: any) => unknown) =>
                gateways.some((g) => linksTo(from, property, g, pick)) ||
                ((from.propertyDependencies[property] ?? []).length === 0 &&
                    asArray<unknown>((pick ? pick(from.props[property]) : from.props[property]) as any).some(
                        (id) => typeof id === "string" && id.startsWith("igw-"),
                    ));
            const routes = ofTypes(resources, ROUTE);
            const publicTables = ofTypes(resources, ROUTE_TABLE, DEFAULT_ROUTE_TABLE).filter(
                (t) =>
                    toGateway(t, "routes", (v) => asArray<any>(v).map((r) => r?.gatewayId)) ||
                    routes.some((r) => linksTo(r, "routeTableId", t) && toGateway(r, "gatewayId")),
            );
            const associations = ofTypes(resources, ROUTE_TABLE_ASSOCIATION);
            const isPublicTable = (a: PolicyResource) => publicTables.some((t) => linksTo(a, "routeTableId", t));
            // A subnet with no association of its own uses its VPC's main route table: the adopted default table
            // (aws.ec2.DefaultRouteTable, for the VPC's defaultRouteTableId) or one made main by a MainRouteTableAssociation.
            const vpcs = ofTypes(resources, VPC);
            // Two resources in one VPC: both take vpcId from the same VPC of the stack, or name the same VPC id literally.
            const sameVpc = (x: PolicyResource, y: PolicyResource) => {
                const literal = knownValue(x.props, "vpcId");
                return (
                    vpcs.some((v) => linksTo(x, "vpcId", v) && linksTo(y, "vpcId", v)) ||
                    (typeof literal === "string" && literal === knownValue(y.props, "vpcId"))
                );
            };
            const mainIsPublic = (subnet: PolicyResource) =>
                ofTypes(resources, MAIN_ROUTE_TABLE_ASSOCIATION).some((m) => sameVpc(subnet, m) && isPublicTable(m)) ||
                ofTypes(resources, DEFAULT_ROUTE_TABLE).some(
                    (t) =>
                        publicTables.includes(t) &&
                        vpcs.some(
                            (v) =>
                                linksTo(subnet, "vpcId", v) &&
                                // The table's defaultRouteTableId comes from the VPC (a dependency), or names the VPC's table literally.
                                ((t.propertyDependencies?.defaultRouteTableId ?? []).some((d) => d.urn === v.urn) ||
                                    (knownValue(v.props, "defaultRouteTableId") !== undefined &&
                                        knownValue(v.props, "defaultRouteTableId") === knownValue(t.props, "defaultRouteTableId"))),
                        ),
                );
            const isPublic = (subnet: PolicyResource) => {
                const own = associations.filter((a) => linksTo(a, "subnetId", subnet));
                return own.length > 0 ? own.some(isPublicTable) : mainIsPublic(subnet);
            };
            for (const subnet of ofTypes(resources, SUBNET)) {
                if (!isTrue(subnet.props.mapPublicIpOnLaunch)) continue;
                if (!isPublic(subnet))
                    report(
                        `mapPublicIpOnLaunch is true on a subnet with no route to an internet gateway; set it to false (instances there get public IPs they cannot use).`,
                        subnet.urn,
                    );
            }
        },
    }),
    resourceRule({
        name: "ec2-8-imdsv2",
        description: "EC2 instances require IMDSv2 (session tokens) for the instance metadata service.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EC2.8", url: EC2_CONTROLS },
        types: [INSTANCE],
        validate: (props, _args, report) => {
            // Absent: "optional" unless the AMI or the account default says otherwise, which the program cannot see.
            const tokens = props.metadataOptions?.httpTokens;
            // Unset on an instance launched from a template: the template's metadataOptions apply, which
            // ec2-170-launch-template-imdsv2 checks.
            if (tokens === undefined && props.launchTemplate !== undefined) return;
            if (tokens !== "required") report(`metadataOptions.httpTokens is ${JSON.stringify(tokens)}; set it to "required".`);
        },
    }),
    resourceRule({
        name: "ec2-3-encrypted-volumes",
        description: "EBS volumes, and the block devices of EC2 instances, are encrypted.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "EC2.3", cdkNag: ["AwsSolutions-EC26"], url: EC2_CONTROLS },
        types: [INSTANCE, VOLUME],
        validate: (props, args, report) => {
            // Absent: encrypted only if the account's EBS encryption by default is on, which the program cannot see.
            if (args.type === VOLUME) {
                if (!isTrue(props.encrypted)) report(`encrypted is ${JSON.stringify(props.encrypted)}; set it to true.`);
                return;
            }
            // No rootBlockDevice on an instance launched from a template: the template's mapping applies, which
            // ec2-launch-template-encrypted-volumes checks.
            const fromTemplate = props.rootBlockDevice === undefined && props.launchTemplate !== undefined;
            if (!fromTemplate && !isTrue(props.rootBlockDevice?.encrypted))
                report(`rootBlockDevice.encrypted is ${JSON.stringify(props.rootBlockDevice?.encrypted)}; set it to true.`);
            asArray<any>(props.ebsBlockDevices).forEach((d, i) => {
                if (!isTrue(d?.encrypted)) report(`ebsBlockDevices[${i}] (${d?.deviceName}).encrypted is ${JSON.stringify(d?.encrypted)}; set it to true.`);
            });
        },
    }),
];
