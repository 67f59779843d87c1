import * as assert from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BuildError, build, findRenderedLeaks } from "../../components/testing";

describe("rendered leaks in string inputs", () => {
    const cases: Array<{ title: string; inputs: Record<string, unknown>; leaks: Array<[string, RegExp]> }> = [
        {
            title: "finds `undefined` rendered into user data",
            inputs: { userData: "#!/bin/bash\necho ECS_CLUSTER=undefined >> /etc/ecs/ecs.config\n" },
            leaks: [["userData", /'undefined'/]],
        },
        { title: "finds `undefined` at the end of an ARN", inputs: { arn: "arn:aws:s3:::undefined" }, leaks: [["arn", /'undefined'/]] },
        { title: "finds `NaN` in a name", inputs: { name: "web-NaN" }, leaks: [["name", /'NaN'/]] },
        {
            title: "finds an Output turned into a string",
            inputs: { tags: { Owner: "Calling [toString] on an [Output<T>] is not supported." } },
            leaks: [["tags.Owner", /Output was turned into a string/]],
        },
        { title: "finds an Output turned into JSON", inputs: { x: ["Calling [toJSON] on an [Output<T>] is not supported."] }, leaks: [["x[0]", /Output/]] },
        { title: "finds an object turned into a string", inputs: { description: "owner [object Object]" }, leaks: [["description", /object was turned/]] },
        {
            title: "finds an Output printed with util.inspect",
            inputs: { description: "OutputImpl { __pulumiOutput: true }" },
            leaks: [["description", /printed/]],
        },
        {
            title: "follows the path into a JSON policy",
            inputs: {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::undefined/*" }],
                }),
            },
            leaks: [["policy → Statement[0].Resource", /'undefined'/]],
        },
        {
            title: "follows the path into JSON container definitions",
            inputs: { containerDefinitions: JSON.stringify([{ name: "web", environment: [{ name: "QUEUE_URL", value: "undefined" }] }]) },
            leaks: [["containerDefinitions → [0].environment[0].value", /'undefined'/]],
        },
        {
            title: "reports every leak, not the first",
            inputs: { a: "undefined", b: { c: "NaN" } },
            leaks: [
                ["a", /undefined/],
                ["b.c", /NaN/],
            ],
        },
        { title: "ignores words that only contain the text", inputs: { a: "undefinedBehaviour", b: "NaNometer", c: "is-defined" }, leaks: [] },
        { title: "ignores a JSON null (a value left out on purpose)", inputs: { policy: JSON.stringify({ Condition: null }) }, leaks: [] },
        {
            title: "ignores asset and archive text (code, not a rendered value)",
            inputs: { code: { SIG: "asset", text: "if (x === undefined) {}" } },
            leaks: [],
        },
    ];
    for (const c of cases) {
        it(c.title, () => {
            const leaks = findRenderedLeaks(c.inputs, "SIG");
            assert.deepEqual(
                leaks.map((l) => l.path),
                c.leaks.map(([p]) => p),
            );
            for (const [i, [, why]] of c.leaks.entries()) assert.match(leaks[i].why, why);
        });
    }

    it("fails a build whose user data renders an undefined output, naming the URN and the path", async () => {
        const failed = await build(() => {
            const q = new aws.sqs.Queue("q", {});
            // A fixture or a caller that leaves an output undefined: the template renders the word.
            const missing = q.arn.apply((): string | undefined => undefined);
            new aws.ec2.LaunchTemplate("lt", { userData: pulumi.interpolate`#!/bin/bash\necho QUEUE=${missing}\n`.apply((s) => Buffer.from(s).toString()) });
        }).catch((e: BuildError) => e);
        assert.ok(failed instanceof BuildError);
        assert.match(failed.message, /urn:pulumi:test::aws-platform::aws:ec2\/launchTemplate:LaunchTemplate::lt: input userData: 'undefined' was rendered/);
    });

    it("fails a build whose policy holds an Output turned into a string, naming the path inside the JSON", async () => {
        const failed = await build(() => {
            const q = new aws.sqs.Queue("q", {});
            new aws.sqs.QueuePolicy("qp", {
                queueUrl: q.url,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: `${q.arn}` }],
                }),
            });
        }).catch((e: BuildError) => e);
        assert.ok(failed instanceof BuildError);
        assert.match(failed.message, /QueuePolicy::qp: input policy → Statement\[0\]\.Resource: an Output was turned into a string/);
    });

    it("builds when the same values are rendered properly", async () => {
        const { registry } = await build(() => {
            const q = new aws.sqs.Queue("q", {});
            new aws.sqs.QueuePolicy("qp", {
                queueUrl: q.url,
                policy: q.arn.apply((arn) =>
                    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn }] }),
                ),
            });
        });
        assert.equal(registry.size, 2);
    });

    it("builds a function whose code mentions undefined (assets are code, not rendered values)", async () => {
        const { registry } = await build(
            () =>
                new aws.lambda.Function("f", {
                    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => undefined;") }),
                    role: "arn:aws:iam::123456789012:role/f",
                    runtime: "nodejs22.x",
                    handler: "index.handler",
                }),
        );
        assert.equal(registry.size, 1);
    });
});
