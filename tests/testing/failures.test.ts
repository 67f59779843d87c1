import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError } from "../../components/shared/errors";
import { BuildError, build, buildFails, runAsLanguageHost } from "../../components/testing";
import { filesUnder } from "../harness/files-under";

const root = path.resolve(__dirname, "../..");

/** A component that checks a value known only later, inside `apply`, as STYLE.md asks. */
class Checked extends pulumi.ComponentResource {
    constructor(name: string, args: { size: pulumi.Input<number> }) {
        super("aws-platform:test:Checked", name, args);
        const size = pulumi.output(args.size).apply((s) => {
            if (s > 10) throw new ArgsError("Checked", name, [{ path: "size", message: "is too large", value: s, allowed: "at most 10" }]);
            return s;
        });
        new aws.sqs.Queue(`${name}-queue`, { delaySeconds: size }, { parent: this });
        this.registerOutputs({});
    }
}

const listeners = () => ({ rejection: process.listeners("unhandledRejection"), exception: process.listeners("uncaughtException") });

describe("a build fails on what fails a real deployment", () => {
    it("rejects with a BuildError naming a duplicate URN", async () => {
        const failed = build(() => {
            new aws.sqs.Queue("dup", {});
            new aws.sqs.Queue("dup", {});
        });
        await assert.rejects(failed, (e: unknown) => {
            assert.ok(e instanceof BuildError);
            assert.match(e.message, /Duplicate resource URN 'urn:pulumi:test::aws-platform::aws:sqs\/queue:Queue::dup'/);
            return true;
        });
    });

    it("reports a failure once, though it reaches every awaiter of the failed resource", async () => {
        const e = await build(() => {
            new aws.sqs.Queue("dup", {});
            new aws.sqs.Queue("dup", {});
        }).catch((x: BuildError) => x);
        assert.ok(e instanceof BuildError);
        assert.equal(e.errors.length, 1, e.message);
    });

    it("rejects on an invoke without a fixture, naming its token", async () => {
        await assert.rejects(
            build(() => aws.ec2.getVpcOutput({ default: true })),
            /no fixture for data source aws:ec2\/getVpc:getVpc/,
        );
    });

    it("rejects on an error thrown inside apply", async () => {
        await assert.rejects(
            build(() => {
                const q = new aws.sqs.Queue("q", {});
                q.arn.apply(() => {
                    throw new Error("boom inside apply");
                });
            }),
            /boom inside apply/,
        );
    });

    it("rejects on an uncaught exception raised while the program settles", async () => {
        await assert.rejects(
            build(() => {
                new aws.sqs.Queue("q", {});
                setImmediate(() => {
                    throw new Error("thrown from a callback");
                });
            }),
            /thrown from a callback/,
        );
    });

    it("rejects with what the program itself threw", async () => {
        await assert.rejects(
            build(() => {
                throw new Error("thrown by the program");
            }),
            (e: unknown) => e instanceof BuildError && e.cause instanceof Error && e.cause.message === "thrown by the program",
        );
    });

    it("awaits a program that returns a promise, and fails when it rejects", async () => {
        const { result } = await build(async () => (await aws.getCallerIdentity()).accountId);
        assert.equal(result, "123456789012");
        await assert.rejects(
            build(async () => {
                await aws.ec2.getVpc({ default: true });
            }),
            /aws:ec2\/getVpc:getVpc/,
        );
    });

    it("puts the process listeners back as they were, without its own, after a failed build", async () => {
        const before = listeners();
        await assert.rejects(
            build(() => {
                new aws.sqs.Queue("dup", {});
                new aws.sqs.Queue("dup", {});
            }),
        );
        assert.deepEqual(listeners(), before);
    });

    it("puts console.warn and console.error back after a failed build", async () => {
        const { warn, error } = console;
        await assert.rejects(
            build(() => {
                throw new Error("x");
            }),
        );
        assert.equal(console.warn, warn);
        assert.equal(console.error, error);
    });

    it("leaves nothing behind for the next build: a clean program after a failed one builds", async () => {
        await assert.rejects(
            build(() => {
                const q = new aws.sqs.Queue("a", {});
                new aws.sqs.Queue("b", { name: q.arn.apply((): string => Promise.reject(new Error("late failure")) as any) });
            }),
            /late failure/,
        );
        const { registry } = await build(() => new aws.sqs.Queue("clean", {}));
        assert.deepEqual(registry.inventory(), ["aws:sqs/queue:Queue::clean"]);
    });
});

describe("buildFails", () => {
    it("returns an ArgsError thrown later inside apply, with the registry", async () => {
        const { error, registry } = await buildFails(() => new Checked("c", { size: pulumi.output(11) }));
        assert.ok(error instanceof ArgsError, `got ${error}`);
        assert.match(error.message, /size=11 is too large|size.*too large/);
        assert.ok(registry.named("c"), "the component registered before its check ran");
        assert.equal(registry.ofType("aws:sqs/queue:Queue").length, 0, "nothing was registered with the refused value");
    });

    it("returns the error a constructor threw and an empty registry", async () => {
        const { error, registry } = await buildFails(() => {
            throw new ArgsError("Checked", "c", [{ path: "size", message: "is required" }]);
        });
        assert.ok(error instanceof ArgsError);
        assert.equal(registry.size, 0);
    });

    it("rejects when the program built without an error", async () => {
        await assert.rejects(
            buildFails(() => new Checked("c", { size: 3 })),
            /expected the program to fail, but it built 2 resource\(s\)/,
        );
    });
});

describe("one language-host trap", () => {
    it("collects rejections, exceptions and runtime logs, and throws none of them", async () => {
        const run = await runAsLanguageHost(async () => {
            pulumi.log.warn("careful");
            Promise.reject(new Error("nobody handles me"));
            setImmediate(() => {
                throw new Error("nobody catches me");
            });
            return 42;
        });
        assert.equal(run.result, 42);
        assert.deepEqual(
            run.asyncErrors.map((e) => (e as Error).message),
            ["nobody handles me", "nobody catches me"],
        );
        assert.deepEqual(run.diagnostics, [{ severity: "warning", message: "careful" }]);
    });

    it("is the only code that listens for unhandled rejections (the plan uses it, no twin)", () => {
        const listening = ["components", "stacks", "tools"]
            .flatMap((dir) => filesUnder(path.join(root, dir), (name) => name.endsWith(".ts")))
            .filter((p) => /unhandledRejection/.test(fs.readFileSync(p, "utf8")))
            .map((p) => path.relative(root, p));
        assert.deepEqual(listening, ["components/testing/host.ts"]);
        assert.match(fs.readFileSync(path.join(root, "tools/plan/evaluate.ts"), "utf8"), /runAsLanguageHost\(/);
    });
});
