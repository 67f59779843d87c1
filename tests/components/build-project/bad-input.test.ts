/**
 * Generated bad input for BuildProject (as tests/property/bad-input.test.ts does for the older
 * components): each case breaks a valid example and the program either fails with an ArgsError before
 * registering anything, or builds; never another exception or a half-registered program.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { BuildProject } from "../../../components/build-project";
import type { BuildProjectArgs } from "../../../components/build-project/args";
import { validate } from "../../../components/build-project/validate";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, installMocks, settle } from "../../../components/testing";
import { Mutation, apply, componentNames, mutations } from "../../property/mutate";

const EXAMPLES: BuildProjectArgs[] = [
    { buildspec: { path: "buildspec.yml" } },
    {
        buildspec: { version: 0.2, phases: { build: { commands: ["make"] } } },
        source: "none",
        image: "aws/codebuild/amazonlinux-aarch64-standard:3.0",
        computeType: "BUILD_GENERAL1_LARGE",
        docker: true,
        cache: { local: ["docker-layer", "source"] },
        environment: { NODE_ENV: "production" },
        secrets: { NPM_TOKEN: "/ci/npm-token", PULUMI_ACCESS_TOKEN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ci/token-AbCdEf" },
        secretKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"],
        vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0"], securityGroupIds: ["sg-0123456789abcdef0"] },
        logRetentionDays: 90,
        timeoutMinutes: 120,
        queuedTimeoutMinutes: 60,
        policyStatements: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::site/*" }],
        passRoles: [{ roleArns: ["arn:aws:iam::123456789012:role/task"], service: "ecs-tasks.amazonaws.com" }],
        tags: { team: "platform" },
    },
];

async function refusedOrBuilt(program: () => unknown): Promise<void> {
    const monitor = installMocks();
    const warn = console.warn;
    console.warn = () => {};
    let error: unknown;
    try {
        try {
            program();
        } catch (e) {
            error = e;
        }
        await settle();
    } finally {
        console.warn = warn;
    }
    const registry = new Registry(monitor);
    if (error === undefined) return;
    assert.ok(error instanceof ArgsError, `not an ArgsError: ${String((error as Error)?.stack ?? error)}`);
    assert.equal(registry.size, 0, `an ArgsError after ${registry.size} registrations`);
}

describe("BuildProject bad input", () => {
    it("starts from valid examples", () => {
        for (const example of EXAMPLES) assert.deepEqual(validate(example), []);
    });

    it("a malformed BuildProject is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = structuredClone(EXAMPLES[example % EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                await refusedOrBuilt(() => new BuildProject(name as string, args as BuildProjectArgs));
            }),
            { seed: 20261127, numRuns: 150 },
        );
    });
});
