/**
 * The README's ContainerService example, as a program: web on Fargate Spot behind HTTPS, an API on a
 * path rule reading a secret, a queue worker scaled on backlog, and a nightly task.
 */
import { ContainerService, type ContainerServiceArgs, Network, type VpcArgs } from "../../components";

/** The README example's args in any VPC (the generated bad-input test starts from them too). */
export function shopArgs(vpc: VpcArgs): ContainerServiceArgs {
    return {
        vpc,
        loadBalancers: {
            public: { type: "application", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" },
        },
        services: {
            web: {
                containers: { web: { image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }] } },
                capacity: "fargate-spot",
                spot: { onDemandBase: 1 },
                loadBalancer: { name: "public", containerPort: 80 },
                scaling: { minCount: 2, maxCount: 10, cpuTargetPercent: 60 },
            },
            api: {
                containers: {
                    api: {
                        image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2",
                        portMappings: [{ containerPort: 8080 }],
                        secrets: { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" },
                    },
                },
                cpu: 512,
                memoryMiB: 1024,
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 10, pathPatterns: ["/api/*"] } },
            },
            worker: {
                containers: { worker: { image: "public.ecr.aws/docker/library/busybox:1.36" } },
                queue: {},
                scaling: { minCount: 0, maxCount: 20, backlogPerTask: 100 },
            },
        },
        scheduledTasks: {
            nightly: { containers: { job: { image: "public.ecr.aws/docker/library/busybox:1.36" } }, schedule: "cron(0 3 * * ? *)" },
        },
    };
}

export function program() {
    const net = new Network("main");
    const shop = new ContainerService("shop", shopArgs(net.vpcArgs));
    return { url: shop.urls.public, shop };
}
