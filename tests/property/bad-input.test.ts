/**
 * Generated bad input, for every component and the stack config parser: starting from valid examples,
 * each case breaks the args (tests/property/mutate.ts) and asserts that the program either fails with
 * an ArgsError (ConfigError for the parser) before registering anything, or builds completely —
 * never another exception, an unhandled rejection, a slow case or a half-registered program.
 *
 * The seed is fixed (printed; override with BAD_INPUT_SEED) and the run count kept small for CI
 * (BAD_INPUT_RUNS raises it: `BAD_INPUT_RUNS=7000 npx mocha ... tests/property/bad-input.test.ts`).
 * A synchronous hang cannot be interrupted from the same thread: the checkers are bounded by
 * construction (depth 32, 10,000 items, cycle detection), and each case must finish within
 * CASE_MS, settling included.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { ContainerService } from "../../components/container-service";
import { AlarmTopic } from "../../components/alarm-topic";
import { Network } from "../../components/network";
import { Table } from "../../components/table";
import { ArgsError } from "../../components/shared/errors";
import { Registry, build, installMocks, settle } from "../../components/testing";
import { ConfigError, parseConfig } from "../../stacks/config";
import { PRESETS } from "../../stacks/presets";
import { EksCluster } from "../../components/eks-cluster";
import { FargateProfile, ManagedNodeGroup, SelfManagedNodeGroup } from "../../components/eks-node-groups";
import {
    ALARM_TOPIC_EXAMPLES,
    CONTAINER_SERVICE_EXAMPLES,
    EKS_CLUSTER_EXAMPLES,
    FARGATE_PROFILE_EXAMPLES,
    MANAGED_NODE_GROUP_EXAMPLES,
    NETWORK_EXAMPLES,
    SELF_MANAGED_NODE_GROUP_EXAMPLES,
    TABLE_EXAMPLES,
} from "./examples";
import { Mutation, apply, componentNames, mutations } from "./mutate";

const SEED = Number(process.env.BAD_INPUT_SEED ?? 20261125);
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 250);
const CASE_MS = 60_000;
/** The EKS components build more per case (a cluster with nodes, add-ons and classes): fewer runs each. */
const EKS_RUNS = Math.max(1, Math.round(RUNS / 5));

/** A deep copy that keeps Outputs/Promises and functions as they are. */
function copy<T>(v: T): T {
    if (Array.isArray(v)) return v.map(copy) as T;
    if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype)
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) as T;
    return v;
}

type Outcome = "refused" | "built" | "crashed";

/** BAD_INPUT_SURVEY=1: count failures by kind instead of stopping at the first (to measure a code base, not to gate it). */
const SURVEY = process.env.BAD_INPUT_SURVEY === "1";
const crashes = new Map<string, number>();
const counts: Record<string, Record<Outcome, number>> = {};
const tally = (target: string, o: Outcome) => {
    counts[target] ??= { refused: 0, built: 0, crashed: 0 };
    counts[target][o]++;
};
const crashed = (target: string, e: unknown): Outcome => {
    if (!SURVEY) throw e;
    const kind = `${target}: ${String((e as Error)?.message ?? e)
        .split("\n")[0]
        .slice(0, 160)}`;
    crashes.set(kind, (crashes.get(kind) ?? 0) + 1);
    return "crashed";
};

/** Runs one program under fresh mocks and classifies it; throws on anything but the two allowed outcomes. */
async function outcome(target: string, program: () => unknown): Promise<Outcome> {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on("unhandledRejection", onRejection);
    const warn = console.warn;
    console.warn = () => {};
    const started = Date.now();
    try {
        const monitor = installMocks();
        let error: unknown;
        try {
            program();
        } catch (e) {
            error = e;
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
            settle(),
            new Promise((_r, reject) => {
                timer = setTimeout(() => reject(new Error(`did not settle within ${CASE_MS} ms`)), CASE_MS);
            }),
        ]);
        clearTimeout(timer);
        // Let late rejections surface.
        await new Promise((r) => setImmediate(r));
        const registry = new Registry(monitor);
        if (rejections.length) throw new Error(`unhandled rejection: ${String((rejections[0] as Error)?.stack ?? rejections[0])}`);
        if (Date.now() - started > CASE_MS) throw new Error(`took ${Date.now() - started} ms`);
        if (error !== undefined) {
            if (!(error instanceof ArgsError)) throw new Error(`not an ArgsError: ${String((error as Error)?.stack ?? error)}`);
            assert.equal(registry.size, 0, `an ArgsError after ${registry.size} registrations: ${registry.inventory().join(", ")}`);
            return "refused";
        }
        return "built";
    } catch (e) {
        return crashed(target, e);
    } finally {
        console.warn = warn;
        process.off("unhandledRejection", onRejection);
    }
}

describe(`generated bad input (seed ${SEED}, ${RUNS} runs per target)`, function () {
    this.timeout(600_000);

    before(() => console.log(`      bad-input seed: ${SEED} (BAD_INPUT_SEED), runs per target: ${RUNS} (BAD_INPUT_RUNS)`));
    after(() => {
        const total = Object.values(counts).reduce((n, c) => n + c.refused + c.built + c.crashed, 0);
        const per = Object.entries(counts).map(([t, c]) => `${t}: ${c.refused} refused, ${c.built} built${SURVEY ? `, ${c.crashed} crashed` : ""}`);
        console.log(`      bad-input cases tried: ${total} — ${per.join("; ")}`);
        for (const [kind, n] of [...crashes].sort((a, b) => b[1] - a[1])) console.log(`      ${n} × ${kind}`);
    });

    it("a malformed Network is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = copy(NETWORK_EXAMPLES[example % NETWORK_EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                tally("Network", await outcome("Network", () => new Network(name as string, args as any)));
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });

    it("a malformed AlarmTopic is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = copy(ALARM_TOPIC_EXAMPLES[example % ALARM_TOPIC_EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                tally("AlarmTopic", await outcome("AlarmTopic", () => new AlarmTopic(name as string, args as any)));
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });

    it("every Table example builds (so the cases start from valid args)", async () => {
        for (const example of TABLE_EXAMPLES) await build(() => new Table("example", example()));
    });

    it("a malformed Table is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = TABLE_EXAMPLES[example % TABLE_EXAMPLES.length]();
                for (const m of ms) args = apply(args, m);
                tally("Table", await outcome("Table", () => new Table(name as string, args as any)));
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });

    it("a malformed ContainerService is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = CONTAINER_SERVICE_EXAMPLES[example % CONTAINER_SERVICE_EXAMPLES.length]();
                for (const m of ms) args = apply(args, m);
                tally("ContainerService", await outcome("ContainerService", () => new ContainerService(name as string, args as any)));
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });

    const eksTargets: Array<[string, Array<() => unknown>, (name: string, args: any) => unknown]> = [
        ["EksCluster", EKS_CLUSTER_EXAMPLES, (n, a) => new EksCluster(n, a)],
        ["ManagedNodeGroup", MANAGED_NODE_GROUP_EXAMPLES, (n, a) => new ManagedNodeGroup(n, a)],
        ["SelfManagedNodeGroup", SELF_MANAGED_NODE_GROUP_EXAMPLES, (n, a) => new SelfManagedNodeGroup(n, a)],
        ["FargateProfile", FARGATE_PROFILE_EXAMPLES, (n, a) => new FargateProfile(n, a)],
    ];
    for (const [target, examples, construct] of eksTargets) {
        it(`every ${target} example builds (so the cases start from valid args)`, async () => {
            for (const example of examples) await build(() => construct("example", example()));
        });
        it(`a malformed ${target} is refused with an ArgsError before any resource, or builds`, async () => {
            await fc.assert(
                fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                    let args: unknown = examples[example % examples.length]();
                    for (const m of ms) args = apply(args, m);
                    tally(target, await outcome(target, () => construct(name as string, args)));
                }),
                { seed: SEED, numRuns: EKS_RUNS },
            );
        });
    }

    it("malformed stack settings are refused with a ConfigError, or parse", () => {
        const raw = (value: unknown) => {
            try {
                return JSON.stringify(value) ?? String(value);
            } catch {
                return "{ not json";
            }
        };
        fc.assert(
            fc.property(
                fc.constantFrom("dev", "prod", "qa"),
                fc.constantFrom("network", "containers", "kubernetes", "preset", "netwrok"),
                mutations(),
                (stack, key, ms) => {
                    let value: unknown = key === "preset" ? "dev" : copy((PRESETS.dev as any)[key] ?? {});
                    for (const m of ms) value = apply(value, m);
                    try {
                        parseConfig(stack, { [`aws-platform:${key}`]: typeof value === "string" ? value : raw(value) });
                        tally("config", "built");
                    } catch (e) {
                        tally("config", e instanceof ConfigError ? "refused" : crashed("config", e));
                    }
                },
            ),
            { seed: SEED, numRuns: RUNS * 4 },
        );
    });
});
