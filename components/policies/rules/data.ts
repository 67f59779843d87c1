/** Rules: Data protection in production (data-*). */
import { type Rule, resourceRule } from "../rule";

/** A stateful type: whether `protect` is required, and the service's own guard against deletion where one exists. */
export interface StatefulType {
    /** `opts.protect` is required (the analyzer sees no `retainOnDelete`; the data-protection test checks both). */
    protect: boolean;
    /** The service's deletion guard, read from the resource's props: a message when it is off, else undefined. */
    guard?: (props: Record<string, any>) => string | undefined;
}

const mustBeTrue = (field: string) => (p: Record<string, any>) => (p[field] === true ? undefined : `${field} is ${JSON.stringify(p[field])}; set it to true.`);
const mustNotBeTrue = (field: string, why: string) => (p: Record<string, any>) =>
    p[field] === true ? `${field} is true (${why}); set it to false.` : undefined;

const S3_BUCKET: StatefulType = { protect: true, guard: mustNotBeTrue("forceDestroy", "destroy empties the bucket and deletes it") };
const FSX: StatefulType = { protect: true };

/**
 * What holds data in production, and the service's own deletion guard (AWS's names): DynamoDB
 * `deletionProtectionEnabled`, RDS/Aurora `deletionProtection`, Cognito `deletionProtection: ACTIVE`,
 * S3 `forceDestroy` and ECR `forceDelete` not true, Backup vault `forceDestroy` not true; EFS, FSx,
 * KMS and Kinesis have no deletion-protection setting, so `protect` is their guard. The EKS control
 * plane holds no data but has a deletion guard; Kubernetes StorageClasses keep their volumes with
 * `reclaimPolicy: Retain`.
 */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
    "aws:dynamodb/table:Table": { protect: true, guard: mustBeTrue("deletionProtectionEnabled") },
    "aws:rds/cluster:Cluster": { protect: true, guard: mustBeTrue("deletionProtection") },
    "aws:rds/instance:Instance": { protect: true, guard: mustBeTrue("deletionProtection") },
    "aws:rds/clusterInstance:ClusterInstance": { protect: true },
    "aws:cognito/userPool:UserPool": {
        protect: true,
        guard: (p) => (p.deletionProtection === "ACTIVE" ? undefined : `deletionProtection is ${JSON.stringify(p.deletionProtection)}; set it to "ACTIVE".`),
    },
    "aws:s3/bucket:Bucket": S3_BUCKET,
    "aws:s3/bucketV2:BucketV2": S3_BUCKET,
    "aws:ecr/repository:Repository": { protect: true, guard: mustNotBeTrue("forceDelete", "destroy deletes the images with the repository") },
    "aws:efs/fileSystem:FileSystem": { protect: true },
    "aws:fsx/lustreFileSystem:LustreFileSystem": FSX,
    "aws:fsx/windowsFileSystem:WindowsFileSystem": FSX,
    "aws:fsx/ontapFileSystem:OntapFileSystem": FSX,
    "aws:fsx/openZfsFileSystem:OpenZfsFileSystem": FSX,
    "aws:kms/key:Key": { protect: true },
    "aws:backup/vault:Vault": { protect: true, guard: mustNotBeTrue("forceDestroy", "destroy deletes the recovery points with the vault") },
    "aws:kinesis/stream:Stream": { protect: true },
    "eks:index:Cluster": { protect: false, guard: mustBeTrue("deletionProtection") },
    "aws:eks/cluster:Cluster": { protect: false, guard: mustBeTrue("deletionProtection") },
    "kubernetes:storage.k8s.io/v1:StorageClass": {
        protect: false,
        guard: (p) =>
            p.reclaimPolicy === "Retain"
                ? undefined
                : `reclaimPolicy is ${JSON.stringify(p.reclaimPolicy)} (absent = Delete: the volume goes with its claim); set it to "Retain".`,
    },
};

// A resource rule, not a stack rule: it reads what the program sets (inputs, known at preview) and
// `opts.protect`, which the analyzer passes to resource policies too; a stack rule would read outputs,
// unknown at preview for new resources, and a component's (eks:index:Cluster) outputs hold no args.
export const DATA_RULES: Rule[] = [
    resourceRule({
        name: "data-protect-stateful-prod",
        description:
            "In production every resource that holds data is protected (opts.protect) and has the service's own deletion protection on, so a mistaken destroy or replacement loses nothing.",
        enforcementLevel: "mandatory",
        severity: "critical",
        // AwsSolutions-RDS10 is RDS deletion protection; cdk-nag has no rule for the other guards (COG1 is the password policy).
        control: { cdkNag: ["AwsSolutions-RDS10"], url: "https://www.pulumi.com/docs/iac/concepts/options/protect/" },
        productionOnly: true,
        types: Object.keys(STATEFUL_TYPES),
        validate: (props, args, report) => {
            const spec = STATEFUL_TYPES[args.type];
            if (spec.protect && args.opts.protect !== true)
                report(
                    `opts.protect is ${JSON.stringify(args.opts.protect ?? false)}; protect the resource (protect and retainOnDelete, e.g. protectData: true).`,
                );
            const guard = spec.guard?.(props);
            if (guard) report(guard);
        },
    }),
];
