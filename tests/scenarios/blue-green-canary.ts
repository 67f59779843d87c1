/**
 * Safe releases on ECS: a storefront shifted canary-style behind HTTPS with a test listener, a smoke-test
 * hook and alarm rollback; an API deployed by CodeDeploy (its deployment group is built from the
 * component's outputs); a TCP service moved blue/green on an NLB. Through the public API only.
 */
import { ContainerService, Network } from "../../components";

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const IMAGE = "public.ecr.aws/nginx/nginx:1.27";
/** A function of another stack that probes the new revision through the test listener. */
const SMOKE_TEST = "arn:aws:lambda:us-east-1:123456789012:function:storefront-smoke-test";

export function program() {
    const net = new Network("main");
    const shop = new ContainerService("shop", {
        vpc: net.vpcArgs,
        loadBalancers: {
            public: { type: "application", certificateArn: CERT },
            ledger: { type: "network", internal: true },
        },
        services: {
            web: {
                containers: { web: { image: IMAGE, portMappings: [{ containerPort: 80 }] } },
                loadBalancer: { name: "public", containerPort: 80 },
                desiredCount: 2,
                deployment: {
                    strategy: "canary",
                    canary: { percent: 10, bakeMinutes: 5 },
                    bakeTimeMinutes: 15,
                    testListenerPort: 8443,
                    lifecycleHooks: {
                        smoke: { lambdaArn: SMOKE_TEST, stages: ["POST_TEST_TRAFFIC_SHIFT"], details: { path: "/health" } },
                    },
                    rollbackAlarms: { serviceAlarms: true },
                },
            },
            api: {
                containers: { api: { image: IMAGE, portMappings: [{ containerPort: 8080 }] } },
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 10, pathPatterns: ["/api/*"] } },
                deployment: { controller: "code-deploy", testListenerPort: 9443 },
            },
            ledger: {
                containers: { ledger: { image: IMAGE, portMappings: [{ containerPort: 7000 }] } },
                loadBalancer: { name: "ledger", containerPort: 7000, listenerPort: 7000 },
                deployment: { strategy: "linear", linear: { stepPercent: 25, stepBakeMinutes: 2 }, testListenerPort: 7001 },
            },
        },
    });
    const api = shop.resources.services.api.deployment!;
    return {
        url: shop.urls.public,
        // What an aws.codedeploy.DeploymentGroup's ecsService and loadBalancerInfo.targetGroupPairInfo take.
        apiCodeDeploy: {
            clusterName: shop.clusterName,
            serviceName: shop.resources.services.api.service.name,
            targetGroupNames: api.targetGroupNames,
            productionListenerArns: api.productionListenerArns,
            testListenerArns: api.testListenerArns,
        },
        shop,
    };
}
