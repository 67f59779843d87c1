import { own } from "../shared/shape";
import { Resolved, servesTls, shiftsTraffic } from "./defaults";
import { closedServerWarnings } from "./service-connect";

/**
 * What the constructor warns about, in order: settings that deploy but that a platform engineer should know
 * (plain HTTP, names outside a requested certificate, TLS-only NLBs, awsvpc tasks without ENI trunking, closed
 * Service Connect servers, request scaling or test-stage hooks of two-target-group deployments).
 */
export function componentWarnings(name: string, cfg: Resolved): string[] {
    const warnings: string[] = [];
    for (const [key, lb] of Object.entries(cfg.loadBalancers)) {
        if (lb.type === "application" && !lb.internal && !servesTls(lb) && lb.listenerArn === undefined) {
            warnings.push(
                `[aws-platform:ecs:http-only] ContainerService "${name}": load balancer "${key}" is internet-facing without certificateArn, so it serves plain HTTP on port 80; give an ACM certificate to serve HTTPS on 443 and redirect HTTP to it`,
            );
        }
        // A requested certificate names `domain.name` only: a host rule's other names fail TLS at the clients.
        const covered = lb.domain !== undefined && lb.certificateArn === undefined ? lb.domain.name : undefined;
        for (const [svcKey, svc] of covered === undefined ? [] : Object.entries(cfg.services))
            for (const l of [svc.loadBalancer, ...svc.additionalLoadBalancers])
                for (const host of l?.name === key ? (l.rule?.hosts ?? []).filter((h) => h !== covered) : [])
                    warnings.push(
                        `[aws-platform:ecs:host-not-in-certificate] ContainerService "${name}": service "${svcKey}" routes host "${host}" on load balancer "${key}", whose requested certificate covers only "${covered}", so its clients get a certificate error; give certificateArn (a certificate covering both), or route "${covered}" only`,
                    );
        if (lb.type === "network" && lb.domain !== undefined) {
            warnings.push(
                `[aws-platform:ecs:nlb-domain-tls] ContainerService "${name}": NLB "${key}" has a domain, so every one of its listeners is TLS (the domain's certificate) and its clients must speak TLS; for raw TCP (e.g. a game port) use a load balancer without domain`,
            );
        }
    }

    const ec2Groups = [...(cfg.ec2Capacity ? [cfg.ec2Capacity] : []), ...Object.values(cfg.ec2CapacityProviders)];
    if (ec2Groups.length > 0 && !ec2Groups.some((g) => g.awsvpcTrunking)) {
        const awsvpcOnEc2 = [...Object.entries(cfg.services), ...Object.entries(cfg.scheduledTasks), ...Object.entries(cfg.tasks)]
            .filter(([, t]) => t.capacity === "ec2" && t.networkMode === "awsvpc")
            .map(([k, t]) => ({
                what: `${k in cfg.services ? "service" : k in cfg.scheduledTasks ? "scheduled task" : "task"} "${k}"`,
                // Any group's flag turns the account setting on; name one the component has.
                flag: cfg.ec2Capacity
                    ? "ec2Capacity.awsvpcTrunking"
                    : `ec2CapacityProviders.${(t.capacityProviderStrategy ?? []).map((i) => i.provider).find((p) => own(cfg.ec2CapacityProviders, p)) ?? Object.keys(cfg.ec2CapacityProviders)[0]}.awsvpcTrunking`,
            }));
        for (const { what, flag } of awsvpcOnEc2) {
            warnings.push(
                `[aws-platform:ecs:eni-trunking] ContainerService "${name}": ${what} runs awsvpc tasks on EC2 without ENI trunking, so each task takes one of the instance's ENIs (an m5.large has 3, one for the host: 2 tasks per instance); set ${flag}: true (the account setting, on instance types that support trunking) or use networkMode "bridge"`,
            );
        }
    }

    warnings.push(...closedServerWarnings(name, cfg));
    for (const [key, svc] of Object.entries(cfg.services)) {
        if (svc.scaling?.requestsPerTarget !== undefined && shiftsTraffic(svc.deployment)) {
            warnings.push(
                `[aws-platform:ecs:requests-scaling-two-target-groups] ContainerService "${name}": service "${key}" scales on requests per target of its target group "-tg", and its ${svc.deployment.controller === "code-deploy" ? "CodeDeploy" : svc.deployment.strategy} deployments move it to "-tg-alt" every other release, where that metric is empty; prefer cpuTargetPercent or memoryTargetPercent`,
            );
        }
        // Every ECS blue/green deployment passes the test stages, where hooks run with or without a test
        // listener (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentLifecycleHook.html):
        // allowed, but without one no test traffic reaches the new revision there.
        const testStageHooks = Object.keys(svc.deployment.lifecycleHooks).filter((k) =>
            svc.deployment.lifecycleHooks[k].stages.some((s) => s === "TEST_TRAFFIC_SHIFT" || s === "POST_TEST_TRAFFIC_SHIFT"),
        );
        if (testStageHooks.length > 0 && svc.deployment.testListenerPort === undefined) {
            warnings.push(
                `[aws-platform:ecs:test-stage-without-test-listener] ContainerService "${name}": service "${key}"'s hooks ${testStageHooks.join(", ")} run at a test traffic stage, and the service has no testListenerPort: no test traffic reaches the new revision; the hook must call it directly (e.g. through its tasks' addresses)`,
            );
        }
    }
    return warnings;
}
