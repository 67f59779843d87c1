/**
 * The offline policy runner (components/policies/runner.ts) and how rules become policies (rule.ts): the args a policy
 * receives, enforcement levels, not-applicable, unknown values, exceptions and production-only rules. The last part
 * drives `@pulumi/policy`'s own server functions with the analyzer requests the engine sends, and asserts that they
 * report what the runner reports.
 */
import * as assert from "node:assert";
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import {
    checkPolicies,
    type PolicyException,
    type PolicyInput,
    policyResource,
    type Rule,
    resourceRule,
    runPolicies,
    stackRule,
    toPolicies,
} from "../../components/policies";
import { TYPE_FILTER, type TypeFilter } from "../../components/policies/rule";
import { build } from "../../components/testing";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const REPO = "aws:ecr/repository:Repository";
const QUEUE = "aws:sqs/queue:Queue";

/** A resource policy that hands its args to `seen` and reports what `report` returns. */
function spy(name: string, seen: ResourceValidationArgs[], more: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy {
    return {
        name,
        description: `${name} description.`,
        validateResource: (args) => {
            seen.push(args);
        },
        ...more,
    };
}

const reporting = (name: string, more: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy => ({
    name,
    description: `${name} description.`,
    validateResource: (_args, report) => report("found"),
    ...more,
});

/** A mandatory rule: ECR repositories keep immutable tags. */
const immutable = resourceRule({
    name: "test-immutable",
    description: "Repositories keep immutable tags.",
    enforcementLevel: "mandatory",
    severity: "high",
    control: { fsbp: "ECR.2", url: "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html" },
    types: [REPO],
    validate: (props, _args, report) => {
        if (props.imageTagMutability !== "IMMUTABLE") report(`imageTagMutability is ${JSON.stringify(props.imageTagMutability)}; set "IMMUTABLE".`);
    },
});

/** An advisory stack rule: every queue has a redrive policy. */
const redrive = stackRule({
    name: "test-redrive",
    description: "Queues have a redrive policy.",
    enforcementLevel: "advisory",
    severity: "medium",
    control: { url: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html" },
    types: [QUEUE],
    validate: (resources, _args, report) => {
        for (const q of resources.filter((r) => r.type === QUEUE)) if (q.props.redrivePolicy === undefined) report("redrivePolicy is absent.", q.urn);
    },
});

const prodOnly = resourceRule({ ...immutable, name: "test-prod-only", productionOnly: true });

describe("policy runner", () => {
    describe("the args of a resource policy", () => {
        it("props are the inputs as a copy, without keys holding undefined or internal __ keys", async () => {
            const seen: ResourceValidationArgs[] = [];
            const inputs = { a: 1, b: undefined, __defaults: ["a"], nested: { c: undefined, d: [{ e: undefined, f: null }] } };
            await runPolicies([spy("p", seen)], [policyResource(REPO, "r", inputs)]);
            assert.deepStrictEqual(JSON.parse(JSON.stringify(seen[0].props)), { a: 1, nested: { d: [{ f: null }] } });
            (seen[0].props as any).a = 2;
            assert.equal(inputs.a, 1);
        });

        it("opts carry protect, ignoreChanges, aliases, zero customTimeouts and no retainOnDelete", async () => {
            const seen: ResourceValidationArgs[] = [];
            const { registry } = await build(
                () => new aws.ecr.Repository("repo", {}, { protect: true, retainOnDelete: true, ignoreChanges: ["tags"], aliases: [{ name: "old" }] }),
            );
            await runPolicies([spy("p", seen)], registry.all());
            assert.deepStrictEqual(seen[0].opts, {
                protect: true,
                ignoreChanges: ["tags"],
                aliases: ["urn:pulumi:test::aws-platform::aws:ecr/repository:Repository::old"],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [],
            });
        });

        it("opts.deleteBeforeReplace is present only when the program set it", async () => {
            const seen: ResourceValidationArgs[] = [];
            const { registry } = await build(() => {
                new aws.ecr.Repository("set", {}, { deleteBeforeReplace: true });
                new aws.ecr.Repository("unset", {});
            });
            await runPolicies([spy("p", seen)], registry.all());
            assert.deepStrictEqual(
                seen.map((a) => [a.name, a.opts.deleteBeforeReplace]),
                [
                    ["set", true],
                    ["unset", undefined],
                ],
            );
            assert.equal("deleteBeforeReplace" in seen[1].opts, false);
        });

        it("an explicit provider is passed with its inputs; a resource on the default provider gets none", async () => {
            const seen: ResourceValidationArgs[] = [];
            const { registry } = await build(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                new aws.ecr.Repository("explicit", {}, { provider: east });
                new aws.ecr.Repository("default", {});
            });
            await runPolicies([spy("p", seen)], registry.all());
            const explicit = seen.find((a) => a.name === "explicit")!;
            assert.equal(explicit.provider?.type, "pulumi:providers:aws");
            assert.equal(explicit.provider?.name, "east");
            assert.equal(explicit.provider?.props.region, "us-east-1");
            assert.equal("provider" in seen.find((a) => a.name === "default")!, false);
        });

        it("isType and asType compare the @pulumi/aws class's type token", async () => {
            const seen: ResourceValidationArgs[] = [];
            await runPolicies([spy("p", seen)], [policyResource(REPO, "r", { name: "x" })]);
            assert.equal(seen[0].isType(aws.ecr.Repository), true);
            assert.equal(seen[0].isType(aws.sqs.Queue), false);
            assert.equal(seen[0].asType(aws.ecr.Repository)?.name, "x");
            assert.equal(seen[0].asType(aws.sqs.Queue), undefined);
        });
    });

    describe("enforcement levels", () => {
        const levelFor = async (policy: Partial<ResourceValidationPolicy>, options: Parameters<typeof runPolicies>[2] = {}) => {
            const result = await runPolicies([reporting("p", policy)], [policyResource(REPO, "r", {})], options);
            return { policy: result.policies[0].level, violations: result.violations.map((v) => v.level) };
        };

        it("the pack config's string level wins over the policy's", async () => {
            assert.deepStrictEqual(await levelFor({ enforcementLevel: "advisory" }, { config: { p: "mandatory" } }), {
                policy: "mandatory",
                violations: ["mandatory"],
            });
        });

        it("the pack config's object level wins over the policy's, and its other keys reach getConfig", async () => {
            let config: any;
            const policy: ResourceValidationPolicy = {
                name: "p",
                description: "d",
                enforcementLevel: "mandatory",
                configSchema: { properties: { limit: { type: "number", default: 3 }, other: { type: "string", default: "x" } } },
                validateResource: (args, report) => {
                    config = args.getConfig();
                    report("found");
                },
            };
            const result = await runPolicies([policy], [policyResource(REPO, "r", {})], { config: { p: { enforcementLevel: "advisory", limit: 5 } } });
            assert.equal(result.violations[0].level, "advisory");
            assert.deepStrictEqual(config, { limit: 5, other: "x" });
        });

        it("a policy without a level takes the pack's, and advisory without either", async () => {
            assert.deepStrictEqual((await levelFor({}, { enforcementLevel: "mandatory" })).violations, ["mandatory"]);
            assert.deepStrictEqual((await levelFor({})).violations, ["advisory"]);
        });

        it("a disabled policy is never called", async () => {
            let called = false;
            const result = await runPolicies(
                [
                    {
                        name: "p",
                        description: "d",
                        validateResource: () => {
                            called = true;
                        },
                    },
                ],
                [policyResource(REPO, "r", {})],
                {
                    config: { p: "disabled" },
                },
            );
            assert.equal(called, false);
            assert.deepStrictEqual([result.policies[0].level, result.policies[0].evaluated, result.violations], ["disabled", 0, []]);
        });

        it("remediate reports as mandatory, as the server downgrades it", async () => {
            assert.deepStrictEqual(await levelFor({ enforcementLevel: "remediate" }), { policy: "mandatory", violations: ["mandatory"] });
        });
    });

    describe("outcomes of a validation", () => {
        it("notApplicable keeps the violations reported before it and records the reason", async () => {
            const policy: ResourceValidationPolicy = {
                name: "p",
                description: "d",
                validateResource: (args, report) => {
                    report("first");
                    args.notApplicable("not for this one");
                },
            };
            const result = await runPolicies([policy], [policyResource(REPO, "r", {})]);
            assert.deepStrictEqual(
                result.violations.map((v) => v.message),
                ["d\nfirst"],
            );
            assert.deepStrictEqual(result.notApplicable, [
                { policy: "p", urn: "urn:pulumi:dev::aws-platform::aws:ecr/repository:Repository::r", reason: "not for this one" },
            ]);
            assert.equal(result.policies[0].evaluated, 0);
        });

        it("reading a value unknown during preview is listed in unknowns, not as a violation", async () => {
            const result = await runPolicies(
                [reporting("p", { enforcementLevel: "mandatory", validateResource: (args, report) => (args.props.name === "x" ? undefined : report("bad")) })],
                [policyResource(REPO, "r", { name: UNKNOWN })],
            );
            assert.deepStrictEqual(result.violations, []);
            assert.equal(result.unknowns.length, 1);
            assert.match(result.unknowns[0].message, /^can't run policy 'p' from policy pack 'aws-platform' during preview: .*name/);
        });

        it("any other throw fails the run, naming the policy and the resource", async () => {
            const policy: ResourceValidationPolicy = {
                name: "p",
                description: "d",
                validateResource: () => {
                    throw new TypeError("boom");
                },
            };
            await assert.rejects(runPolicies([policy], [policyResource(REPO, "r", {})]), /policy "p" failed on urn:.*::r: boom/);
        });

        it("a validation stamped with a type token skips other types without being called", async () => {
            const seen: ResourceValidationArgs[] = [];
            const validate = Object.assign((args: ResourceValidationArgs) => void seen.push(args), { __pulumiType: QUEUE });
            const result = await runPolicies(
                [{ name: "p", description: "d", validateResource: validate }],
                [policyResource(REPO, "r", {}), policyResource(QUEUE, "q", {})],
            );
            assert.deepStrictEqual(
                seen.map((a) => a.name),
                ["q"],
            );
            assert.equal(result.notApplicable[0].reason, `Policy only applies to resources of type '${QUEUE}'`);
            assert.equal(result.resourcesChecked, 1);
        });

        it("the object form of reportViolation may name another policy and level", async () => {
            const policy: ResourceValidationPolicy = {
                name: "p",
                description: "d",
                enforcementLevel: "advisory",
                validateResource: (_args, report) => (report as any)({ name: "q", message: "custom", enforcementLevel: "mandatory" }),
            };
            const result = await runPolicies([policy], [policyResource(REPO, "r", {})]);
            assert.deepStrictEqual(
                result.violations.map((v) => [v.policy, v.level, v.message]),
                [["q", "mandatory", "custom"]],
            );
        });
    });

    describe("stack policies", () => {
        it("see outputs and id as props, parent and dependencies as the other resources, unknown URNs dropped", async () => {
            let seen: PolicyResource[] = [];
            const parent = policyResource("aws-platform:test:Parent", "parent", {});
            const dlq = policyResource(QUEUE, "dlq", {}, { outputs: { arn: "arn:aws:sqs:us-east-1:123456789012:dlq" } });
            const queue = policyResource(
                QUEUE,
                "queue",
                {},
                {
                    parent: parent.urn,
                    dependencies: [dlq.urn, "urn:pulumi:dev::aws-platform::gone::x"],
                    propertyDependencies: { redrivePolicy: [dlq.urn] },
                },
            );
            const policy: StackValidationPolicy = {
                name: "s",
                description: "d",
                validateStack: (args) => {
                    seen = args.resources;
                },
            };
            await runPolicies([policy], [parent, dlq, queue]);
            const q = seen.find((r) => r.name === "queue")!;
            assert.equal(q.parent?.name, "parent");
            assert.deepStrictEqual(
                q.dependencies.map((d) => d.name),
                ["dlq"],
            );
            assert.equal(q.propertyDependencies.redrivePolicy[0].name, "dlq");
            const d = seen.find((r) => r.name === "dlq")!;
            assert.deepStrictEqual(JSON.parse(JSON.stringify(d.props)), { id: dlq.id, arn: "arn:aws:sqs:us-east-1:123456789012:dlq" });
        });

        it("report the URN they are given, with the resource's type and name", async () => {
            const result = await checkPolicies([policyResource(QUEUE, "q", {})], { rules: [redrive] });
            assert.deepStrictEqual(
                result.violations.map((v) => [v.policy, v.level, v.type, v.name, v.message]),
                [["test-redrive", "advisory", QUEUE, "q", "Queues have a redrive policy.\nredrivePolicy is absent."]],
            );
        });

        it("are not applicable to a stack without their types", async () => {
            const result = await checkPolicies([policyResource(REPO, "r", { imageTagMutability: "IMMUTABLE" })], { rules: [redrive] });
            assert.deepStrictEqual(result.violations, []);
            assert.deepStrictEqual(
                result.notApplicable.map((n) => n.reason),
                [`no resource of type ${QUEUE}`],
            );
        });
    });

    describe("rules as policies (toPolicies, checkPolicies)", () => {
        const repo = (name: string, mutability?: string, stack = "dev") =>
            policyResource(REPO, name, mutability ? { imageTagMutability: mutability } : {}, { stack });
        const exception = (more: Partial<PolicyException> = {}): PolicyException => ({
            policy: "test-immutable",
            resource: "legacy",
            reason: "a legacy registry that re-tags latest on purpose",
            ...more,
        });

        it("a resource rule reports on its types and is not applicable to others", async () => {
            const result = await checkPolicies([repo("a"), policyResource(QUEUE, "q", {})], { rules: [immutable] });
            assert.deepStrictEqual(
                result.violations.map((v) => [v.policy, v.level, v.name]),
                [["test-immutable", "mandatory", "a"]],
            );
            assert.match(result.violations[0].message, /imageTagMutability is undefined; set "IMMUTABLE"/);
            assert.deepStrictEqual(
                result.notApplicable.map((n) => [n.urn.split("::").pop(), n.reason]),
                [["q", `applies to ${REPO}`]],
            );
            assert.equal(result.resourcesChecked, 1);
        });

        it("a rule's type filter is read, not run: other types get the reason its validateResource gives, without a call", async () => {
            const [policy] = toPolicies([immutable]) as ResourceValidationPolicy[];
            const original = policy.validateResource as ((args: ResourceValidationArgs, report: ReportViolation) => Promise<void>) & {
                [TYPE_FILTER]?: TypeFilter;
            };
            const called: string[] = [];
            const counted = Object.assign(
                (args: ResourceValidationArgs, report: ReportViolation) => {
                    called.push(args.type);
                    return original(args, report);
                },
                { [TYPE_FILTER]: original[TYPE_FILTER] },
            );
            const result = await runPolicies([{ ...policy, validateResource: counted }], [repo("a", "IMMUTABLE"), policyResource(QUEUE, "q", {})]);
            assert.deepStrictEqual(called, [REPO]);
            // Called on a queue, the function declares itself not applicable with this reason.
            let given: string | undefined;
            const notApplicable = (reason?: string): never => {
                given = reason;
                throw new Error("not applicable");
            };
            const args = { type: QUEUE, urn: "urn:pulumi:dev::aws-platform::aws:sqs/queue:Queue::q", props: {}, notApplicable };
            await assert.rejects(
                original(args as unknown as ResourceValidationArgs, () => {}),
                /not applicable/,
            );
            assert.deepStrictEqual(
                result.notApplicable.map((n) => [n.urn.split("::").pop(), n.reason]),
                [["q", given]],
            );
            assert.equal(result.policies[0].evaluated, 1);
        });

        it("an exception suppresses the finding on its resource and records it", async () => {
            const result = await checkPolicies([repo("legacy"), repo("other")], { rules: [immutable], exceptions: [exception()] });
            assert.deepStrictEqual(
                result.violations.map((v) => v.name),
                ["other"],
            );
            assert.deepStrictEqual(
                result.exceptionUses.map((u) => [u.exception.resource, u.messages.length]),
                [["legacy", 1]],
            );
            assert.deepStrictEqual(result.staleExceptions, []);
        });

        it("an exception whose resource complies, or that names no resource of the stack, is stale", async () => {
            const e = exception();
            const complies = await checkPolicies([repo("legacy", "IMMUTABLE")], { rules: [immutable], exceptions: [e] });
            assert.deepStrictEqual(complies.staleExceptions, [e]);
            assert.deepStrictEqual(
                complies.exceptionUses.map((u) => u.messages),
                [[]],
            );
            const gone = await checkPolicies([repo("other", "IMMUTABLE")], { rules: [immutable], exceptions: [e] });
            assert.deepStrictEqual(gone.staleExceptions, [e]);
        });

        it("an exception limited to stacks applies only there, and is not stale elsewhere", async () => {
            const e = exception({ stacks: ["prod"] });
            const dev = await checkPolicies([repo("legacy", undefined, "dev")], { rules: [immutable], exceptions: [e] });
            assert.deepStrictEqual([dev.violations.length, dev.staleExceptions], [1, []]);
            const prod = await checkPolicies([repo("legacy", undefined, "prod")], { rules: [immutable], exceptions: [e] });
            assert.deepStrictEqual([prod.violations.length, prod.staleExceptions], [0, []]);
        });

        it("an exception with a type applies only to that type", async () => {
            const e = exception({ type: QUEUE });
            const result = await checkPolicies([repo("legacy")], { rules: [immutable], exceptions: [e] });
            assert.equal(result.violations.length, 1);
            assert.deepStrictEqual(result.staleExceptions, [e]);
        });

        it("an exception suppresses a stack rule's finding on the URN it names", async () => {
            const e: PolicyException = { policy: "test-redrive", resource: "q", reason: "the queue is itself a dead-letter queue" };
            const result = await checkPolicies([policyResource(QUEUE, "q", {}), policyResource(QUEUE, "r", {})], { rules: [redrive], exceptions: [e] });
            assert.deepStrictEqual(
                result.violations.map((v) => v.name),
                ["r"],
            );
            assert.deepStrictEqual(
                result.exceptionUses.map((u) => [u.urn.split("::").pop(), u.messages]),
                [["q", ["redrivePolicy is absent."]]],
            );
            assert.deepStrictEqual(result.staleExceptions, []);
        });

        it("refuses exceptions naming no rule, no resource or no reason, listing every problem", () => {
            assert.throws(
                () => toPolicies([immutable], { exceptions: [exception({ policy: "nope" }), exception({ resource: "", reason: "short" })] }),
                (e: Error) => {
                    assert.match(e.message, /exceptions\[0\]\.policy: "nope" is not a rule of the pack/);
                    assert.match(e.message, /exceptions\[1\]\.reason: give the reason/);
                    assert.match(e.message, /exceptions\[1\]\.resource: name the resource/);
                    return true;
                },
            );
        });

        it("refuses two rules with the same name", () => {
            assert.throws(() => toPolicies([immutable, { ...immutable }]), /"test-immutable" is defined twice/);
        });

        it("a production-only rule is not applicable outside the production stacks", async () => {
            const dev = await checkPolicies([repo("a", undefined, "dev")], { rules: [prodOnly] });
            assert.deepStrictEqual([dev.violations.length, dev.notApplicable.map((n) => n.reason)], [0, ["applies to production stacks only"]]);
            const prod = await checkPolicies([repo("a", undefined, "prod")], { rules: [prodOnly] });
            assert.equal(prod.violations.length, 1);
            const custom = await checkPolicies([repo("a", undefined, "live")], { rules: [prodOnly], productionStacks: ["live"] });
            assert.equal(custom.violations.length, 1);
        });

        it("a production-only stack rule is not applicable outside the production stacks", async () => {
            const rule = stackRule({ ...redrive, name: "test-prod-redrive", productionOnly: true });
            const queue = (stack: string) => policyResource(QUEUE, "q", {}, { stack });
            const dev = await checkPolicies([queue("dev")], { rules: [rule] });
            assert.deepStrictEqual([dev.violations.length, dev.notApplicable.map((n) => n.reason)], [0, ["applies to production stacks only"]]);
            assert.equal((await checkPolicies([queue("prod")], { rules: [rule] })).violations.length, 1);
        });

        it("policies carry the control: severity, url, FSBP framework and tags", () => {
            const [policy] = toPolicies([{ ...immutable, control: { ...immutable.control, cdkNag: ["AwsSolutions-ECR1"] } }]);
            assert.deepStrictEqual(
                [policy.enforcementLevel, policy.severity, policy.url, policy.tags, policy.framework?.reference],
                ["mandatory", "high", immutable.control.url, ["fsbp:ECR.2", "cdk-nag:AwsSolutions-ECR1"], "ECR.2"],
            );
        });
    });

    describe("parity with @pulumi/policy's server", () => {
        // The server's Analyze/AnalyzeStack handlers (@internal exports), fed the requests the engine sends.
        const server = require("@pulumi/policy/server");
        const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
        const structPb = require(
            require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [require.resolve("@pulumi/pulumi/proto/analyzer_pb")] }),
        );
        const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

        /** What the engine marshals: no undefined values, no internal keys (SkipInternalKeys). */
        const wire = (value: any): any => JSON.parse(JSON.stringify(value, (k, v) => (k.startsWith("__") ? undefined : v)));

        function options(r: PolicyInput) {
            const o = new analyzerPb.AnalyzerResourceOptions();
            o.setProtect(r.protect);
            o.setIgnorechangesList(r.ignoreChanges);
            o.setAliasesList(r.aliases);
            if (r.deleteBeforeReplace) {
                o.setDeletebeforereplace(true);
                o.setDeletebeforereplacedefined(true);
            }
            return o;
        }

        function providerOf(r: PolicyInput, all: readonly PolicyInput[]) {
            if (!r.provider) return undefined;
            const p = all.find((x) => x.urn === r.provider!.slice(0, r.provider!.lastIndexOf("::")))!;
            const msg = new analyzerPb.AnalyzerProviderResource();
            msg.setType(p.type);
            msg.setUrn(p.urn);
            msg.setName(p.name);
            msg.setProperties(structPb.Struct.fromJavaScript(wire(p.inputs)));
            return msg;
        }

        type Diagnostic = [policy: string, level: string, urn: string, message: string];

        const call = (fn: any, request: any): Promise<any> =>
            new Promise((resolve, reject) => fn({ request }, (err: any, response: any) => (err ? reject(err) : resolve(response))));

        async function realServer(policies: readonly (ResourceValidationPolicy | StackValidationPolicy)[], resources: readonly PolicyInput[]) {
            const analyze = server.makeAnalyzeRpcFun("aws-platform", "0.1.0", "advisory", policies);
            const analyzeStack = server.makeAnalyzeStackRpcFun("aws-platform", "0.1.0", "advisory", policies);
            const found: Diagnostic[] = [];
            const notApplicable: string[] = [];
            const collect = (response: any, urn: (d: any) => string) => {
                for (const d of response.getDiagnosticsList()) found.push([d.getPolicyname(), LEVELS[d.getEnforcementlevel()], urn(d), d.getMessage()]);
                for (const n of response.getNotApplicableList()) notApplicable.push(n.getPolicyName());
            };
            for (const r of resources) {
                const req = new analyzerPb.AnalyzeRequest();
                req.setType(r.type);
                req.setUrn(r.urn);
                req.setName(r.name);
                req.setProperties(structPb.Struct.fromJavaScript(wire(r.inputs)));
                req.setOptions(options(r));
                const provider = providerOf(r, resources);
                if (provider) req.setProvider(provider);
                // The engine attributes a resource policy's diagnostic to the resource analysed.
                collect(await call(analyze, req), () => r.urn);
            }
            const stack = new analyzerPb.AnalyzeStackRequest();
            stack.setResourcesList(
                resources.map((r) => {
                    const a = new analyzerPb.AnalyzerResource();
                    a.setType(r.type);
                    a.setUrn(r.urn);
                    a.setName(r.name);
                    a.setProperties(structPb.Struct.fromJavaScript(wire({ ...(r.id !== undefined ? { id: r.id } : {}), ...r.outputs })));
                    a.setOptions(options(r));
                    if (r.parent) a.setParent(r.parent);
                    a.setDependenciesList(r.dependencies);
                    const provider = providerOf(r, resources);
                    if (provider) a.setProvider(provider);
                    return a;
                }),
            );
            collect(await call(analyzeStack, stack), (d) => d.getUrn());
            return { found: found.sort(), notApplicable: notApplicable.sort() };
        }

        async function offline(policies: readonly (ResourceValidationPolicy | StackValidationPolicy)[], resources: readonly PolicyInput[]) {
            const result = await runPolicies(policies, resources);
            return {
                found: result.violations.map((v): Diagnostic => [v.policy, v.level, v.urn, v.message]).sort(),
                notApplicable: result.notApplicable.map((n) => n.policy).sort(),
            };
        }

        /** A rule that reads the parts of the args the runner rebuilds: options, provider, parent and dependencies. */
        const probes: Rule[] = [
            resourceRule({
                ...immutable,
                name: "probe-args",
                enforcementLevel: "advisory",
                types: [REPO, QUEUE],
                validate: (props, args, report) =>
                    report(JSON.stringify({ props, opts: args.opts, provider: args.provider && { ...args.provider, props: { ...args.provider.props } } })),
            }),
            stackRule({
                ...redrive,
                name: "probe-stack",
                validate: (resources, _args, report) => {
                    for (const r of resources)
                        report(
                            JSON.stringify({
                                props: r.props,
                                opts: r.opts,
                                parent: r.parent?.urn,
                                dependencies: r.dependencies.map((d) => d.urn),
                                provider: r.provider?.urn,
                            }),
                            r.urn,
                        );
                },
            }),
        ];

        it("a built program: the same violations and not-applicables, rule by rule, from the server and the runner", async () => {
            const { registry } = await build(
                () => {
                    const east = new aws.Provider("east", { region: "us-east-1" });
                    const dlq = new aws.sqs.Queue("dlq", { messageRetentionSeconds: 1209600 });
                    new aws.sqs.Queue("jobs", { redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })) });
                    new aws.ecr.Repository("app", { imageTagMutability: "MUTABLE" }, { provider: east, protect: true, deleteBeforeReplace: true });
                    new aws.ecr.Repository(
                        "base",
                        { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } },
                        { ignoreChanges: ["tags"] },
                    );
                },
                { stack: "prod" },
            );
            const exceptions: PolicyException[] = [{ policy: "test-redrive", resource: "dlq", reason: "the dead-letter queue has no queue behind it" }];
            const policies = toPolicies([immutable, redrive, prodOnly, ...probes], { exceptions });
            const real = await realServer(policies, registry.all());
            assert.ok(real.found.length >= 10, JSON.stringify(real.found));
            assert.deepStrictEqual(await offline(policies, registry.all()), real);
        });

        it("the pack's rules over a recorded resource: the same findings from the server and the runner", async () => {
            const { RULES } = require("../../components/policies");
            const resources = [
                policyResource(REPO, "mutable", { imageTagMutability: "MUTABLE" }),
                policyResource(REPO, "scanned", { imageScanningConfiguration: { scanOnPush: true } }),
                policyResource(QUEUE, "q", { name: "q" }),
            ];
            const policies = toPolicies(RULES);
            assert.deepStrictEqual(await offline(policies, resources), await realServer(policies, resources));
        });

        it("an unknown value: the server warns it can't run during preview; the runner lists it in unknowns", async () => {
            const policies = toPolicies([immutable]);
            const resources = [policyResource(REPO, "r", { imageTagMutability: UNKNOWN })];
            const real = await realServer(policies, resources);
            assert.deepStrictEqual(
                real.found.map(([policy, level]) => [policy, level]),
                [["test-immutable", "advisory"]],
            );
            const result = await runPolicies(policies, resources, { pack: "aws-platform" });
            assert.deepStrictEqual(result.violations, []);
            assert.equal(real.found[0][3].replace("@v0.1.0", ""), result.unknowns[0].message);
        });
    });
});
