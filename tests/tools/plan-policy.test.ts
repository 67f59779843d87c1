/**
 * The offline plan's policy step (tools/plan/policy.ts): the report it prints, out/<stack>/policy.json, and exit code 3
 * when a mandatory policy is violated.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { policyResource, resourceRule } from "../../components/policies";
import { main } from "../../tools/plan";
import { captureConsole } from "../harness/console";
import { type PolicyReport, planPolicies } from "../../tools/plan/policy";

const PROJECT = path.join(__dirname, "fixtures", "policy-project");

/** Runs the command line on a fixture program, capturing what it prints. */
async function cli(programPath: string, outDir: string): Promise<{ code: number; stdout: string; stderr: string; report: PolicyReport }> {
    const run = await captureConsole(() => main(["demo"], { projectDir: PROJECT, programPath, outDir }));
    const report = JSON.parse(fs.readFileSync(path.join(outDir, "demo", "policy.json"), "utf8"));
    return { code: run.result, stdout: run.stdout, stderr: run.stderr, report };
}

describe("offline plan: the policy pack", () => {
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-policy-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("exits 3 on a mandatory violation, printing it and writing it to policy.json", async () => {
        const run = await cli("violating.ts", path.join(tmp, "violating"));
        assert.equal(run.code, 3, run.stderr);
        assert.match(run.stderr, /error: \d+ mandatory policy violation\(s\); `pulumi preview --policy-pack policy` would fail/);
        assert.match(run.stdout, /^Policies: \d+ rules, \d+ resources checked: [1-9]\d* mandatory, \d+ advisory violations, 0 accepted exceptions$/m);
        assert.match(run.stdout, /^ {4}mandatory ecr-1-scan-on-push {2}aws:ecr\/repository:Repository::unscanned$/m);
        assert.match(run.stdout, /^ {8}imageScanningConfiguration\.scanOnPush is undefined; set it to true\.$/m);
        const policy = run.report.policies.find((p) => p.name === "ecr-1-scan-on-push")!;
        assert.deepStrictEqual([policy.level, policy.severity, policy.control.fsbp, policy.evaluated], ["mandatory", "high", "ECR.1", 1]);
        assert.deepStrictEqual(policy.violations, [
            {
                urn: "urn:pulumi:demo::aws-platform::aws:ecr/repository:Repository::unscanned",
                type: "aws:ecr/repository:Repository",
                name: "unscanned",
                message: "ECR repositories scan images on push.\nimageScanningConfiguration.scanOnPush is undefined; set it to true.",
            },
        ]);
        assert.equal(run.report.stack, "demo");
        assert.ok(run.report.mandatory >= 1);
    });

    it("exits 0 when no mandatory policy is violated, still writing policy.json", async () => {
        const run = await cli("clean.ts", path.join(tmp, "clean"));
        assert.equal(run.code, 0, run.stderr);
        assert.deepStrictEqual([run.report.mandatory, run.report.advisory], [0, 0]);
        assert.match(run.stdout, /^Policies: \d+ rules, 0 resources checked: 0 mandatory, 0 advisory violations, 0 accepted exceptions$/m);
        assert.match(run.stdout, /Wrote .*policy\.json/);
    });

    describe("the report", () => {
        const rule = resourceRule({
            name: "test-immutable",
            description: "Repositories keep immutable tags.",
            enforcementLevel: "advisory",
            severity: "low",
            control: { fsbp: "ECR.2", cdkNag: ["AwsSolutions-ECR1"], url: "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html" },
            types: ["aws:ecr/repository:Repository"],
            validate: (props, _args, report) => {
                if (props.imageTagMutability !== "IMMUTABLE") report(`imageTagMutability is ${JSON.stringify(props.imageTagMutability)}; set "IMMUTABLE".`);
            },
        });
        const resources = [
            policyResource("aws:ecr/repository:Repository", "legacy", {}),
            policyResource("aws:ecr/repository:Repository", "app", { imageTagMutability: "MUTABLE" }),
        ];

        it("lists accepted exceptions with their reason and stale ones with what to do", async () => {
            const exceptions = [
                { policy: "test-immutable", resource: "legacy", reason: "re-tagged by the vendor's tooling" },
                { policy: "test-immutable", resource: "gone", reason: "the resource was removed since" },
            ];
            const { report, text } = await planPolicies(resources, "dev", { rules: [rule], exceptions });
            assert.deepStrictEqual(report.exceptions, [
                { policy: "test-immutable", resource: "legacy", urn: resources[0].urn, reason: "re-tagged by the vendor's tooling" },
            ]);
            assert.deepStrictEqual(report.staleExceptions, [exceptions[1]]);
            assert.equal(
                text,
                [
                    "Policies: 1 rules, 1 resources checked: 0 mandatory, 1 advisory violations, 1 accepted exceptions",
                    "    advisory  test-immutable  aws:ecr/repository:Repository::app",
                    "        Repositories keep immutable tags.",
                    '        imageTagMutability is "MUTABLE"; set "IMMUTABLE".',
                    "    stale exception: test-immutable on gone suppressed nothing in stack dev; remove it",
                    "",
                ].join("\n"),
            );
        });

        it("writes the json shape: pack, stack, counts, policies with control and violations, exceptions, stale, unknowns", async () => {
            const { report } = await planPolicies(resources, "dev", { rules: [rule] });
            assert.deepStrictEqual(Object.keys(report), [
                "pack",
                "stack",
                "rules",
                "resourcesChecked",
                "mandatory",
                "advisory",
                "policies",
                "exceptions",
                "staleExceptions",
                "unknowns",
            ]);
            assert.deepStrictEqual(report.policies[0], {
                name: "test-immutable",
                level: "advisory",
                severity: "low",
                control: rule.control,
                evaluated: 2,
                violations: [
                    {
                        urn: resources[0].urn,
                        type: "aws:ecr/repository:Repository",
                        name: "legacy",
                        message: 'Repositories keep immutable tags.\nimageTagMutability is undefined; set "IMMUTABLE".',
                    },
                    {
                        urn: resources[1].urn,
                        type: "aws:ecr/repository:Repository",
                        name: "app",
                        message: 'Repositories keep immutable tags.\nimageTagMutability is "MUTABLE"; set "IMMUTABLE".',
                    },
                ],
            });
            assert.equal(report.pack, "aws-platform");
        });
    });
});
