/**
 * Physical-name rules of the AWS resource types the components create, as pulumi-aws v7 and AWS
 * apply them. Data only, and the one source for both sides: the mock provider
 * (`components/testing/fixtures.ts`) names and refuses with it, and `fitName` (`../naming.ts`) fits
 * children's logical names to it.
 *
 * Two stages, as in a real `pulumi preview`:
 * 1. **Auto-naming** (pulumi-aws, through the Terraform bridge). When `property` is not given, the
 *    provider sets it to `<logical name>-<7 random hex>` and refuses, with
 *    `could not make instance of '<type>': name '<name>-' plus 7 random chars is longer than maximum
 *    length <autoNameMax>`, when it would be longer than `autoNameMax`. It never truncates.
 *    Sources: pulumi/pulumi-aws `provider/autonaming.go` (every resource with an input `name`:
 *    `tfbridge.AutoName("name", 255, "-")`), `provider/resource_overrides.go` (IAM role 64, event
 *    rule 64, SQS queue 80 and SNS topic 80 then `.fifo`, KMS alias 238 then the `alias/` prefix,
 *    S3 bucket 63 lower-cased), `provider/aliases.go` (target group 32);
 *    pulumi/pulumi-terraform-bridge `ComputeAutoNameDefault` (Transform, then
 *    `resource.NewUniqueName(name + "-", 7, maxlen)`, then PostTransform) and pulumi/pulumi
 *    `sdk/go/common/resource` `NewUniqueHex` (the error text).
 * 2. **Validation** of the resulting value: hashicorp/terraform-provider-aws schema validators, which
 *    the bridge runs at preview (e.g. `internal/service/elbv2/validate.go` `validName`, 32 characters;
 *    `internal/service/scheduler/schedule.go`, 1–64 of `[0-9A-Za-z_.-]`); and, where noted, rules
 *    AWS enforces only when the resource is created (the capacity provider's reserved prefixes).
 *
 * Keyed by Pulumi type token; only types with a physical name that has a limit are listed.
 */
export interface NameRule {
    /** The input property that holds the physical name (`name`, `targetId`, `creationToken`, `family`). */
    property: string;
    /**
     * pulumi-aws auto-names `property` with this maximum (`<name>-<7 hex>`). Absent: the provider
     * does not auto-name it, so the component must pass it.
     */
    autoNameMax?: number;
    /** pulumi-aws lower-cases the logical name before appending the suffix (the bridge's Transform). */
    autoNameLowerCase?: boolean;
    /** pulumi-aws prefixes the auto-name with this unless present (KMS alias: `alias/`). */
    autoNamePrefix?: string;
    /** Input that, when `true`, makes pulumi-aws append `.fifo` to the auto-name (SQS, SNS). */
    fifoProperty?: string;
    /** Shortest and longest value the validator accepts. */
    min: number;
    max: number;
    /** The whole value must match. */
    pattern: RegExp;
    /** One character the pattern allows: everything else is replaced when fitting a name. */
    char: RegExp;
    /** `pattern` in words, for messages. */
    allowed: string;
    /** Only lower-case letters are accepted (ECR). */
    lowerCase?: boolean;
    /** Neither the first nor the last character may be `-` (load balancers, target groups). */
    noEdgeHyphen?: boolean;
    /** The first character must be a letter (DAX clusters, RDS identifiers); a name that does not start with one gets `escapePrefix` (or `x-`). */
    letterFirst?: boolean;
    /** Prefixes AWS reserves, compared without regard to case. */
    reservedPrefixes?: string[];
    /** Prepended to a name that starts with a reserved prefix, when fitting it. */
    escapePrefix?: string;
    /** Refused at preview (`validator`) or only when AWS creates the resource (`create`). */
    reservedAt?: "validator" | "create";
    /** Where the numbers come from. */
    source: string;
}

/** pulumi-aws appends `-` and this many random hex characters. */
export const AUTO_NAME_RANDOM_LENGTH = 7;

const ALNUM_HYPHEN = { pattern: /^[0-9A-Za-z-]+$/, char: /[0-9A-Za-z-]/, allowed: "letters, digits and '-'" };
const ALNUM_UNDERSCORE_HYPHEN = { pattern: /^[0-9A-Za-z_-]+$/, char: /[0-9A-Za-z_-]/, allowed: "letters, digits, '_' and '-'" };
const ALNUM_UNDERSCORE_DOT_HYPHEN = { pattern: /^[0-9A-Za-z_.-]+$/, char: /[0-9A-Za-z_.-]/, allowed: "letters, digits, '_', '.' and '-'" };
const IAM_NAME = { pattern: /^[\w+=,.@-]+$/, char: /[\w+=,.@-]/, allowed: "letters, digits and '+=,.@_-'" };
/** EKS node group and Fargate profile names: a letter or digit, then letters, digits, '-' and '_'. */
const EKS_NAME = { pattern: /^[0-9A-Za-z][0-9A-Za-z_-]*$/, char: /[0-9A-Za-z_-]/, allowed: "a letter or digit, then letters, digits, '-' and '_'" };
const PRINTABLE = { pattern: /^[\x20-\x7e]+$/, char: /[\x20-\x7e]/, allowed: "printable ASCII characters" };

/**
 * DAX names (cluster, subnet and parameter groups): lower-case letters, digits and single `-` between
 * them, a letter first. DAX stores names lower-cased, so an upper-case name would read back different.
 */
const DAX_NAME = {
    pattern: /^[0-9a-z]+(-[0-9a-z]+)*$/,
    char: /[0-9a-z-]/,
    allowed: "lower-case letters, digits and single '-' between them, starting with a letter",
    lowerCase: true,
    letterFirst: true,
    escapePrefix: "dax-",
};

/**
 * RDS identifiers (clusters, instances, proxies): lower-case letters, digits and single hyphens, a letter
 * first, no hyphen last (terraform-provider-aws internal/service/rds/validate.go validIdentifier).
 */
const RDS_IDENTIFIER = {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    char: /[a-z0-9-]/,
    allowed: "lower-case letters, digits and single '-', a letter first, no '-' last",
    lowerCase: true,
    noEdgeHyphen: true,
    letterFirst: true,
};

const PULUMI_AUTONAMING = "pulumi/pulumi-aws provider/autonaming.go (255)";
const PULUMI_OVERRIDES = "pulumi/pulumi-aws provider/resource_overrides.go";

export const NAME_RULES: Record<string, NameRule> = {
    "aws:lb/loadBalancer:LoadBalancer": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 32,
        ...ALNUM_HYPHEN,
        noEdgeHyphen: true,
        reservedPrefixes: ["internal-"],
        escapePrefix: "lb-",
        reservedAt: "validator",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/elbv2/validate.go validName (32, [0-9A-Za-z-], no edge '-', not "internal-")`,
    },
    "aws:lb/targetGroup:TargetGroup": {
        property: "name",
        autoNameMax: 32,
        min: 1,
        max: 32,
        ...ALNUM_HYPHEN,
        noEdgeHyphen: true,
        source: "pulumi/pulumi-aws provider/aliases.go AutoName(name, 32); terraform-provider-aws internal/service/elbv2/validate.go validTargetGroupName",
    },
    "aws:iam/role:Role": {
        property: "name",
        autoNameMax: 64,
        min: 1,
        max: 64,
        ...IAM_NAME,
        source: `${PULUMI_OVERRIDES} AutoName(name, 64); terraform-provider-aws internal/service/iam validResourceName(64)`,
    },
    "aws:iam/policy:Policy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...IAM_NAME,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/iam validResourceName(128)`,
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...IAM_NAME,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/iam/instance_profile.go (1-128, [\\w+=,.@-])`,
    },
    "aws:iam/rolePolicy:RolePolicy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...IAM_NAME,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/iam validRolePolicyName (128)`,
    },
    "aws:sqs/queue:Queue": {
        property: "name",
        autoNameMax: 80,
        fifoProperty: "fifoQueue",
        min: 1,
        max: 80,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_OVERRIDES} (80, then ".fifo"); terraform-provider-aws internal/service/sqs/queue.go (1-80 of [0-9A-Za-z_-], ".fifo" included)`,
    },
    "aws:sns/topic:Topic": {
        property: "name",
        autoNameMax: 80,
        fifoProperty: "fifoTopic",
        min: 1,
        max: 256,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_OVERRIDES} (80, then ".fifo"); terraform-provider-aws internal/service/sns/topic.go (1-256 of [0-9A-Za-z_-])`,
    },
    "aws:cloudwatch/eventRule:EventRule": {
        property: "name",
        autoNameMax: 64,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_OVERRIDES} AutoName(name, 64); terraform-provider-aws internal/service/events/validate.go validateRuleName`,
    },
    "aws:cloudwatch/eventTarget:EventTarget": {
        property: "targetId",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_OVERRIDES} AutoName(targetId, 255); terraform-provider-aws internal/service/events/validate.go validateTargetID (64)`,
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 512,
        pattern: /^[.\-_/#A-Za-z0-9]+$/,
        char: /[.\-_/#A-Za-z0-9]/,
        allowed: "letters, digits and '._-/#'",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/logs validLogGroupName (512)`,
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...PRINTABLE,
        source: `${PULUMI_OVERRIDES} AutoName(name, 255); CloudWatch PutMetricAlarm AlarmName 1-255`,
    },
    "aws:cloudtrail/trail:Trail": {
        property: "name",
        min: 3,
        max: 128,
        // A letter or digit at both ends; '.', '_' and '-' only between two letters or digits.
        pattern: /^[0-9A-Za-z](?:[._-]?[0-9A-Za-z])*$/,
        char: /[0-9A-Za-z_.-]/,
        allowed: "3-128 letters, digits, '.', '_' and '-', starting and ending with a letter or digit, no two of '._-' in a row",
        source: "AWS CloudTrail API CreateTrail, Name (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html)",
    },
    "aws:scheduler/schedule:Schedule": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/scheduler/schedule.go (1-64 of [0-9A-Za-z_.-])`,
    },
    "aws:scheduler/scheduleGroup:ScheduleGroup": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; EventBridge Scheduler CreateScheduleGroup Name (1-64 of [0-9A-Za-z_.-])`,
    },
    "aws:ecs/cluster:Cluster": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; ECS CreateCluster clusterName (255 letters, digits, '_', '-')`,
    },
    "aws:eks/cluster:Cluster": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 100,
        pattern: /^[0-9A-Za-z][0-9A-Za-z_-]*$/,
        char: /[0-9A-Za-z_-]/,
        allowed: "letters, digits, '-' and '_', starting with a letter or digit",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/eks validClusterName (1-100, ^[0-9A-Za-z][0-9A-Za-z_-]*$); EKS CreateCluster name`,
    },
    "aws:ecs/service:Service": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; ECS CreateService serviceName (255 letters, digits, '_', '-')`,
    },
    "aws:servicediscovery/httpNamespace:HttpNamespace": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 1024,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/servicediscovery/validate.go validNamespaceName (1-1024 of [0-9A-Za-z._-])`,
    },
    "aws:ecs/capacityProvider:CapacityProvider": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...ALNUM_UNDERSCORE_HYPHEN,
        // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html:
        // "The name can't be prefixed with "aws", "ecs", or "fargate"." Terraform does not check it:
        // CreateCapacityProvider fails after the Auto Scaling group exists.
        reservedPrefixes: ["aws", "ecs", "fargate"],
        escapePrefix: "cp-",
        reservedAt: "create",
        source: `${PULUMI_AUTONAMING}; ECS CreateCapacityProvider name (255 letters, digits, '_', '-'; not "aws", "ecs" or "fargate" first)`,
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        property: "family",
        min: 1,
        max: 255,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: "ECS RegisterTaskDefinition family (255 letters, digits, '_', '-'); required, never auto-named",
    },
    "aws:ecr/repository:Repository": {
        property: "name",
        autoNameMax: 255,
        min: 2,
        max: 256,
        pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
        char: /[a-z0-9._-]/,
        allowed: "lower-case letters and digits, separated by single '.', '_' or '-' (and '/')",
        lowerCase: true,
        source: `${PULUMI_AUTONAMING} (no lower-casing); ECR CreateRepository repositoryName (2-256, lower case)`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
        char: /[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]/,
        allowed: "letters, digits, spaces and '._-:/()#,@[]+=&;{}!$*'",
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html: "Cannot start with sg-".
        reservedPrefixes: ["sg-"],
        escapePrefix: "g-",
        reservedAt: "create",
        source: `${PULUMI_AUTONAMING}; EC2 CreateSecurityGroup GroupName (255, VPC character set, not "sg-" first)`,
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        property: "name",
        autoNameMax: 255,
        min: 3,
        max: 125,
        pattern: /^[A-Za-z0-9().\-/_]+$/,
        char: /[A-Za-z0-9().\-/_]/,
        allowed: "letters, digits and '().-/_'",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/ec2 ValidLaunchTemplateName (3-125; AWS allows 128)`,
    },
    "aws:autoscaling/group:Group": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...PRINTABLE,
        source: `${PULUMI_AUTONAMING}; Auto Scaling CreateAutoScalingGroup AutoScalingGroupName (1-255)`,
    },
    "aws:appautoscaling/policy:Policy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...PRINTABLE,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/appautoscaling/policy.go (255)`,
    },
    "aws:appautoscaling/scheduledAction:ScheduledAction": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 256,
        pattern: /^[\x20-\x2e\x30-\x39\x3b-\x7b\x7d\x7e]+$/,
        char: /[\x20-\x2e\x30-\x39\x3b-\x7b\x7d\x7e]/,
        allowed: "printable ASCII characters except ':', '/' and '|'",
        source: `${PULUMI_AUTONAMING}; Application Auto Scaling PutScheduledAction ScheduledActionName (1-256, no ':', '/', '|')`,
    },
    "aws:efs/fileSystem:FileSystem": {
        property: "creationToken",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...PRINTABLE,
        source: `${PULUMI_OVERRIDES} AutoName(creationToken, 255); terraform-provider-aws internal/service/efs/file_system.go StringLenBetween(0, 64)`,
    },
    "aws:kms/alias:Alias": {
        property: "name",
        autoNameMax: 238,
        autoNamePrefix: "alias/",
        min: 7,
        max: 256,
        pattern: /^alias\/[A-Za-z0-9/_-]+$/,
        char: /[A-Za-z0-9/_-]/,
        allowed: "'alias/' then letters, digits and '/_-'",
        // Names under alias/aws/ are AWS-managed keys' aliases.
        reservedPrefixes: ["alias/aws/"],
        escapePrefix: "key-",
        reservedAt: "validator",
        source: `${PULUMI_OVERRIDES} (238, then "alias/"); terraform-provider-aws internal/service/kms validNameForResource`,
    },
    "aws:apigatewayv2/api:Api": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        // CreateApi takes any characters; the components' names are printable ASCII.
        ...PRINTABLE,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/apigatewayv2/api.go name StringLenBetween(1, 128)`,
    },
    "aws:apigatewayv2/vpcLink:VpcLink": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        // CreateVpcLink takes any characters; the components' names are printable ASCII.
        ...PRINTABLE,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/apigatewayv2/vpc_link.go name StringLenBetween(1, 128)`,
    },
    "aws:cognito/userPool:UserPool": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        pattern: /^[\w\s+=,.@-]+$/,
        char: /[\w\s+=,.@-]/,
        allowed: "letters, digits, spaces and '_+=,.@-'",
        source: `${PULUMI_AUTONAMING}; Cognito CreateUserPool PoolName: 1-128 of [\\w\\s+=,.@-]+`,
    },
    "aws:lambda/function:Function": {
        property: "name",
        autoNameMax: 64,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_OVERRIDES} AutoName(name, 64); Lambda CreateFunction FunctionName (64)`,
    },
    "aws:eks/nodeGroup:NodeGroup": {
        property: "nodeGroupName",
        autoNameMax: 255,
        min: 1,
        max: 63,
        ...EKS_NAME,
        source: `${PULUMI_OVERRIDES} AutoName(nodeGroupName, 255); terraform-provider-aws internal/service/eks/node_group.go StringLenBetween(0, 63); EKS: "can't be longer than 63 characters. It must start with a letter or digit, but can also include hyphens and underscores"`,
    },
    "aws:eks/fargateProfile:FargateProfile": {
        property: "fargateProfileName",
        autoNameMax: 255,
        min: 1,
        max: 63,
        ...EKS_NAME,
        source: `${PULUMI_OVERRIDES} AutoName(fargateProfileName, 255); EKS CreateFargateProfile fargateProfileName (1-63, a letter or digit first, then letters, digits, '-' and '_'; https://awslabs.github.io/cdk-eks-blueprints/api/classes/FargateProfileConstraints.html)`,
    },
    "aws:dynamodb/table:Table": {
        property: "name",
        autoNameMax: 255,
        min: 3,
        max: 255,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; DynamoDB CreateTable TableName (3-255 of [a-zA-Z0-9_.-], https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html)`,
    },
    "aws:kinesis/stream:Stream": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; Kinesis CreateStream StreamName (1-128 of [a-zA-Z0-9_.-])`,
    },
    "aws:s3/bucket:Bucket": {
        property: "bucket",
        autoNameMax: 63,
        autoNameLowerCase: true,
        min: 3,
        max: 63,
        pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
        char: /[a-z0-9.-]/,
        allowed: "lower-case letters, digits, '.' and '-', starting and ending with a letter or digit",
        lowerCase: true,
        // CreateBucket refuses these prefixes (InvalidBucketName); the reserved suffixes (-s3alias,
        // --ol-s3, .mrap, --x-s3, --table-s3) cannot occur: an auto-name ends with its random hex.
        reservedPrefixes: ["xn--", "sthree-", "amzn-s3-demo-"],
        reservedAt: "create",
        source: `${PULUMI_OVERRIDES} AutoNameTransform(bucket, 63, lower case); S3 bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)`,
    },
    "aws:kinesis/streamConsumer:StreamConsumer": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; Kinesis RegisterStreamConsumer ConsumerName (1-128 of [a-zA-Z0-9_.-])`,
    },
    "aws:cloudfront/function:Function": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; CloudFront CreateFunction Name ^[a-zA-Z0-9-_]{1,64}$ (terraform-provider-aws internal/service/cloudfront/function.go has no validator: AWS refuses at creation)`,
    },
    "aws:cloudfront/keyValueStore:KeyValueStore": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/cloudfront/key_value_store.go (LengthBetween(1, 64), ^[a-zA-Z0-9-_]{1,64}$)`,
    },
    "aws:cloudfront/cachePolicy:CachePolicy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; CloudFront policy names: '-', '_' and letters or digits, 128 at most (aws-cdk-lib aws-cloudfront/lib/cache-policy.ts; terraform-provider-aws cache_policy.go has no validator)`,
    },
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; CloudFront policy names: '-', '_' and letters or digits (aws-cdk-lib aws-cloudfront/lib/origin-request-policy.ts), 128 at most as cache policies`,
    },
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; CloudFront policy names: '-', '_' and letters or digits, 128 at most, as cache policies`,
    },
    "aws:cloudfront/originAccessControl:OriginAccessControl": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 64,
        ...PRINTABLE,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/cloudfront/origin_access_control.go (StringLenBetween(1, 64))`,
    },
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 60,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/logs/delivery_source.go (LengthBetween(1, 60)); CloudWatch Logs PutDeliverySource name [\\w-]*`,
    },
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 60,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; CloudWatch Logs PutDeliveryDestination name (1-60 of [\\w-])`,
    },
    // issue 17 monitoring
    "aws:cloudwatch/dashboard:Dashboard": {
        // Not auto-named (the property is `dashboardName`): the component always passes it.
        property: "dashboardName",
        min: 1,
        max: 255,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: "terraform-provider-aws internal/service/cloudwatch/validate.go validDashboardName (255, ^[0-9A-Za-z_-]+$); CloudWatch PutDashboard DashboardName",
    },
    "aws:cloudwatch/queryDefinition:QueryDefinition": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        // `/` makes folders in the console; no empty folder, none at either end.
        pattern: /^[^:*/]+(\/[^:*/]+)*$/,
        char: /[^:*]/,
        allowed: "no ':' or '*', '/' only between folder names",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/logs/query_definition.go (1-255, ^([^:*\\/]+\\/?)*[^:*\\/]+$)`,
    },
    "aws:ssm/parameter:Parameter": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 2048,
        pattern: /^[A-Za-z0-9_.\-/]+$/,
        char: /[A-Za-z0-9_.\-/]/,
        allowed: "letters, digits and '_.-/'",
        reservedPrefixes: ["aws", "ssm"],
        reservedAt: "create",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/ssm/parameter.go (1-2048); SSM PutParameter Name constraints (a-zA-Z0-9_.-/, not prefixed aws or ssm: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html)`,
    },
    // issue 17 build
    "aws:codebuild/project:Project": {
        property: "name",
        autoNameMax: 255,
        min: 2,
        max: 255,
        ...EKS_NAME,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/codebuild/project.go ValidProjectName (a letter or digit, then [0-9A-Za-z_-], 255); CodeBuild CreateProject name (2-255)`,
    },
    // issue 17 pipeline
    "aws:codepipeline/pipeline:Pipeline": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 100,
        pattern: /^[A-Za-z0-9.@_-]+$/,
        char: /[A-Za-z0-9.@_-]/,
        allowed: "letters, digits, '.', '@', '_' and '-'",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/codepipeline/codepipeline.go (StringLenBetween(1, 100), [A-Za-z0-9.@\\-_]+); https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html`,
    },
    "aws:codeconnections/connection:Connection": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 32,
        ...PRINTABLE,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/codeconnections/connection.go (LengthBetween(1, 32))`,
    },
    "aws:codestarnotifications/notificationRule:NotificationRule": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 64,
        pattern: /^[A-Za-z0-9_ -]+$/,
        char: /[A-Za-z0-9_ -]/,
        allowed: "letters, digits, '_', '-' and spaces",
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/codestarnotifications/notification_rule.go (1-64 of [A-Za-z0-9\\-_ ])`,
    },
    // issue 17 codedeploy
    "aws:codedeploy/application:Application": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 100,
        ...IAM_NAME,
        source: `${PULUMI_AUTONAMING}; CodeDeploy CreateApplication applicationName 1-100 (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_CreateApplication.html); characters: CodeDeploy quotas (https://docs.aws.amazon.com/codedeploy/latest/userguide/limits.html), AWS CDK aws-codedeploy validateName`,
    },
    "aws:codedeploy/deploymentGroup:DeploymentGroup": {
        property: "deploymentGroupName",
        min: 1,
        max: 100,
        ...IAM_NAME,
        source: "terraform-provider-aws internal/service/deploy/deployment_group.go (required, StringLenBetween(0, 100)); CodeDeploy CreateDeploymentGroup 1-100; characters as application names (AWS CDK aws-codedeploy validateName)",
    },
    "aws:codedeploy/deploymentConfig:DeploymentConfig": {
        property: "deploymentConfigName",
        min: 1,
        max: 100,
        ...IAM_NAME,
        source: "CodeDeploy CreateDeploymentConfig deploymentConfigName 1-100 (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_CreateDeploymentConfig.html); characters as application names (AWS CDK aws-codedeploy validateName)",
    },
    // issue 18 backups
    "aws:backup/vault:Vault": {
        property: "name",
        autoNameMax: 255,
        min: 2,
        max: 50,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/backup/vault.go (StringLenBetween(2, 50), ^[a-zA-Z0-9\\-\\_]*$); AWS Backup BackupRuleInput TargetBackupVaultName ^[a-zA-Z0-9\\-\\_]{2,50}$ (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html)`,
    },
    "aws:backup/plan:Plan": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 50,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; AWS Backup BackupPlan BackupPlanName: '-_.' and alphanumerics, 1-50 in the console (1-200 through the API; the console's limit kept so the plan stays editable there) (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlan.html); no provider validator`,
    },
    "aws:backup/selection:Selection": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 50,
        ...ALNUM_UNDERSCORE_DOT_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/backup/selection.go (StringLenBetween(1, 50), ^[0-9A-Za-z_.-]+$)`,
    },
    // issue 18 dax
    "aws:dax/cluster:Cluster": {
        // Not auto-named (the property is required): the component always passes it.
        property: "clusterName",
        min: 1,
        max: 20,
        ...DAX_NAME,
        source: "terraform-provider-aws internal/service/dax/cluster.go (StringLenBetween(1, 20), ^[0-9a-z-]+$, begins with a lowercase letter, no '--', no trailing '-')",
    },
    "aws:dax/subnetGroup:SubnetGroup": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...DAX_NAME,
        source: `${PULUMI_AUTONAMING}; DAX CreateSubnetGroup SubnetGroupName "stored as a lowercase string" (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_CreateSubnetGroup.html; no validator in terraform-provider-aws subnet_group.go): the cluster name's rule, so the name read back equals the name given`,
    },
    "aws:dax/parameterGroup:ParameterGroup": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        ...DAX_NAME,
        source: `${PULUMI_AUTONAMING}; DAX CreateParameterGroup ParameterGroupName, stored lower-case like subnet groups (no validator in terraform-provider-aws parameter_group.go): the cluster name's rule`,
    },
    // issue 18 database
    "aws:rds/cluster:Cluster": {
        property: "clusterIdentifier",
        // pulumi-aws auto-names it (provider resources.go AutoName("clusterIdentifier", 255), not lower-cased).
        autoNameMax: 255,
        min: 1,
        max: 63,
        ...RDS_IDENTIFIER,
        source: "RDS CreateDBCluster DBClusterIdentifier (1-63 letters, digits and hyphens, a letter first, no '--', no trailing '-', stored lower-case: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html); terraform-provider-aws internal/service/rds/validate.go validIdentifier (lower case only). Given explicitly by Database: its log group must be named before the cluster exists",
    },
    "aws:rds/clusterInstance:ClusterInstance": {
        property: "identifier",
        // d.ts: "if omitted, Pulumi will assign a random, unique identifier".
        autoNameMax: 255,
        min: 1,
        max: 63,
        ...RDS_IDENTIFIER,
        source: "RDS CreateDBInstance DBInstanceIdentifier (1-63 letters, digits and hyphens, a letter first, no '--', no trailing '-': https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html); terraform-provider-aws internal/service/rds/validate.go validIdentifier (lower case only)",
    },
    "aws:rds/subnetGroup:SubnetGroup": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 255,
        pattern: /^[0-9a-z_ .-]+$/,
        char: /[0-9a-z_.-]/,
        allowed: "lower-case letters, digits, spaces and '._-'",
        lowerCase: true,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/rds/validate.go validSubnetGroupName (255 of [0-9a-z_ .-], not "default")`,
    },
    "aws:rds/proxy:Proxy": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 63,
        ...RDS_IDENTIFIER,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/rds/proxy.go (validIdentifier: lower case, a letter first, no '--', no trailing '-'); RDS CreateDBProxy DBProxyName (letters, digits and hyphens, 63 characters like other RDS identifiers: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBProxy.html)`,
    },
    // issue 19 rdeploy
    "aws:wafv2/webAcl:WebAcl": {
        property: "name",
        autoNameMax: 255,
        min: 1,
        max: 128,
        ...ALNUM_UNDERSCORE_HYPHEN,
        source: `${PULUMI_AUTONAMING}; terraform-provider-aws internal/service/wafv2/web_acl.go name (1-128 of [0-9A-Za-z_-]); WAF CreateWebACL Name: https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html`,
    },
};
