import { getPartitionOutput } from "@pulumi/aws/getPartition";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { KubernetesTarget } from "../kubernetes-workloads/args";
import { ArgsError } from "../shared/errors";
import { eksVersionStatus, EKS_VERSIONS } from "../shared/limits/eks";
import { typeToken } from "../shared/naming";
import { readyAfter } from "../shared/outputs";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { NetworkAddons, WorkloadAddons, createNetworkAddons, createWorkloadAddons } from "./addons";
import type { EksClusterArgs } from "./args";
import type { ControlPlane, Ctx } from "./context";
import { ControlPlaneResources, createControlPlane } from "./control-plane";
import { Resolved, normalize } from "./defaults";
import { createNamespaces, createProvider, kubernetesTarget } from "./kubernetes";
import { NodeResources, createNodes, nodesReady } from "./nodes";
import { StorageResources, createStorage } from "./storage";
import { isRestrictedPublicOnlyEndpoint, placeholderCidrs, validate } from "./validate";

export interface EksClusterResources extends ControlPlaneResources {
    provider: k8s.Provider;
    addons: NetworkAddons & WorkloadAddons;
    nodes: NodeResources;
    storage: StorageResources;
    namespaces: Record<string, k8s.core.v1.Namespace>;
}

/**
 * Amazon EKS: the control plane (`@pulumi/eks`, access entries only, all control-plane logs with a
 * retention, Secrets encrypted with KMS, a private API endpoint unless you open the public one to your
 * CIDRs), managed, self-managed and Fargate nodes, the core add-ons with their IAM through Pod
 * Identity, StorageClasses on the CSI drivers, namespaces, and a Kubernetes provider.
 *
 * @example
 * const net = new Network("main", { availabilityZones: 3 });
 * const eks = new EksCluster("platform", {
 *     vpc: net.vpcArgs,
 *     version: "1.35",
 *     endpoint: { publicAccessCidrs: ["203.0.113.0/24"] },
 *     admins: { platform: "arn:aws:iam::123456789012:role/platform-admins" },
 *     nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 2, desiredSize: 2, maxSize: 6 } },
 *     fargateProfiles: { jobs: { selectors: [{ namespace: "jobs" }] } },
 *     namespaces: { shop: {}, jobs: {} },
 * });
 * new StatelessApp("web", { cluster: eks.kubernetes, namespace: "shop", ... });
 *
 * **Cost** with the defaults: the control plane $0.10/hour × 730 = $73/month (in extended support
 * $0.60/hour = $438/month); the Secrets key $1/month; control-plane logs $0.50/GB ingested and
 * $0.03/GB-month kept 30 days (the audit log of a busy cluster is several GB a month); nodes and
 * Fargate pods at their EC2/Fargate prices; Container Insights (opt-in) per metric and GB of logs.
 */
export class EksCluster extends pulumi.ComponentResource {
    static readonly type = typeToken("eks", "EksCluster");

    /** The EKS cluster's name. */
    readonly clusterName: pulumi.Output<string>;
    /** Kubeconfig (JSON) for kubectl and other programs; authenticates with `aws eks get-token`. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The security group EKS created: nodes, Fargate pods and the control plane share it. */
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** Where workloads go (`StatelessApp`, `StatefulApp`): provider, StorageClasses, namespaces, Fargate selectors. */
    readonly kubernetes: KubernetesTarget;
    /** The children, for wiring and escape hatches. */
    readonly resources: EksClusterResources;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const now = new Date();
        const issues = [...nameIssues(name), ...validate(args, now)];
        if (issues.length) throw new ArgsError("EksCluster", name, issues);
        super(EksCluster.type, name, args, opts);

        const cfg = normalize(args);
        this.warn(name, cfg, now);
        const parent = { parent: this };
        const ctx: Ctx = {
            name,
            opts: parent,
            dataOpts: cfg.protectData ? { parent: this, protect: true, retainOnDelete: true } : parent,
            tags: componentTags(EksCluster.type, name, cfg.tags),
            partition: getPartitionOutput({}, parent).partition,
            vpc: cfg.vpc,
        };

        const { outputs, ...control } = createControlPlane(ctx, cfg);
        const provider = createProvider(ctx, cfg, control.cluster);
        const plane: ControlPlane = {
            clusterName: outputs.clusterName,
            version: cfg.version,
            clusterSecurityGroupId: outputs.clusterSecurityGroupId,
            provider,
            ready: [control.cluster],
        };
        const network = createNetworkAddons(ctx, plane, cfg);
        // Nodes join once the CNI, kube-proxy and the Pod Identity agent exist: their cluster name resolves after them.
        const systemAddons = [network.podIdentityAgent.addon, network.vpcCni.addon, network.kubeProxy.addon];
        const nodes = createNodes(ctx, cfg, { ...outputs.node, name: readyAfter(outputs.clusterName, systemAddons) });
        const ready = nodesReady(nodes);
        const workload = createWorkloadAddons(ctx, plane, cfg, network, ready);
        const running: ControlPlane = {
            ...plane,
            ready: [control.cluster, ...systemAddons, ...ready.ec2, ...ready.fargate, workload.coredns.addon],
        };
        const storage = createStorage(ctx, running, cfg.storage, [...ready.ec2, ...ready.fargate]);
        const namespaces = createNamespaces(ctx, cfg, provider, running.ready);

        this.clusterName = outputs.clusterName;
        this.kubeconfig = pulumi.secret(control.cluster.kubeconfigJson);
        this.clusterSecurityGroupId = outputs.clusterSecurityGroupId;
        this.kubernetes = kubernetesTarget(cfg, provider, namespaces, storage);
        this.resources = { ...control, provider, addons: { ...network, ...workload }, nodes, storage, namespaces };
        this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, clusterSecurityGroupId: this.clusterSecurityGroupId });
    }

    private warn(name: string, cfg: Resolved, now: Date): void {
        if (cfg.endpoint.publicAccessCidrs.includes("0.0.0.0/0")) {
            pulumi.log.warn(
                `[aws-platform:eks:public-endpoint] EksCluster "${name}": endpoint.publicAccessCidrs holds 0.0.0.0/0, so the Kubernetes API server is reachable from the whole internet (requests still need AWS credentials); list your own CIDRs instead`,
                this,
            );
        }
        const placeholders = placeholderCidrs(cfg.endpoint.publicAccessCidrs);
        if (placeholders.length > 0) {
            pulumi.log.warn(
                `[aws-platform:eks:placeholder-cidr] EksCluster "${name}": endpoint.publicAccessCidrs holds ${placeholders.join(", ")}, inside the documentation ranges (RFC 5737) that no real host has: kubectl and \`pulumi up\` (which creates the Kubernetes objects through the API) cannot reach the public endpoint from there. List the CIDRs you run them from`,
                this,
            );
        }
        if (isRestrictedPublicOnlyEndpoint(cfg.endpoint)) {
            pulumi.log.warn(
                `[aws-platform:eks:public-only-endpoint] EksCluster "${name}": the private endpoint is off and the public one admits only ${cfg.endpoint.publicAccessCidrs.join(", ")}; nodes in private subnets reach it from the NAT gateways' public IPs, which this component cannot know: unless those addresses (/32) are listed, the nodes never join. Keep endpoint.privateAccess: true, or list the NAT gateways' Elastic IPs`,
                this,
            );
        }
        if (cfg.hasEc2Nodes && cfg.ec2DesiredSize === 1) {
            pulumi.log.warn(
                `[aws-platform:eks:coredns-capacity] EksCluster "${name}": the node groups start with a single EC2 node, so CoreDNS's two replicas share it; replacing or losing that node (an update, a Spot interruption) stops cluster DNS until a new node is ready. Give the groups a desiredSize summing to 2 or more`,
                this,
            );
        }
        if (eksVersionStatus(cfg.version, now) === "extended") {
            pulumi.log.warn(
                `[aws-platform:eks:extended-support] EksCluster "${name}": Kubernetes ${cfg.version} left EKS standard support on ${EKS_VERSIONS[cfg.version].endOfStandardSupport}; the cluster is billed $0.60 instead of $0.10 per hour until it is upgraded`,
                this,
            );
        }
    }
}
