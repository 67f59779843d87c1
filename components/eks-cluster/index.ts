export { EksCluster, EksClusterResources } from "./eks-cluster";
export {
    EksClusterArgs,
    EksVpcArgs,
    EndpointArgs,
    EksManagedNodeGroupArgs,
    EksSelfManagedNodeGroupArgs,
    EksFargateProfileArgs,
    AddonsArgs,
    AddonVersionArgs,
    NamespaceArgs,
} from "./args";
export { DEFAULTS as EKS_CLUSTER_DEFAULTS } from "./defaults";
export {
    StorageArgs,
    EbsStorageArgs,
    EfsStorageArgs,
    FsxLustreStorageArgs,
    OntapStorageArgs,
    StorageTransforms,
    ReclaimPolicy,
    StorageResources,
    STORAGE_DEFAULTS,
    lustreCapacityIssue,
} from "./storage";
