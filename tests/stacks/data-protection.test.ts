/**
 * Data protection in the stacks: in prod every stateful resource survives a mistaken `pulumi destroy`
 * or replacement (protect AND retainOnDelete, plus the service's own deletion protection); dev keeps
 * nothing and nothing blocks its destroy. The stateful types and their service guards are the data
 * rule's (`STATEFUL_TYPES`); the deliberate exclusions are its accepted exceptions in policy/exceptions.ts,
 * each with its reason (the README lists them).
 */
import * as assert from "node:assert";
import { STATEFUL_TYPES } from "../../components/policies/rules/data";
import type { RecordedResource } from "../../components/testing";
import { EXCEPTIONS } from "../../policy/exceptions";
import { stackPlan } from "../harness/stack-plans";

const evaluate = async (stack: string) => (await stackPlan(stack)).result.evaluation.resources as RecordedResource[];

/** Derived or transient data kept out of protection on purpose: name → reason (from the accepted exceptions). */
const EXCLUDED = new Map(
    EXCEPTIONS.filter((e) => e.policy === "data-protect-stateful-prod" && (e.stacks === undefined || e.stacks.includes("prod"))).map((e) => [
        e.resource,
        e.reason,
    ]),
);

/** Types the prod plan must contain, so that the checks below cannot pass on an empty set. */
const PROD_STATEFUL_TYPES = [
    "aws:dynamodb/table:Table",
    "aws:s3/bucket:Bucket",
    "aws:kms/key:Key",
    "aws:ecr/repository:Repository",
    "aws:efs/fileSystem:FileSystem",
    "aws:rds/cluster:Cluster",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:backup/vault:Vault",
    "aws:kinesis/stream:Stream",
    "aws:cognito/userPool:UserPool",
    "eks:index:Cluster",
    "kubernetes:storage.k8s.io/v1:StorageClass",
];

describe("stacks: data protection", function () {
    this.timeout(180000);
    let prod: RecordedResource[];
    let dev: RecordedResource[];
    before(async () => {
        prod = await evaluate("prod");
        dev = await evaluate("dev");
    });

    it("prod has a resource of every stateful type the checks cover", () => {
        const present = new Set(prod.map((r) => r.type));
        assert.deepStrictEqual(
            PROD_STATEFUL_TYPES.filter((t) => !present.has(t)),
            [],
        );
        for (const t of PROD_STATEFUL_TYPES) assert.ok(STATEFUL_TYPES[t], `${t} is a stateful type of the data rule`);
    });

    it("prod protects AND retains every stateful resource that is not a listed exclusion", () => {
        const unprotected = prod
            .filter((r) => STATEFUL_TYPES[r.type]?.protect && !EXCLUDED.has(r.name))
            .filter((r) => !(r.protect && r.retainOnDelete))
            .map((r) => `${r.type} ${r.name}: protect=${r.protect} retainOnDelete=${r.retainOnDelete}`);
        assert.deepStrictEqual(unprotected, []);
    });

    it("prod turns on the service's own deletion protection on every stateful resource (tables, Aurora, Cognito, buckets, ECR, vaults, EKS, StorageClasses)", () => {
        const off = prod
            .filter((r) => !EXCLUDED.has(r.name))
            .flatMap((r) => {
                const message = STATEFUL_TYPES[r.type]?.guard?.(r.inputs);
                return message ? [`${r.type} ${r.name}: ${message}`] : [];
            });
        assert.deepStrictEqual(off, []);
    });

    it("lists each exclusion with its reason, and each names a stateful resource of prod that is indeed unprotected", () => {
        assert.ok(EXCLUDED.size > 0);
        for (const [name, reason] of EXCLUDED) {
            const r = prod.find((x) => x.name === name && STATEFUL_TYPES[x.type] !== undefined);
            assert.ok(r, `exclusion ${name} names no stateful resource of prod`);
            assert.ok(reason.length >= 40, `exclusion ${name} gives a reason`);
            assert.equal(r!.protect, false, `${name} is protected: drop its exclusion`);
        }
    });

    it("dev protects nothing, so pulumi destroy is never stopped by protect", () => {
        assert.deepStrictEqual(
            dev.filter((r) => r.protect).map((r) => r.name),
            [],
        );
    });

    it("dev force-destroys every bucket and ECR repository and turns deletion protection off everywhere, so destroy empties and deletes them", () => {
        const blocking = dev.flatMap((r) => {
            const i = r.inputs;
            if (r.type === "aws:s3/bucket:Bucket" && i.forceDestroy !== true) return [`${r.name}: forceDestroy=${i.forceDestroy}`];
            if (r.type === "aws:ecr/repository:Repository" && i.forceDelete !== true) return [`${r.name}: forceDelete=${i.forceDelete}`];
            if (r.type === "aws:dynamodb/table:Table" && i.deletionProtectionEnabled === true) return [`${r.name}: deletionProtectionEnabled`];
            if (r.type === "aws:rds/cluster:Cluster" && i.deletionProtection === true) return [`${r.name}: deletionProtection`];
            if (r.type === "aws:cognito/userPool:UserPool" && i.deletionProtection === "ACTIVE") return [`${r.name}: deletionProtection ACTIVE`];
            if (r.type === "eks:index:Cluster" && i.deletionProtection === true) return [`${r.name}: deletionProtection`];
            if (r.type === "aws:lb/loadBalancer:LoadBalancer" && i.enableDeletionProtection === true) return [`${r.name}: enableDeletionProtection`];
            return [];
        });
        assert.deepStrictEqual(blocking, []);
        assert.ok(dev.some((r) => r.type === "aws:s3/bucket:Bucket"));
    });
});
