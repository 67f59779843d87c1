/**
 * Escape hatches, typed with the package's exported types: a web service and a queue worker whose
 * children are adjusted through `transform` (the worker's queue and its dead-letter queue apart, one
 * alarm among many by name, the EFS mount targets kept on delete) and wired to a resource of the
 * program's own through `resources` (an S3 bucket the task roles may read).
 */
import * as aws from "@pulumi/aws";
import {
    ContainerService,
    type ContainerServiceArgs,
    type ContainerServiceResources,
    type ContainerServiceTransforms,
    Network,
    type TaskResources,
} from "../../components";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

export const transform: ContainerServiceTransforms = {
    // Jobs take up to 15 minutes: a message stays invisible that long before another worker retries it.
    queue: { visibilityTimeoutSeconds: 900 },
    // Failed jobs are replayed within four days, not the 14 the component keeps.
    dlq: { messageRetentionSeconds: 4 * 24 * 3600 },
    // The web service runs hot by design: its CPU alarm only; every other alarm keeps the component's 80 %.
    alarm: (args, _opts, name) => {
        if (name.endsWith("-web-cpu-high")) args.threshold = 95;
    },
    // The file system is protected with protectData; its mount targets are kept too.
    mountTarget: (_args, opts) => {
        opts.retainOnDelete = true;
    },
};

/** Every task definition's task role, by item key: what a program grants its own resources to. */
export function taskRoles(r: ContainerServiceResources): Record<string, TaskResources["taskRole"]> {
    return Object.fromEntries(
        [...Object.entries(r.services).map(([k, s]) => [k, s.task] as const), ...Object.entries(r.scheduledTasks).map(([k, s]) => [k, s.task] as const)].map(
            ([k, task]) => [k, task.taskRole],
        ),
    );
}

export function args(vpc: ContainerServiceArgs["vpc"]): ContainerServiceArgs {
    return {
        vpc,
        protectData: true,
        loadBalancers: { public: { type: "application" } },
        fileSystems: { uploads: {} },
        services: {
            web: {
                containers: { web: { image: IMAGE, portMappings: [{ containerPort: 80 }] } },
                loadBalancer: { name: "public", containerPort: 80 },
                volumes: { uploads: { fileSystem: "uploads", containerPath: "/srv/uploads" } },
            },
            worker: { containers: { worker: { image: IMAGE } }, queue: {} },
        },
        transform,
    };
}

export function program() {
    const net = new Network("main");
    const shop = new ContainerService("shop", args(net.vpcArgs));
    const assets = new aws.s3.Bucket("assets", {});
    const grants = Object.entries(taskRoles(shop.resources)).map(
        ([key, role]) =>
            new aws.iam.RolePolicy(`assets-read-${key}`, {
                role: role.id,
                policy: assets.arn.apply((arn) =>
                    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `${arn}/*` }] }),
                ),
            }),
    );
    return { shop, assets, grants };
}
