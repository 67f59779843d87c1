/**
 * EC2 capacity: Graviton instances, one on-demand then Spot, tasks in bridge mode behind an internal
 * ALB, an EFS volume shared by the tasks, and no NAT: isolated subnets reaching AWS through the S3
 * gateway endpoint and interface endpoints, including the three the ECS agent on EC2 needs.
 */
import { ContainerService, Network } from "../../components";

export function program() {
    const net = new Network("batch", {
        natGateways: "none",
        availabilityZones: 3,
        interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs", "sts", "ssmmessages", "secretsmanager", "ecs", "ecs-agent", "ecs-telemetry"],
    });
    const svc = new ContainerService("batch", {
        vpc: net.vpcArgs,
        ec2Capacity: { instanceTypes: ["m7g.large", "m6g.large"], architecture: "arm64", minSize: 1, maxSize: 10, onDemandBaseCapacity: 1 },
        loadBalancers: { internal: { type: "application", internal: true } },
        fileSystems: { work: { throughputMode: "elastic" } },
        services: {
            api: {
                containers: {
                    api: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:2.0.0", portMappings: [{ containerPort: 8080 }], memoryMiB: 512 },
                },
                capacity: "ec2",
                networkMode: "bridge",
                cpu: 512,
                memoryMiB: 1024,
                desiredCount: 2,
                loadBalancer: { name: "internal", containerPort: 8080, healthCheck: { path: "/health" } },
                volumes: { work: { fileSystem: "work", containerPath: "/work" } },
            },
        },
    });
    return { url: svc.urls.internal };
}
