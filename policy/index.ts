/**
 * The policy pack's entry: `npm ci --prefix policy && pulumi preview --policy-pack policy`.
 *
 * The only file that constructs `PolicyPack`: constructing it starts the analyzer's gRPC server, prints its port
 * for the Pulumi CLI and keeps the process alive. The rules live in `components/policies` (the same ones the
 * offline plan and the tests run) and the accepted findings in `exceptions.ts`.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, platformPolicies } from "../components/policies";
import { EXCEPTIONS } from "./exceptions";

new PolicyPack(PACK_NAME, {
    description: "AWS Security Hub FSBP and cdk-nag controls for the aws-platform components and stacks; see the README's Guardrails section.",
    policies: platformPolicies({ exceptions: EXCEPTIONS }),
});
