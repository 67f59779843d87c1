import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError } from "../shared/errors";
import { childName, typeToken } from "../shared/naming";
import { create } from "../shared/transform";
import type { StatelessAppArgs } from "./args";
import { normalizeStateless } from "./defaults";
import { serviceDnsName } from "./dns";
import { disruptionBudgetArgs, metadata, podTemplate, selectorLabels, servicePorts, workloadOptions } from "./pod";
import { validateStatelessApp } from "./validate";

export interface StatelessAppResources {
    deployment: k8s.apps.v1.Deployment;
    service: k8s.core.v1.Service;
    /** Only when `disruptionBudget` is given. */
    podDisruptionBudget?: k8s.policy.v1.PodDisruptionBudget;
}

/**
 * A stateless workload: a Deployment (any pod may go; a replacement is as good), its Service
 * (`ClusterIP` by default) and, when asked, a PodDisruptionBudget. The pods run hardened: non-root,
 * read-only root file system, no privilege escalation, no capabilities, RuntimeDefault seccomp.
 *
 * @example
 * const web = new StatelessApp("web", {
 *     cluster: eks.kubernetes,
 *     image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
 *     ports: { http: { containerPort: 8080, port: 80 } },
 *     emptyDirs: { tmp: "/tmp" },
 *     probes: { readiness: { httpGet: { path: "/", port: "http" } } },
 *     disruptionBudget: { maxUnavailable: 1 },
 * });
 * // web.dnsName: "web.default.svc.cluster.local"
 *
 * **Cost**: nothing beyond the nodes (or Fargate pods) that run it. On Fargate the defaults (100m CPU,
 * 128Mi, plus the 256 MB Fargate adds for its own agents) round up to the smallest pod size, 0.25 vCPU and
 * 0.5 GB (https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html): 2 replicas ×
 * (0.25 × $0.04048 + 0.5 × $0.004445) per hour ≈ $0.0247/hour ≈ $18/month in us-east-1.
 */
export class StatelessApp extends pulumi.ComponentResource {
    static readonly type = typeToken("eks", "StatelessApp");

    /** The Deployment's and Service's name. */
    readonly appName: string;
    readonly namespace: string;
    /** The Service's name: `<service>.<namespace>.svc.cluster.local`. */
    readonly dnsName: string;
    readonly resources: StatelessAppResources;

    constructor(name: string, args: StatelessAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = validateStatelessApp(name, args);
        if (issues.length) throw new ArgsError("StatelessApp", name, issues);
        super(StatelessApp.type, name, args, opts);

        const cfg = normalizeStateless(name, args);
        const child = workloadOptions(this, args.cluster, cfg);
        const t = cfg.transform;
        const selector = { matchLabels: selectorLabels(cfg.name) };

        const deployment = create(
            k8s.apps.v1.Deployment,
            childName(name, "deployment"),
            { metadata: metadata(cfg), spec: { replicas: cfg.replicas, selector, template: podTemplate(cfg) } },
            child,
            t.deployment,
        );
        // Pulumi waits for a Service with a selector to have ready endpoints; with no replica it never would.
        const skipAwait = cfg.replicas === 0 ? { annotations: { "pulumi.com/skipAwait": "true" } } : {};
        const service = create(
            k8s.core.v1.Service,
            childName(name, "service"),
            { metadata: { ...metadata(cfg), ...skipAwait }, spec: { type: cfg.serviceType, selector: selector.matchLabels, ports: servicePorts(cfg) } },
            child,
            t.service,
        );
        const podDisruptionBudget = cfg.disruptionBudget
            ? create(
                  k8s.policy.v1.PodDisruptionBudget,
                  childName(name, "pod-disruption-budget"),
                  disruptionBudgetArgs(cfg, cfg.disruptionBudget.maxUnavailable),
                  child,
                  t.podDisruptionBudget,
              )
            : undefined;

        this.appName = cfg.name;
        this.namespace = cfg.namespace;
        this.dnsName = serviceDnsName(cfg.name, cfg.namespace);
        this.resources = { deployment, service, ...(podDisruptionBudget ? { podDisruptionBudget } : {}) };
        this.registerOutputs({ appName: this.appName, namespace: this.namespace, dnsName: this.dnsName });
    }
}
