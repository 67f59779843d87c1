/**
 * Rules: EKS and node launch templates (eks-*, ec2-*-launch-template).
 *
 * The control plane is checked twice, consistently: on the arguments of `eks:index:Cluster` (the
 * `@pulumi/eks` component, the only thing visible offline) and on its `aws:eks/cluster:Cluster` child,
 * which a real `pulumi preview --policy-pack` also analyses. Absent fields are read as the defaults of
 * each: pulumi-eks and EKS both default to a public endpoint open to `0.0.0.0/0`, no Secrets
 * encryption and no control-plane logs.
 */
import { type Rule, resourceRule } from "../rule";
import { EKS_LOG_TYPES, EKS_VERSIONS, creatableEksVersions, eksVersionStatus } from "../../shared/limits/eks";
import { asArray, isTrue, isWorldCidr } from "../util";

const EKS_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html";
const EC2_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html";

const EKS_COMPONENT = "eks:index:Cluster";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

/** The endpoint settings of either type, with each one's default (public, open to the world). */
function endpointOf(type: string, props: Record<string, any>): { path: string; public: boolean; cidrs: unknown[] } {
    if (type === EKS_CLUSTER) {
        const vpc = props.vpcConfig ?? {};
        return { path: "vpcConfig.", public: vpc.endpointPublicAccess !== false, cidrs: asArray(vpc.publicAccessCidrs) };
    }
    return { path: "", public: props.endpointPublicAccess !== false, cidrs: asArray(props.publicAccessCidrs) };
}

const minorOf = (version: string): number | undefined => {
    const m = /^1\.(\d+)$/.exec(version.trim());
    return m ? Number(m[1]) : undefined;
};

/**
 * Why `version` is unsupported on `today` (YYYY-MM-DD), or undefined when EKS supports it. The dated table is
 * the one EksCluster validates against (components/shared/limits/eks.ts, the EKS release calendar), so a
 * version the component accepts is one this rule passes: supported through the last day of extended support.
 * A version newer than the newest listed is taken as supported (released after the table), one older than the
 * oldest is not. Exported for the tests, which pin the date.
 */
export function unsupportedEksVersion(version: unknown, today: string = new Date().toISOString().slice(0, 10)): string | undefined {
    const known = Object.keys(EKS_VERSIONS);
    const now = new Date(`${today}T00:00:00Z`);
    const allowed = `a supported version (${creatableEksVersions(now).join(", ")}, or newer)`;
    const minor = typeof version === "string" ? minorOf(version) : undefined;
    if (typeof version !== "string" || minor === undefined) return `is ${JSON.stringify(version)}, not a Kubernetes minor version; pin ${allowed}`;
    const status = eksVersionStatus(version.trim(), now);
    if (status === "unknown")
        return minor > Math.max(...known.map((v) => minorOf(v)!)) ? undefined : `is ${version}, past the end of EKS support; upgrade to ${allowed}`;
    return status === "ended"
        ? `is ${version}, whose EKS extended support ended on ${EKS_VERSIONS[version.trim()].endOfExtendedSupport}; upgrade to ${allowed}`
        : undefined;
}

export const EKS_RULES: Rule[] = [
    resourceRule({
        name: "eks-1-endpoint-private",
        description: "EKS clusters keep the API server endpoint private, or public only to listed CIDR ranges that are not the whole internet.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EKS.1", cdkNag: ["AwsSolutions-EKS1"], url: EKS_CONTROLS },
        types: [EKS_COMPONENT, EKS_CLUSTER],
        validate: (props, args, report) => {
            const e = endpointOf(args.type, props);
            if (!e.public) return;
            const fix = `set ${e.path}endpointPublicAccess to false (reach the API through the VPC), or list the admin networks in ${e.path}publicAccessCidrs`;
            // EKS's own default for publicAccessCidrs is 0.0.0.0/0 (https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html).
            if (e.cidrs.length === 0)
                report(`${e.path}endpointPublicAccess is public and ${e.path}publicAccessCidrs is not set (EKS's default 0.0.0.0/0); ${fix}.`);
            const open = e.cidrs.filter(isWorldCidr);
            if (open.length) report(`${e.path}publicAccessCidrs contains ${open.join(", ")}; ${fix}.`);
        },
    }),
    resourceRule({
        name: "eks-3-secrets-encryption",
        description: "EKS clusters encrypt Kubernetes Secrets with a KMS key (envelope encryption).",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EKS.3", cdkNag: [], url: EKS_CONTROLS },
        types: [EKS_COMPONENT, EKS_CLUSTER],
        validate: (props, args, report) => {
            if (args.type === EKS_COMPONENT) {
                const arn = props.encryptionConfigKeyArn;
                if (typeof arn !== "string" || arn === "")
                    report(`encryptionConfigKeyArn is ${JSON.stringify(arn)}; set it to a KMS key ARN that encrypts Secrets.`);
                return;
            }
            const config = props.encryptionConfig;
            const resources = asArray<string>(config?.resources);
            if (!resources.includes("secrets") || !config?.provider?.keyArn)
                report(
                    `encryptionConfig is ${JSON.stringify(config ?? null)}; set encryptionConfig.resources to ["secrets"] and encryptionConfig.provider.keyArn to a KMS key ARN.`,
                );
        },
    }),
    resourceRule({
        name: "eks-8-all-logs",
        description: "EKS clusters send all five control-plane log types (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "EKS.8", cdkNag: ["AwsSolutions-EKS2"], url: EKS_CONTROLS },
        types: [EKS_COMPONENT, EKS_CLUSTER],
        validate: (props, _args, report) => {
            const enabled = asArray<string>(props.enabledClusterLogTypes);
            const missing = EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
            if (missing.length)
                report(`enabledClusterLogTypes is ${JSON.stringify(enabled)}, missing ${missing.join(", ")}; enable all of ${EKS_LOG_TYPES.join(", ")}.`);
        },
    }),
    resourceRule({
        name: "eks-2-supported-version",
        description: "EKS clusters and managed node groups run a Kubernetes version in EKS standard or extended support.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EKS.2", cdkNag: [], url: EKS_CONTROLS },
        types: [EKS_COMPONENT, EKS_CLUSTER, "aws:eks/nodeGroup:NodeGroup"],
        validate: (props, args, report) => {
            // A node group without a version takes the cluster's, which this rule checks on the cluster.
            if (args.type === "aws:eks/nodeGroup:NodeGroup" && props.version === undefined) return;
            // Without a version EKS picks its default at creation and the cluster then never moves: pin one.
            const problem = unsupportedEksVersion(props.version);
            if (problem) report(`version ${problem}.`);
        },
    }),
    resourceRule({
        name: "ec2-170-launch-template-imdsv2",
        description: "Launch templates require IMDSv2 (session tokens) with a response hop limit of at most 2.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "EC2.170", cdkNag: [], url: EC2_CONTROLS },
        types: [LAUNCH_TEMPLATE],
        validate: (props, _args, report) => {
            const m = props.metadataOptions ?? {};
            // No metadata service at all leaves nothing to steal credentials from.
            if (m.httpEndpoint === "disabled") return;
            // Absent, httpTokens follows the AMI's ImdsSupport, "optional" for most AMIs
            // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html).
            if (m.httpTokens !== "required") report(`metadataOptions.httpTokens is ${JSON.stringify(m.httpTokens)}; set it to "required" (IMDSv2 only).`);
            // Hop limit 1 keeps containers off the instance role; 2 is AWS's recommendation where a container must reach IMDS.
            if (typeof m.httpPutResponseHopLimit === "number" && m.httpPutResponseHopLimit > 2)
                report(`metadataOptions.httpPutResponseHopLimit is ${m.httpPutResponseHopLimit}; set 1 (or 2 where a container needs the metadata service).`);
        },
    }),
    resourceRule({
        name: "ec2-launch-template-encrypted-volumes",
        description: "Launch templates map every EBS volume, the root volume included, with encryption on.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { cdkNag: ["AwsSolutions-EC26"], url: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html" },
        types: [LAUNCH_TEMPLATE],
        validate: (props, _args, report) => {
            const mappings = asArray<any>(props.blockDeviceMappings);
            // Unmapped, the root volume follows the AMI's snapshot, unencrypted unless the account turned on EBS
            // encryption by default, which the template cannot see.
            if (mappings.length === 0)
                report("blockDeviceMappings is empty, so the root volume follows the AMI's snapshot; map the root device with ebs.encrypted true.");
            mappings.forEach((m, i) => {
                // Instance-store (virtualName) and suppressed (noDevice) mappings carry no EBS volume.
                if (m?.ebs === undefined || m.ebs === null) return;
                if (!isTrue(m.ebs.encrypted))
                    report(
                        `blockDeviceMappings[${i}] (${m.deviceName ?? "no device name"}).ebs.encrypted is ${JSON.stringify(m.ebs.encrypted)}; set it to true.`,
                    );
            });
        },
    }),
];
