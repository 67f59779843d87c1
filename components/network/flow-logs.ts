import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import { assumeRolePolicy, createRole } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { type NetworkContext, named } from "./context";

export interface FlowLogResources {
    flowLogGroup?: cloudwatch.LogGroup;
    flowLogRole?: iam.Role;
    /** The role's inline policy (`<name>-flow-logs-role-write-flow-logs`). */
    flowLogRolePolicy?: iam.RolePolicy;
    flowLog?: ec2.FlowLog;
}

export interface AccountScope {
    partition: pulumi.Output<string>;
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
}

/**
 * Flow logs of the whole VPC to a CloudWatch Logs group, written through a role with AWS's documented
 * trust and permissions (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html).
 */
export function createFlowLogs(ctx: NetworkContext, vpc: ec2.Vpc, scope: AccountScope): FlowLogResources {
    const { parent, name, cfg, tags } = ctx;
    if (!cfg.flowLogs) return {};
    const t = cfg.transform;
    const flowLogGroup = create(
        cloudwatch.LogGroup,
        fitName(childName(name, "flow-logs"), cloudwatch.LogGroup),
        { retentionInDays: cfg.flowLogs.retentionInDays, tags },
        { parent },
        t.flowLogGroup,
    );
    const flowLogRole = createRole(
        childName(name, "flow-logs-role"),
        {
            description: `VPC flow logs of ${name} to CloudWatch Logs`,
            // The page's confused-deputy conditions: this account's flow logs only. The flow log's id
            // is not known before the role exists (the flow log names the role), hence the wildcard.
            assumeRolePolicy: assumeRolePolicy("vpc-flow-logs.amazonaws.com", {
                sourceAccount: scope.accountId,
                sourceArnLike: pulumi.interpolate`arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:vpc-flow-log/*`,
            }),
            policies: {
                "write-flow-logs": [
                    {
                        Sid: "WriteFlowLogs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        // The group and its streams (`<group arn>:log-stream:<name>`).
                        Resource: [flowLogGroup.arn, pulumi.interpolate`${flowLogGroup.arn}:*`],
                    },
                    {
                        Sid: "FindLogGroups",
                        Effect: "Allow",
                        Action: ["logs:DescribeLogGroups"],
                        // A List action: it names no log group to scope by, so AWS's documented policy grants it on *.
                        Resource: "*",
                    },
                ],
            },
            tags,
        },
        { parent },
        t.flowLogRole,
    );
    const flowLog = create(
        ec2.FlowLog,
        childName(name, "flow-log"),
        {
            vpcId: vpc.id,
            trafficType: cfg.flowLogs.trafficType,
            logDestinationType: "cloud-watch-logs",
            logDestination: flowLogGroup.arn,
            // The ARN that resolves once the policy is attached: no flow log starts without permission to write.
            iamRoleArn: flowLogRole.arn,
            maxAggregationInterval: 60,
            tags: named(ctx, childName(name, "flow-log")),
        },
        { parent },
        t.flowLog,
    );
    return { flowLogGroup, flowLogRole: flowLogRole.role, flowLogRolePolicy: flowLogRole.policies["write-flow-logs"], flowLog };
}
