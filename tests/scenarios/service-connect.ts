/**
 * Services that call each other by name (ECS Service Connect): a public web front on an ALB calls
 * the `orders` API at `http://orders:8080` and the `inventory` service on its HTTP and admin ports;
 * only the callers each service admits reach it, and every request through the proxies is in the
 * services' own log groups. A second component (`billing`) joins the same namespace and calls
 * `orders` too.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { ContainerService, type ContainerServiceArgs, Network, type VpcArgs } from "../../components";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

/** The shop: web (client only) in front; orders and inventory serving through Service Connect. */
export function shopArgs(vpc: VpcArgs, namespaceArn?: aws.servicediscovery.HttpNamespace["arn"], billingGroupId?: pulumi.Input<string>): ContainerServiceArgs {
    return {
        vpc,
        ...(namespaceArn ? { serviceConnect: { namespaceArn } } : {}),
        loadBalancers: {
            public: { type: "application", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" },
        },
        services: {
            web: {
                containers: { web: { image: IMAGE, portMappings: [{ containerPort: 80 }], environment: { ORDERS_URL: "http://orders:8080" } } },
                loadBalancer: { name: "public", containerPort: 80 },
                serviceConnect: {},
            },
            orders: {
                containers: { api: { image: IMAGE, portMappings: [{ containerPort: 8080, name: "http" }] } },
                // http://orders:8080 for web and inventory; every request in orders' log group, as JSON.
                serviceConnect: {
                    services: { http: {} },
                    allowFrom: ["web", "inventory"],
                    // billing's invoicer, another component in the same namespace.
                    ...(billingGroupId ? { allowFromSecurityGroups: { billing: billingGroupId } } : {}),
                    accessLogs: true,
                },
            },
            inventory: {
                containers: {
                    app: {
                        image: IMAGE,
                        portMappings: [
                            { containerPort: 3000, name: "http" },
                            { containerPort: 9000, name: "admin" },
                        ],
                    },
                },
                // http://stock:80 (the app listens on 3000) and inventory-admin:9000.
                serviceConnect: { services: { http: { discoveryName: "stock", alias: { port: 80 } }, admin: {} }, allowFrom: ["web"] },
            },
        },
    };
}

export function program() {
    const net = new Network("main");
    // One namespace for both components, so billing reaches the shop's services by name.
    const namespace = new aws.servicediscovery.HttpNamespace("apps", { description: "Service Connect namespace of the shop and billing" });
    const billing = new ContainerService("billing", {
        vpc: net.vpcArgs,
        serviceConnect: { namespaceArn: namespace.arn },
        services: {
            invoicer: {
                containers: { job: { image: IMAGE, environment: { ORDERS_URL: "http://orders:8080" } } },
                serviceConnect: {},
            },
        },
    });
    const shop = new ContainerService("shop", shopArgs(net.vpcArgs, namespace.arn, billing.resources.services.invoicer.task.securityGroup!.id));
    return { url: shop.urls.public, endpoints: shop.serviceConnectEndpoints, shop, billing, namespace };
}
