import * as assert from "node:assert";
import * as aws from "@pulumi/aws";
import { Registry, build } from "../../components/testing";

describe("Registry.hasInputs: partial-object assertions", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => {
            const q = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 60, tags: { team: "a", env: "dev" } });
            new aws.iam.RolePolicy("jobs-read", {
                role: "jobs-role",
                policy: q.arn.apply((arn) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: arn }],
                    }),
                ),
            });
        }));
    });

    it("passes when every expected key matches, ignoring the others, and returns the resource", () => {
        const r = registry.hasInputs("aws:sqs/queue:Queue", "jobs", { visibilityTimeoutSeconds: 60, tags: { team: "a" } });
        assert.equal(r.name, "jobs");
    });

    it("matches an object against a JSON-string input", () => {
        registry.hasInputs("aws:iam/rolePolicy:RolePolicy", "jobs-read", {
            policy: { Statement: [{ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"] }] },
        });
    });

    it("requires a key expected as undefined to be absent", () => {
        registry.hasInputs("aws:sqs/queue:Queue", "jobs", { fifoQueue: undefined });
        assert.throws(
            () => registry.hasInputs("aws:sqs/queue:Queue", "jobs", { visibilityTimeoutSeconds: undefined }),
            /visibilityTimeoutSeconds: expected undefined, got 60/,
        );
    });

    it("fails listing every differing path with both values", () => {
        assert.throws(
            () => registry.hasInputs("aws:sqs/queue:Queue", "jobs", { visibilityTimeoutSeconds: 30, tags: { team: "b", owner: "x" } }),
            (e: Error) => {
                assert.ok(e instanceof assert.AssertionError);
                assert.match(e.message, /visibilityTimeoutSeconds: expected 30, got 60/);
                assert.match(e.message, /tags\.team: expected "b", got "a"/);
                assert.match(e.message, /tags\.owner: expected "x", got undefined/);
                return true;
            },
        );
    });

    it("compares arrays element by element, with their length", () => {
        assert.throws(
            () => registry.hasInputs("aws:iam/rolePolicy:RolePolicy", "jobs-read", { policy: { Statement: [{ Action: ["sqs:ReceiveMessage"] }] } }),
            /policy \(JSON\)\.Statement\[0\]\.Action: expected 1 elements/,
        );
    });

    it("fails with the candidates when no resource has that type and name", () => {
        assert.throws(() => registry.hasInputs("aws:sqs/queue:Queue", "other", {}), /expected one aws:sqs\/queue:Queue named other, found 0; registered: jobs/);
    });
});
