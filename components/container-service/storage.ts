import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as efs from "@pulumi/aws/efs";
import * as vpc from "@pulumi/aws/vpc";
import { ArgsError, Issue } from "../shared/errors";
import { Statement, policyJson } from "../shared/iam";
import { createEfsFileSystem } from "../shared/efs";
import { NFS_PORT } from "../shared/limits/efs";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { ContainerServiceArgs, VpcArgs } from "./args";
import type { Ctx } from "./context";
import type { ResolvedVolume } from "./defaults";

/** One EFS file system and what makes it reachable: mount targets, their security group, policies. */
export interface FileSystemResources {
    fileSystem: efs.FileSystem;
    /** The mount targets' security group: no ingress of its own; `allowMount` opens it per consumer. */
    securityGroup: ec2.SecurityGroup;
    /** One per AZ: per `vpc.privateSubnetIdsByAz` entry, else per `vpc.privateSubnetIds` element, in order. */
    mountTargets: efs.MountTarget[];
    backupPolicy: efs.BackupPolicy;
    policy: efs.FileSystemPolicy;
    /** NFS admission to the mount targets, by consumer: a service or task key, or `instances` (bridge tasks on EC2). */
    ingress: Record<string, vpc.SecurityGroupIngressRule>;
}

/** An availability zone name (`us-east-1a`, `us-gov-west-1b`, `us-west-2-lax-1a`) or id (`use1-az1`). */
const AVAILABILITY_ZONE = /^([a-z]{2}(-[a-z]+)+-\d+[a-z]|[a-z]{2}(-[a-z]+)+-\d+-[a-z]+-\d+[a-z]|[a-z]{3,5}\d+-az\d+)$/;

function subnetIssues(vpcArgs: Pick<VpcArgs, "privateSubnetIds" | "privateSubnetIdsByAz">, fileSystems: Record<string, unknown> | undefined): Issue[] {
    const keys = Object.keys(fileSystems ?? {});
    const byAz = vpcArgs.privateSubnetIdsByAz;
    if (byAz !== undefined) {
        const issues: Issue[] = [];
        for (const az of Object.keys(byAz)) {
            if (!AVAILABILITY_ZONE.test(az))
                issues.push({
                    path: `vpc.privateSubnetIdsByAz.${az}`,
                    value: az,
                    message: "is not an availability zone",
                    allowed: 'an availability zone name or id, e.g. "us-east-1a" or "use1-az1"',
                });
        }
        if (keys.length > 0 && Object.keys(byAz).length === 0)
            issues.push({ path: "vpc.privateSubnetIdsByAz", value: {}, message: `is empty, so fileSystems (${keys.join(", ")}) would have no mount target` });
        return issues;
    }
    if (keys.length === 0) return [];
    const privateSubnetIds = vpcArgs.privateSubnetIds;
    const allowed = "an array with one subnet id per availability zone (each may be an Output): a Network's `vpcArgs`, or e.g. [subnetA.id, subnetB.id]";
    if (privateSubnetIds === undefined) {
        return [{ path: "vpc.privateSubnetIds", message: `is required: fileSystems (${keys.join(", ")}) need one mount target per subnet`, allowed }];
    }
    if (!Array.isArray(privateSubnetIds)) {
        // Mount targets are one resource per subnet: their count must be known before deployment,
        // and resources are never created inside `apply`.
        return [
            {
                path: "vpc.privateSubnetIds",
                value: "(an Output)",
                message: `is not an array, and fileSystems (${keys.join(", ")}) need one mount target per subnet`,
                allowed,
            },
        ];
    }
    if (privateSubnetIds.length === 0) {
        return [{ path: "vpc.privateSubnetIds", value: [], message: `is empty, so fileSystems (${keys.join(", ")}) would have no mount target`, allowed }];
    }
    // EFS takes one mount target per AZ: the same subnet twice is two in one AZ, refused at deployment.
    const plain = privateSubnetIds.filter((id): id is string => typeof id === "string");
    const twice = [...new Set(plain.filter((id, i) => plain.indexOf(id) !== i))];
    if (twice.length > 0) {
        return [
            {
                path: "vpc.privateSubnetIds",
                value: privateSubnetIds,
                message: `holds ${twice.join(", ")} twice, and fileSystems (${keys.join(", ")}) take one mount target per subnet, one per AZ`,
                allowed: `${allowed}; or vpc.privateSubnetIdsByAz`,
            },
        ];
    }
    return [];
}

/**
 * EFS file systems need `vpc.privateSubnetIds` as a plain array (of Inputs): one mount target is
 * created per element. Pure: call it from `validate`.
 */
export function checkMountableSubnets(args: ContainerServiceArgs): Issue[] {
    // A missing `vpc` is validate's to report.
    if (!args?.vpc) return [];
    return subnetIssues(args.vpc, args.fileSystems);
}

/** The file system policy: TLS always, and only this account's IAM principals, through mount targets. */
function fileSystemPolicy(ctx: Ctx, fileSystemArn: pulumi.Input<string>): pulumi.Output<string> {
    const statements: Statement[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            // Every principal and every action: a Deny, so "*" narrows access rather than widening it.
            Principal: { AWS: "*" },
            Action: "*",
            Resource: fileSystemArn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "AllowAccountMountThroughAccessPoints",
            Effect: "Allow",
            // The account as principal delegates to IAM: a role still needs its own grant (efsStatements),
            // and other accounts get nothing. No ClientRootAccess: root is squashed on every mount.
            Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` },
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: fileSystemArn,
            Condition: {
                Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" },
                // Present only when the client mounts through an access point (which enforces uid/gid and root directory).
                Null: { "elasticfilesystem:AccessPointArn": "false" },
            },
        },
    ];
    return policyJson(statements);
}

/**
 * Creates each of `fileSystems`: an encrypted EFS file system (protected with `protectData`), its
 * backup policy, a file system policy requiring TLS and IAM, a security group, and one mount target
 * per private subnet. Throws an `ArgsError` when `vpc.privateSubnetIds` is not a plain array.
 */
export function createFileSystems(ctx: Ctx): Record<string, FileSystemResources> {
    const entries = Object.entries(ctx.cfg.fileSystems);
    if (entries.length === 0) return {};
    const issues = subnetIssues(ctx.cfg.vpc, ctx.cfg.fileSystems);
    if (issues.length) throw new ArgsError("ContainerService", ctx.name, issues);
    // One subnet per AZ: keyed by AZ when the VPC says which is where, else by position in the list.
    const byAz = ctx.cfg.vpc.privateSubnetIdsByAz;
    const subnets: Array<[string, pulumi.Input<string>]> = byAz
        ? Object.entries(byAz)
        : (ctx.cfg.vpc.privateSubnetIds as pulumi.Input<string>[]).map((id, i) => [String(i), id]);
    const t = ctx.cfg.transform;

    const result: Record<string, FileSystemResources> = {};
    for (const [key, fs] of entries) {
        const base = childName(ctx.name, key, "efs");
        const securityGroup = create(
            ec2.SecurityGroup,
            fitName(childName(base, "sg"), ec2.SecurityGroup),
            {
                vpcId: ctx.cfg.vpc.vpcId,
                description: `EFS mount targets of ${base}`,
                // No ingress here: allowMount adds one rule per consumer, so only its tasks reach NFS.
                // Mount targets never initiate connections: no egress either.
                tags: { ...ctx.tags, Name: childName(base, "sg") },
            },
            ctx.opts,
            t.fileSystemSecurityGroup,
        );
        // Mount targets named by AZ, or by position when the subnets are a plain list.
        const { fileSystem, backupPolicy, mountTargets } = createEfsFileSystem(
            {
                name: base,
                throughputMode: fs.throughputMode,
                transitionToIA: fs.transitionToIA,
                backup: fs.backup,
                subnets,
                securityGroupId: securityGroup.id,
                tags: ctx.tags,
            },
            ctx.opts,
            ctx.dataOpts,
            t.fileSystem,
            { backupPolicy: t.backupPolicy, mountTarget: t.mountTarget },
        );

        const policy = create(
            efs.FileSystemPolicy,
            childName(base, "policy"),
            {
                fileSystemId: fileSystem.id,
                policy: fileSystemPolicy(ctx, fileSystem.arn),
            },
            ctx.opts,
            t.fileSystemPolicy,
        );

        result[key] = { fileSystem, securityGroup, mountTargets, backupPolicy, policy, ingress: {} };
    }
    return result;
}

/**
 * An access point for one volume of one service or task (`owner`): it enforces the POSIX user and
 * confines the mount to `vol.rootDirectory`, creating it (mode 750) on first use.
 */
export function createAccessPoint(ctx: Ctx, owner: string, volumeKey: string, vol: ResolvedVolume, fs: FileSystemResources): efs.AccessPoint {
    const name = childName(ctx.name, owner, volumeKey, "ap");
    return create(
        efs.AccessPoint,
        name,
        {
            fileSystemId: fs.fileSystem.id,
            posixUser: { uid: vol.uid, gid: vol.gid },
            rootDirectory: {
                path: vol.rootDirectory,
                creationInfo: { ownerUid: vol.uid, ownerGid: vol.gid, permissions: "750" },
            },
            tags: { ...ctx.tags, Name: name },
        },
        ctx.opts,
        ctx.cfg.transform.accessPoint,
    );
}

/**
 * Lets `owner`'s tasks reach the file system: NFS (TCP 2049) from their security group to the
 * mount targets' group. Call once per owner and file system (a second call would reuse the name).
 */
export function allowMount(
    ctx: Ctx,
    owner: string,
    fsKey: string,
    fs: FileSystemResources,
    sourceSecurityGroupId: pulumi.Input<string>,
): vpc.SecurityGroupIngressRule {
    fs.ingress[owner] = create(
        vpc.SecurityGroupIngressRule,
        childName(ctx.name, owner, fsKey, "efs-ingress"),
        {
            securityGroupId: fs.securityGroup.id,
            referencedSecurityGroupId: sourceSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: NFS_PORT,
            toPort: NFS_PORT,
            description: `NFS from ${childName(ctx.name, owner)} tasks`,
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.cfg.transform.efsIngress,
    );
    return fs.ingress[owner];
}

/**
 * The task role's EFS permissions: mount (and write, unless read-only) the file system, only through
 * the volume's own access point.
 */
export function efsStatements(fileSystemArn: pulumi.Input<string>, accessPointArn: pulumi.Input<string>, readOnly: boolean): Statement[] {
    return [
        {
            Effect: "Allow",
            Action: readOnly ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: fileSystemArn,
            Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn } },
        },
    ];
}
