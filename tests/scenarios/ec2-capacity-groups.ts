/**
 * Two EC2 capacity providers on one cluster, as the notes describe: an on-demand group kept at 60 %
 * and a Spot group that scales out earlier (target 40 %), with at least one task on on-demand by
 * default; a queue worker on Spot only, a nightly job on on-demand; and a second team's component that
 * runs its Fargate service on the same cluster instead of creating its own.
 */
import { ContainerService, Network } from "../../components";

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/saas";

export function program() {
    const net = new Network("saas", { natGateways: "single" });
    const saas = new ContainerService("saas", {
        vpc: net.vpcArgs,
        ec2CapacityProviders: {
            "on-demand": {
                instanceTypes: ["m7i.large", "m6i.large"],
                minSize: 1,
                maxSize: 6,
                onDemandBaseCapacity: 1,
                onDemandPercentageAboveBaseCapacity: 100,
                managedScaling: { targetCapacityPercent: 60 },
            },
            spot: {
                instanceTypes: ["m7i.large", "m6i.large", "m5.large", "c7i.xlarge"],
                maxSize: 20,
                onDemandBaseCapacity: 0,
                onDemandPercentageAboveBaseCapacity: 0,
                managedScaling: { targetCapacityPercent: 40, maximumStepSize: 4 },
            },
        },
        // Every task that names no capacity: the first on on-demand, then three on Spot for one on on-demand.
        cluster: {
            defaultStrategy: [
                { provider: "on-demand", base: 1, weight: 1 },
                { provider: "spot", weight: 3 },
            ],
        },
        loadBalancers: { public: { type: "application" } },
        services: {
            web: {
                containers: { web: { image: `${IMAGE}/web:1.4.0`, portMappings: [{ containerPort: 8080 }], memoryMiB: 512 } },
                networkMode: "bridge",
                cpu: 512,
                memoryMiB: 1024,
                desiredCount: 3,
                loadBalancer: { name: "public", containerPort: 8080, healthCheck: { path: "/health" } },
            },
            worker: {
                containers: { worker: { image: `${IMAGE}/worker:1.4.0` } },
                networkMode: "bridge",
                capacityProviderStrategy: [{ provider: "spot" }],
                queue: {},
                scaling: { minCount: 0, maxCount: 10, backlogPerTask: 20 },
            },
        },
        scheduledTasks: {
            billing: {
                containers: { job: { image: `${IMAGE}/billing:1.4.0` } },
                networkMode: "bridge",
                schedule: "cron(0 2 * * ? *)",
                capacityProviderStrategy: [{ provider: "on-demand" }],
            },
        },
    });
    const reports = new ContainerService("reports", {
        vpc: net.vpcArgs,
        cluster: { existing: saas.clusterArn },
        services: {
            api: { containers: { api: { image: `${IMAGE}/reports:0.9.0`, portMappings: [{ containerPort: 8080 }] } } },
        },
    });
    return { url: saas.urls.public, clusterName: saas.clusterName, reportsCluster: reports.clusterName };
}
