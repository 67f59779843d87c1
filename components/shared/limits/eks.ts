/**
 * Amazon EKS tables as data.
 *
 * Kubernetes versions: the "Amazon EKS Kubernetes release calendar" of
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (source
 * awsdocs/amazon-eks-user-guide `latest/ug/versioning/kubernetes-versions.adoc`, 1.29–1.34) and, for
 * 1.35 (released on EKS on 27 January 2026), the same page's later revision as summarised by
 * https://endoflife.date/amazon-eks. A minor version has 14 months of standard support, then 12 months
 * of extended support at an extra charge per cluster hour ($0.60 instead of $0.10); after that EKS
 * creates no cluster on it and upgrades existing ones. Add a row when EKS releases a version.
 */
export interface EksVersion {
    /** Day EKS released it (UTC, ISO). */
    released: string;
    /** Last day of standard support (extended support is billed from the next day). */
    endOfStandardSupport: string;
    /** Last day of extended support: EKS creates no cluster on it after this. */
    endOfExtendedSupport: string;
}

export const EKS_VERSIONS: Readonly<Record<string, EksVersion>> = {
    "1.35": { released: "2026-01-27", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
    "1.34": { released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
    "1.33": { released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
    "1.32": { released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
    "1.31": { released: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
    "1.30": { released: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
    "1.29": { released: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
};

export type EksVersionStatus = "standard" | "extended" | "ended" | "unknown";

/** Where `version` stands on `now`: in standard or extended support, past both, or not an EKS version we know. */
export function eksVersionStatus(version: string, now: Date = new Date()): EksVersionStatus {
    const v = Object.hasOwn(EKS_VERSIONS, version) ? EKS_VERSIONS[version] : undefined;
    if (!v) return "unknown";
    const day = now.toISOString().slice(0, 10);
    if (day <= v.endOfStandardSupport) return "standard";
    if (day <= v.endOfExtendedSupport) return "extended";
    return "ended";
}

/** The versions EKS still creates clusters on at `now` (standard or extended support), newest first. */
export function creatableEksVersions(now: Date = new Date()): string[] {
    return Object.keys(EKS_VERSIONS).filter((v) => {
        const s = eksVersionStatus(v, now);
        return s === "standard" || s === "extended";
    });
}

/**
 * Control-plane log types (`enabledClusterLogTypes`): all five are what the EKS best-practices guide's
 * audit advice and Security Hub EKS.8 (audit logging) expect.
 * Source: https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
 */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type EksLogType = (typeof EKS_LOG_TYPES)[number];

/**
 * The access policy that makes a principal cluster administrator (the API's equivalent of
 * `system:masters`). Source: https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html
 */
export const EKS_CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

/** Namespaces every cluster has: creating one again fails with AlreadyExists. */
export const BUILT_IN_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
