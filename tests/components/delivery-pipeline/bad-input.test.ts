/**
 * Generated bad input for DeliveryPipeline (as tests/property/bad-input.test.ts does for the older
 * components): each case breaks a valid example and the program either fails with an ArgsError before
 * registering anything, or builds; never another exception or a half-registered program.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { DeliveryPipeline } from "../../../components/delivery-pipeline";
import type { DeliveryPipelineArgs } from "../../../components/delivery-pipeline";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, installMocks, settle } from "../../../components/testing";
import { Mutation, apply, componentNames, mutations } from "../../property/mutate";
import { CFN_ROLE, IMAGE_BUILD, fullArgs } from "./fixtures";

const EXAMPLES: DeliveryPipelineArgs[] = [
    fullArgs(),
    {
        source: { s3: { bucket: "releases", key: "shop/app.zip" } },
        stages: [
            { name: "Build", actions: [{ kind: "build", name: "compile", project: IMAGE_BUILD, outputs: ["templates"] }] },
            {
                name: "Deploy",
                actions: [
                    {
                        kind: "cloudformation",
                        name: "stack",
                        stackName: "shop",
                        templatePath: "templates::t.yaml",
                        roleArn: CFN_ROLE,
                        capabilities: ["CAPABILITY_IAM"],
                    },
                    { kind: "elastic-beanstalk", name: "web", applicationName: "shop", environmentName: "shop-dev", input: "source", runOrder: 2 },
                ],
            },
        ],
        executionMode: "QUEUED",
        artifactRetentionDays: 7,
        protectData: true,
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

describe("DeliveryPipeline bad input", () => {
    it("a malformed DeliveryPipeline is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = structuredClone(EXAMPLES[example % EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                await refusedOrBuilt(() => new DeliveryPipeline(name as string, args as DeliveryPipelineArgs));
            }),
            { seed: 20261126, numRuns: 150 },
        );
    });
});
