/**
 * A hand-built `Ctx` and `ControlPlane` for testing the add-on and storage builders alone, without the
 * EksCluster class: call `testPlane` inside `build(() => ...)` so the parent registers with the mocks.
 */
import * as eks from "@pulumi/aws/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ControlPlane, Ctx } from "../../../components/eks-cluster/context";
import { type StorageArgs, createStorage, normalizeStorage } from "../../../components/eks-cluster/storage";
import { componentTags } from "../../../components/shared/tags";
import { DEFAULT_CONTEXT, type Registry, build, eksKubeconfig } from "../../../components/testing";

/** Stands in for the component: the builders' children are parented to it. */
export class TestParent extends pulumi.ComponentResource {
    constructor(name: string) {
        super("aws-platform:test:Parent", name, {}, {});
        this.registerOutputs({});
    }
}

export const CLUSTER_NAME = "main-eksCluster-0123456";
export const CLUSTER_SG = "sg-0c1a2b3c4d5e6f708";
export const VPC_ID = "vpc-0a1b2c3d4e5f60718";
export const PRIVATE_SUBNETS = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"];

export interface TestPlaneOptions {
    /** Put `protect: true` in `dataOpts`, as the component does when data is protected. */
    protect?: boolean;
    subnets?: string[];
}

/** Builds a TestParent, the Ctx and the ControlPlane EksCluster would pass to the builders. */
export function testPlane(name = "main", options: TestPlaneOptions = {}): { ctx: Ctx; plane: ControlPlane; parent: TestParent } {
    const parent = new TestParent(name);
    const ctx: Ctx = {
        name,
        opts: { parent },
        dataOpts: options.protect ? { parent, protect: true, retainOnDelete: true } : { parent },
        tags: componentTags("aws-platform:eks:EksCluster", name, { team: "platform" }),
        partition: pulumi.output(DEFAULT_CONTEXT.partition),
        vpc: {
            vpcId: pulumi.output(VPC_ID),
            privateSubnetIds: (options.subnets ?? PRIVATE_SUBNETS).map((s) => pulumi.output(s)),
            publicSubnetIds: [],
            cidrBlock: "10.0.0.0/16",
            egress: "nat",
            interfaceEndpoints: [],
        },
    };
    const kubeconfig = eksKubeconfig({
        name: CLUSTER_NAME,
        endpoint: "https://0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
        region: DEFAULT_CONTEXT.region,
        certificateAuthorityData: "bW9jaw==",
    });
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: JSON.stringify(kubeconfig), enableServerSideApply: true }, { parent });
    const plane: ControlPlane = {
        clusterName: pulumi.output(CLUSTER_NAME),
        version: "1.33",
        clusterSecurityGroupId: pulumi.output(CLUSTER_SG),
        provider,
        ready: [],
    };
    return { ctx, plane, parent };
}

/** Builds `createStorage` for `storage` on a test plane; returns the registry and the result. */
export function buildStorage(storage: StorageArgs, options: TestPlaneOptions & { nodes?: boolean } = {}) {
    return build(() => {
        const { ctx, plane, parent } = testPlane("main", options);
        // A node group: what the add-ons with Deployments must wait for.
        const nodes = options.nodes
            ? [
                  new eks.NodeGroup(
                      "main-nodes",
                      {
                          clusterName: plane.clusterName,
                          nodeRoleArn: "arn:aws:iam::123456789012:role/main-nodes",
                          subnetIds: ctx.vpc.privateSubnetIds,
                          scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 2 },
                      },
                      { parent },
                  ),
              ]
            : [];
        return createStorage(ctx, plane, normalizeStorage(storage), nodes);
    });
}

/**
 * Every StorageClass registered, validated offline against the Kubernetes API schema
 * (kubernetes-models 4.x): the problems found, by logical name.
 */
export function storageClassSchemaIssues(registry: Registry): string[] {
    // CommonJS build of kubernetes-models 4.x; its typings are ESM-flavoured, so require it.
    const { StorageClass } = require("kubernetes-models/storage.k8s.io/v1/StorageClass");
    const problems: string[] = [];
    for (const r of registry.ofType("kubernetes:storage.k8s.io/v1:StorageClass")) {
        try {
            new StorageClass(r.inputs).validate();
        } catch (e) {
            problems.push(`${r.name}: ${(e as Error).message}`);
        }
    }
    return problems;
}
