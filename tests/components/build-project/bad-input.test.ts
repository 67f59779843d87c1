/** Generated bad input for BuildProject: the property in tests/property/refused-or-built.ts, from these examples. */
import * as assert from "node:assert";
import { BuildProject } from "../../../components/build-project";
import type { BuildProjectArgs } from "../../../components/build-project/args";
import { validate } from "../../../components/build-project/validate";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";

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

describe("BuildProject bad input", () => {
    it("starts from valid examples", () => {
        for (const example of EXAMPLES) assert.deepEqual(validate(example), []);
    });

    it("a malformed BuildProject is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new BuildProject(name, args), { seed: 20261127, numRuns: 150 });
    });
});
