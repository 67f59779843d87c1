/**
 * A throw-away review environment in one availability zone: a queue worker with sidecars (a
 * migration that must succeed first, a proxy that must be healthy, a restart policy, a soft memory
 * limit, a capability dropped, the proxy's volumes shared) that scales predictively on CPU and by steps
 * on its queue in both directions, and a TCP service behind an internal NLB (an ALB would need two AZs).
 */
import { ContainerService, Network } from "../../components";

const APP = "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1.8.0";
const PROXY = "public.ecr.aws/envoyproxy/envoy:v1.31.2";

export function program() {
    const net = new Network("review", { availabilityZones: 1 });
    const env = new ContainerService("review", {
        vpc: net.vpcArgs,
        loadBalancers: { tcp: { type: "network", internal: true } },
        services: {
            worker: {
                cpu: 512,
                memoryMiB: 1024,
                containers: {
                    worker: {
                        image: APP,
                        memoryMiB: 768,
                        memoryReservationMiB: 512,
                        dependsOn: { migrate: "SUCCESS", proxy: "HEALTHY" },
                        restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriodSeconds: 120 },
                        linuxCapabilities: { drop: ["NET_RAW"] },
                        volumesFrom: [{ sourceContainer: "proxy", readOnly: true }],
                    },
                    migrate: { image: APP, essential: false, command: ["migrate"] },
                    proxy: {
                        image: PROXY,
                        portMappings: [{ containerPort: 9901, name: "proxy-admin" }],
                        healthCheck: { command: ["CMD-SHELL", "curl -sf http://localhost:9901/ready || exit 1"] },
                    },
                },
                queue: {},
                scaling: {
                    minCount: 1,
                    maxCount: 10,
                    predictive: { metric: "cpu", targetPercent: 50 },
                    steps: {
                        busy: {
                            metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "review-jobs" } },
                            threshold: 100,
                            steps: [
                                { lower: 0, upper: 100, change: 1 },
                                { lower: 100, change: 3 },
                            ],
                        },
                        idle: {
                            metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "review-jobs" } },
                            threshold: 5,
                            comparison: "LessThanThreshold",
                            evaluationPeriods: 5,
                            steps: [{ upper: 0, change: -1 }],
                        },
                    },
                },
            },
            game: {
                containers: { game: { image: APP, command: ["serve-tcp"], portMappings: [{ containerPort: 7777 }] } },
                loadBalancer: { name: "tcp", containerPort: 7777, listenerPort: 7777 },
            },
        },
    });
    return { net, env, gameUrl: env.serviceUrls.game };
}
