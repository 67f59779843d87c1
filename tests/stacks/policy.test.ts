/**
 * Both stacks against the whole policy pack, as `npm run plan -- <stack>` checks them (with policy/exceptions.ts): no
 * mandatory and no advisory violation, no stale exception, no value a rule could not read. A finding is fixed in the
 * components' defaults or accepted in policy/exceptions.ts with its reason (listed in the README).
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkPolicies, type PolicyCheck } from "../../components/policies";
import { EXCEPTIONS } from "../../policy/exceptions";
import type { PlanResult } from "../../tools/plan";
import type { PolicyReport } from "../../tools/plan/policy";
import { stackPlan } from "../harness/stack-plans";

/** One line per finding, so that a failure lists them all with what to fix. */
const findings = (report: PolicyReport) =>
    report.policies.flatMap((p) => p.violations.map((v) => `${p.level} ${p.name} ${v.type}::${v.name}: ${v.message.split("\n").slice(1).join(" ")}`));

for (const stack of ["dev", "prod"]) {
    describe(`stack ${stack}: the policy pack`, function () {
        this.timeout(180000);
        let result: PlanResult;
        let written: PolicyReport;
        before(async () => {
            const { result: planned, outDir } = await stackPlan(stack);
            result = planned;
            written = JSON.parse(fs.readFileSync(path.join(outDir, stack, "policy.json"), "utf8"));
        });

        it("checks the stack's resources with every rule of the pack", () => {
            assert.equal(written.stack, stack);
            assert.ok(written.resourcesChecked > 0);
            assert.equal(written.policies.length, written.rules);
            assert.deepStrictEqual(written, JSON.parse(JSON.stringify(result.policy.report)));
        });

        it("has no mandatory violation", () => {
            const mandatory = findings(written).filter((f) => f.startsWith("mandatory "));
            assert.deepStrictEqual(mandatory, []);
            assert.equal(written.mandatory, 0);
        });

        it("has no advisory violation: each is fixed or an accepted exception", () => {
            assert.deepStrictEqual(
                findings(written).filter((f) => f.startsWith("advisory ")),
                [],
            );
            assert.equal(written.advisory, 0);
        });

        it("has no stale exception: each accepted exception still suppresses a finding here, or names its stacks", () => {
            assert.deepStrictEqual(
                written.staleExceptions.map((e) => `${e.policy} on ${e.resource}`),
                [],
            );
        });

        it("reads no value unknown to the plan", () => {
            assert.deepStrictEqual(
                written.unknowns.map((u) => u.message),
                [],
            );
        });
    });
}

/**
 * What stays unknown when the pack runs in the first `pulumi preview` of a new stack (checkPolicies `preview: true`):
 * each rule listed reads a value the engine only knows once `up` has created another resource, so the server
 * reports it as an advisory "can't run during preview". Resource policies run again on `up`, before their resource
 * is created, with those inputs known: a mandatory resource rule still stops the bad resource. Stack rules run once
 * everything exists, so they join siblings through `propertyDependencies` (`linksTo`) and must not be in this list
 * unless the value they need is itself computed from a new resource.
 */
const PREVIEW_UNKNOWNS: Readonly<Record<string, string>> = {
    // Stack rules.
    "s3-5-ssl-only": "the bucket policy document is a JSON string embedding the bucket's ARN",
    "sqs-ssl-only": "the queue policy document is a JSON string embedding the queue's ARN",
    "s3-encryption":
        "rules[].applyServerSideEncryptionByDefault.kmsMasterKeyId is the KMS key's ARN; the runner marks the whole `rules` input unknown (a real preview knows sseAlgorithm)",
    // Resource rules: JSON documents computed from new resources (ARNs, log group names, image URIs).
    "ecs-4-not-privileged": "containerDefinitions is a JSON string with the log group's name and the image's URI",
    "ecs-5-readonly-root": "containerDefinitions (as ecs-4)",
    "ecs-8-no-secret-env": "containerDefinitions (as ecs-4)",
    "ecs-9-logging": "containerDefinitions (as ecs-4)",
    "iam-21-no-wildcard-action": "role and policy documents embed the ARNs of the stack's resources",
    "iam-wildcard-resource-write": "role and policy documents (as iam-21)",
    "iam-trust-confused-deputy": "trust policies carry aws:SourceArn conditions naming the stack's resources",
    // Resource rules: an input holding another resource's id or ARN (a nested one, with the whole input unknown here).
    "ecs-2-no-public-ip": "networkConfiguration holds the subnets' and security groups' ids",
    "ecs-10-fargate-latest": "capacityProviderStrategies names the cluster's capacity providers",
    "elb-1-http-redirect": "defaultActions hold the target group's ARN",
    "elb-5-access-logs": "accessLogs.bucket is the log bucket's name",
    "apigw-access-logging": "accessLogSettings.destinationArn is the log group's ARN",
    "cloudfront-1-default-root-object": "defaultCacheBehavior names the cache and origin request policies' ids",
    "cloudfront-3-https-viewers": "orderedCacheBehaviors name policy and function ids",
    "cloudfront-9-https-origins": "origins hold the ALB's and the bucket's domain names",
    "cloudfront-10-origin-tls12": "origins (as cloudfront-9)",
    "cloudfront-13-oac": "origins hold the origin access control's id",
    "cloudfront-6-waf": "webAclId is the web ACL's ARN",
    "cloudtrail-1-multi-region": "advancedEventSelectors name the data buckets' ARNs",
    "cloudtrail-2-encrypted": "kmsKeyId is the trail key's ARN",
    "codebuild-2-no-plaintext-secrets": "environment holds the image URI and parameter names from other resources",
    "codebuild-5-privileged-docker-only": "environment (as codebuild-2)",
    "codebuild-4-logs": "logsConfig names the log group",
    "eks-3-secrets-encryption": "encryptionConfigKeyArn is the secrets key's ARN",
    "sns-1-encrypted": "kmsMasterKeyId is the topic key's ARN",
    "lambda-1-permission-source": "sourceArn is the invoking bucket's, topic's, rule's or API's ARN",
    "iam-managed-full-access": "policyArn is the ARN of a policy the stack creates",
};

for (const stack of ["dev", "prod"]) {
    describe(`stack ${stack}: the policy pack in the first preview of a new stack`, function () {
        this.timeout(180000);
        let check: PolicyCheck;
        before(async () => {
            const { result } = await stackPlan(stack);
            check = await checkPolicies(result.evaluation.resources, { exceptions: EXCEPTIONS, preview: true });
        });

        it("has no mandatory and no advisory violation", () => {
            assert.deepStrictEqual(
                check.violations.map((v) => `${v.level} ${v.policy} ${v.type}::${v.name}`),
                [],
            );
        });

        it("leaves unknown only the rules listed, each with the value it cannot read", () => {
            const unlisted = check.unknowns.filter((u) => !(u.policy in PREVIEW_UNKNOWNS)).map((u) => `${u.policy} ${u.urn ?? "(stack)"}: ${u.message}`);
            assert.deepStrictEqual(unlisted, []);
        });

        it("runs every stack rule that joins siblings through propertyDependencies (linksTo)", () => {
            const stackRules = new Set(check.policies.filter((p) => p.kind === "stack").map((p) => p.name));
            const unknownStackRules = [...new Set(check.unknowns.filter((u) => stackRules.has(u.policy)).map((u) => u.policy))].sort();
            assert.deepStrictEqual(unknownStackRules, ["s3-5-ssl-only", "s3-encryption", "sqs-ssl-only"]);
        });
    });
}
