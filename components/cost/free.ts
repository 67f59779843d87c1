/**
 * Resource types that cost nothing by themselves: what they configure is billed on another resource (a route on
 * its API, a listener on its load balancer, a task definition through its service) or not at all (IAM, security
 * groups, subnets). The estimator prices them as free, never as "unpriced". A pricer for a type wins over this list.
 */
import { GROUPS } from "./pricers/groups";
import type { PlanResource } from "./types";

/** Free, whatever their inputs. */
export const CORE_FREE_TYPES: readonly string[] = [
    // Free types of one service's area are listed by its pricer group (`<GROUP>_FREE_TYPES`); these are the rest.
    // Custom domains: API Gateway bills requests on the API, ACM public certificates are free
    // (https://aws.amazon.com/api-gateway/pricing/, https://aws.amazon.com/certificate-manager/pricing/).
    "aws:apigateway/domainName:DomainName",
    "aws:apigatewayv2/domainName:DomainName",
    "aws:acm/certificate:Certificate",
    "aws:acm/certificateValidation:CertificateValidation",
    // Network ACLs and route table defaults have no charge (https://aws.amazon.com/vpc/pricing/).
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws:ec2/defaultRouteTable:DefaultRouteTable",
    "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/networkAclRule:NetworkAclRule",
    // IAM has no charge (https://aws.amazon.com/iam/faqs/).
    "aws:iam/group:Group",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:iam/policy:Policy",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    "aws:iam/user:User",
    "aws:iam/userPolicy:UserPolicy",
    // Records bill as queries on their hosted zone, which the plans do not create.
    "aws:route53/record:Record",
    // Bucket settings: storage and requests bill on the bucket.
    "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
    "aws:s3/bucketLogging:BucketLogging",
    "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    // Kubernetes objects run on the cluster's nodes or Fargate profile, priced there (a StatefulSet's volumes and a
    // LoadBalancer Service are priced: see FREE_WHEN and the compute group).
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
