/** Generated bad input for DeliveryPipeline: the property in tests/property/refused-or-built.ts, from these examples. */
import { DeliveryPipeline } from "../../../components/delivery-pipeline";
import type { DeliveryPipelineArgs } from "../../../components/delivery-pipeline";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";
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

describe("DeliveryPipeline bad input", () => {
    it("a malformed DeliveryPipeline is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new DeliveryPipeline(name, args), { seed: 20261126, numRuns: 150 });
    });
});
