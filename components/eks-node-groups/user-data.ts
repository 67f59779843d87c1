/**
 * User data of self-managed nodes on the EKS-optimized Amazon Linux 2023 AMI: a MIME multi-part
 * document whose `application/node.eks.aws` part holds a nodeadm `NodeConfig`
 * (https://awslabs.github.io/amazon-eks-ami/nodeadm/). nodeadm reads it at boot, writes the kubelet's
 * configuration and starts it. terraform-aws-modules/terraform-aws-eks renders the same document
 * (`templates/al2023_user_data.tpl` wrapped by `modules/_user_data` in a `cloudinit_config` part of that
 * content type), and refuses to run without the service CIDR. Pure: no Pulumi.
 */
import type { ResolvedTaint } from "./defaults";

/** The cluster as nodeadm needs it, resolved. */
export interface NodeadmCluster {
    name: string;
    /** `https://…` */
    apiServerEndpoint: string;
    /** Base64 certificate authority data. */
    certificateAuthority: string;
    /** The service IPv4 CIDR: nodeadm derives the cluster DNS address from it. */
    cidr: string;
}

const BOUNDARY = "BOUNDARY";

/** A YAML scalar that reads back as exactly this string: JSON's double-quoted form is valid YAML. */
const q = (s: string) => JSON.stringify(s);

/**
 * The kubelet flags for labels and taints, sorted by key so that reordering the args does not change
 * the user data (and replace every node).
 */
export function kubeletFlags(labels: Record<string, string>, taints: Record<string, ResolvedTaint>): string[] {
    const flags: string[] = [];
    const labelKeys = Object.keys(labels).sort();
    if (labelKeys.length) flags.push(`--node-labels=${labelKeys.map((k) => `${k}=${labels[k]}`).join(",")}`);
    const taintKeys = Object.keys(taints).sort();
    if (taintKeys.length) {
        const rendered = taintKeys.map((k) => (taints[k].value === "" ? `${k}:${taints[k].effect}` : `${k}=${taints[k].value}:${taints[k].effect}`));
        flags.push(`--register-with-taints=${rendered.join(",")}`);
    }
    return flags;
}

/** The nodeadm `NodeConfig` (YAML). */
export function nodeConfig(cluster: NodeadmCluster, flags: string[]): string {
    const lines = [
        "---",
        "apiVersion: node.eks.aws/v1alpha1",
        "kind: NodeConfig",
        "spec:",
        "  cluster:",
        `    name: ${q(cluster.name)}`,
        `    apiServerEndpoint: ${q(cluster.apiServerEndpoint)}`,
        `    certificateAuthority: ${q(cluster.certificateAuthority)}`,
        `    cidr: ${q(cluster.cidr)}`,
    ];
    if (flags.length) lines.push("  kubelet:", "    flags:", ...flags.map((f) => `      - ${q(f)}`));
    return `${lines.join("\n")}\n`;
}

/** The whole user data: one MIME part of content type `application/node.eks.aws`. */
export function nodeadmUserData(cluster: NodeadmCluster, labels: Record<string, string>, taints: Record<string, ResolvedTaint>): string {
    return [
        "MIME-Version: 1.0",
        `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
        "",
        `--${BOUNDARY}`,
        "Content-Type: application/node.eks.aws",
        "",
        nodeConfig(cluster, kubeletFlags(labels, taints)),
        `--${BOUNDARY}--`,
        "",
    ].join("\n");
}
