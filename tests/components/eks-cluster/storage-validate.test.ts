import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError, Issues } from "../../../components/shared/errors";
import {
    STORAGE_DEFAULTS,
    type StorageArgs,
    type StorageContext,
    STORAGE_SHAPE,
    createStorage,
    lustreCapacityIssue,
    normalizeStorage,
    validateStorage,
} from "../../../components/eks-cluster/storage";
import { checkShape } from "../../../components/shared/shape";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { testPlane } from "./storage-ctx";

const EC2: StorageContext = { hasEc2Nodes: true, privateSubnetCount: 3 };
const FARGATE_ONLY: StorageContext = { hasEc2Nodes: false, privateSubnetCount: 3 };
/** The shape check EksCluster runs on `args.storage` (an optional field). */
const storageShapeOk = (issues: Issues, storage: unknown) => storage === undefined || checkShape(issues, STORAGE_SHAPE, storage, "storage");
const PASSWORD = "Vsadmin-Pass1";
const ROUTE_TABLES = ["rtb-0123456789abcdef0", "rtb-0fedcba9876543210"];

/** The component's order: shape, normalize, value rules; the issues of `args.storage`. */
function issuesOf(storage: unknown, context: StorageContext = EC2) {
    const issues = new Issues();
    if (storageShapeOk(issues, storage)) validateStorage(issues, "storage", normalizeStorage(storage as StorageArgs), context);
    return issues.list;
}

/**
 * The checks as EksCluster runs them, inside a program that would then create the storage: a refused
 * input must throw one ArgsError before anything is registered.
 */
async function refused(storage: unknown, context: StorageContext = EC2) {
    const failed = await buildFails(() => {
        const issues = new Issues();
        if (storageShapeOk(issues, storage)) validateStorage(issues, "storage", normalizeStorage(storage as StorageArgs), context);
        issues.throwIfAny("EksCluster", "main");
        const { ctx, plane } = testPlane();
        createStorage(ctx, plane, normalizeStorage(storage as StorageArgs), []);
    });
    assert.ok(failed.error instanceof ArgsError, failed.error.message);
    assert.equal(failed.registry.size, 0, "nothing is registered");
    return failed.error as ArgsError;
}

interface Case {
    title: string;
    storage: unknown;
    context?: StorageContext;
    /** Every issue expected: path and a pattern over "<message>; allowed: <allowed>". */
    issues: Array<[string, RegExp]>;
}

const cases: Case[] = [
    {
        title: "refuses an unknown storage key, suggesting the near one",
        storage: { fsxlustre: {} },
        issues: [["storage.fsxlustre", /not a known storage argument; did you mean fsxLustre\?/]],
    },
    {
        title: "refuses a string where a boolean is declared",
        storage: { efs: { enabled: "true" } },
        issues: [["storage.efs.enabled", /is a string; allowed: true or false/]],
    },
    {
        title: "refuses an unknown reclaim policy",
        storage: { reclaimPolicy: "Recycle" },
        issues: [["storage.reclaimPolicy", /not supported; allowed: "Retain", "Delete"/]],
    },
    {
        title: "refuses a class name that is not a DNS subdomain",
        storage: { ebs: { className: "GP3_Fast" } },
        issues: [["storage.ebs.className", /is malformed; allowed: a DNS subdomain/]],
    },
    {
        title: "refuses two classes with one name",
        storage: { efs: { enabled: true, className: "gp3" } },
        issues: [["storage.efs.className", /is also the class name of storage.ebs/]],
    },
    {
        title: "refuses EBS on a cluster without EC2 nodes (EBS is not supported on Fargate)",
        storage: {},
        context: FARGATE_ONLY,
        issues: [["storage.ebs.enabled", /EBS volumes cannot be attached to Fargate pods.*allowed: storage.ebs.enabled: false, or a node group/]],
    },
    {
        title: "refuses every node-bound backend on a Fargate-only cluster, each with its reason",
        storage: { efs: { enabled: true }, fsxLustre: { enabled: true }, ontap: { enabled: true, svmAdminPassword: PASSWORD, routeTableIds: ROUTE_TABLES } },
        context: FARGATE_ONLY,
        issues: [
            ["storage.ebs.enabled", /Fargate/],
            ["storage.efs.enabled", /dynamic provisioning \(access points\) is not supported for Fargate pods/],
            ["storage.fsxLustre.enabled", /FSx for Lustre CSI driver is not supported on Fargate/],
            ["storage.ontap.enabled", /DaemonSet/],
        ],
    },
    {
        title: "refuses an unknown EFS transition",
        storage: { efs: { transitionToIA: "AFTER_2_DAYS" } },
        issues: [["storage.efs.transitionToIA", /not supported/]],
    },
    {
        title: "refuses directory permissions that are not octal",
        storage: { efs: { directoryPerms: "799" } },
        issues: [["storage.efs.directoryPerms", /malformed; allowed: three octal digits/]],
    },
    {
        title: "refuses a relative base path",
        storage: { efs: { basePath: "dynamic" } },
        issues: [["storage.efs.basePath", /malformed; allowed: an absolute path/]],
    },
    {
        title: "refuses a gid range that ends before it starts",
        storage: { efs: { gidRangeStart: 6000, gidRangeEnd: 5000 } },
        issues: [["storage.efs.gidRangeEnd", /is not above gidRangeStart \(6000\)/]],
    },
    {
        title: "refuses a previous-generation Lustre deployment type",
        storage: { fsxLustre: { deploymentType: "SCRATCH_1" } },
        issues: [["storage.fsxLustre.deploymentType", /not supported; allowed: "SCRATCH_2", "PERSISTENT_2"/]],
    },
    {
        title: "refuses a Lustre throughput AWS does not offer",
        storage: { fsxLustre: { deploymentType: "PERSISTENT_2", perUnitStorageThroughput: 200 } },
        issues: [["storage.fsxLustre.perUnitStorageThroughput", /not supported; allowed: 125, 250, 500, 1000/]],
    },
    {
        title: "refuses a Lustre throughput on SCRATCH_2, where it does nothing",
        storage: { fsxLustre: { perUnitStorageThroughput: 500 } },
        issues: [["storage.fsxLustre.perUnitStorageThroughput", /applies only to PERSISTENT_2/]],
    },
    {
        title: "refuses a Lustre subnet index past the VPC's subnets",
        storage: { fsxLustre: { enabled: true, subnetIndex: 3 } },
        issues: [["storage.fsxLustre.subnetIndex", /past the VPC's 3 private subnets; allowed: 0 to 2/]],
    },
    {
        title: "refuses an ONTAP capacity under 1024 GiB",
        storage: { ontap: { storageCapacityGiB: 512 } },
        issues: [["storage.ontap.storageCapacityGiB", /out of range; allowed: an integer from 1024 to 196608 GiB for MULTI_AZ_1/]],
    },
    {
        title: "allows the second generation its larger capacity and refuses beyond it",
        storage: { ontap: { deploymentType: "SINGLE_AZ_2", storageCapacityGiB: 600000, throughputMBps: 384 } },
        issues: [["storage.ontap.storageCapacityGiB", /from 1024 to 524288 GiB for SINGLE_AZ_2/]],
    },
    {
        title: "refuses a first-generation throughput on a second-generation file system",
        storage: { ontap: { deploymentType: "MULTI_AZ_2", throughputMBps: 128 } },
        issues: [["storage.ontap.throughputMBps", /not supported; allowed: 384, 768, 1536, 3072, 6144/]],
    },
    {
        title: "refuses an unknown ONTAP deployment type",
        storage: { ontap: { deploymentType: "MULTI_AZ_3" } },
        issues: [["storage.ontap.deploymentType", /not supported/]],
    },
    {
        title: "requires the SVM password when ONTAP is on",
        storage: { ontap: { enabled: true, routeTableIds: ROUTE_TABLES } },
        issues: [["storage.ontap.svmAdminPassword", /is required; allowed: the vsadmin password/]],
    },
    {
        title: "refuses a short SVM password without echoing it",
        storage: { ontap: { enabled: true, svmAdminPassword: "short", routeTableIds: ROUTE_TABLES } },
        issues: [["storage.ontap.svmAdminPassword", /is not 8 to 50 characters long/]],
    },
    {
        title: "refuses multi-AZ ONTAP in a one-AZ VPC",
        storage: { ontap: { enabled: true, svmAdminPassword: PASSWORD, routeTableIds: ROUTE_TABLES } },
        context: { hasEc2Nodes: true, privateSubnetCount: 1 },
        issues: [["storage.ontap.deploymentType", /needs 2 private subnets in as many AZs, and the VPC has 1; allowed: "SINGLE_AZ_1" or "SINGLE_AZ_2"/]],
    },
    {
        title: "requires the private route tables for a multi-AZ ONTAP file system (FSx would route only in the main table)",
        storage: { ontap: { enabled: true, svmAdminPassword: PASSWORD } },
        issues: [
            [
                "storage.ontap.routeTableIds",
                /is required for MULTI_AZ_1: FSx routes to the file system's floating endpoints only in the route tables given.*allowed: the route tables of the private subnets \(e.g. network.privateRouteTableIds\), or deploymentType "SINGLE_AZ_1"/,
            ],
        ],
    },
    {
        title: "refuses an empty route-table list for a multi-AZ ONTAP file system",
        storage: { ontap: { enabled: true, svmAdminPassword: PASSWORD, deploymentType: "MULTI_AZ_2", throughputMBps: 384, routeTableIds: [] } },
        issues: [["storage.ontap.routeTableIds", /is required for MULTI_AZ_2/]],
    },
    {
        title: "refuses EFS in a VPC without private subnets",
        storage: { ebs: { enabled: true }, efs: { enabled: true } },
        context: { hasEc2Nodes: true, privateSubnetCount: 0 },
        issues: [["storage.efs.enabled", /needs a private subnet for a mount target/]],
    },
    {
        title: "reports every issue at once, none hidden behind another",
        storage: { reclaimPolicy: "Keep", efs: { directoryPerms: "x" }, fsxLustre: { deploymentType: "SCRATCH_1" }, ontap: { throughputMBps: 100 } },
        issues: [
            ["storage.reclaimPolicy", /not supported/],
            ["storage.efs.directoryPerms", /malformed/],
            ["storage.fsxLustre.deploymentType", /not supported/],
            ["storage.ontap.throughputMBps", /not supported/],
        ],
    },
];

describe("storage arguments", () => {
    it("documents every optional field with a @default that agrees with STORAGE_DEFAULTS", () => {
        assertDefaultsDocumented("components/eks-cluster/storage-args.ts", STORAGE_DEFAULTS);
    });

    it("accepts no storage at all: EBS gp3 only, Delete", () => {
        assert.deepEqual(issuesOf(undefined), []);
        const s = normalizeStorage(undefined);
        assert.equal(s.reclaimPolicy, "Delete");
        assert.deepEqual([s.ebs.enabled, s.efs.enabled, s.fsxLustre.enabled, s.ontap.enabled], [true, false, false, false]);
        assert.equal(s.ebs.className, "gp3");
    });

    it("keeps a default where a field is given as undefined, and keeps 0", () => {
        const s = normalizeStorage({ efs: { className: undefined }, fsxLustre: { subnetIndex: 0 } });
        assert.equal(s.efs.className, "efs");
        assert.equal(s.fsxLustre.subnetIndex, 0);
    });

    // AWS's TransitionToIA values (https://docs.aws.amazon.com/efs/latest/ug/API_LifecyclePolicy.html), plus NONE.
    for (const transition of [
        "AFTER_1_DAY",
        "AFTER_7_DAYS",
        "AFTER_14_DAYS",
        "AFTER_30_DAYS",
        "AFTER_60_DAYS",
        "AFTER_90_DAYS",
        "AFTER_180_DAYS",
        "AFTER_270_DAYS",
        "AFTER_365_DAYS",
        "NONE",
    ])
        it(`accepts the EFS transition ${transition}, as AWS and ContainerService do`, () =>
            assert.deepEqual(issuesOf({ efs: { enabled: true, transitionToIA: transition } }), []));

    it("accepts every backend on with valid values", () => {
        const storage: StorageArgs = {
            reclaimPolicy: "Retain",
            efs: { enabled: true },
            fsxLustre: { enabled: true, deploymentType: "PERSISTENT_2", perUnitStorageThroughput: 250 },
            ontap: { enabled: true, svmAdminPassword: pulumi.secret(PASSWORD), deploymentType: "SINGLE_AZ_2", storageCapacityGiB: 2048, throughputMBps: 1536 },
        };
        assert.deepEqual(issuesOf(storage), []);
    });

    it("gives the same verdict on already-normalized values (normalize is idempotent)", () => {
        for (const c of cases) {
            const issues = new Issues();
            if (!storageShapeOk(new Issues(), c.storage)) continue;
            const resolved = normalizeStorage(c.storage as StorageArgs);
            validateStorage(issues, "storage", normalizeStorage(resolved as unknown as StorageArgs), c.context ?? EC2);
            assert.deepEqual(
                issues.list.map((i) => i.path),
                issuesOf(c.storage, c.context).map((i) => i.path),
                c.title,
            );
        }
    });

    for (const c of cases) {
        it(c.title, async () => {
            const issues = issuesOf(c.storage, c.context);
            assert.deepEqual(
                issues.map((i) => i.path),
                c.issues.map(([p]) => p),
                JSON.stringify(issues),
            );
            for (const [i, [, pattern]] of c.issues.entries()) assert.match(`${issues[i].message}; allowed: ${issues[i].allowed ?? ""}`, pattern);
            const error = await refused(c.storage, c.context);
            assert.match(error.message, /^EksCluster "main": /);
        });
    }

    it("never puts the SVM password in an issue", () => {
        const issues = issuesOf({ ontap: { enabled: true, svmAdminPassword: "abc" } });
        assert.ok(!JSON.stringify(issues).includes('"abc"'), JSON.stringify(issues));
    });

    describe("lustreCapacityIssue", () => {
        for (const gib of [1200, 2400, 4800, 24000]) it(`accepts ${gib} GiB`, () => assert.equal(lustreCapacityIssue(gib), undefined));
        for (const gib of [100, 1300, 3600, 2400.5])
            it(`refuses ${gib} GiB`, () => assert.match(lustreCapacityIssue(gib) ?? "", /1200 GiB or a multiple of 2400 GiB/));
    });
});
