/**
 * Storage for EksCluster: CSI drivers as EKS add-ons (IAM through EKS Pod Identity) and one
 * StorageClass per backend. Each backend is a section; EBS is on by default, the file systems are
 * opt-in because they cost money while idle.
 *
 * Which pods each class serves: EBS, FSx for Lustre and ONTAP (Trident) need EC2 nodes (their node
 * plugins are DaemonSets, which Fargate does not run); the EFS class provisions access points
 * dynamically, which AWS does not support for Fargate pods
 * (https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html): Fargate pods mount EFS only through
 * statically provisioned volumes (a PersistentVolume naming `fileSystemId::accessPointId`).
 */
import type * as ec2 from "@pulumi/aws/ec2";
import type * as efs from "@pulumi/aws/efs";
import type * as eks from "@pulumi/aws/eks";
import type * as fsx from "@pulumi/aws/fsx";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EfsTransition } from "../shared/limits/efs";
import type { Transform } from "../shared/transform";

/** What happens to a volume when its claim is deleted. */
export type ReclaimPolicy = "Retain" | "Delete";

/** EBS CSI driver (`aws-ebs-csi-driver` add-on) and a `gp3` StorageClass. Needs EC2 nodes. */
export interface EbsStorageArgs {
    /**
     * Install the EBS CSI driver and its class. Turn it off on a cluster without EC2 nodes: EBS
     * volumes cannot be attached to Fargate pods.
     * @default true
     */
    enabled?: boolean;
    /**
     * Name of the StorageClass.
     * @default "gp3"
     */
    className?: string;
    /**
     * Annotate the class as the cluster's default (`storageclass.kubernetes.io/is-default-class`):
     * claims without a class get it.
     * @default true
     */
    defaultClass?: boolean;
    /**
     * Customer-managed KMS key for the volumes. The driver's role then gets the grant and data-key
     * permissions AWS documents for it.
     * @default - the account's AWS-managed key `aws/ebs`
     * @example kmsKeyArn: key.arn
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Add-on version, e.g. `"v1.44.0-eksbuild.1"`.
     * @default - the version EKS chooses for the cluster's Kubernetes version
     */
    addonVersion?: string;
}

/** EFS CSI driver (`aws-efs-csi-driver` add-on), an EFS file system and a class with access points. */
export interface EfsStorageArgs {
    /**
     * Create the file system, its mount targets, the driver and the class.
     * @default false
     */
    enabled?: boolean;
    /**
     * Name of the StorageClass.
     * @default "efs"
     */
    className?: string;
    /**
     * Move files not read for this long to Infrequent Access: `AFTER_1_DAY`, `AFTER_7_DAYS`, `AFTER_14_DAYS`,
     * `AFTER_30_DAYS`, `AFTER_60_DAYS`, `AFTER_90_DAYS`, `AFTER_180_DAYS`, `AFTER_270_DAYS`,
     * `AFTER_365_DAYS` (AWS's values), or `NONE` to keep everything in Standard.
     * @default "AFTER_30_DAYS"
     */
    transitionToIA?: EfsTransition;
    /**
     * AWS Backup's daily backups of the file system (the EFS backup policy).
     * @default true
     */
    backup?: boolean;
    /**
     * Permissions of the directory each volume's access point creates (octal).
     * @default "700"
     */
    directoryPerms?: string;
    /**
     * First POSIX uid/gid the driver gives an access point: each volume gets its own, from this range.
     * @default 50000
     */
    gidRangeStart?: number;
    /**
     * Last POSIX uid/gid of that range (at most 1,000 access points per file system, an EFS quota).
     * @default 7000000
     */
    gidRangeEnd?: number;
    /**
     * Directory under which each volume's directory is created.
     * @default "/dynamic"
     */
    basePath?: string;
    /**
     * Add-on version.
     * @default - the version EKS chooses for the cluster's Kubernetes version
     */
    addonVersion?: string;
}

/** FSx for Lustre CSI driver (`aws-fsx-csi-driver` add-on) and a class that creates a file system per claim. */
export interface FsxLustreStorageArgs {
    /**
     * Install the driver, the file systems' security group and the class.
     * @default false
     */
    enabled?: boolean;
    /**
     * Name of the StorageClass.
     * @default "fsx-lustre"
     */
    className?: string;
    /**
     * `SCRATCH_2`: temporary, no replication, cheapest; `PERSISTENT_2`: replicated within the AZ.
     * Claims are sized 1200 GiB or a multiple of 2400 GiB (see `lustreCapacityIssue`).
     * @default "SCRATCH_2"
     */
    deploymentType?: "SCRATCH_2" | "PERSISTENT_2";
    /**
     * MB/s per TiB of storage, `PERSISTENT_2` only: 125, 250, 500 or 1000.
     * @default 125
     */
    perUnitStorageThroughput?: 125 | 250 | 500 | 1000;
    /**
     * Which private subnet (index into the VPC's `privateSubnetIds`) the file systems go in: a Lustre
     * file system lives in one AZ, so put it where the pods that use it run.
     * @default 0
     */
    subnetIndex?: number;
    /**
     * Add-on version.
     * @default - the version EKS chooses for the cluster's Kubernetes version
     */
    addonVersion?: string;
}

/**
 * FSx for NetApp ONTAP (opt-in): a file system, a storage virtual machine, NetApp Trident (the
 * `netapp_trident-operator` EKS add-on from AWS Marketplace: the account must subscribe to it first),
 * a Trident backend and a class.
 *
 * **The first `pulumi up` may need a second run.** The `TridentBackendConfig` kind is defined by a
 * CRD that Trident's operator installs only after the add-on is ACTIVE; Pulumi waits for the add-on,
 * but if the CRD is still missing when it creates the backend, the Kubernetes provider retries
 * "no matches for kind TridentBackendConfig" only briefly and the update fails. Run `pulumi up` again:
 * everything else exists by then and the backend and class are created.
 */
export interface OntapStorageArgs {
    /**
     * Create the file system, SVM, Trident, backend and class.
     * @default false
     */
    enabled?: boolean;
    /**
     * Name of the StorageClass.
     * @default "fsx-ontap"
     */
    className?: string;
    /**
     * `MULTI_AZ_*` keeps a standby in a second AZ (two private subnets needed); `*_2` is the second
     * generation (more throughput per HA pair).
     * @default "MULTI_AZ_1"
     */
    deploymentType?: "SINGLE_AZ_1" | "MULTI_AZ_1" | "SINGLE_AZ_2" | "MULTI_AZ_2";
    /**
     * SSD capacity in GiB: 1024 to 196608 for `*_1`, 1024 to 524288 for `*_2` (one HA pair).
     * @default 1024
     */
    storageCapacityGiB?: number;
    /**
     * Throughput in MB/s (one HA pair): 128, 256, 512, 1024, 2048 or 4096 for `*_1`; 384, 768, 1536,
     * 3072 or 6144 for `*_2`.
     * @default 128
     */
    throughputMBps?: number;
    /**
     * Password of the SVM's `vsadmin` user (8 to 50 characters), which Trident uses. Stored in a
     * Secrets Manager secret that Trident reads; give it as a secret (`config.requireSecret`).
     * @default - required when enabled
     * @example svmAdminPassword: config.requireSecret("ontapSvmPassword")
     */
    svmAdminPassword?: pulumi.Input<string>;
    /**
     * Route tables of the subnets the pods run in: a `MULTI_AZ_*` file system adds routes to its
     * floating endpoints (management and NFS) there. FSx's own default is the VPC's main route table
     * only, which subnets with their own route tables never use, so `MULTI_AZ_*` requires this
     * (https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOntapConfiguration.html).
     * Ignored for `SINGLE_AZ_*`.
     * @default - none: required with a `MULTI_AZ_*` deploymentType
     * @example routeTableIds: network.privateRouteTableIds
     */
    routeTableIds?: pulumi.Input<string>[];
    /**
     * Trident add-on version, e.g. `"v25.02.1-eksbuild.1"` (25.02 or later: Pod Identity).
     * @default - the version EKS chooses for the cluster's Kubernetes version
     */
    addonVersion?: string;
}

/**
 * Changes to the storage children's args, one key per child (the same key names it in `resources`).
 * An object is merged shallowly over the component's args; a function receives `(args, opts, name)`.
 */
export interface StorageTransforms {
    /**
     * The `aws-ebs-csi-driver` add-on.
     * @default - unchanged
     */
    ebsAddon?: Transform<eks.AddonArgs>;
    /**
     * The `aws-efs-csi-driver` add-on.
     * @default - unchanged
     */
    efsAddon?: Transform<eks.AddonArgs>;
    /**
     * The `aws-fsx-csi-driver` add-on.
     * @default - unchanged
     */
    fsxLustreAddon?: Transform<eks.AddonArgs>;
    /**
     * The `netapp_trident-operator` add-on.
     * @default - unchanged
     */
    tridentAddon?: Transform<eks.AddonArgs>;
    /**
     * The EFS file system.
     * @default - unchanged
     */
    efsFileSystem?: Transform<efs.FileSystemArgs>;
    /**
     * The FSx for ONTAP file system.
     * @default - unchanged
     */
    ontapFileSystem?: Transform<fsx.OntapFileSystemArgs>;
    /**
     * The ONTAP storage virtual machine.
     * @default - unchanged
     */
    ontapSvm?: Transform<fsx.OntapStorageVirtualMachineArgs>;
    /**
     * The EFS mount targets' security group.
     * @default - unchanged
     */
    efsSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    /**
     * The security group of the Lustre file systems the driver creates.
     * @default - unchanged
     */
    fsxLustreSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    /**
     * The ONTAP file system's security group.
     * @default - unchanged
     */
    ontapSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    /**
     * The EBS StorageClass.
     * @default - unchanged
     */
    ebsClass?: Transform<k8s.storage.v1.StorageClassArgs>;
    /**
     * The EFS StorageClass.
     * @default - unchanged
     */
    efsClass?: Transform<k8s.storage.v1.StorageClassArgs>;
    /**
     * The FSx for Lustre StorageClass.
     * @default - unchanged
     */
    fsxLustreClass?: Transform<k8s.storage.v1.StorageClassArgs>;
    /**
     * The ONTAP StorageClass.
     * @default - unchanged
     */
    ontapClass?: Transform<k8s.storage.v1.StorageClassArgs>;
    /**
     * The `TridentBackendConfig`.
     * @default - unchanged
     */
    tridentBackend?: Transform<k8s.apiextensions.CustomResourceArgs>;
}

/**
 * CSI drivers and StorageClasses of an EksCluster.
 *
 * @example
 * storage: {
 *     reclaimPolicy: "Retain",
 *     efs: { enabled: true },
 *     fsxLustre: { enabled: true, deploymentType: "PERSISTENT_2", perUnitStorageThroughput: 250 },
 *     ontap: { enabled: true, svmAdminPassword: config.requireSecret("ontapSvmPassword"), routeTableIds: network.privateRouteTableIds },
 * }
 */
export interface StorageArgs {
    /**
     * `reclaimPolicy` of every class: `Retain` keeps a volume (and its data) when its claim is
     * deleted, `Delete` removes it. Use `Retain` in production.
     * @default "Delete"
     */
    reclaimPolicy?: ReclaimPolicy;
    /**
     * EBS: block volumes for one pod at a time (StatefulSets), encrypted gp3.
     * @default - enabled, with the defaults of `EbsStorageArgs`
     * @example ebs: { kmsKeyArn: key.arn }
     */
    ebs?: EbsStorageArgs;
    /**
     * EFS: a shared file system for many pods across AZs.
     * @default - off
     * @example efs: { enabled: true, transitionToIA: "AFTER_7_DAYS" }
     */
    efs?: EfsStorageArgs;
    /**
     * FSx for Lustre: high-throughput file systems created per claim.
     * @default - off
     * @example fsxLustre: { enabled: true, deploymentType: "PERSISTENT_2" }
     */
    fsxLustre?: FsxLustreStorageArgs;
    /**
     * FSx for NetApp ONTAP through NetApp Trident.
     * @default - off
     * @example ontap: { enabled: true, svmAdminPassword: config.requireSecret("ontapSvmPassword"), routeTableIds: network.privateRouteTableIds }
     */
    ontap?: OntapStorageArgs;
    /**
     * Change any storage child's args: see `StorageTransforms`.
     * @default {}
     * @example transform: { efsFileSystem: { performanceMode: "maxIO" } }
     */
    transform?: StorageTransforms;
}
