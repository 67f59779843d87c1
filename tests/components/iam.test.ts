import * as assert from "node:assert";
import { ContainerService } from "../../components/container-service";
import { awsManagedPolicyArn, isWildcardOnWildcard, managedPolicyKey, managedPolicyKeys } from "../../components/shared/iam";
import { build, unwrap } from "../../components/testing";
import { T, baseArgs, web } from "./container-service/fixtures";

describe("IAM guards", () => {
    describe("isWildcardOnWildcard", () => {
        const cases: Array<{ title: string; statement: object; wildcard: boolean }> = [
            { title: "Allow * on * is a wildcard", statement: { Effect: "Allow", Action: "*", Resource: "*" }, wildcard: true },
            {
                title: "Allow with NotAction on * is a wildcard (every action but a few)",
                statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
                wildcard: true,
            },
            {
                title: "Allow * with NotResource is a wildcard (every resource but a few)",
                statement: { Effect: "Allow", Action: ["*"], NotResource: "arn:aws:s3:::x" },
                wildcard: true,
            },
            {
                title: "Allow with NotAction and NotResource is a wildcard",
                statement: { Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::x" },
                wildcard: true,
            },
            { title: "Deny with NotAction narrows and is not", statement: { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }, wildcard: false },
            { title: "a named action on * is not", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, wildcard: false },
        ];
        for (const c of cases) it(c.title, () => assert.equal(isWildcardOnWildcard(c.statement), c.wildcard));
    });

    describe("awsManagedPolicyArn", () => {
        it("names the policy, with its path, in the aws account of the partition", async () => {
            assert.equal(
                await unwrap(awsManagedPolicyArn("aws-cn", "service-role/AmazonEBSCSIDriverPolicy")),
                "arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
            );
        });
    });

    describe("managedPolicyKeys", () => {
        it("keeps today's readable key where names do not collide", () => {
            assert.deepEqual(managedPolicyKeys(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]), {
                amazons3readonlyaccess: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            });
            assert.equal(managedPolicyKey("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), "amazons3readonlyaccess");
        });

        it("keeps both of two same-named policies from different accounts, with stable hashed keys", () => {
            const a = "arn:aws:iam::111111111111:policy/app-read";
            const b = "arn:aws:iam::222222222222:policy/app-read";
            const keys = managedPolicyKeys([a, b]);
            assert.equal(Object.keys(keys).length, 2);
            assert.deepEqual(Object.values(keys).sort(), [a, b]);
            for (const k of Object.keys(keys)) assert.match(k, /^app-read-[0-9a-f]{8}$/);
            assert.deepEqual(managedPolicyKeys([b, a]), keys, "order does not change the keys");
        });

        it("keeps both of two same-named policies under different paths", () => {
            assert.equal(
                Object.keys(managedPolicyKeys(["arn:aws:iam::111111111111:policy/team-a/read", "arn:aws:iam::111111111111:policy/team-b/read"])).length,
                2,
            );
        });

        it("attaches the same ARN given twice once", () => {
            assert.equal(Object.keys(managedPolicyKeys(["arn:aws:iam::aws:policy/X", "arn:aws:iam::aws:policy/X"])).length, 1);
        });

        it("attaches both same-named policies to the task role", async () => {
            const args = baseArgs();
            web(args).taskRole = { managedPolicyArns: ["arn:aws:iam::111111111111:policy/app-read", "arn:aws:iam::222222222222:policy/app-read"] };
            const { registry } = await build(() => new ContainerService("shop", args));
            assert.deepEqual(registry.managedPoliciesOf(registry.one(T.role, "shop-web-task-role")).sort(), [
                "arn:aws:iam::111111111111:policy/app-read",
                "arn:aws:iam::222222222222:policy/app-read",
            ]);
        });
    });
});
