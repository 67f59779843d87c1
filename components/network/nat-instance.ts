import * as pulumi from "@pulumi/pulumi";
import * as autoscaling from "@pulumi/aws/autoscaling";
import * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import * as vpcRules from "@pulumi/aws/vpc";
import { type RoleResources, assumeRolePolicy, awsManagedPolicyArn, createInstanceProfile, createRole } from "../shared/iam";
import { IMDS_V2_ONLY, blockDevices } from "../shared/launch-template";
import { asgTags, launchTags, launchTagSpecifications } from "../shared/launch-tags";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { type NetworkContext, named } from "./context";

/** The AL2023 AMI's root volume: its snapshot is 8 GiB, and a NAT instance writes nothing else. */
const ROOT_VOLUME_GIB = 8;

export interface NatInstanceResources {
    /** Admits everything from the VPC's CIDR, lets everything out. */
    securityGroup: ec2.SecurityGroup;
    ingress: vpcRules.SecurityGroupIngressRule;
    egress: vpcRules.SecurityGroupEgressRule;
    /** The fixed network interface the private route tables point at; every instance the group launches boots with it. */
    networkInterface: ec2.NetworkInterface;
    /** The interface's public address: NAT's source address on the internet, kept across instance replacements. */
    eip: ec2.Eip;
    role: iam.Role;
    /** The role's `AmazonSSMManagedInstanceCore` attachment (`<name>-nat-instance-role-ssm`). */
    roleAttachments: RoleResources["attachments"];
    instanceProfile: iam.InstanceProfile;
    launchTemplate: ec2.LaunchTemplate;
    /** min = max = desired = 1: replaces an instance that fails its EC2 status checks. */
    group: autoscaling.Group;
}

/**
 * The instance's first-boot script (Amazon Linux 2023): IP forwarding and source NAT of the VPC's
 * traffic, both persisted (a sysctl.d file; `iptables-services` restores /etc/sysconfig/iptables at
 * boot). CDK's `NatInstanceProviderV2` configures AL2023 the same way (aws-cdk-lib `aws-ec2/lib/nat.ts`).
 * The rule matches on addresses, not on an interface name: AL2023 names the interface `ens5` on Nitro
 * instances, not `eth0`. FORWARD is flushed because the iptables-services default rules REJECT forwarding.
 */
export function natUserData(vpcCidr: string): string {
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        "dnf install -y iptables-services",
        "cat > /etc/sysctl.d/90-nat-instance.conf <<'EOF'",
        "net.ipv4.ip_forward = 1",
        "EOF",
        "sysctl --system",
        `iptables -t nat -A POSTROUTING -s ${vpcCidr} ! -d ${vpcCidr} -j MASQUERADE`,
        "iptables -F FORWARD",
        "iptables-save > /etc/sysconfig/iptables",
        "systemctl enable --now iptables",
        "",
    ].join("\n");
}

/**
 * One NAT instance in the first public subnet, as fck-nat's HA mode (RaJiska/terraform-aws-fck-nat) does it:
 * an Auto Scaling group of one that replaces a failed instance, and a network interface that outlives the
 * instances, so the private routes never point at a dead one. Unlike fck-nat (which launches each instance
 * with a throw-away interface and attaches the fixed one from its own script, needing
 * `ec2:AttachNetworkInterface`), the launch template boots the instance on the fixed interface itself
 * (an existing network interface as device 0: https://docs.aws.amazon.com/autoscaling/ec2/userguide/examples-launch-templates-aws-cli.html),
 * with its Elastic IP: no API call from the instance, no role beyond Session Manager.
 */
export function createNatInstance(
    ctx: NetworkContext,
    vpc: ec2.Vpc,
    subnet: ec2.Subnet,
    internetGateway: ec2.InternetGateway,
    partition: pulumi.Output<string>,
): NatInstanceResources {
    const { parent, name, cfg } = ctx;
    const t = cfg.transform;
    // Resolved whenever natGateways is "instance", the only mode that calls this.
    const nat = cfg.natInstance!;
    const opts = { parent };
    const role = (r: string) => childName(name, "nat-instance", r);

    const securityGroup = create(
        ec2.SecurityGroup,
        fitName(role("security-group"), ec2.SecurityGroup),
        { vpcId: vpc.id, description: `NAT instance of ${name}: all traffic from the VPC, out to anywhere`, tags: named(ctx, role("sg")) },
        opts,
        t.natInstanceSecurityGroup,
    );
    // A NAT forwards whatever the private subnets send (any protocol, any port): the private route
    // tables already decide what reaches it, as they do for a NAT gateway, which has no security group.
    const ingress = create(
        vpcRules.SecurityGroupIngressRule,
        role("from-vpc"),
        {
            securityGroupId: securityGroup.id,
            ipProtocol: "-1",
            cidrIpv4: cfg.cidrBlock,
            description: "All traffic from the VPC",
            tags: named(ctx, role("from-vpc")),
        },
        opts,
        t.natInstanceIngress,
    );
    const egress = create(
        vpcRules.SecurityGroupEgressRule,
        role("to-anywhere"),
        {
            securityGroupId: securityGroup.id,
            ipProtocol: "-1",
            cidrIpv4: "0.0.0.0/0",
            description: "Forwarded traffic to the internet",
            tags: named(ctx, role("to-anywhere")),
        },
        opts,
        t.natInstanceEgress,
    );
    const networkInterface = create(
        ec2.NetworkInterface,
        role("network-interface"),
        {
            subnetId: subnet.id,
            securityGroups: [securityGroup.id],
            // An instance drops packets not addressed to it unless the check is off: a NAT's whole job
            // (https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html#EIP_Disable_SrcDestCheck).
            sourceDestCheck: false,
            description: `NAT instance of ${name} (kept across instance replacements)`,
            tags: named(ctx, role("eni")),
        },
        opts,
        t.natInstanceNetworkInterface,
    );
    // An existing interface gets no public IP at launch (AssociatePublicIpAddress applies to new ones): an Elastic IP.
    const eip = create(
        ec2.Eip,
        role("eip"),
        { domain: "vpc", networkInterface: networkInterface.id, tags: named(ctx, role("eip")) },
        // The address can be associated only once the VPC has its internet gateway.
        { parent, dependsOn: [internetGateway] },
        t.natInstanceEip,
    );
    const instanceRole = createRole(
        role("role"),
        {
            description: `NAT instance of ${name}: Session Manager only`,
            assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
            // Shell access through Session Manager, no SSH key and no port open from outside.
            managedPolicies: { ssm: awsManagedPolicyArn(partition, "AmazonSSMManagedInstanceCore") },
            tags: ctx.tags,
        },
        opts,
        t.natInstanceRole,
    );
    const instanceProfile = createInstanceProfile(childName(name, "nat-instance"), instanceRole, ctx.tags, opts, t.natInstanceProfile);
    const instanceTags = launchTags({ component: "Network", instance: name, target: "the NAT instance", added: 1 }, ctx.tags, { parent });
    const launchTemplate = create(
        ec2.LaunchTemplate,
        fitName(role("launch-template"), ec2.LaunchTemplate),
        {
            description: `NAT instance of ${name}`,
            // Resolved by EC2 at each launch, so a replacement boots the latest AL2023
            // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html#use-an-ssm-parameter-instead-of-an-ami-id).
            imageId: nat.imageId,
            instanceType: nat.instanceType,
            iamInstanceProfile: { arn: instanceProfile.arn },
            // The security group is the interface's: EC2 refuses a template with both an interface and
            // group ids ("When a network interface is provided, the security groups must be a part of it").
            networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: networkInterface.id, deleteOnTermination: "false" }],
            userData: Buffer.from(natUserData(cfg.cidrBlock)).toString("base64"),
            metadataOptions: IMDS_V2_ONLY,
            blockDeviceMappings: blockDevices("al2023", ROOT_VOLUME_GIB),
            // The interface exists already (tagged as a resource of its own): only what the launch creates.
            tagSpecifications: launchTagSpecifications(instanceTags, role("instance")).filter((s) => s.resourceType !== "network-interface"),
            tags: ctx.tags,
        },
        opts,
        t.natInstanceLaunchTemplate,
    );
    const group = create(
        autoscaling.Group,
        fitName(role("group"), autoscaling.Group),
        {
            // The interface's subnet: an instance boots only in its interface's AZ.
            vpcZoneIdentifiers: [subnet.id],
            minSize: 1,
            maxSize: 1,
            desiredCapacity: 1,
            // EC2 health checks: an instance failing its status checks is replaced.
            healthCheckType: "EC2",
            launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
            // A new template version (instance type, AMI pin, script) replaces the instance. With one
            // interface for one instance, the old one must go first: 0 % healthy during the refresh.
            instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 0 } },
            tags: asgTags(instanceTags),
        },
        // The interface reaches the internet only through its Elastic IP.
        { parent, dependsOn: [eip] },
        t.natInstanceGroup,
    );
    return {
        securityGroup,
        ingress,
        egress,
        networkInterface,
        eip,
        role: instanceRole.role,
        roleAttachments: instanceRole.attachments,
        instanceProfile,
        launchTemplate,
        group,
    };
}
