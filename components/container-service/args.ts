import type * as pulumi from "@pulumi/pulumi";
import type * as appautoscaling from "@pulumi/aws/appautoscaling";
import type * as autoscaling from "@pulumi/aws/autoscaling";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as ecr from "@pulumi/aws/ecr";
import type * as acm from "@pulumi/aws/acm";
import type * as ecs from "@pulumi/aws/ecs";
import type * as efs from "@pulumi/aws/efs";
import type * as iam from "@pulumi/aws/iam";
import type * as lb from "@pulumi/aws/lb";
import type * as route53 from "@pulumi/aws/route53";
import type * as scheduler from "@pulumi/aws/scheduler";
import type * as servicediscovery from "@pulumi/aws/servicediscovery";
import type * as sqs from "@pulumi/aws/sqs";
import type * as vpc from "@pulumi/aws/vpc";
import type { PrivateBucketTransforms } from "../shared/bucket";
import type { Statement } from "../shared/iam";
import type { EfsTransition } from "../shared/limits/efs";
import type { Transform } from "../shared/transform";

/** Where tasks run: Fargate, Fargate Spot (with an on-demand base), or the EC2 Auto Scaling group. */
export type Capacity = "fargate" | "fargate-spot" | "ec2";

/** The network the component runs in (a `Network`'s `vpcArgs`, or your own VPC). */
export interface VpcArgs {
    vpcId: pulumi.Input<string>;
    /** Subnets for tasks, instances, EFS mount targets and internal load balancers. */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Subnets for internet-facing load balancers; required when one is public. They must be public
     * subnets, i.e. their route table sends `0.0.0.0/0` to an internet gateway: an internet-facing
     * load balancer placed elsewhere has addresses nobody can reach
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer).
     * Give two or more, in different AZs.
     * @default []
     */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The private subnets keyed by availability zone (`{ "us-east-1a": subnetA.id, ... }`): EFS allows
     * one mount target per AZ, and a record keyed by AZ holds one subnet per AZ by construction. When
     * given, EFS mount targets go there (named by AZ); the other children keep `privateSubnetIds`.
     * @default - mount targets go in `privateSubnetIds`, which must then hold one subnet per AZ (the
     * same id twice is refused; two subnets of one AZ fail at deployment)
     * @example { "us-east-1a": "subnet-0a1b2c3d4e5f60718", "us-east-1b": "subnet-0f1e2d3c4b5a69788" }
     */
    privateSubnetIdsByAz?: Record<string, pulumi.Input<string>>;
    /**
     * The VPC's CIDR: internal load balancers admit it by default.
     * @default "10.0.0.0/16"
     */
    cidrBlock?: string;
    /**
     * How `privateSubnetIds` reach AWS services: `"nat"` (a NAT gateway), `"endpoints"` (no internet,
     * VPC endpoints only: the tasks' images must be in private ECR, and every endpoint a feature needs
     * must be in `interfaceEndpoints`) or `"none"` (nothing: tasks cannot pull images or write logs, so
     * services and tasks are refused). A `Network`'s `vpcArgs` sets it.
     * @default - not checked (your own VPC: state it to have it checked)
     */
    egress?: "nat" | "endpoints" | "none";
    /**
     * The interface endpoints (`com.amazonaws.<region>.<name>`) the private subnets reach, checked when
     * `egress` is `"endpoints"`. A `Network`'s `vpcArgs` sets it.
     * @default - not checked
     * @example ["ecr.api", "ecr.dkr", "logs", "sts", "ssmmessages", "secretsmanager"]
     */
    interfaceEndpoints?: string[];
}

export interface ClusterArgs {
    /**
     * CloudWatch Container Insights: `"enhanced"` adds per-container metrics (more custom metrics, more cost).
     * Not with `existing` (a setting of a cluster the component does not own).
     * @default "enabled"
     */
    containerInsights?: "enabled" | "enhanced" | "disabled";
    /**
     * The cluster's default capacity provider strategy: services and scheduled tasks that give neither
     * `capacity` nor `capacityProviderStrategy` run on it (the component copies it into each of them, so
     * it also decides whether their task definitions are Fargate or EC2). Same rules as
     * `TaskArgs.capacityProviderStrategy`, and at most 6 providers when a scheduled task takes it (EventBridge
     * and Scheduler targets take 6). Changing it redeploys every service that takes it. Not with `existing`
     * (PutClusterCapacityProviders sets the cluster's whole provider list and default strategy at once).
     * @default [{ provider: "FARGATE", base: 0, weight: 1 }]
     * @example [{ provider: "on-demand", base: 1, weight: 1 }, { provider: "spot", weight: 3 }]
     */
    defaultStrategy?: CapacityProviderStrategyArgs[];
    /**
     * Run the services and tasks on an existing cluster (its ARN) instead of creating one: no cluster and
     * no capacity providers are created. The cluster's own capacity providers stay as they are, since
     * PutClusterCapacityProviders replaces a cluster's whole list and default strategy
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutClusterCapacityProviders.html);
     * so `ec2Capacity`, `ec2CapacityProviders`, `defaultStrategy` and `containerInsights` are refused
     * with it. Tasks that name no capacity, or `capacity: "fargate"`, run with the FARGATE launch type, which
     * works on any cluster (clusters made by Terraform's `aws_ecs_cluster`, CDK's `Cluster` or
     * `aws ecs create-cluster` have no capacity provider); `"fargate-spot"` and `capacityProviderStrategy`
     * need their providers (FARGATE, FARGATE_SPOT) associated with that cluster. An ARN only, not a name: the
     * name is taken from the ARN, and an ARN of another Region or account than the stack's fails the preview
     * (also when it is an Output, e.g. another component's `clusterArn`, which waits for that component's
     * capacity providers).
     * @default undefined - the component creates its cluster
     * @example "arn:aws:ecs:us-east-1:123456789012:cluster/shared"
     */
    existing?: pulumi.Input<string>;
}

/**
 * One capacity provider of a strategy (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html).
 */
export interface CapacityProviderStrategyArgs {
    /**
     * `"FARGATE"`, `"FARGATE_SPOT"`, `"ec2"` (the `ec2Capacity` group) or a key of `ec2CapacityProviders`.
     * A strategy holds Fargate providers or Auto Scaling group providers, never both.
     */
    provider: string;
    /**
     * Tasks that always run on this provider before the weights apply (0–100000); only one provider of
     * a strategy may have a base.
     * @default 0
     */
    base?: number;
    /**
     * Share of the tasks above the bases (0–1000); at least one provider of the strategy needs a weight above 0.
     * @default 1
     */
    weight?: number;
}

/**
 * ECS managed scaling of an Auto Scaling group capacity provider: ECS sizes the group from the tasks'
 * reservations (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html).
 */
export interface ManagedScalingArgs {
    /**
     * How full (in tasks' reservations) the group should be, in percent (1–100): below 100 keeps spare
     * instances, so tasks start without waiting for one (the lower, the earlier the group scales out).
     * @default 100
     */
    targetCapacityPercent?: number;
    /**
     * Fewest instances ECS adds in one scale-out (1–10000).
     * @default 1
     */
    minimumStepSize?: number;
    /**
     * Most instances ECS adds in one scale-out (1–10000).
     * @default 10
     */
    maximumStepSize?: number;
    /**
     * Seconds after launch before a new instance counts in the group's metrics (0–10000).
     * @default 180
     */
    instanceWarmupSeconds?: number;
}

/**
 * One of several Auto Scaling group capacity providers (`ec2CapacityProviders`): its own launch template
 * and group, sharing the instance role, profile and security group with `ec2Capacity` and the other
 * providers (so bridge tasks and EFS see one instances group).
 */
export interface Ec2CapacityProviderArgs extends Omit<Ec2CapacityArgs, "targetCapacityPercent" | "awsvpcTrunking"> {
    /**
     * Units each instance type counts for in the group's sizes (`weightedCapacity`, 1–999): every
     * instance type or none (https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-instance-weighting.html).
     * With weights, `minSize`, `maxSize` and `onDemandBaseCapacity` are in these units. ECS managed
     * scaling counts instances, not units: AWS asks for all weights 1 with it
     * (https://github.com/aws/containers-roadmap/issues/76#issuecomment-571956187), so weights other than 1
     * need `managedScaling: false`.
     * @default {} - every instance counts 1
     * @example { "m7i.large": 1, "m7i.xlarge": 2 }
     */
    instanceWeights?: Record<string, number>;
    /**
     * ECS managed scaling (with managed termination protection: no instance with tasks is scaled in), or
     * `false` to scale the group yourself: create `aws.autoscaling.Policy` resources on
     * `resources.cluster.ec2CapacityProviders[key].autoScalingGroup` (a transform cannot add them, and the
     * group's `desiredCapacity` is ignored after creation). With `minSize` 0 and no policy the group stays
     * empty and its tasks stay PROVISIONING
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html).
     * @default { targetCapacityPercent: 100, minimumStepSize: 1, maximumStepSize: 10, instanceWarmupSeconds: 180 }
     * @example { targetCapacityPercent: 60 }
     */
    managedScaling?: ManagedScalingArgs | false;
    /**
     * Turn on ENI trunking, as `ec2Capacity.awsvpcTrunking` (one account setting for the component,
     * created when `ec2Capacity` or any provider asks).
     * @default false
     */
    awsvpcTrunking?: boolean;
}

/**
 * An Auto Scaling group capacity provider: ECS-optimized Amazon Linux 2023 instances, IMDSv2 only,
 * encrypted root volume, managed scaling and managed termination protection, and an on-demand base
 * with Spot above it.
 */
export interface Ec2CapacityArgs {
    /**
     * Instance types, in order of preference; several types give Spot more pools to draw from.
     * @example ["m7g.large", "m6g.large"]
     */
    instanceTypes: string[];
    /**
     * CPU architecture of the AMI; must match the instance types (Graviton `g` types are arm64).
     * @default "x86_64"
     */
    architecture?: "x86_64" | "arm64";
    /**
     * Smallest number of instances.
     * @default 0
     */
    minSize?: number;
    /**
     * Largest number of instances.
     * @default 4
     */
    maxSize?: number;
    /**
     * Instances that are always on-demand, whatever Spot costs.
     * @default 1
     */
    onDemandBaseCapacity?: number;
    /**
     * Share of on-demand instances above the base (0 = all Spot above the base).
     * @default 0
     */
    onDemandPercentageAboveBaseCapacity?: number;
    /**
     * How Spot instances are chosen among the pools.
     * @default "price-capacity-optimized"
     */
    spotAllocationStrategy?: "price-capacity-optimized" | "capacity-optimized" | "lowest-price";
    /**
     * Managed scaling target: how full (in tasks' reservations) the group should be, in percent.
     * @default 100
     */
    targetCapacityPercent?: number;
    /**
     * Root volume size in GiB (gp3, encrypted).
     * @default 30
     */
    rootVolumeGiB?: number;
    /**
     * Turn on ENI trunking (the `awsvpcTrunking` ECS account setting, as the account's default) so
     * awsvpc tasks on these instances get branch ENIs: without it each awsvpc task takes one of the
     * instance's ENIs, and an m5.large (3 ENIs, one for the host) runs only 2 such tasks
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html). The
     * setting is account- and region-wide and applies to instances launched after it; only Nitro
     * instance types that AWS lists support trunking (not `t3`). Bridge-mode tasks do not need it.
     * The setting is kept when the component is deleted (`retainOnDelete`): other clusters may rely on
     * it; turn it off with `aws ecs put-account-setting-default` if none does.
     * @default false
     */
    awsvpcTrunking?: boolean;
}

/** A load balancer the services share. */
export interface LoadBalancerArgs {
    /** `"application"` (HTTP/HTTPS, path and host rules) or `"network"` (TCP/TLS). */
    type: "application" | "network";
    /**
     * Internal (private subnets, VPC traffic only) or internet-facing (public subnets).
     * @default false
     */
    internal?: boolean;
    /**
     * ACM certificate ARN. With one (or with `domain`, which requests one), an ALB listens on 443
     * (HTTPS) and redirects 80 to it; an NLB terminates TLS on 443. Without one, an ALB serves plain
     * HTTP on 80 and an NLB plain TCP.
     * @default undefined
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * A custom domain for the load balancer, in a Route 53 public hosted zone: an ACM certificate for
     * `name` validated by DNS in that zone (unless `certificateArn` is given, which must then cover
     * `name`), which makes the listeners HTTPS (ALB) or TLS (NLB), and an `A` alias record `name` →
     * the load balancer. Only `A`: the load balancers here are IPv4 (`ipAddressType` "ipv4"), and an
     * `AAAA` alias to an IPv4 load balancer answers nothing. The URLs (`urls`, `serviceUrls`,
     * `listenerUrls`) then use `name`. A requested certificate's name is at most 64 characters (ACM's
     * limit on the Common Name: https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html);
     * a longer one needs `certificateArn`. Each load balancer needs its own name (one alias record each).
     * On an NLB every listener becomes TLS, so clients must speak TLS: keep a raw-TCP NLB (a game port)
     * without `domain` (a warning says so). The validation CNAME is the same for every certificate of
     * `name`, and is adopted (`allowOverwrite`) if another stack or an API domain already wrote it; it is
     * deleted with this component, and ACM then cannot renew the other certificate, which needs the
     * record while in use (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html): give
     * such names one owner, or run `pulumi refresh` and `pulumi up` on the other stack to write it back.
     * @default undefined - no certificate, no record: the URLs use the load balancer's DNS name
     * @example { name: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }
     */
    domain?: LoadBalancerDomainArgs;
    /**
     * Attach to a listener of an Application Load Balancer you already have, instead of creating the
     * load balancer: only the target groups and listener rules are created (every service on it
     * needs a `rule`, since the listener's default action is yours). Needs `securityGroupId`. The
     * options that shape a created load balancer (`internal`, `certificateArn`, `domain`,
     * `sslPolicy`, `ingressCidrs`, `ingressPrefixListIds`, `idleTimeoutSeconds`,
     * `deletionProtection`, `accessLogs`) are refused with it. Rule priorities must not clash with
     * the listener's other rules (ELB refuses a priority in use). No `urls` entry: the address is yours.
     * Application load balancers only: a network load balancer's listener has one default action and
     * no rules, so a service cannot join one without owning it. The ALB must be in `vpc.vpcId`: the
     * target groups are created there, and ELB refuses a rule forwarding to a target group in another
     * VPC (InvalidConfigurationRequest); the tasks' rule admitting `securityGroupId` needs that group
     * in the same VPC too (or a peered one). To join a shared ALB, give its VPC as `vpc`.
     * @default undefined - the component creates the load balancer and its listeners
     * @example "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/0123456789abcdef"
     */
    listenerArn?: pulumi.Input<string>;
    /**
     * With `listenerArn`: the security group of that load balancer, which the tasks admit on their
     * container port (bridge mode: the instances, on the ephemeral ports 32768–65535). Its own egress
     * to them is yours to allow.
     * @default undefined - required with listenerArn, refused without it
     * @example "sg-0123456789abcdef0"
     */
    securityGroupId?: pulumi.Input<string>;
    /**
     * TLS policy for HTTPS/TLS listeners (TLS 1.3 and 1.2 only).
     * @default "ELBSecurityPolicy-TLS13-1-2-2021-06"
     */
    sslPolicy?: string;
    /**
     * Source CIDRs admitted on the listener ports. Internal load balancers default to the VPC CIDR.
     * @default ["0.0.0.0/0"]
     */
    ingressCidrs?: string[];
    /**
     * Managed prefix lists (ids, `pl-...`) admitted on the main listener's port (443 with a certificate, else 80)
     * instead of `ingressCidrs`, e.g. CloudFront's origin-facing list (`com.amazonaws.global.cloudfront.origin-facing`)
     * so that only a CDN reaches an internet-facing ALB. A rule naming a prefix list counts against the security
     * group's rules quota (60 inbound by default) with the list's maximum entries, CloudFront's 55
     * (https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html#aws-managed-prefix-list-weights):
     * so one port only, and the other (port 80, redirecting to 443) admits nobody. With prefix lists,
     * `ingressCidrs` is not used (giving both is refused), so nothing else gets in either: not a VPC link
     * (`albTargets`, whose interfaces take addresses in the VPC), not a client inside the VPC; give such an ALB
     * `internal: true` and its own key instead. Application load balancers only.
     * @default [] - none: `ingressCidrs` on every listener port
     * @example [cloudFront.id] // aws.ec2.getManagedPrefixListOutput({ name: "com.amazonaws.global.cloudfront.origin-facing" })
     */
    ingressPrefixListIds?: pulumi.Input<string>[];
    /**
     * Source CIDRs admitted on the deployments' test listener ports (`testListenerPort`), which serve the
     * revision not yet released: not `ingressCidrs` (the internet, by default, on an internet-facing load
     * balancer) nor prefix lists. Widen it for hooks or testers outside the VPC.
     * @default the VPC's CIDR
     * @example ["10.0.0.0/16", "203.0.113.0/24"]
     */
    testIngressCidrs?: string[];
    /**
     * Seconds an idle connection stays open (ALB only).
     * @default 60
     */
    idleTimeoutSeconds?: number;
    /**
     * Refuse to delete the load balancer until this is turned off.
     * @default false
     */
    deletionProtection?: boolean;
    /**
     * Access logs (Security Hub ELB.5: the record of who reached the service). `true`: a bucket of the component's,
     * `{key}-access-logs`, which only the Region's ELB log delivery (an NLB: CloudWatch Logs' `delivery.logs.amazonaws.com`)
     * may write to (under `{name}-{key}/`), with
     * SSE-S3 (the only encryption ELB delivers to), versioning, public access blocked, TLS-only, logs expired after
     * 90 days (change it through `transform.accessLogsBucket.lifecycle`), protected and retained with
     * `protectData`, else deleted with its logs on `pulumi destroy`. Or a bucket you own, which must grant ELB's
     * log delivery `s3:PutObject` (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
     * An NLB logs TLS listeners only: with `accessLogs` it needs `certificateArn` or `domain`.
     * @default undefined - no access logs
     * @example true
     * @example { bucket: "my-alb-logs", prefix: "web" }
     */
    accessLogs?: true | { bucket: pulumi.Input<string>; prefix?: string };
}

/** A load balancer's custom domain: its name and the Route 53 hosted zone it lives in. */
export interface LoadBalancerDomainArgs {
    /** The host name, lower case. @example "shop.example.com" */
    name: string;
    /** The Route 53 public hosted zone of `name`: the validation record and the alias go there. @example "Z0123456789ABCDEFGHIJ" */
    hostedZoneId: pulumi.Input<string>;
}

/** Container health check, run by the ECS agent inside the container. */
export interface ContainerHealthCheckArgs {
    /** The command, as ECS takes it. @example ["CMD-SHELL", "curl -f http://localhost/health || exit 1"] */
    command: string[];
    /**
     * Seconds between checks (5–300).
     * @default 30
     */
    intervalSeconds?: number;
    /**
     * Seconds before a check fails (2–60).
     * @default 5
     */
    timeoutSeconds?: number;
    /**
     * Consecutive failures before the container is unhealthy (1–10).
     * @default 3
     */
    retries?: number;
    /**
     * Grace period after start during which failures do not count (0–300).
     * @default 0
     */
    startPeriodSeconds?: number;
}

/** Build an image from a Dockerfile and push it to one of the component's repositories. */
export interface ImageBuildArgs {
    /** Key of `repositories` to push to. */
    repository: string;
    /** Build context directory. */
    context: string;
    /**
     * Dockerfile path, relative to the context.
     * @default "Dockerfile"
     */
    dockerfile?: string;
    /**
     * Target platform.
     * @default "linux/amd64"
     */
    platform?: "linux/amd64" | "linux/arm64";
}

export interface ContainerArgs {
    /** Image URI, or `{ build }` to build it from a Dockerfile into one of `repositories`. */
    image: pulumi.Input<string> | { build: ImageBuildArgs };
    /**
     * Ports the container listens on.
     * @default []
     * @example [{ containerPort: 8080 }]
     */
    portMappings?: Array<{
        containerPort: number;
        /** @default "tcp" */
        protocol?: "tcp" | "udp";
        /**
         * Names the port for Service Connect: up to 64 lower-case letters, digits, `_` and `-`, not
         * starting with `-`, unique within the task
         * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html).
         * @default undefined
         */
        name?: string;
    }>;
    /**
     * CPU units reserved for this container within the task.
     * @default 0
     */
    cpu?: number;
    /**
     * Hard memory limit (MiB) for this container within the task.
     * @default undefined
     */
    memoryMiB?: number;
    /**
     * Soft memory limit (MiB): what ECS reserves for this container, which may use more up to
     * `memoryMiB`; below `memoryMiB` when both are set, and within the task's memory
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html, `memoryReservation`).
     * @default undefined
     */
    memoryReservationMiB?: number;
    /**
     * A task stops when an essential container stops.
     * @default true
     */
    essential?: boolean;
    /** Plain environment variables (never secrets: use `secrets`). @default {} */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Secrets injected as environment variables: name → Secrets Manager secret ARN (optionally with
     * `:json-key:version-stage:version-id`) or SSM parameter ARN. The execution role may read exactly
     * these. A Secrets Manager ARN without its 6-character suffix (`secret:prod/db`) is granted as
     * `secret:prod/db-??????`, since IAM matches the full ARN
     * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html);
     * avoid secret names that end in a hyphen and six characters, which read as a full ARN. Secrets
     * under a customer managed KMS key also need `secretsKmsKeyArns`.
     * @default {}
     * @example { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" }
     */
    secrets?: Record<string, pulumi.Input<string>>;
    /** Override the image's command. @default undefined */
    command?: string[];
    /** Override the image's entry point. @default undefined */
    entryPoint?: string[];
    /** Container health check. @default undefined */
    healthCheck?: ContainerHealthCheckArgs;
    /**
     * Mount the root file system read-only (Security Hub ECS.5); give writable paths as volumes.
     * ECS Exec needs it writable (the SSM agent writes to the root file system), so a service with
     * `enableExecuteCommand` must set `false` on each container
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html, "Considerations").
     * @default true
     */
    readonlyRootFilesystem?: boolean;
    /** User (and group) the process runs as, e.g. "1000:1000". @default undefined */
    user?: string;
    /**
     * Containers of the same task this one waits for: container name → condition. `START` (started),
     * `COMPLETE` (exited), `SUCCESS` (exited 0), `HEALTHY` (passes its `healthCheck`). `COMPLETE` and
     * `SUCCESS` may only name a container with `essential: false`, `HEALTHY` only one with a health
     * check; no cycles (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html).
     * @default {}
     * @example { migrate: "SUCCESS", proxy: "HEALTHY" }
     */
    dependsOn?: Record<string, "START" | "COMPLETE" | "SUCCESS" | "HEALTHY">;
    /**
     * Restart this container in place when it exits, instead of replacing the task
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerRestartPolicy.html).
     * @default undefined
     * @example { enabled: true, ignoredExitCodes: [0], restartAttemptPeriodSeconds: 180 }
     */
    restartPolicy?: ContainerRestartPolicyArgs;
    /**
     * Linux capabilities added to or dropped from Docker's default set. Fargate only allows adding
     * `SYS_PTRACE` (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html).
     * @default undefined
     * @example { add: ["SYS_PTRACE"], drop: ["NET_RAW"] }
     */
    linuxCapabilities?: LinuxCapabilitiesArgs;
    /**
     * Mount every volume of other containers of the same task
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_VolumeFrom.html).
     * @default []
     * @example [{ sourceContainer: "app", readOnly: true }]
     */
    volumesFrom?: Array<{ sourceContainer: string; readOnly?: boolean }>;
    /**
     * Where the container's stdout/stderr go. `{ driver: "awslogs" }`: the task's log group. `{ driver:
     * "awsfirelens", options }`: through the task's `logRouter` (FireLens), `options` being the Fluent Bit
     * output's settings (`Name` and its parameters), e.g. to Kinesis Data Firehose or another log group
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html). The container then
     * waits for the router to start (`dependsOn: { log_router: "START" }`) so no early line is lost.
     * The task role gets what the output needs for `Name` `cloudwatch_logs`, `kinesis_firehose`,
     * `kinesis_streams` and `s3`, and the older plugins `cloudwatch`, `firehose` and `kinesis` of AWS's
     * examples (see `FIRELENS_OUTPUTS`); other outputs need `taskRole.statements`. With `vpc.egress:
     * "endpoints"`, their interface endpoint (`logs`, `kinesis-firehose`, `kinesis-streams`) must be in
     * `vpc.interfaceEndpoints`, or the router drops every record. Credentials for the
     * output go in `secretOptions`, never in `options` (which the task definition shows).
     * @default { driver: "awslogs" }
     * @example { driver: "awsfirelens", options: { Name: "kinesis_firehose", region: "us-east-1", delivery_stream: "app-logs" } }
     */
    logging?: ContainerLoggingArgs;
}

/** A container's log driver: the task's log group, or FireLens (the task's `logRouter`). */
export type ContainerLoggingArgs =
    | { driver: "awslogs" }
    | {
          driver: "awsfirelens";
          /** The Fluent Bit output: `Name` and its parameters (values may be Outputs). */
          options: Record<string, pulumi.Input<string>>;
          /**
           * The output's parameters that are credentials (an API key, an HTTP header), by parameter
           * name: each a Secrets Manager secret ARN or an SSM parameter ARN. ECS resolves them at launch
           * with the execution role, which may read exactly these (like `secrets`), so they never show
           * in the task definition (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html).
           * @default {}
           * @example { apikey: "arn:aws:secretsmanager:us-east-1:123456789012:secret:datadog-AbCdEf" }
           */
          secretOptions?: Record<string, pulumi.Input<string>>;
      };

/**
 * FireLens: a `log_router` container (AWS for Fluent Bit) that routes the logs of containers with
 * `logging.driver: "awsfirelens"`. Its own logs go to the task's log group.
 */
export interface LogRouterArgs {
    /**
     * The router's image, pinned: a moving tag (`stable`, `latest`) changes the router under running
     * services. AWS for Fluent Bit on ECR Public (https://github.com/aws/aws-for-fluent-bit/releases);
     * without internet (`vpc.egress: "endpoints"`), AWS's copy in its regional private ECR repository
     * (`<account>.dkr.ecr.<region>.amazonaws.com/aws-for-fluent-bit:<tag>`, the account per Region in that
     * project's README), which the execution role is then allowed to pull.
     * @default "public.ecr.aws/aws-observability/aws-for-fluent-bit:3.4.14"
     */
    image?: string;
    /**
     * Add the task's metadata (cluster, task ARN, task definition, container) to every record.
     * @default true
     */
    enableEcsLogMetadata?: boolean;
    /**
     * A Fluent Bit configuration file inside the router's image (an absolute path), merged with the one
     * FireLens generates: filters, parsers, several outputs. Fargate reads only files, not S3
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_FirelensConfiguration.html).
     * @default undefined - FireLens's generated configuration only
     * @example "/fluent-bit/configs/parse-json.conf"
     */
    configFilePath?: string;
    /**
     * Memory (MiB) reserved for the router: AWS suggests 50 MiB as a starting point.
     * @default 50
     */
    memoryReservationMiB?: number;
}

/**
 * A bind mount shared by containers of the task: on Fargate, space of the task's ephemeral storage
 * (`ephemeralStorageGiB`); on EC2, a Docker volume or `hostPath` on the instance. Gone with the task (or
 * the instance): for scratch space, e.g. a writable `/tmp` under a read-only root file system.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html
 */
export interface BindMountArgs {
    /** Where the containers see it. */
    containerPath: string;
    /**
     * Containers that mount it.
     * @default "every container"
     */
    containers?: string[];
    /** @default false */
    readOnly?: boolean;
    /**
     * A directory of the EC2 instance (`capacity: "ec2"` only: Fargate has no host path). Refused: the
     * instance's root `/`, the Docker and containerd sockets (a read-only mount of a socket still lets
     * the container drive the runtime) and the ECS agent's `/var/lib/ecs` and Docker's `/var/lib/docker`,
     * which hand the container the instance and the credentials of every task on it; `/proc`, `/sys`,
     * `/dev`, `/etc`, `/boot` and `/root` need `readOnly: true`.
     * @default undefined - a Docker-managed volume, removed with the task
     */
    hostPath?: string;
}

/**
 * An EBS volume per task, created by ECS when the task starts and deleted when it stops
 * (`configuredAtLaunch`), always encrypted. ECS attaches one such volume per task.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html
 */
export interface EbsVolumeArgs {
    /** Where the containers see it. */
    containerPath: string;
    /**
     * The volume's name in the task definition (letters, digits, `-`, `_`), distinct from `volumes` and `bindMounts`.
     * @default "ebs"
     */
    name?: string;
    /**
     * Containers that mount it.
     * @default "every container"
     */
    containers?: string[];
    /** @default false */
    readOnly?: boolean;
    /**
     * Size in GiB (gp3: 1–16384).
     * @default 20
     */
    sizeGiB?: number;
    /**
     * Provisioned IOPS (gp3: 3000–16000, at most 500 per GiB).
     * @default undefined - gp3's baseline, 3000
     */
    iops?: number;
    /**
     * Throughput in MiB/s (gp3: 125–1000, at most a quarter of the IOPS).
     * @default undefined - gp3's baseline, 125
     */
    throughputMiBps?: number;
    /**
     * File system ECS formats the volume with.
     * @default "xfs"
     */
    fileSystemType?: "xfs" | "ext4" | "ext3";
    /**
     * Customer managed KMS key (ARN) encrypting the volume; its key policy must let the account's IAM
     * (or the `{key}-ebs-role`) use it. Volumes are encrypted either way.
     * @default undefined - the account's default EBS key (`aws/ebs` unless changed)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** ECS container restart policy: the agent restarts the container instead of stopping the task. */
export interface ContainerRestartPolicyArgs {
    /** Whether the policy is on. */
    enabled: boolean;
    /**
     * Exit codes that do not restart the container (at most 50).
     * @default []
     */
    ignoredExitCodes?: number[];
    /**
     * Seconds a container must run before a restart may happen (60–1800); guards against restart loops.
     * @default 300
     */
    restartAttemptPeriodSeconds?: number;
}

/** Linux capabilities (names without `CAP_`, e.g. `SYS_PTRACE`, or `ALL`). */
export interface LinuxCapabilitiesArgs {
    /**
     * Capabilities added to the container (Fargate: only `SYS_PTRACE`).
     * @default []
     */
    add?: string[];
    /**
     * Capabilities dropped from the container.
     * @default []
     */
    drop?: string[];
}

/** Target for one service on a load balancer. */
export interface ServiceLoadBalancerArgs {
    /** Key of `loadBalancers`. */
    name: string;
    /**
     * Container that receives the traffic.
     * @default "the first container"
     */
    container?: string;
    /** Container port that receives the traffic. */
    containerPort: number;
    /**
     * ALB listener rule, on the listener of `listenerPort`. Without one the service is that
     * listener's default action (one default service per listener). Priorities (1–50000) are unique
     * per listener. `hosts` other than the load balancer's `domain.name` need a certificate covering
     * them (`certificateArn`): the requested one covers `domain.name` only (a warning says so). The
     * service's URL uses the first host that is not a wildcard.
     * @default undefined
     * @example { priority: 10, pathPatterns: ["/app1/*"] }
     */
    rule?: { priority: number; pathPatterns?: string[]; hosts?: string[] };
    /**
     * Listener port (1–65535). NLB: a TCP listener (TLS with a certificate) per port, one service per
     * port. ALB: the main listener is 80 (HTTP), or 443 (HTTPS) with a certificate, whose port 80
     * only redirects to 443; another port gets a listener of its own with the main listener's
     * protocol, whose default action is the service on it without a `rule` (else a 404), so rule
     * priorities and the one default service count per listener. Port 80 on an ALB with a
     * certificate is the redirect and is refused.
     * @default 80 (443 with a certificate)
     */
    listenerPort?: number;
    /**
     * Target health check.
     * @default { path: "/", intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3, matcher: "200-399" }
     */
    healthCheck?: {
        /**
         * HTTP path (ALB).
         * @default "/"
         */
        path?: string;
        /**
         * Seconds between checks (5–300).
         * @default 30
         */
        intervalSeconds?: number;
        /**
         * Seconds before a check fails (2–120).
         * @default 5
         */
        timeoutSeconds?: number;
        /**
         * Successes before healthy (2–10).
         * @default 3
         */
        healthyThreshold?: number;
        /**
         * Failures before unhealthy (2–10).
         * @default 3
         */
        unhealthyThreshold?: number;
        /**
         * HTTP codes that mean healthy (ALB).
         * @default "200-399"
         */
        matcher?: string;
    };
    /**
     * Seconds the load balancer drains a stopping task (0–3600). Lower than the 300-second AWS default
     * so deployments finish sooner.
     * @default 30
     */
    deregistrationDelaySeconds?: number;
}

/**
 * One named port mapping a service serves through Service Connect: ECS registers it in the Cloud Map
 * namespace, and the proxy of every client task in the namespace answers `alias.dnsName:alias.port`
 * by sending the connection to one of this service's tasks on the container port
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 * @example { discoveryName: "orders", alias: { dnsName: "orders", port: 80 } }
 */
export interface ServiceConnectPortArgs {
    /**
     * The Cloud Map service ECS creates for this port: unique in the namespace, up to 64 lower-case
     * letters, digits, `_` and `-`, not starting with `-`
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html).
     * @default - the service's key when it serves one port, else `<key>-<port name>`
     */
    discoveryName?: string;
    /**
     * The name and port clients connect to. ECS takes one alias per port
     * (`clientAliases`: at most 1 item). `dnsName`: up to 127 lower-case letters, digits, `_`, `-`
     * and `.`, not starting with `-`; each name and port pair is unique in the namespace
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectClientAlias.html).
     * @default - `dnsName` the discovery name, `port` the container port: clients call `http://<discoveryName>:<containerPort>`
     * @example { dnsName: "orders.internal", port: 80 }
     */
    alias?: { dnsName?: string; port?: number };
}

/**
 * ECS Service Connect for one service: a proxy in each task that resolves the namespace's names and
 * balances connections across the tasks behind them, with retries and metrics. A service with
 * `services` is a client and a server; without, a client only (it reaches the others by name, and
 * nobody reaches it). Tasks in `awsvpc` network mode only: the admission rules below are between
 * the services' own security groups.
 * @example { services: { http: { alias: { port: 80 } } }, allowFrom: ["web"], accessLogs: true }
 */
export interface ServiceConnectArgs {
    /**
     * The ports this service serves, keyed by port mapping name (`containers.<c>.portMappings[].name`).
     * @default {}
     */
    services?: Record<string, ServiceConnectPortArgs>;
    /**
     * Services of this component admitted on those ports: for each, a security-group ingress rule
     * from its tasks' group to this service's, on each container port (the server's proxy listens
     * on the container port in awsvpc mode, `ingressPortOverride` unset). Each must use Service Connect.
     * @default []
     * @example ["web"]
     */
    allowFrom?: string[];
    /**
     * Security groups outside the component admitted on those ports, keyed by a name for the rule
     * (`<key>-<port>-from-<name>`): e.g. the tasks of another ContainerService in the same namespace.
     * @default {}
     * @example { billing: billing.resources.services.invoicer.task.securityGroup!.id }
     */
    allowFromSecurityGroups?: Record<string, pulumi.Input<string>>;
    /**
     * The proxy's access logs (one JSON line per request, query strings left out) in the service's
     * log group, beside the proxy's own logs (stream prefix `service-connect`)
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-envoy-access-logs.html).
     * @default false
     */
    accessLogs?: boolean;
}

/** The Cloud Map namespace of the component's Service Connect services. */
export interface ServiceConnectNamespaceArgs {
    /**
     * An existing Cloud Map namespace to join instead of creating one: services
     * of other components or clusters in it reach this component's services by name, and the other
     * way round. The namespace must be in the component's region.
     * @default - one Cloud Map HTTP namespace for the component (`<name>-namespace-<hex>`), created
     * only when a service has `serviceConnect`
     * @example "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0a1b2c3d4e5f6a7b"
     */
    namespaceArn?: pulumi.Input<string>;
}

/**
 * Step scaling on a CloudWatch alarm of your choosing, out or in: the alarm's action is the step
 * policy. Application Auto Scaling policies need no resource policy for CloudWatch to invoke them.
 * @example
 * // scale in when the queue is nearly empty
 * { metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "jobs" } },
 *   threshold: 5, comparison: "LessThanOrEqualToThreshold", steps: [{ upper: 0, change: -1 }] }
 */
export interface StepScalingArgs {
    /** The metric that drives the alarm. */
    metric: {
        namespace: string;
        metricName: string;
        /** @default {} */
        dimensions?: Record<string, pulumi.Input<string>>;
        /** @default "Average" */
        statistic?: "Average" | "Sum" | "Maximum" | "Minimum" | "SampleCount";
        /** @default 60 */
        periodSeconds?: number;
    };
    /** The alarm threshold; step bounds are relative to it. */
    threshold: number;
    /**
     * How the metric is compared with the threshold: a `GreaterThan…` alarm scales out (steps at or
     * above 0), a `LessThan…` alarm scales in (steps at or below 0).
     * @default "GreaterThanOrEqualToThreshold"
     */
    comparison?: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanOrEqualToThreshold" | "LessThanThreshold";
    /**
     * Consecutive periods the metric must breach before the alarm fires (1–100).
     * @default 1
     */
    evaluationPeriods?: number;
    /**
     * What `change` means: tasks added or removed, percent of the current count, or the count to set.
     * @default "ChangeInCapacity"
     */
    adjustmentType?: "ChangeInCapacity" | "PercentChangeInCapacity" | "ExactCapacity";
    /**
     * Steps: `{ lower?, upper?, change }`, bounds relative to the threshold (a missing `lower` is minus
     * infinity, a missing `upper` plus infinity). As AWS requires, they are contiguous and do not overlap.
     * @example [{ lower: 0, upper: 50, change: 1 }, { lower: 50, change: 3 }]
     */
    steps: Array<{ lower?: number; upper?: number; change: number }>;
    /**
     * Seconds after a scaling activity before another.
     * @default 120
     */
    cooldownSeconds?: number;
    /**
     * How the policy aggregates the alarm's data points.
     * @default "Average"
     */
    metricAggregation?: "Average" | "Minimum" | "Maximum";
}

/**
 * Predictive scaling (ECS services, since November 2024): forecasts load from up to 14 days of the
 * metric and launches tasks ahead of it.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/predictive-auto-scaling.html
 * @example { metric: "cpu", targetPercent: 50, mode: "ForecastAndScale" }
 */
export interface PredictiveScalingArgs {
    /** The metric pair forecast: average CPU or memory utilization of the service. */
    metric: "cpu" | "memory";
    /** Utilization (percent, 1–100) the forecast capacity aims at. */
    targetPercent: number;
    /**
     * `ForecastOnly` computes forecasts without acting, to check them first; `ForecastAndScale` acts.
     * @default "ForecastOnly"
     */
    mode?: "ForecastOnly" | "ForecastAndScale";
    /**
     * Seconds before the forecast need that tasks start (0–3600), for slow-starting tasks.
     * @default 0
     */
    schedulingBufferSeconds?: number;
    /**
     * When the forecast exceeds `maxCount`: keep to it, or raise it by `maxCapacityBufferPercent`.
     * @default "HonorMaxCapacity"
     */
    maxCapacityBehavior?: "HonorMaxCapacity" | "IncreaseMaxCapacity";
    /**
     * With `IncreaseMaxCapacity`: percent (0–100) above the forecast the maximum may grow to.
     * @default undefined - refused unless maxCapacityBehavior is "IncreaseMaxCapacity", where it is required
     */
    maxCapacityBufferPercent?: number;
}

/** Application Auto Scaling for a service's desired count. */
export interface ServiceScalingArgs {
    /** Fewest tasks. */
    minCount: number;
    /** Most tasks. */
    maxCount: number;
    /** Target tracking on average CPU (percent). @default undefined */
    cpuTargetPercent?: number;
    /** Target tracking on average memory (percent). @default undefined */
    memoryTargetPercent?: number;
    /** Target tracking on ALB requests per target per minute (needs an ALB). @default undefined */
    requestsPerTarget?: number;
    /**
     * Queue workers: target tracking on visible messages per running task. The running task count
     * comes from Container Insights (`ECS/ContainerInsights` `RunningTaskCount`; `AWS/ECS` has no such
     * metric), so this is refused with `cluster.containerInsights: "disabled"`.
     * @default undefined
     */
    backlogPerTask?: number;
    /**
     * Step scaling policies on alarms, keyed by role, scaling out or in.
     * @default {}
     * @example { "latency": { metric: { namespace: "App", metricName: "P99Ms" }, threshold: 500, steps: [{ lower: 0, change: 2 }] } }
     */
    steps?: Record<string, StepScalingArgs>;
    /** Predictive scaling on CPU or memory. @default undefined - no predictive policy */
    predictive?: PredictiveScalingArgs;
    /**
     * Scheduled capacity changes, keyed by role.
     * @default {}
     * @example { "night": { schedule: "cron(0 20 * * ? *)", minCount: 0, maxCount: 1, timezone: "Europe/Paris" } }
     * (`timezone` defaults to "UTC")
     */
    schedules?: Record<string, { schedule: string; minCount: number; maxCount: number; timezone?: string }>;
    /**
     * Seconds to wait after scaling in before scaling in again.
     * @default 300
     */
    scaleInCooldownSeconds?: number;
    /**
     * Seconds to wait after scaling out before scaling out again.
     * @default 60
     */
    scaleOutCooldownSeconds?: number;
}

/** An SQS queue (with a dead-letter queue) the service consumes; the task role may read and delete. */
export interface QueueArgs {
    /**
     * Seconds a received message is hidden from other consumers (0–43200); longer than a job takes.
     * @default 300
     */
    visibilityTimeoutSeconds?: number;
    /**
     * Receives before a message moves to the dead-letter queue (1–1000).
     * @default 5
     */
    maxReceiveCount?: number;
    /**
     * Seconds messages are kept (60–1209600).
     * @default 345600
     */
    messageRetentionSeconds?: number;
}

/** An EFS access point mounted into the task. */
export interface VolumeArgs {
    /** Key of `fileSystems`. */
    fileSystem: string;
    /** Where the containers see it. */
    containerPath: string;
    /**
     * Containers that mount it.
     * @default "every container"
     */
    containers?: string[];
    /** @default false */
    readOnly?: boolean;
    /**
     * Directory in the file system the access point exposes (created with `uid`/`gid`).
     * @default "/<service>/<volume>"
     */
    rootDirectory?: string;
    /** POSIX user the access point enforces. @default 1000 */
    uid?: number;
    /** POSIX group the access point enforces. @default 1000 */
    gid?: number;
}

/** IAM for the application itself (the task role), separate from what ECS needs to start it. */
export interface TaskRoleArgs {
    /**
     * Statements of the app's own policy. Refused: `*` actions on `*` resources, Allow with `NotAction`
     * or `NotResource` (every action or resource but a few), and any principal (an identity policy has none).
     * @default []
     */
    statements?: Statement[];
    /** Managed policies to attach. @default [] */
    managedPolicyArns?: string[];
}

/** What every task-running thing (service or standalone task) shares. */
export interface TaskArgs {
    /** Containers, keyed by name (the key is the container name). */
    containers: Record<string, ContainerArgs>;
    /**
     * Task CPU units. Fargate accepts 256, 512, 1024, 2048, 4096, 8192, 16384 with matching memory.
     * @default 256
     */
    cpu?: number;
    /**
     * Task memory in MiB (see AWS's table of valid Fargate combinations).
     * @default 512
     */
    memoryMiB?: number;
    /**
     * Where the tasks run. Given neither this nor `capacityProviderStrategy`, the tasks take
     * `cluster.defaultStrategy` when it is set.
     * @default "fargate"
     */
    capacity?: Capacity;
    /**
     * Spread the tasks across capacity providers: Fargate ones (`"FARGATE"`, `"FARGATE_SPOT"`) or Auto
     * Scaling group ones (`"ec2"`, keys of `ec2CapacityProviders`), never both in one strategy, and groups of
     * one `architecture`; at most 20 providers (6 for scheduled tasks: EventBridge and Scheduler take 6), one
     * base (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html).
     * Instead of `capacity` (giving both is refused); with neither, the tasks take `cluster.defaultStrategy`.
     * A service updates in place when it changes, with a new deployment (services force a new deployment on
     * every update, except under the CODE_DEPLOY controller).
     * @default undefined - from `capacity`, else `cluster.defaultStrategy`
     * @example [{ provider: "on-demand", base: 1, weight: 1 }, { provider: "spot", weight: 3 }]
     */
    capacityProviderStrategy?: CapacityProviderStrategyArgs[];
    /**
     * With `"fargate-spot"`: tasks that always run on regular Fargate, and the weights above them.
     * @default { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 }
     */
    spot?: { onDemandBase?: number; onDemandWeight?: number; spotWeight?: number };
    /**
     * `"awsvpc"` (each task its own ENI and security group; Fargate and EC2) or `"bridge"` (EC2 only:
     * dynamic host ports behind an ALB, several tasks per instance without ENI limits).
     * @default "awsvpc"
     */
    networkMode?: "awsvpc" | "bridge";
    /** EFS volumes, keyed by volume name. @default {} */
    volumes?: Record<string, VolumeArgs>;
    /** The application's own permissions. @default {} */
    taskRole?: TaskRoleArgs;
    /**
     * CPU architecture of the task (Fargate).
     * @default "X86_64"
     */
    cpuArchitecture?: "X86_64" | "ARM64";
    /**
     * Fargate platform version; EFS volumes need 1.4.0 or later.
     * @default "LATEST"
     */
    platformVersion?: string;
    /**
     * Customer managed KMS keys that encrypt the containers' `secrets`: the execution role may
     * `kms:Decrypt` with them, only through Secrets Manager and SSM (`kms:ViaService`). Not needed for
     * the AWS managed keys (`aws/secretsmanager`, `aws/ssm`)
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html).
     * @default []
     * @example ["arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789"]
     */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /**
     * FireLens log router (a `log_router` container) for containers with `logging.driver: "awsfirelens"`.
     * @default undefined - no router; every container logs to the task's log group
     * @example { configFilePath: "/fluent-bit/configs/parse-json.conf" }
     */
    logRouter?: LogRouterArgs;
    /**
     * Bind mounts, keyed by volume name (distinct from `volumes`).
     * @default {}
     * @example { tmp: { containerPath: "/tmp" } }
     */
    bindMounts?: Record<string, BindMountArgs>;
    /**
     * Fargate ephemeral storage in GiB (21–200), which holds images and bind mounts.
     * @default undefined - Fargate's 20 GiB
     */
    ephemeralStorageGiB?: number;
}

/** The stages of an ECS deployment at which a lifecycle hook may run (ECS `DeploymentLifecycleHook`). */
export type DeploymentLifecycleStage =
    | "RECONCILE_SERVICE"
    | "PRE_SCALE_UP"
    | "POST_SCALE_UP"
    | "TEST_TRAFFIC_SHIFT"
    | "POST_TEST_TRAFFIC_SHIFT"
    | "PRODUCTION_TRAFFIC_SHIFT"
    | "POST_PRODUCTION_TRAFFIC_SHIFT";

/**
 * A Lambda function ECS invokes at deployment stages; it answers `{ hookStatus: "SUCCEEDED" | "FAILED" |
 * "IN_PROGRESS" }`, and FAILED rolls the deployment back
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html).
 */
export interface DeploymentLifecycleHookArgs {
    /** The function's ARN (a version or alias ARN works too): the deploy role may invoke only these. */
    lambdaArn: pulumi.Input<string>;
    /** Stages at which ECS invokes it (at least one). */
    stages: DeploymentLifecycleStage[];
    /**
     * Passed to the function as `hookDetails` (JSON-serialised).
     * @default undefined
     * @example { smokeTestPath: "/health" }
     */
    details?: Record<string, unknown>;
}

/**
 * Deployment of a service. `strategy` other than `"rolling"`, and `controller: "code-deploy"`, run two
 * target groups: the component creates the alternate one (`{key}-tg-alt`), the production route (an ALB
 * listener rule — a service that is its listener's default action gets a catch-all rule, since ECS takes
 * the rule to shift by ARN and a listener's default rule has no ARN Pulumi knows — or the NLB listener)
 * and, with `testListenerPort`, a test listener. With the ECS controller these routes forward to both
 * target groups, 100/0, as ECS requires. Only the service's `loadBalancer` takes part.
 *
 * Whoever runs `pulumi up` passes the deploy role `{key}-deploy-role` to ECS: they need `iam:PassRole` on it
 * (condition `iam:PassedToService: ecs.amazonaws.com`). With an NLB, ECS waits 10 minutes more at
 * PRE_SCALE_UP, TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb-resources-for-blue-green.html).
 * Replacing a route (e.g. a new `listenerPort`, protocol or rule) recreates it forwarding all traffic to
 * `-tg`, while the live revision may be in `-tg-alt` after an odd number of deployments: deploy once more
 * first (so the live revision is in `-tg`), or expect an outage until the next deployment.
 */
export interface ServiceDeploymentArgs {
    /**
     * Rolling: percent of `desiredCount` that must stay running (and healthy) during a deployment.
     * @default 100
     */
    minimumHealthyPercent?: number;
    /** Rolling: percent of `desiredCount` that may run during a deployment. @default 200 */
    maximumPercent?: number;
    /**
     * Roll back a failed deployment: the circuit breaker's (rolling and blue-green, the strategies AWS documents
     * it for; linear and canary rely on `rollbackAlarms` and hooks) and `rollbackAlarms`'.
     * @default true
     */
    rollback?: boolean;
    /**
     * Who deploys: ECS itself, or CodeDeploy (`deploymentController: CODE_DEPLOY`), whose deployment
     * group is then built from `resources.services[key].deployment`. The service's task definition, load
     * balancers, network configuration, platform version and capacity provider strategy are then changed
     * by CodeDeploy deployments only (ECS refuses them in UpdateService): `pulumi up` registers new task
     * definition revisions and leaves the service on the one CodeDeploy last deployed. Those revisions run
     * only through the next deployment: CodePipeline's CodeDeployToECS action registers and deploys the
     * task definition of its `taskdef.json` artifact with the new image
     * (https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-ECSbluegreen.html).
     * BuildProject's `containerImageBuildspec({ taskDefinitionFamily })` renders that file from the
     * family's latest ACTIVE revision (`aws ecs describe-task-definition --task-definition <family>`), so
     * a change made in the program (env, secrets, cpu/memory, roles, sidecars, logging) reaches the service
     * with the next pipeline run, not with `pulumi up`; a `taskdef.json` kept in the repository instead
     * carries none of them. Not with
     * `additionalLoadBalancers` (several target groups need the ECS controller,
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html),
     * `ebsVolume` (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html),
     * `serviceConnect` (not supported with CodeDeploy,
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html) or a
     * load balancer joined through `listenerArn` (CodeDeploy rewrites the listener, which is not the
     * component's). Blue-green, linear and canary with the ECS controller do work on a joined listener:
     * ECS shifts the service's own rule there (no `testListenerPort`, which needs a listener of the component's).
     * @default "ecs"
     */
    controller?: "ecs" | "code-deploy";
    /**
     * Who releases new images: `pulumi up` (the task definition in the program is the one that runs), or a
     * pipeline (DeliveryPipeline's ECS deploy action registers a revision with the new image and updates the
     * service). With "pipeline" the service ignores `taskDefinition`, so a later `pulumi up` (a scaling or
     * alarm change) does not roll the service back to the program's image.
     *
     * Every other task-definition change made in the program is then never deployed: `pulumi up` registers
     * a new revision that no service uses, and the pipeline's ECS action copies "the revision used by the
     * Amazon ECS service" with the new image, ignoring newer revisions
     * (https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-ECS.html). To ship such a
     * change (env, secrets, cpu/memory, roles, sidecars, logging): after `pulumi up`, point the service at
     * the program's revision (`aws ecs update-service --cluster <c> --service <s> --task-definition
     * <family>:<revision>`, the revision in `resources.services[key].task.taskDefinition.arn`, or one `up`
     * with "pulumi"), then run the pipeline: the service runs the program's image until that run, which
     * copies the new revision from then on. `controller: "code-deploy"` ignores the task definition already
     * and deploys a pipeline's `taskdef.json` (see `controller`).
     * @default "pulumi"
     */
    releasedBy?: "pulumi" | "pipeline";
    /**
     * ECS's deployment strategy: `rolling` replaces tasks in place; `blue-green` starts the new revision
     * beside the old and shifts all traffic at once; `linear` shifts it in equal steps; `canary` shifts a
     * percentage first, then the rest. Blue-green, linear and canary need `loadBalancer` (ALB or NLB) in
     * this component (ECS can also shift with Service Connect, or run them without traffic, which the
     * component does not build) (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html).
     * Always sent, `ROLLING` too, so switching back to rolling reaches ECS.
     * @default "rolling"
     */
    strategy?: "rolling" | "blue-green" | "linear" | "canary";
    /**
     * Minutes the new and old revisions run side by side after all traffic moved, before the old one
     * stops (roll back is instant until then); 0 to 1440. Always sent for blue-green, linear and canary:
     * ECS requires it with BLUE_GREEN
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
     * Not with strategy "rolling".
     * @default 5
     */
    bakeTimeMinutes?: number;
    /**
     * `strategy: "linear"`: percent of traffic per step (3 to 100, a multiple of 0.1) and minutes between steps (0 to 1440).
     * @default undefined - required with strategy "linear"
     * @example { stepPercent: 25, stepBakeMinutes: 5 }
     */
    linear?: { stepPercent: number; stepBakeMinutes: number };
    /**
     * `strategy: "canary"`: percent of traffic sent first (0.1 to 100, a multiple of 0.1) and minutes before the rest (0 to 1440).
     * @default undefined - required with strategy "canary"
     * @example { percent: 10, bakeMinutes: 15 }
     */
    canary?: { percent: number; bakeMinutes: number };
    /**
     * Lambda functions ECS invokes at deployment stages, by a name of your choice (blue-green, linear
     * and canary). The deploy role `{key}-deploy-role` may invoke exactly these functions.
     * @default {}
     * @example { smoke: { lambdaArn: testFn.arn, stages: ["POST_TEST_TRAFFIC_SHIFT"] } }
     */
    lifecycleHooks?: Record<string, DeploymentLifecycleHookArgs>;
    /**
     * CloudWatch alarms whose ALARM state fails the deployment (rolled back when `rollback`): the
     * service's own load balancer alarms (`http-5xx` on an ALB, `unhealthy-hosts`; needs `alarms` and
     * `loadBalancer`; with two target groups they watch both, where the live revision alternates) and/or
     * alarms named here. Not with `controller: "code-deploy"` (its deployment group holds the alarms).
     * Removing `rollbackAlarms` later does not disarm them on the service (the provider ignores a removed
     * alarms block, and refuses empty names): turn them off on the service with `aws ecs update-service`
     * (deployment configuration `alarms` with `enable: false`) as well.
     * @default undefined - no alarm fails a deployment
     * @example { serviceAlarms: true, names: ["checkout-latency-p99"] }
     */
    rollbackAlarms?: { serviceAlarms?: boolean; names?: pulumi.Input<string>[] };
    /**
     * A listener on this port that reaches the new revision before production traffic does (ECS:
     * `TEST_TRAFFIC_SHIFT` onwards; CodeDeploy: the test route). ALB: a listener (HTTPS with the load
     * balancer's certificate) with a rule per service matching as the production rule does; NLB: a
     * listener of its own. Admitted from the load balancer's `testIngressCidrs` (default: the VPC's CIDR).
     * @default undefined - no test listener
     */
    testListenerPort?: number;
}

export interface ServiceArgs extends TaskArgs {
    /**
     * Tasks to run (when `scaling` is set, only the starting point).
     * @default 1 (scaling.minCount when scaling is set)
     */
    desiredCount?: number;
    /**
     * Put the service behind one of `loadBalancers`: the primary target, which deployments, request
     * scaling, alarms and `serviceUrls` use.
     * @default undefined
     */
    loadBalancer?: ServiceLoadBalancerArgs;
    /**
     * More target groups for the same tasks, each on another of `loadBalancers` (e.g. an ALB for HTTP
     * and an NLB for TCP), as ECS's multiple target groups: 5 target groups per service in all, each
     * on a different load balancer here, and the ECS deployment controller only
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html).
     * Needs `loadBalancer`. Each creates the target group `{service}-{loadBalancer}-tg`, its rule or
     * listener, and the tasks' ingress from that load balancer. Blue-green, linear and canary deployments
     * shift the primary `loadBalancer` only; these target groups keep serving the live tasks.
     * @default []
     * @example [{ name: "tcp", containerPort: 9000, listenerPort: 9000 }]
     */
    additionalLoadBalancers?: ServiceLoadBalancerArgs[];
    /** Auto scaling of the desired count. @default undefined */
    scaling?: ServiceScalingArgs;
    /** Make the service an SQS queue worker: creates the queue and its dead-letter queue. @default undefined */
    queue?: QueueArgs;
    /**
     * How a new task definition replaces the running one: rolling (bounds and the circuit breaker),
     * ECS-native blue/green, linear or canary traffic shifting, or CodeDeploy. See `ServiceDeploymentArgs`.
     * @default { minimumHealthyPercent: 100, maximumPercent: 200, rollback: true, strategy: "rolling", controller: "ecs", releasedBy: "pulumi" }
     * @example { strategy: "canary", canary: { percent: 10, bakeMinutes: 5 }, bakeTimeMinutes: 10, testListenerPort: 8443 }
     */
    deployment?: ServiceDeploymentArgs;
    /**
     * Seconds the scheduler ignores failing load balancer health checks after a task starts.
     * @default 60
     */
    healthCheckGracePeriodSeconds?: number;
    /**
     * ECS Exec (`aws ecs execute-command`): opt in, it opens a shell into running tasks. Every
     * container needs `readonlyRootFilesystem: false` (the SSM agent writes to the root file system).
     * @default false
     */
    enableExecuteCommand?: boolean;
    /**
     * Alarms: CPU and memory high (percent, over 3 of 5 minutes), ALB 5xx count and unhealthy hosts.
     * @default { cpuPercent: 80, memoryPercent: 80, http5xxPerMinute: 10 }
     */
    alarms?: { cpuPercent?: number; memoryPercent?: number; http5xxPerMinute?: number } | false;
    /**
     * An EBS volume per task, configured at launch and encrypted; ECS manages it with the role
     * `{key}-ebs-role` (AWS's `AmazonECSInfrastructureRolePolicyForVolumes`). Fargate needs platform 1.4.0+.
     * Removing it from a deployed service fails: the provider sends no `volumeConfigurations` for an
     * empty list, and UpdateService refuses the old volume with the new task definition ("Volume
     * configuration provided but no matching configuredAtLaunch volume found"; hashicorp/terraform-provider-aws#49185).
     * After that failed `up`, run `aws ecs update-service --cluster <cluster> --service <service>
     * --task-definition <new revision> --volume-configurations '[]'`, then `pulumi refresh`.
     * @default undefined - no EBS volume
     * @example { containerPath: "/var/lib/data", sizeGiB: 100 }
     */
    ebsVolume?: EbsVolumeArgs;
    /**
     * ECS Service Connect: reach other services of the namespace by name and, with `services`,
     * be reached by them (see `ServiceConnectArgs`).
     * @default undefined - no Service Connect
     * @example { services: { http: {} }, allowFrom: ["web"] }
     */
    serviceConnect?: ServiceConnectArgs;
}

/** A task run on a schedule or on an EventBridge event, with no service. */
export interface ScheduledTaskArgs extends TaskArgs {
    /**
     * EventBridge Scheduler expression: `cron(...)`, `rate(...)` or `at(...)`.
     * @default undefined
     * @example "cron(0 3 * * ? *)"
     */
    schedule?: string;
    /**
     * IANA time zone of `schedule`.
     * @default "UTC"
     */
    timezone?: string;
    /**
     * EventBridge event pattern that starts the task.
     * @default undefined
     * @example { source: ["aws.s3"], "detail-type": ["Object Created"] }
     */
    eventPattern?: Record<string, unknown>;
    /**
     * Retries when the task cannot be started (0–185).
     * @default 2
     */
    retries?: number;
    /**
     * Tasks started per run (1–10: EventBridge Scheduler's `TaskCount` range, and RunTask's at most 10 per call).
     * @default 1
     */
    taskCount?: number;
}

/** An ECR repository. */
export interface RepositoryArgs {
    /**
     * Tagged images to keep; older ones expire.
     * @default 30
     */
    keepImages?: number;
    /**
     * Days before untagged images expire.
     * @default 7
     */
    untaggedExpiryDays?: number;
    /**
     * Refuse to overwrite a tag (Security Hub ECR.2).
     * @default true
     */
    immutableTags?: boolean;
    /**
     * `"KMS"` uses the AWS-managed ECR key (or `kmsKeyArn`); `"AES256"` uses S3-managed keys.
     * @default "AES256"
     */
    encryption?: "AES256" | "KMS";
    /** Customer managed key for `"KMS"`. @default undefined */
    kmsKeyArn?: pulumi.Input<string>;
}

/** An EFS file system shared by the component's tasks. */
export interface FileSystemArgs {
    /**
     * Throughput mode.
     * @default "elastic"
     */
    throughputMode?: "elastic" | "bursting";
    /**
     * Move files not read for this long to Infrequent Access: `AFTER_1_DAY`, `AFTER_7_DAYS`, `AFTER_14_DAYS`,
     * `AFTER_30_DAYS`, `AFTER_60_DAYS`, `AFTER_90_DAYS`, `AFTER_180_DAYS`, `AFTER_270_DAYS`,
     * `AFTER_365_DAYS` (AWS's values), or `NONE` to keep everything in Standard.
     * @default "AFTER_30_DAYS"
     */
    transitionToIA?: EfsTransition;
    /**
     * AWS Backup's daily backups of the file system.
     * @default true
     */
    backup?: boolean;
}

/**
 * ECS Express Mode: a web app or API from one container image, with HTTPS, load balancing and
 * auto scaling managed by ECS (the replacement for App Runner, which takes no new customers since
 * 2026-04-30). Its tasks and the load balancer it creates use `vpc.privateSubnetIds`: two or more
 * subnets in different AZs (an Application Load Balancer needs two AZs; fewer is refused).
 */
export interface ExpressServiceArgs {
    /** Image URI. */
    image: pulumi.Input<string>;
    /**
     * Port the container listens on.
     * @default 8080
     */
    containerPort?: number;
    /**
     * CPU units: 256, 512, 1024, 2048 or 4096 (with a matching Fargate memory size).
     * @default 1024
     */
    cpu?: number;
    /**
     * Memory in MiB.
     * @default 2048
     */
    memoryMiB?: number;
    /**
     * Path of the load balancer's health check.
     * @default "/"
     */
    healthCheckPath?: string;
    /** Plain environment variables. @default {} */
    environment?: Record<string, pulumi.Input<string>>;
    /** Secrets, as in `ContainerArgs.secrets`. @default {} */
    secrets?: Record<string, pulumi.Input<string>>;
    /** Customer managed KMS keys of the secrets, as in `TaskArgs.secretsKmsKeyArns`. @default [] */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /**
     * Tasks and the metric that scales them.
     * @default { minCount: 1, maxCount: 4, metric: "AVERAGE_CPU", target: 60 }
     */
    scaling?: { minCount?: number; maxCount?: number; metric?: "AVERAGE_CPU" | "AVERAGE_MEMORY" | "REQUEST_COUNT_PER_TARGET"; target?: number };
    /** The application's own permissions. @default {} */
    taskRole?: TaskRoleArgs;
}

export interface ContainerServiceArgs {
    /** The VPC and subnets (e.g. `network.vpcArgs`). */
    vpc: VpcArgs;
    /** Cluster settings. @default {} */
    cluster?: ClusterArgs;
    /** An EC2 Auto Scaling group capacity provider, for services with `capacity: "ec2"`. @default undefined */
    ec2Capacity?: Ec2CapacityArgs;
    /**
     * More Auto Scaling group capacity providers, keyed by role, for `capacityProviderStrategy` and
     * `cluster.defaultStrategy`: each its own launch template, group and capacity provider. A key may not be
     * `"ec2"`, `"FARGATE"` or `"FARGATE_SPOT"` (the names strategies use for the others). Removing a provider
     * takes two `up`s: first move every strategy off it (keep the provider), then remove it; in one `up` the
     * cluster's provider list is updated first and ECS refuses to drop a provider a service still uses.
     * @default {}
     * @example { "on-demand": { instanceTypes: ["m7i.large"], onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 100, managedScaling: { targetCapacityPercent: 60 } }, spot: { instanceTypes: ["m7i.large", "m6i.large"], onDemandBaseCapacity: 0, managedScaling: { targetCapacityPercent: 40 } } }
     */
    ec2CapacityProviders?: Record<string, Ec2CapacityProviderArgs>;
    /**
     * Load balancers the services share, keyed by role.
     * @default {}
     * @example { public: { type: "application", certificateArn } }
     */
    loadBalancers?: Record<string, LoadBalancerArgs>;
    /**
     * Long-running services, keyed by name.
     * @default {}
     * @example { web: { containers: { web: { image: "nginx", portMappings: [{ containerPort: 80 }] } }, loadBalancer: { name: "public", containerPort: 80 } } }
     */
    services?: Record<string, ServiceArgs>;
    /** Tasks run on a schedule or an event, keyed by name. @default {} */
    scheduledTasks?: Record<string, ScheduledTaskArgs>;
    /**
     * Standalone task definitions, keyed by name, run on demand (`aws ecs run-task`): roles, log group
     * and security group, no service and no schedule. `runTasks[key]` gives what runs them: `input`
     * (the RunTask request for an SDK), `command` (the same as `aws ecs run-task`) and `statements` (the
     * IAM the caller needs: `ecs:RunTask`, `iam:PassRole` of the task's two roles, `ecs:TagResource`).
     * @default {}
     * @example { migrate: { containers: { migrate: { image: "my-app:1.2", command: ["npm", "run", "migrate"] } } } }
     */
    tasks?: Record<string, TaskArgs>;
    /** ECR repositories, keyed by name. @default {} */
    repositories?: Record<string, RepositoryArgs>;
    /** EFS file systems, keyed by name. @default {} */
    fileSystems?: Record<string, FileSystemArgs>;
    /** ECS Express Mode services, keyed by name. @default {} */
    expressServices?: Record<string, ExpressServiceArgs>;
    /**
     * The Cloud Map namespace of the services with `serviceConnect` (ECS Service Connect). Each
     * service names it in its own configuration; the cluster gets no default Service Connect
     * namespace (one, once set, cannot be removed again).
     * @default {} - a namespace of the component's own when a service uses Service Connect
     * @example { namespaceArn: shared.arn } // an aws.servicediscovery.HttpNamespace
     */
    serviceConnect?: ServiceConnectNamespaceArgs;
    /**
     * Days CloudWatch Logs keeps container logs.
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * SNS topic for alarm notifications (e.g. an `AlarmTopic`'s `topicArn`). If the topic is
     * encrypted, its key must be a customer managed KMS key whose key policy lets
     * `cloudwatch.amazonaws.com` use `kms:Decrypt` and `kms:GenerateDataKey*`: the AWS managed key
     * `alias/aws/sns` does not, and its policy cannot be changed, so CloudWatch fails every alarm
     * action on such a topic and no notification arrives
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
     * https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger). `AlarmTopic`
     * creates such a key and the topic policy CloudWatch needs.
     * @default undefined
     */
    alarmTopicArn?: pulumi.Input<string>;
    /**
     * Protect stateful children (ECR repositories, EFS file systems) with Pulumi `protect` and the
     * services' own deletion protection: turn on in production.
     * @default false
     */
    protectData?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change any child's args: one key per child role, each documented with the children it reaches
     * (names relative to the component: `<name>-{key}-task`). See `Transform` and `ContainerServiceTransforms`.
     * @default {}
     * @example { taskDefinition: (args, _opts, name) => { if (name.endsWith("-web-task")) args.pidMode = "task"; } }
     */
    transform?: ContainerServiceTransforms;
}

/**
 * A transform per child role of a ContainerService. Every child the component creates is reached by
 * exactly one key (tests/components/container-service/transforms.test.ts checks it); the function
 * form receives the child's logical name, so one key's children can be told apart. In the patterns,
 * `{key}` is the key of the item that creates the child (a service, scheduled task, standalone task,
 * Express service, load balancer, capacity provider, repository or file system), and `{container}`,
 * `{volume}`, `{fileSystem}`, `{loadBalancer}`, `{port}`, `{step}`, `{schedule}`, `{managedPolicy}`,
 * `{connectPort}`, `{client}` and `{index}` range over what its args hold (see children.ts).
 *
 * The one child no key reaches is the `awsx:ecr:Image` of a container built from source
 * (`{key}-{container}-image`): a remote component whose inputs are its args; change the build through
 * `image.build` instead.
 */
export interface ContainerServiceTransforms {
    /** The cluster: `cluster`. */
    cluster?: Transform<ecs.ClusterArgs>;
    /** The cluster's capacity providers and default strategy: `capacity-providers`. */
    clusterCapacityProviders?: Transform<ecs.ClusterCapacityProvidersArgs>;
    /** The account setting `awsvpcTrunking` of `ec2Capacity.awsvpcTrunking`: `awsvpc-trunking`. */
    accountSetting?: Transform<ecs.AccountSettingDefaultArgs>;
    /** Task definitions of services, scheduled tasks and standalone tasks: `{key}-task`. */
    taskDefinition?: Transform<ecs.TaskDefinitionArgs>;
    /** ECS services: `{key}`. */
    service?: Transform<ecs.ServiceArgs>;
    /** Task execution roles: `{key}-execution-role`. */
    executionRole?: Transform<iam.RoleArgs>;
    /** Task roles: `{key}-task-role`. */
    taskRole?: Transform<iam.RoleArgs>;
    /**
     * Every inline policy of the component's roles: `{key}-execution-role-task-execution`,
     * `{key}-task-role-application`, `{key}-ebs-role-kms`, `{key}-deploy-role-hooks`,
     * `{key}-invoke-role-run-task`; the function form gets the policy's name.
     */
    rolePolicy?: Transform<iam.RolePolicyArgs>;
    /**
     * Every managed policy attachment of the component's roles: `{key}-task-role-{managedPolicy}`,
     * `instance-role-ecs`, `instance-role-ssm`, `{key}-ebs-role-volumes`, `{key}-deploy-role-load-balancers`,
     * `{key}-infrastructure-role-express`; the function form gets the attachment's name.
     */
    rolePolicyAttachment?: Transform<iam.RolePolicyAttachmentArgs>;
    /** Log groups of tasks and Express services: `{key}-logs`. */
    logGroup?: Transform<cloudwatch.LogGroupArgs>;
    /** The tasks' own security groups (services, scheduled and standalone tasks, Express services): `{key}-sg`. */
    securityGroup?: Transform<ec2.SecurityGroupArgs>;
    /** EFS access points of task volumes: `{key}-{volume}-ap`. */
    accessPoint?: Transform<efs.AccessPointArgs>;
    /** NFS admission to a file system's mount targets, from tasks (`{key}-{fileSystem}-efs-ingress`) and from the EC2 instances (`instances-{fileSystem}-efs-ingress`). */
    efsIngress?: Transform<vpc.SecurityGroupIngressRuleArgs>;
    /**
     * Admission from a load balancer: to a service's tasks (`{key}-from-lb`, and `{key}-{loadBalancer}-from-lb`
     * for `additionalLoadBalancers`) and to the EC2 instances of bridge tasks (`{loadBalancer}-instances-from-lb`).
     */
    loadBalancerIngress?: Transform<vpc.SecurityGroupIngressRuleArgs>;
    /** Service Connect admission rules: `{key}-{connectPort}-from-{client}`; the function form gets the rule's name. */
    serviceConnectIngress?: Transform<vpc.SecurityGroupIngressRuleArgs>;
    /** The security group every EC2 instance shares (`ec2Capacity`, `ec2CapacityProviders`): `instances-sg`. */
    instanceSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    /** The role of the EC2 instances: `instance-role`. */
    instanceRole?: Transform<iam.RoleArgs>;
    /** The instance profile of that role: `instance-profile`. */
    instanceProfile?: Transform<iam.InstanceProfileArgs>;
    /** Every launch template: `ec2Capacity`'s `launch-template` and each of `ec2CapacityProviders`' `{key}-launch-template`; the function form gets its name. */
    launchTemplate?: Transform<ec2.LaunchTemplateArgs>;
    /** Every Auto Scaling group: `asg` and `{key}-asg`; the function form gets its name. */
    autoScalingGroup?: Transform<autoscaling.GroupArgs>;
    /** Every Auto Scaling group capacity provider: `ec2-capacity` and `{key}-capacity-provider`; the function form gets the provider's name. */
    capacityProvider?: Transform<ecs.CapacityProviderArgs>;
    /** Security groups of load balancers: `{key}-lb-sg`. */
    loadBalancerSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    /** Load balancers: `{key}-alb`, `{key}-nlb`. */
    loadBalancer?: Transform<lb.LoadBalancerArgs>;
    /**
     * The access-log buckets of load balancers with `accessLogs: true`, one transform per part (`bucket`,
     * `ownershipControls`, `publicAccessBlock`, `encryption`, `policy`, `versioning`, `lifecycle`): `{key}-access-logs`,
     * `{key}-access-logs-ownership`, `{key}-access-logs-public-access-block`, `{key}-access-logs-encryption`,
     * `{key}-access-logs-policy`, `{key}-access-logs-versioning`, `{key}-access-logs-lifecycle`.
     */
    accessLogsBucket?: PrivateBucketTransforms;
    /** Listeners, test listeners of deployments included: `{key}-listener-{port}`. */
    listener?: Transform<lb.ListenerArgs>;
    /**
     * Target groups of services: `{key}-tg`, the alternate `{key}-tg-alt` of a blue/green, linear, canary or
     * CodeDeploy service, and `{key}-{loadBalancer}-tg` for `additionalLoadBalancers`; the function form gets the group's name.
     */
    targetGroup?: Transform<lb.TargetGroupArgs>;
    /**
     * Listener rules: a service's `rule` (`{key}-rule`, `{key}-{loadBalancer}-rule`), the catch-all rule of a
     * blue/green, linear or canary service that is its listener's default action (`{key}-rule`) and test rules
     * (`{key}-test-rule`); the function form gets the rule's name.
     */
    listenerRule?: Transform<lb.ListenerRuleArgs>;
    /** The ACM certificates of `loadBalancers.<k>.domain`: `{key}-domain-certificate`. */
    certificate?: Transform<acm.CertificateArgs>;
    /** The waits for their issuance: `{key}-domain-certificate-validation`. */
    certificateValidation?: Transform<acm.CertificateValidationArgs>;
    /** Route 53 records of `domain`: the validation CNAME (`{key}-domain-validation`) and the alias (`{key}-domain-a`); the function form gets the record's name. */
    dnsRecord?: Transform<route53.RecordArgs>;
    /** Scalable targets of services: `{key}-scaling`. */
    scalingTarget?: Transform<appautoscaling.TargetArgs>;
    /**
     * Every scaling policy: `{key}-cpu-scaling`, `{key}-memory-scaling`, `{key}-requests-scaling`,
     * `{key}-backlog-scaling`, `{key}-predictive-scaling`, `{key}-{step}-step-scaling`; the function form gets the policy's name.
     */
    scalingPolicy?: Transform<appautoscaling.PolicyArgs>;
    /** The alarms of step scaling policies: `{key}-{step}-step-alarm`. */
    scalingAlarm?: Transform<cloudwatch.MetricAlarmArgs>;
    /** Scheduled scaling actions: `{key}-{schedule}-scheduled-scaling`. */
    scheduledAction?: Transform<appautoscaling.ScheduledActionArgs>;
    /**
     * The component's notifying alarms: `{key}-cpu-high`, `{key}-memory-high`, `{key}-http-5xx`,
     * `{key}-unhealthy-hosts`, and `{key}-dlq-messages` (of a queue worker's or a scheduled task's
     * dead-letter queue); the function form gets the alarm's name.
     */
    alarm?: Transform<cloudwatch.MetricAlarmArgs>;
    /** Work queues of queue workers: `{key}-queue`. */
    queue?: Transform<sqs.QueueArgs>;
    /** Dead-letter queues, of queue workers and of scheduled tasks: `{key}-dlq`. */
    dlq?: Transform<sqs.QueueArgs>;
    /** Queue policies: a worker's queue (`{key}-queue-policy`) and the dead-letter queue of a worker or a scheduled task (`{key}-dlq-policy`). */
    queuePolicy?: Transform<sqs.QueuePolicyArgs>;
    /** The ECS infrastructure role of services' EBS volumes: `{key}-ebs-role`. */
    ebsRole?: Transform<iam.RoleArgs>;
    /** The ECS infrastructure role of a blue/green, linear or canary service: `{key}-deploy-role`. */
    deployRole?: Transform<iam.RoleArgs>;
    /** EventBridge Scheduler schedules of scheduled tasks: `{key}-schedule`. */
    schedule?: Transform<scheduler.ScheduleArgs>;
    /** The role schedules and rules run tasks with: `{key}-invoke-role`. */
    invokeRole?: Transform<iam.RoleArgs>;
    /** EventBridge rules of event-triggered tasks: `{key}-rule`. */
    rule?: Transform<cloudwatch.EventRuleArgs>;
    /** Their targets: `{key}-target`. */
    target?: Transform<cloudwatch.EventTargetArgs>;
    /** Express Mode services: `{key}`. */
    expressService?: Transform<ecs.ExpressGatewayServiceArgs>;
    /** The infrastructure role of Express Mode services: `{key}-infrastructure-role`. */
    infrastructureRole?: Transform<iam.RoleArgs>;
    /** ECR repositories: `{key}-repo`. */
    repository?: Transform<ecr.RepositoryArgs>;
    /** Their lifecycle policies: `{key}-repo-lifecycle`. */
    lifecyclePolicy?: Transform<ecr.LifecyclePolicyArgs>;
    /** EFS file systems: `{key}-efs`. */
    fileSystem?: Transform<efs.FileSystemArgs>;
    /** Their backup policies: `{key}-efs-backup`. */
    backupPolicy?: Transform<efs.BackupPolicyArgs>;
    /** Their resource policies: `{key}-efs-policy`. */
    fileSystemPolicy?: Transform<efs.FileSystemPolicyArgs>;
    /** The security groups of their mount targets: `{key}-efs-sg`. */
    fileSystemSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    /** Their mount targets, one per AZ: `{key}-efs-mount-target-{index}` (`{index}` is the AZ, or the subnet's position); the function form gets its name. */
    mountTarget?: Transform<efs.MountTargetArgs>;
    /** The component's Cloud Map HTTP namespace, when it creates one: `namespace`. */
    namespace?: Transform<servicediscovery.HttpNamespaceArgs>;
}
