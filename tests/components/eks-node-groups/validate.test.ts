import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
    FargateProfile,
    FargateProfileArgs,
    ManagedNodeGroup,
    ManagedNodeGroupArgs,
    SelfManagedNodeGroup,
    SelfManagedNodeGroupArgs,
} from "../../../components/eks-node-groups";
import { normalizeFargate, normalizeManaged, normalizeSelfManaged } from "../../../components/eks-node-groups/defaults";
import { validateFargate, validateManaged, validateSelfManaged } from "../../../components/eks-node-groups/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { cluster, fargateArgs, managedArgs, selfManagedArgs } from "./fixtures";

type Kind = "managed" | "self-managed" | "fargate";

interface Case {
    title: string;
    kind: Kind;
    /** Changes valid args into invalid ones (may return a replacement). */
    args: (a: any) => any;
    /** The issue's path and a piece of its text. */
    path: string;
    message: RegExp;
}

const COMPONENT = { managed: "ManagedNodeGroup", "self-managed": "SelfManagedNodeGroup", fargate: "FargateProfile" } as const;

function make(kind: Kind, mutate: (a: any) => any): any {
    const a: any = kind === "managed" ? managedArgs() : kind === "self-managed" ? selfManagedArgs() : fargateArgs();
    return mutate(a) ?? a;
}

function construct(kind: Kind, name: string, args: any): pulumi.ComponentResource {
    if (kind === "managed") return new ManagedNodeGroup(name, args as ManagedNodeGroupArgs);
    if (kind === "self-managed") return new SelfManagedNodeGroup(name, args as SelfManagedNodeGroupArgs);
    return new FargateProfile(name, args as FargateProfileArgs);
}

const set = (patch: Record<string, unknown>) => (a: any) => ({ ...a, ...patch });
const setCluster = (patch: Record<string, unknown>) => (a: any) => ({ ...a, cluster: { ...cluster(), ...patch } });

const CASES: Case[] = [
    // Sizes
    {
        title: "minSize above maxSize",
        kind: "managed",
        args: set({ minSize: 4, maxSize: 3, desiredSize: 3 }),
        path: "minSize",
        message: /is above maxSize \(3\)/,
    },
    {
        title: "desiredSize above maxSize",
        kind: "managed",
        args: set({ desiredSize: 5 }),
        path: "desiredSize",
        message: /is outside minSize\.\.maxSize \(1\.\.3\)/,
    },
    { title: "desiredSize below minSize", kind: "self-managed", args: set({ minSize: 2, desiredSize: 1 }), path: "desiredSize", message: /outside minSize/ },
    { title: "maxSize of 0", kind: "managed", args: set({ maxSize: 0, minSize: 0 }), path: "maxSize", message: /is out of range; allowed: an integer from 1/ },
    { title: "a negative minSize", kind: "self-managed", args: set({ minSize: -1 }), path: "minSize", message: /is out of range/ },
    { title: "a fractional maxSize", kind: "managed", args: set({ maxSize: 2.5 }), path: "maxSize", message: /an integer/ },
    // Instance types
    { title: "no instance types", kind: "managed", args: set({ instanceTypes: [] }), path: "instanceTypes", message: /is empty/ },
    {
        title: "an instance type without a size",
        kind: "self-managed",
        args: set({ instanceTypes: ["m7i"] }),
        path: "instanceTypes[0]",
        message: /is not an EC2 instance type/,
    },
    {
        title: "an instance type in capitals",
        kind: "managed",
        args: set({ instanceTypes: ["M7i.Large"] }),
        path: "instanceTypes[0]",
        message: /is not an EC2 instance type/,
    },
    {
        title: "an instance type listed twice",
        kind: "self-managed",
        args: set({ instanceTypes: ["m7i.large", "m7i.large"] }),
        path: "instanceTypes[1]",
        message: /is listed twice/,
    },
    {
        title: "a Graviton type with the x86_64 architecture",
        kind: "managed",
        args: set({ instanceTypes: ["m7i.large", "m7g.large"] }),
        path: "instanceTypes[1]",
        message:
            /is a Graviton \(arm64\) type: the 'g' after the generation in "m7g" means an AWS Graviton processor, which cannot boot the x86_64 AMI; allowed: x86_64 instance types, or set architecture: "arm64"/,
    },
    {
        title: "an x86_64 type with the arm64 architecture",
        kind: "self-managed",
        args: set({ architecture: "arm64", instanceTypes: ["c7g.large", "c7i.large"] }),
        path: "instanceTypes[1]",
        message: /is an x86_64 type/,
    },
    {
        title: "an unknown architecture",
        kind: "managed",
        args: set({ architecture: "aarch64" }),
        path: "architecture",
        message: /is not supported; allowed: "x86_64", "arm64"/,
    },
    // Taints
    {
        title: "a taint effect in EKS's spelling",
        kind: "managed",
        args: set({ taints: { gpu: { effect: "NO_SCHEDULE" } } }),
        path: "taints.gpu.effect",
        message: /allowed: "NoSchedule", "PreferNoSchedule", "NoExecute"/,
    },
    {
        title: "a taint key with a space",
        kind: "self-managed",
        args: set({ taints: { "bad key": { effect: "NoSchedule" } } }),
        path: "taints.bad key",
        message: /is not a valid taint key/,
    },
    {
        title: "a taint value of 64 characters",
        kind: "managed",
        args: set({ taints: { gpu: { value: "v".repeat(64), effect: "NoSchedule" } } }),
        path: "taints.gpu.value",
        message: /is not a valid taint value/,
    },
    {
        title: "a taint key over EKS's 63 characters",
        kind: "managed",
        args: set({ taints: { [`example.com/${"k".repeat(55)}`]: { effect: "NoSchedule" } } }),
        path: `taints.example.com/${"k".repeat(55)}`,
        message: /is longer than 63 characters/,
    },
    {
        title: "more than 50 taints on a managed group",
        kind: "managed",
        args: set({ taints: Object.fromEntries(Array.from({ length: 51 }, (_v, i) => [`t${i}`, { effect: "NoSchedule" }])) }),
        path: "taints",
        message: /has too many taints; allowed: at most 50/,
    },
    // Labels
    {
        title: "a label key starting with '-'",
        kind: "managed",
        args: set({ labels: { "-role": "x" } }),
        path: "labels.-role",
        message: /is not a valid label key/,
    },
    {
        title: "a label key with two slashes",
        kind: "self-managed",
        args: set({ labels: { "a/b/c": "x" } }),
        path: "labels.a/b/c",
        message: /is not a valid label key/,
    },
    {
        title: "a label value with a space",
        kind: "self-managed",
        args: set({ labels: { role: "web app" } }),
        path: "labels.role",
        message: /is not a valid label value/,
    },
    {
        title: "a label value of 64 characters",
        kind: "managed",
        args: set({ labels: { role: "r".repeat(64) } }),
        path: "labels.role",
        message: /is not a valid label value/,
    },
    {
        title: "a label in the kubelet's reserved kubernetes.io namespace",
        kind: "self-managed",
        args: set({ labels: { "node-role.kubernetes.io/worker": "" } }),
        path: "labels.node-role.kubernetes.io/worker",
        message: /is in a namespace the kubelet reserves/,
    },
    {
        title: "an empty label value (EKS takes 1 to 63 characters on managed node groups)",
        kind: "managed",
        args: set({ labels: { "example.com/flag": "" } }),
        path: "labels.example.com/flag",
        message: /is empty, which EKS refuses on a managed node group/,
    },
    {
        title: "a label in the k8s.io namespace",
        kind: "managed",
        args: set({ labels: { "k8s.io/role": "x" } }),
        path: "labels.k8s.io/role",
        message: /kubelet reserves/,
    },
    {
        title: "a label key over EKS's 63 characters",
        kind: "managed",
        args: set({ labels: { [`example.com/${"k".repeat(55)}`]: "x" } }),
        path: `labels.example.com/${"k".repeat(55)}`,
        message: /is longer than 63 characters/,
    },
    // The cluster
    {
        title: "a Kubernetes version with a patch number",
        kind: "managed",
        args: setCluster({ version: "1.33.1" }),
        path: "cluster.version",
        message: /allowed: a Kubernetes minor version/,
    },
    {
        title: "a Kubernetes version with a 'v'",
        kind: "self-managed",
        args: setCluster({ version: "v1.33" }),
        path: "cluster.version",
        message: /is malformed/,
    },
    {
        title: "an empty service CIDR",
        kind: "self-managed",
        args: setCluster({ serviceIpv4Cidr: "" }),
        path: "cluster.serviceIpv4Cidr",
        message: /is not an IPv4 CIDR/,
    },
    {
        title: "a public service CIDR",
        kind: "self-managed",
        args: setCluster({ serviceIpv4Cidr: "8.8.0.0/16" }),
        path: "cluster.serviceIpv4Cidr",
        message: /is not a service CIDR EKS accepts/,
    },
    {
        title: "a service CIDR wider than /12",
        kind: "managed",
        args: setCluster({ serviceIpv4Cidr: "10.0.0.0/8" }),
        path: "cluster.serviceIpv4Cidr",
        message: /is not a service CIDR EKS accepts/,
    },
    {
        title: "a cluster name starting with '-'",
        kind: "managed",
        args: setCluster({ name: "-platform" }),
        path: "cluster.name",
        message: /an EKS cluster name/,
    },
    { title: "an http endpoint", kind: "self-managed", args: setCluster({ endpoint: "http://example.com" }), path: "cluster.endpoint", message: /https/ },
    {
        title: "an empty certificate authority",
        kind: "self-managed",
        args: setCluster({ certificateAuthority: " " }),
        path: "cluster.certificateAuthority",
        message: /is empty/,
    },
    {
        title: "a security group id that is not one",
        kind: "self-managed",
        args: setCluster({ securityGroupId: "default" }),
        path: "cluster.securityGroupId",
        message: /sg-/,
    },
    {
        title: "a security group id too short to be one",
        kind: "self-managed",
        args: setCluster({ securityGroupId: "sg-1" }),
        path: "cluster.securityGroupId",
        message: /sg-0123456789abcdef0/,
    },
    // Managed options
    {
        title: "a capacity type in lower case",
        kind: "managed",
        args: set({ capacityType: "spot" }),
        path: "capacityType",
        message: /allowed: "ON_DEMAND", "SPOT"/,
    },
    {
        title: "an AMI family EKS no longer offers here",
        kind: "managed",
        args: set({ amiFamily: "al2" }),
        path: "amiFamily",
        message: /allowed: "al2023", "bottlerocket"/,
    },
    { title: "maxUnavailable of 0", kind: "managed", args: set({ maxUnavailable: 0 }), path: "maxUnavailable", message: /from 1 to 100/ },
    {
        title: "maxUnavailable of 150%",
        kind: "managed",
        args: set({ maxUnavailable: "150%" }),
        path: "maxUnavailable",
        message: /is not a count or a percentage/,
    },
    {
        title: "maxUnavailable as words",
        kind: "managed",
        args: set({ maxUnavailable: "half" }),
        path: "maxUnavailable",
        message: /is not a count or a percentage/,
    },
    // Shared options
    {
        title: "a disk smaller than the AMI's 20 GiB snapshot",
        kind: "managed",
        args: set({ diskSizeGiB: 8 }),
        path: "diskSizeGiB",
        message: /from 20 to 16384 GiB/,
    },
    {
        title: "an amiId that is not an AMI id",
        kind: "self-managed",
        args: set({ amiId: "al2023" }),
        path: "amiId",
        message: /amiId="al2023" is malformed; allowed: an AMI id/,
    },
    { title: "an amiId that is not a string", kind: "self-managed", args: set({ amiId: 42 }), path: "amiId", message: /amiId=42/ },
    { title: "no subnets", kind: "self-managed", args: set({ subnetIds: [] }), path: "subnetIds", message: /is empty/ },
    { title: "a tag key under aws:", kind: "managed", args: set({ tags: { "aws:owner": "x" } }), path: "tags.aws:owner", message: /is not a valid tag key/ },
    {
        title: "a misspelled argument",
        kind: "managed",
        args: set({ instanceType: "m7i.large" }),
        path: "instanceType",
        message: /did you mean instanceTypes\?/,
    },
    { title: "a missing cluster", kind: "self-managed", args: (a) => ({ ...a, cluster: undefined }), path: "cluster", message: /is required/ },
    // Self-managed options
    {
        title: "an on-demand percentage over 100",
        kind: "self-managed",
        args: set({ onDemandPercentageAboveBaseCapacity: 101 }),
        path: "onDemandPercentageAboveBaseCapacity",
        message: /from 0 to 100%/,
    },
    {
        title: "a negative on-demand base",
        kind: "self-managed",
        args: set({ onDemandBaseCapacity: -1 }),
        path: "onDemandBaseCapacity",
        message: /is out of range/,
    },
    {
        title: "a min healthy percentage over 100",
        kind: "self-managed",
        args: set({ minHealthyPercentage: 120 }),
        path: "minHealthyPercentage",
        message: /from 0 to 100%/,
    },
    // Fargate
    { title: "no selectors", kind: "fargate", args: set({ selectors: [] }), path: "selectors", message: /1 to 5 selectors per profile/ },
    {
        title: "six selectors",
        kind: "fargate",
        args: set({ selectors: ["a", "b", "c", "d", "e", "f"].map((namespace) => ({ namespace })) }),
        path: "selectors",
        message: /has the wrong number of selectors; allowed: 1 to 5/,
    },
    {
        title: "a selector without a namespace",
        kind: "fargate",
        args: set({ selectors: [{ labels: { app: "web" } }] }),
        path: "selectors[0].namespace",
        message: /is required/,
    },
    {
        title: "a selector with an empty namespace",
        kind: "fargate",
        args: set({ selectors: [{ namespace: "" }] }),
        path: "selectors[0].namespace",
        message: /is empty/,
    },
    {
        title: "a namespace with capitals and '_'",
        kind: "fargate",
        args: set({ selectors: [{ namespace: "Batch_Jobs" }] }),
        path: "selectors[0].namespace",
        message: /is not a namespace name/,
    },
    {
        title: "six labels in one selector",
        kind: "fargate",
        args: set({ selectors: [{ namespace: "web", labels: Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, "x"])) }] }),
        path: "selectors[0].labels",
        message: /at most 5 label pairs per selector/,
    },
    {
        title: "a selector label with an invalid key",
        kind: "fargate",
        args: set({ selectors: [{ namespace: "web", labels: { "app name": "web" } }] }),
        path: "selectors[0].labels.app name",
        message: /is not a valid label key/,
    },
    { title: "a cluster name with a dot", kind: "fargate", args: set({ clusterName: "my.cluster" }), path: "clusterName", message: /an EKS cluster name/ },
    { title: "no Fargate subnets", kind: "fargate", args: set({ subnetIds: [] }), path: "subnetIds", message: /is empty/ },
];

describe("node groups and Fargate profile: validation", () => {
    for (const c of CASES) {
        it(`${COMPONENT[c.kind]} refuses ${c.title}, registering nothing`, async () => {
            const { error, registry } = await buildFails(() => construct(c.kind, "nodes", make(c.kind, c.args)));
            assert.ok(error instanceof ArgsError, error.message);
            assert.equal(registry.size, 0);
            const issue = error.issues.find((i) => i.path === c.path);
            assert.ok(issue, `no issue at ${c.path}: ${error.message}`);
            assert.match(error.message, new RegExp(`^${COMPONENT[c.kind]} "nodes": `));
            assert.match(error.message, c.message);
        });
    }

    it("reports every issue at once", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ManagedNodeGroup(
                    "nodes",
                    managedArgs({ instanceTypes: ["m7g.large"], maxSize: 0, capacityType: "spot" as never, labels: { "k8s.io/x": "y" } }),
                ),
        );
        assert.equal(registry.size, 0);
        assert.deepEqual((error as ArgsError).issues.map((i) => i.path).sort(), ["capacityType", "instanceTypes[0]", "labels.k8s.io/x", "maxSize"]);
    });

    it("refuses an invalid component name before anything else", async () => {
        const { error, registry } = await buildFails(() => new FargateProfile("bad name", fargateArgs()));
        assert.equal(registry.size, 0);
        assert.match(error.message, /^FargateProfile "bad name": name="bad name" is not a valid component name/);
    });

    it("accepts what the kubelet and EKS accept: node.kubernetes.io labels, well-known labels, Outputs", () => {
        const ok = managedArgs({
            labels: { "node.kubernetes.io/role": "app", "topology.kubernetes.io/zone": "us-east-1a", "kubelet.kubernetes.io/x": "y" },
            taints: { "example.com/gpu": { effect: "NoSchedule" } },
            instanceTypes: ["m7i-flex.large", "m6i.large"],
            maxUnavailable: "100%",
            cluster: { ...cluster(), name: pulumi.output("platform"), serviceIpv4Cidr: pulumi.output("") },
        });
        assert.deepEqual(validateManaged(ok), []);
    });

    it("accepts an empty label value on a self-managed node group (the kubelet takes it; only the EKS API refuses it)", () => {
        assert.deepEqual(validateSelfManaged(selfManagedArgs({ labels: { "example.com/flag": "" } })), []);
    });

    describe("the resolved args get the same verdict (one source of defaults)", () => {
        const valid: Array<[string, () => unknown[]]> = [
            ["managed", () => validateManaged(normalizeManaged(managedArgs({ taints: { a: { effect: "NoSchedule" } } })))],
            ["self-managed", () => validateSelfManaged(normalizeSelfManaged(selfManagedArgs({ labels: { a: "b" } })))],
            ["fargate", () => validateFargate(normalizeFargate(fargateArgs({ selectors: [{ namespace: "a", labels: { b: "c" } }] })))],
        ];
        for (const [kind, run] of valid) it(`accepts the normalized defaults of a valid ${kind} args object`, () => assert.deepEqual(run(), []));

        it("refuses the normalized form of invalid args with the same issues", () => {
            const bad = managedArgs({ minSize: 5 });
            assert.deepEqual(
                validateManaged(normalizeManaged(bad)).map((i) => i.path),
                validateManaged(bad).map((i) => i.path),
            );
            assert.ok(validateManaged(bad).length > 0);
        });
    });
});
