export { DaxCluster, DaxClusterResources, DaxAccess, DAX_TLS_PORT } from "./dax-cluster";
export { DaxClusterArgs, DaxTableRef, DaxVpcArgs } from "./args";
export { DEFAULTS as DAX_CLUSTER_DEFAULTS } from "./defaults";
export { NODE_TYPES as DAX_NODE_TYPES } from "./validate";
