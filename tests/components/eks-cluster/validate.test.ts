/**
 * EksCluster's validation: every rule with a bad value, refused before any resource; the EKS version
 * calendar; and the `@default` docs against DEFAULTS.
 */
import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../../../components/eks-cluster";
import type { EksClusterArgs } from "../../../components/eks-cluster/args";
import { normalize } from "../../../components/eks-cluster/defaults";
import { validate } from "../../../components/eks-cluster/validate";
import { ArgsError } from "../../../components/shared/errors";
import { creatableEksVersions, eksVersionStatus } from "../../../components/shared/limits/eks";
import { build, buildFails } from "../../../components/testing";
import { FARGATE_ONLY, FULL, SMALL, VPC } from "./cluster-fixture";

/** A day on which 1.35 is in standard support and 1.31 in extended support. */
const NOW = new Date("2026-06-01T00:00:00Z");

interface Case {
    title: string;
    args: EksClusterArgs;
    /** Every issue path expected, in any order. */
    paths: string[];
}

const cases: Case[] = [
    { title: "a version EKS never offered", args: { ...SMALL, version: "1.19" }, paths: ["version"] },
    { title: "a version written with a patch number", args: { ...SMALL, version: "1.35.0" }, paths: ["version"] },
    { title: "a version past the end of extended support", args: { ...SMALL, version: "1.29" }, paths: ["version"] },
    { title: "a malformed VPC id", args: { ...SMALL, vpc: { ...VPC, vpcId: "vpc-x" } }, paths: ["vpc.vpcId"] },
    { title: "a single private subnet", args: { ...SMALL, vpc: { ...VPC, privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] } }, paths: ["vpc.privateSubnetIds"] },
    { title: "a malformed subnet id", args: { ...SMALL, vpc: { ...VPC, publicSubnetIds: ["sub-1"] } }, paths: ["vpc.publicSubnetIds[0]"] },
    {
        title: "a public endpoint CIDR that is not one",
        args: { ...SMALL, endpoint: { publicAccessCidrs: ["203.0.113.0"] } },
        paths: ["endpoint.publicAccessCidrs[0]"],
    },
    {
        title: "more public endpoint CIDRs than EKS allows",
        args: { ...SMALL, endpoint: { publicAccessCidrs: Array.from({ length: 41 }, (_v, i) => `198.51.${i}.0/24`) } },
        paths: ["endpoint.publicAccessCidrs"],
    },
    { title: "both endpoints off", args: { ...SMALL, endpoint: { privateAccess: false } }, paths: ["endpoint"] },
    { title: "an admin given as an STS session", args: { ...SMALL, admins: { me: "arn:aws:sts::123456789012:assumed-role/admin/me" } }, paths: ["admins.me"] },
    { title: "an admin that is not an ARN", args: { ...SMALL, admins: { me: "admin" } }, paths: ["admins.me"] },
    { title: "an unknown log type", args: { ...SMALL, logTypes: ["api", "kubelet" as never] }, paths: ["logTypes[1]"] },
    { title: "a repeated log type", args: { ...SMALL, logTypes: ["api", "api"] }, paths: ["logTypes"] },
    { title: "a retention CloudWatch does not offer", args: { ...SMALL, logRetentionDays: 31 }, paths: ["logRetentionDays"] },
    { title: "a KMS alias instead of a key ARN", args: { ...SMALL, secretsKmsKeyArn: "alias/eks" }, paths: ["secretsKmsKeyArn"] },
    {
        title: "a managed and a self-managed group with one key",
        args: { ...SMALL, selfManagedNodeGroups: { general: { instanceTypes: ["m7i.large"] } } },
        paths: ["selfManagedNodeGroups.general"],
    },
    {
        title: "a Fargate profile with a node group's key",
        args: { ...SMALL, fargateProfiles: { general: { selectors: [{ namespace: "apps" }] } } },
        paths: ["fargateProfiles.general"],
    },
    {
        title: "a Fargate profile keyed coredns",
        args: { ...SMALL, fargateProfiles: { coredns: { selectors: [{ namespace: "apps" }] } } },
        paths: ["fargateProfiles.coredns"],
    },
    {
        title: "a node group key that cannot name resources",
        args: { ...SMALL, nodeGroups: { General_1: { instanceTypes: ["m7i.large"] } } },
        paths: ["nodeGroups.General_1"],
    },
    { title: "no nodes and no Fargate profile", args: { vpc: VPC, version: "1.35", storage: { ebs: { enabled: false } } }, paths: ["nodeGroups"] },
    {
        title: "EC2 node groups that all start with no node (desiredSize defaulting to minSize 0), even beside a Fargate profile",
        args: {
            ...SMALL,
            nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 0 } },
            selfManagedNodeGroups: { spot: { instanceTypes: ["m7i.large"], minSize: 0, desiredSize: 0 } },
            fargateProfiles: { apps: { selectors: [{ namespace: "apps" }] } },
        },
        paths: ["nodeGroups"],
    },
    {
        title: "EBS storage on a cluster whose pods all run on Fargate",
        args: { vpc: VPC, version: "1.35", fargateProfiles: { apps: { selectors: [{ namespace: "apps" }] } } },
        paths: ["storage.ebs.enabled"],
    },
    {
        // Checked with the other rules, so EksCluster registers nothing (not only by createStorage, after the control plane).
        title: "a Lustre subnet index past the VPC's private subnets",
        args: { ...SMALL, storage: { fsxLustre: { enabled: true, subnetIndex: 7 } } },
        paths: ["storage.fsxLustre.subnetIndex"],
    },
    {
        title: "a managed node group whose sizes contradict",
        args: { ...SMALL, nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 3, maxSize: 2 } } },
        paths: ["nodeGroups.general.minSize", "nodeGroups.general.desiredSize"],
    },
    {
        title: "a managed node group without instance types",
        args: { ...SMALL, nodeGroups: { general: { instanceTypes: [] } } },
        paths: ["nodeGroups.general.instanceTypes"],
    },
    {
        title: "a self-managed node group with an unknown argument",
        args: { ...SMALL, selfManagedNodeGroups: { spot: { instanceTypes: ["m7i.large"], spotPrice: "0.1" } as never } },
        paths: ["selfManagedNodeGroups.spot.spotPrice"],
    },
    {
        title: "a Fargate profile without a namespace",
        args: { ...SMALL, fargateProfiles: { jobs: { selectors: [{ namespace: "" }] } } },
        paths: ["fargateProfiles.jobs.selectors[0].namespace"],
    },
    {
        title: "Container Insights without EC2 nodes",
        args: { ...FARGATE_ONLY, containerInsights: true },
        paths: ["containerInsights"],
    },
    { title: "an add-on version in another form", args: { ...SMALL, addons: { coredns: { version: "1.11" } } }, paths: ["addons.coredns.version"] },
    { title: "a namespace that every cluster has", args: { ...SMALL, namespaces: { "kube-system": {} } }, paths: ["namespaces.kube-system"] },
    { title: "a namespace name with capitals", args: { ...SMALL, namespaces: { Shop: {} } }, paths: ["namespaces.Shop"] },
    {
        title: "a namespace label value with a space",
        args: { ...SMALL, namespaces: { shop: { labels: { team: "a b" } } } },
        paths: ["namespaces.shop.labels.team"],
    },
    { title: "a tag key under aws:", args: { ...SMALL, tags: { "aws:team": "x" } }, paths: ["tags.aws:team"] },
    { title: "an unknown argument", args: { ...SMALL, verison: "1.35" } as EksClusterArgs, paths: ["verison"] },
    { title: "a boolean given as a string", args: { ...SMALL, containerInsights: "false" as unknown as boolean }, paths: ["containerInsights"] },
    { title: "an add-on EksCluster does not own", args: { ...SMALL, addons: { "aws-ebs-csi-driver": {} } as never }, paths: ["addons.aws-ebs-csi-driver"] },
];

describe("EksCluster: validation", () => {
    for (const c of cases) {
        it(`refuses ${c.title}`, () => {
            const paths = validate(c.args, NOW).map((i) => i.path);
            assert.deepEqual([...paths].sort(), [...c.paths].sort());
        });
    }

    it("names the endpoints a VPC without NAT lacks", () => {
        const [issue] = validate(
            { ...SMALL, containerInsights: true, vpc: { ...VPC, egress: "endpoints", interfaceEndpoints: ["ecr.api", "ecr.dkr", "sts"] } },
            NOW,
        );
        assert.match(issue.message, /^lacks ec2, eks-auth, logs,/);
    });

    it("accepts a VPC without NAT that has the endpoints", () => {
        assert.deepEqual(
            validate({ ...SMALL, vpc: { ...VPC, egress: "endpoints", interfaceEndpoints: ["ecr.api", "ecr.dkr", "ec2", "sts", "eks-auth"] } }, NOW),
            [],
        );
    });

    it("explains why EC2 node groups without a node are refused: CoreDNS could not run", () => {
        const [issue] = validate({ ...SMALL, nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 0 } } }, NOW);
        assert.match(new ArgsError("EksCluster", "k8s", [issue]).message, /nodeGroups=0 is the number of EC2 nodes the groups start with .*CoreDNS/);
        assert.match(issue.allowed ?? "", /desiredSize of 1 or more/);
    });

    it("accepts a group at desiredSize 0 when another group has a node", () => {
        const args: EksClusterArgs = {
            ...SMALL,
            nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 0 } },
            selfManagedNodeGroups: { spot: { instanceTypes: ["m7i.large"], minSize: 0, desiredSize: 1 } },
        };
        assert.deepEqual(validate(args, NOW), []);
    });

    it("accepts the full example", () => {
        assert.deepEqual(validate(FULL, NOW), []);
    });

    it("gives the normalized args the same verdict as the args", () => {
        for (const args of [SMALL, FULL]) assert.deepEqual(validate({ ...args, ...normalizedArgs(args) }, NOW), []);
    });

    it("reports every issue at once and registers nothing", async () => {
        const { error, registry } = await buildFails(
            () =>
                new EksCluster("k8s", {
                    vpc: { ...VPC, vpcId: "vpc-x" },
                    version: "1.19",
                    admins: { me: "admin" },
                    logRetentionDays: 31,
                    nodeGroups: { general: { instanceTypes: [] } },
                }),
        );
        assert.ok(error instanceof ArgsError);
        assert.deepEqual(error.issues.map((i) => i.path).sort(), ["admins.me", "logRetentionDays", "nodeGroups.general.instanceTypes", "version", "vpc.vpcId"]);
        assert.match(error.message, /^EksCluster "k8s": 5 invalid arguments/);
        assert.equal(registry.size, 0);
    });

    for (const c of cases) {
        it(`registers nothing for ${c.title}`, async () => {
            // The calendar check depends on today: only cases that fail whatever the date go through the component.
            if (c.paths.includes("version") && c.args.version === "1.29") return;
            const { error, registry } = await buildFails(() => new EksCluster("k8s", c.args));
            assert.ok(error instanceof ArgsError, String(error));
            assert.equal(registry.size, 0);
        });
    }

    it("names the component, instance, field, value and what is allowed", () => {
        const error = new ArgsError("EksCluster", "k8s", validate({ ...SMALL, version: "1.19" }, NOW));
        assert.equal(
            error.message,
            'EksCluster "k8s": version="1.19" is not a Kubernetes version EKS offers; allowed: "1.35", "1.34", "1.33", "1.32", "1.31", "1.30"',
        );
    });

    it("checks admin ARNs given as Outputs only once they are known, and accepts them", async () => {
        await build(() => new EksCluster("k8s", { ...SMALL, admins: { me: pulumi.output("arn:aws:iam::123456789012:role/admin") } }));
    });
});

describe("EKS version calendar", () => {
    it("puts a version in standard support until its end of standard support, inclusive", () => {
        assert.equal(eksVersionStatus("1.33", new Date("2026-07-29T23:00:00Z")), "standard");
        assert.equal(eksVersionStatus("1.33", new Date("2026-07-30T00:00:00Z")), "extended");
    });

    it("ends a version after its extended support", () => {
        assert.equal(eksVersionStatus("1.30", new Date("2026-07-24T00:00:00Z")), "ended");
    });

    it("knows no version outside the table", () => {
        assert.equal(eksVersionStatus("2.0"), "unknown");
        assert.equal(eksVersionStatus("constructor"), "unknown");
    });

    it("offers only versions EKS still creates, newest first", () => {
        assert.deepEqual(creatableEksVersions(NOW), ["1.35", "1.34", "1.33", "1.32", "1.31", "1.30"]);
    });
});

describe("EksCluster: version warning", () => {
    it("warns with a stable code when the version is in extended support", async () => {
        const extended = creatableEksVersions().find((v) => eksVersionStatus(v) === "extended");
        if (!extended) return; // no version in extended support today
        const { warnings } = await build(() => new EksCluster("k8s", { ...SMALL, version: extended }));
        assert.equal(warnings.filter((w) => w.startsWith("[aws-platform:eks:extended-support]")).length, 1);
    });

    it("does not warn for a version in standard support", async () => {
        const standard = creatableEksVersions().find((v) => eksVersionStatus(v) === "standard");
        const { warnings } = await build(() => new EksCluster("k8s", { ...SMALL, version: standard! }));
        assert.deepEqual(
            warnings.filter((w) => w.startsWith("[aws-platform:eks:extended-support]")),
            [],
        );
    });
});

describe("EksCluster: CoreDNS capacity warning", () => {
    const isCapacityWarning = (w: string) => w.startsWith('[aws-platform:eks:coredns-capacity] EksCluster "k8s"');

    it("warns with a stable code when the node groups start with a single EC2 node", async () => {
        const { warnings } = await build(() => new EksCluster("k8s", { ...SMALL, nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 1 } } }));
        assert.equal(warnings.filter(isCapacityWarning).length, 1, warnings.join("\n"));
    });

    it("does not warn when the groups' desired sizes sum to 2 or more", async () => {
        const { warnings } = await build(
            () =>
                new EksCluster("k8s", {
                    ...SMALL,
                    nodeGroups: { general: { instanceTypes: ["m7i.large"], minSize: 1 } },
                    selfManagedNodeGroups: { spot: { instanceTypes: ["m7i.large"], minSize: 0, desiredSize: 1 } },
                }),
        );
        assert.deepEqual(
            warnings.filter((w) => w.startsWith("[aws-platform:eks:coredns-capacity]")),
            [],
        );
    });

    it("does not warn on a Fargate-only cluster (CoreDNS runs on Fargate)", async () => {
        const { warnings } = await build(() => new EksCluster("k8s", FARGATE_ONLY));
        assert.deepEqual(
            warnings.filter((w) => w.startsWith("[aws-platform:eks:coredns-capacity]")),
            [],
        );
    });
});

/** The resolved values written back as args (what normalize filled in). */
function normalizedArgs(args: EksClusterArgs): Partial<EksClusterArgs> {
    const cfg = normalize(args);
    return {
        endpoint: cfg.endpoint,
        admins: cfg.admins,
        logTypes: cfg.logTypes,
        logRetentionDays: cfg.logRetentionDays,
        containerInsights: cfg.containerInsights,
        namespaces: cfg.namespaces,
        protectData: cfg.protectData,
        tags: cfg.tags,
    };
}
