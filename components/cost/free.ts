/**
 * Resource types that cost nothing by themselves: what they configure is billed on another resource (a route on
 * its API, a listener on its load balancer, a task definition through its service) or not at all (IAM, security
 * groups, subnets). The estimator prices them as free, never as "unpriced". A pricer for a type wins over this list.
 */
import { GROUPS } from "./pricers/groups";
import type { PlanResource } from "./types";

/** Free, whatever their inputs. */
export const CORE_FREE_TYPES: readonly string[] = [
    // API Gateway bills requests and cache on the API/stage, nothing per route or method
    // (https://aws.amazon.com/api-gateway/pricing/).
    "aws:apigateway/account:Account",
    "aws:apigateway/apiKey:ApiKey",
    "aws:apigateway/authorizer:Authorizer",
    "aws:apigateway/basePathMapping:BasePathMapping",
    "aws:apigateway/deployment:Deployment",
    "aws:apigateway/domainName:DomainName",
    "aws:apigateway/gatewayResponse:Response",
    "aws:apigateway/integration:Integration",
    "aws:apigateway/integrationResponse:IntegrationResponse",
    "aws:apigateway/method:Method",
    "aws:apigateway/methodResponse:MethodResponse",
    "aws:apigateway/methodSettings:MethodSettings",
    "aws:apigateway/model:Model",
    "aws:apigateway/requestValidator:RequestValidator",
    "aws:apigateway/resource:Resource",
    "aws:apigateway/usagePlan:UsagePlan",
    "aws:apigateway/usagePlanKey:UsagePlanKey",
    "aws:apigatewayv2/apiMapping:ApiMapping",
    "aws:apigatewayv2/authorizer:Authorizer",
    "aws:apigatewayv2/deployment:Deployment",
    "aws:apigatewayv2/domainName:DomainName",
    "aws:apigatewayv2/integration:Integration",
    "aws:apigatewayv2/route:Route",
    "aws:apigatewayv2/stage:Stage",
    // HTTP API VPC links have no charge of their own (https://aws.amazon.com/api-gateway/pricing/, "HTTP APIs").
    "aws:apigatewayv2/vpcLink:VpcLink",
    "aws:appautoscaling/policy:Policy",
    "aws:appautoscaling/scheduledAction:ScheduledAction",
    "aws:appautoscaling/target:Target",
    "aws:autoscaling/lifecycleHook:LifecycleHook",
    "aws:autoscaling/policy:Policy",
    "aws:autoscaling/schedule:Schedule",
    "aws:acm/certificate:Certificate",
    "aws:acm/certificateValidation:CertificateValidation",
    // AWS Backup bills stored backups and restores, not selections (plans and vaults are priced: their recovery points).
    "aws:backup/selection:Selection",
    "aws:cloudfront/cachePolicy:CachePolicy",
    "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey",
    "aws:cloudfront/originAccessControl:OriginAccessControl",
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    // EventBridge rules on the default bus: AWS service events are free; custom events are priced as messages.
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    // Vended log delivery bills the logs delivered (on the log group / bucket), not the delivery objects.
    "aws:cloudwatch/logDelivery:LogDelivery",
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
    "aws:cloudwatch/logDeliverySource:LogDeliverySource",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    "aws:cloudwatch/queryDefinition:QueryDefinition",
    "aws:codeconnections/connection:Connection",
    "aws:codestarconnections/connection:Connection",
    // CodeDeploy to ECS and Lambda has no charge (https://aws.amazon.com/codedeploy/pricing/).
    "aws:codedeploy/application:Application",
    "aws:codedeploy/deploymentConfig:DeploymentConfig",
    "aws:codedeploy/deploymentGroup:DeploymentGroup",
    "aws:codestarnotifications/notificationRule:NotificationRule",
    "aws:cognito/userPoolClient:UserPoolClient",
    "aws:cognito/userPoolDomain:UserPoolDomain",
    "aws:cognito/resourceServer:ResourceServer",
    "aws:cognito/userGroup:UserGroup",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws:ec2/defaultRouteTable:DefaultRouteTable",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    // Flow logs bill as the CloudWatch Logs they write (priced on the log group from the load profile).
    "aws:ec2/flowLog:FlowLog",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/networkAclRule:NetworkAclRule",
    "aws:ec2/route:Route",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/vpc:Vpc",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy",
    // ECS bills the capacity tasks run on (Fargate, EC2), priced on services and Auto Scaling groups; a cluster is
    // priced for its Container Insights metrics (ops).
    "aws:ecs/capacityProvider:CapacityProvider",
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:efs/accessPoint:AccessPoint",
    "aws:efs/fileSystemPolicy:FileSystemPolicy",
    "aws:efs/mountTarget:MountTarget",
    "aws:eks/accessEntry:AccessEntry",
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    // Add-ons run on the cluster's nodes; EKS charges nothing for them (https://aws.amazon.com/eks/pricing/).
    "aws:eks/addon:Addon",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    "aws:iam/group:Group",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:iam/policy:Policy",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    "aws:iam/user:User",
    "aws:iam/userPolicy:UserPolicy",
    "aws:kms/alias:Alias",
    "aws:lambda/alias:Alias",
    // Event source mappings for SQS, Kinesis and DynamoDB streams poll at no charge; the invocations are priced on the function.
    "aws:lambda/eventSourceMapping:EventSourceMapping",
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    "aws:lambda/functionUrl:FunctionUrl",
    "aws:lambda/layerVersion:LayerVersion",
    "aws:lambda/permission:Permission",
    "aws:lb/listener:Listener",
    "aws:lb/listenerCertificate:ListenerCertificate",
    "aws:lb/listenerRule:ListenerRule",
    "aws:lb/targetGroup:TargetGroup",
    "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
    "aws:rds/proxyTarget:ProxyTarget",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:route53/record:Record",
    "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLogging:BucketLogging",
    "aws:s3/bucketNotification:BucketNotification",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    "aws:scheduler/scheduleGroup:ScheduleGroup",
    // Cloud Map HTTP namespaces create no hosted zone; registered instances would bill (https://aws.amazon.com/cloud-map/pricing/).
    "aws:servicediscovery/httpNamespace:HttpNamespace",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    "aws:sqs/redrivePolicy:RedrivePolicy",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    // Kubernetes objects run on the cluster's nodes or Fargate profile, priced there.
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:batch/v1:Job",
    "kubernetes:core/v1:ConfigMap",
    "kubernetes:core/v1:Namespace",
    "kubernetes:core/v1:Secret",
    "kubernetes:core/v1:ServiceAccount",
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    "kubernetes:policy/v1:PodDisruptionBudget",
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    "kubernetes:rbac.authorization.k8s.io/v1:Role",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    "kubernetes:storage.k8s.io/v1:StorageClass",
    "pulumi:pulumi:StackReference",
];

/**
 * Free depending on inputs: a Kubernetes Service of type LoadBalancer makes AWS create a load balancer, any other
 * type costs nothing. Types here not free for a resource are "unpriced" unless a pricer takes them.
 */
export const FREE_WHEN: Readonly<Record<string, (resource: PlanResource) => boolean>> = {
    "kubernetes:core/v1:Service": (r) => r.inputs?.spec?.type !== "LoadBalancer",
};

/** Whether a resource costs nothing by itself: a provider, a listed type, or a conditional type whose test passes. */
export function isFree(resource: PlanResource, freeTypes: ReadonlySet<string>): boolean {
    if (resource.type.startsWith("pulumi:providers:")) return true;
    if (freeTypes.has(resource.type)) return true;
    const when = Object.hasOwn(FREE_WHEN, resource.type) ? FREE_WHEN[resource.type] : undefined;
    return when?.(resource) === true;
}

/** Every group's free types: core's list, and what each pricer group adds for its area (`<GROUP>_FREE_TYPES`). */
export const FREE_TYPES: readonly string[] = [...new Set([...CORE_FREE_TYPES, ...GROUPS.flatMap((g) => g.freeTypes ?? [])])];
