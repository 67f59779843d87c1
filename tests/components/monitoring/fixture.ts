import type { MonitoringArgs } from "../../../components/monitoring";

export const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms-topic-0a1b2c3";
export const CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/shop";

/** A Monitoring that watches one of everything. */
export function fullArgs(): MonitoringArgs {
    return {
        alarmTopicArn: TOPIC,
        ecsServices: {
            web: {
                clusterName: "shop",
                serviceName: "web-svc",
                targetGroupArnSuffix: "targetgroup/web-tg/0123456789abcdef",
                loadBalancerArnSuffix: "app/shop-alb/fedcba9876543210",
            },
            worker: { clusterName: "shop", serviceName: "worker-svc" },
        },
        httpApis: { api: { apiId: "a1b2c3d4e5", stage: "$default" }, all: { apiId: "f6g7h8i9j0" } },
        restApis: { legacy: { apiName: "orders-api", stage: "prod" } },
        functions: { thumbs: { functionName: "thumbs-fn" } },
        tables: { orders: { tableName: "orders" } },
        queues: { "audit-alerts": { queueName: "audit-alerts-dlq-0a1b2c3" } },
        pipelines: { release: { pipelineName: "shop-release" } },
        logGroups: {
            web: { logGroupName: "/ecs/shop/web" },
            thumbs: { logGroupName: "/aws/lambda/thumbs-fn", kind: "lambda" },
            access: { logGroupName: "/apigw/api/access", kind: "api-access" },
        },
        events: { ecsTaskStateChanges: { clusterArns: [CLUSTER_ARN] }, autoScaling: { groupNames: ["web-asg", "batch-asg"] } },
        ec2Agent: { diskPaths: ["/", "/data"], logFiles: { messages: { filePath: "/var/log/messages", logGroupName: "/ec2/shop/messages" } } },
    };
}
