/**
 * aws-platform: Pulumi components for AWS. Named re-exports only: this file is the public API.
 */
export { ArgsError, Issue } from "./shared/errors";
export { Transform } from "./shared/transform";
export { Statement } from "./shared/iam";
/** Fits a child's name to its type's physical-name rule, as every component here does: for your own components. */
export { fitName } from "./shared/naming";
export {
    Network,
    NetworkArgs,
    NetworkResources,
    NetworkTransforms,
    NetworkVpcArgs,
    FlowLogArgs,
    NatGateways,
    Egress,
    GatewayEndpoint,
    InterfaceEndpoint,
    INTERFACE_ENDPOINTS,
    NETWORK_DEFAULTS,
} from "./network";
export { AlarmTopic, AlarmTopicArgs, AlarmTopicResources, ALARM_TOPIC_DEFAULTS } from "./alarm-topic";
export {
    ContainerService,
    ContainerServiceArgs,
    ServiceArgs,
    ScheduledTaskArgs,
    ContainerArgs,
    LoadBalancerArgs,
    Ec2CapacityArgs,
    ExpressServiceArgs,
    FileSystemArgs,
    RepositoryArgs,
    ServiceScalingArgs,
    QueueArgs,
    VolumeArgs,
    TaskArgs,
    TaskRoleArgs,
    VpcArgs,
    Capacity,
    CONTAINER_SERVICE_DEFAULTS,
} from "./container-service";
export {
    EksCluster,
    EksClusterArgs,
    EksClusterResources,
    EksVpcArgs,
    EndpointArgs,
    EksManagedNodeGroupArgs,
    EksSelfManagedNodeGroupArgs,
    EksFargateProfileArgs,
    AddonsArgs,
    AddonVersionArgs,
    NamespaceArgs,
    EKS_CLUSTER_DEFAULTS,
} from "./eks-cluster";
export {
    StatelessApp,
    StatelessAppArgs,
    StatelessAppResources,
    StatelessAppTransforms,
    StatefulApp,
    StatefulAppArgs,
    StatefulAppResources,
    StatefulAppTransforms,
    KubernetesTarget,
    StorageClassInfo,
    FargateSelector,
    WorkloadArgs,
    PortArgs,
    ProbeArgs,
    ProbesArgs,
    ResourcesArgs,
    SecurityArgs,
    Toleration,
    VolumeClaimArgs,
    DisruptionBudgetArgs,
    statefulPodDnsName,
    serviceDnsName,
    headlessServiceName,
    KUBERNETES_WORKLOADS_DEFAULTS,
} from "./kubernetes-workloads";
