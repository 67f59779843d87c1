/**
 * The crossover (components/cost/crossover.ts) on the tests' prices and pricers (fixtures.ts): hand-computed
 * rates, and the notes' figures re-priced.
 */
import * as assert from "node:assert";
import { MIN_TASKS, SECONDS_PER_MONTH, crossover, resolveLoad } from "../../components/cost";
import { STACK, TEST_PRICERS, resource, testPrices } from "./fixtures";

const options = { prices: testPrices(), pricers: TEST_PRICERS };
const api = resource("aws-platform:serverless:ServerlessApi", "items", {}, STACK);
const fnComponent = resource("aws-platform:serverless:LambdaFunction", "items-items", {}, api);
const fn = resource("aws:lambda/function:Function", "items-items-function", { memorySize: 256, architectures: ["arm64"] }, fnComponent);
const service = resource("aws-platform:ecs:ContainerService", "saas", {}, STACK);
const task = resource(
    "aws:ecs/taskDefinition:TaskDefinition",
    "saas-web-task",
    { cpu: "256", memory: "512", requiresCompatibilities: ["FARGATE"], runtimePlatform: { cpuArchitecture: "X86_64" } },
    service,
);
const web = {
    ...resource("aws:ecs/service:Service", "saas-web", { desiredCount: 3, loadBalancers: [{ containerName: "web", containerPort: 80 }] }, service),
    propertyDependencies: { taskDefinition: [task.urn] },
};
const load = resolveLoad({ lambda: { averageDurationMs: 100 } });

describe("cost crossover: ServerlessApi against ContainerService", () => {
    it("finds the rate where HTTP API + Lambda cost more than an ALB and two 0.25 vCPU Fargate tasks", () => {
        const report = crossover([STACK, api, fnComponent, fn, service, task, web], load, options);
        // Per request/s for a month: HTTP API $1.00/M + Lambda $0.20/M + 0.1 s × 0.25 GB × $0.0000133334 (arm64).
        const serverlessPerRps = SECONDS_PER_MONTH * (1.0 / 1e6 + 0.2 / 1e6 + 0.1 * 0.25 * 0.0000133334);
        // ALB: 730 h × $0.0225, and r / 25 LCUs × 730 h × $0.008; 2 tasks × 730 h × (0.25 vCPU × $0.04048 + 0.5 GB × $0.004445).
        const containerFixed = 730 * 0.0225 + MIN_TASKS * 730 * (0.25 * 0.04048 + 0.5 * 0.004445);
        const lcuPerRps = (730 * 0.008) / 25;
        const expected = containerFixed / (serverlessPerRps - lcuPerRps); // ≈ 9.07 req/s, below one task's 50: 2 tasks
        const point = report.crossover!;
        assert.ok(Math.abs(point.requestsPerSecond - expected) <= 0.01, `${point.requestsPerSecond} vs ${expected}`);
        assert.equal(point.tasks, 2);
        assert.ok(point.serverlessMonthly > point.containerMonthly);
        assert.equal(point.requestsPerMonth, point.requestsPerSecond * SECONDS_PER_MONTH);
        assert.deepStrictEqual(
            [report.api, { ...report.service, capacityProviderStrategies: undefined }],
            [
                { name: "items", protocol: "HTTP", memoryMiB: 256, architecture: "arm64", averageDurationMs: 100 },
                {
                    name: "saas",
                    service: "saas-web",
                    vcpu: 0.25,
                    memoryMiB: 512,
                    architecture: "x86_64",
                    capacityProviderStrategies: undefined,
                    requestsPerSecondPerTask: 50,
                    minTasks: 2,
                },
            ],
        );
    });

    it("prices the compared ALB as the repository's pricers do, with the public IPv4 addresses of its two Availability Zones", () => {
        const report = crossover([STACK, api, fnComponent, fn, service, task, web], load);
        const point = report.crossover!;
        const r = point.requestsPerSecond;
        // ALB hours, 2 addresses × 730 h × $0.005, r / 25 LCUs (new connections: above 10 KB per request's bytes) × 730 h × $0.008, and 2 tasks.
        const expected = 730 * 0.0225 + 2 * 730 * 0.005 + (r / 25) * 730 * 0.008 + 2 * 730 * (0.25 * 0.04048 + 0.5 * 0.004445);
        assert.ok(Math.abs(point.containerMonthly - expected) < 1e-6, `${point.containerMonthly} vs ${expected}`);
        assert.ok(report.assumptions.some((a) => a.includes("2 public IPv4 addresses")));
    });

    it("compares with the ContainerService's busiest load-balanced Fargate service", () => {
        const worker = { ...resource("aws:ecs/service:Service", "saas-worker", { desiredCount: 9 }, service), propertyDependencies: web.propertyDependencies };
        const legacy = { ...web, urn: `${web.urn}-legacy`, name: "saas-legacy", inputs: { ...web.inputs, desiredCount: 2 } };
        const report = crossover([STACK, api, fnComponent, fn, service, task, worker, legacy, web], load, options);
        assert.equal(report.service?.service, "saas-web");
    });

    it("takes the API function's own duration from the load profile's functions override", () => {
        const report = crossover(
            [STACK, api, fnComponent, fn, service, task, web],
            resolveLoad({ lambda: { averageDurationMs: 100 }, functions: { "items-items": { averageDurationMs: 40 } } }),
            options,
        );
        assert.equal(report.api?.averageDurationMs, 40);
    });

    it("scales the per-task rate by vCPU: a 1 vCPU task serves 200 req/s", () => {
        const big = { ...task, inputs: { ...task.inputs, cpu: "1024", memory: "2048" } };
        const report = crossover([STACK, api, fnComponent, fn, service, big, web], load, options);
        assert.equal(report.service?.requestsPerSecondPerTask, 200);
    });

    it("re-prices the notes' figures: REST 5M requests at 128 MB and 100 ms", () => {
        const report = crossover([STACK], load, options);
        const rest5m = report.notes.find((n) => n.what === "REST API + Lambda, 5M requests/month")!;
        // 5 × $3.50 + 5 × $0.20 + 5M × 0.1 s × 0.125 GB × $0.0000166667 (x86).
        assert.ok(Math.abs(rest5m.monthly - (5 * 3.5 + 5 * 0.2 + 5e6 * 0.1 * 0.125 * 0.0000166667)) < 1e-6);
        assert.equal(rest5m.notes, 18.79);
        const http100 = report.notes.find((n) => n.what === "HTTP API + Lambda, 100 req/s")!;
        const r = 100 * SECONDS_PER_MONTH;
        assert.ok(Math.abs(http100.monthly - ((r / 1e6) * 1.0 + (r / 1e6) * 0.2 + r * 0.1 * 0.125 * 0.0000166667)) < 1e-6);
    });

    it("reports why there is no crossover in a stack without a ContainerService", () => {
        const report = crossover([STACK, api, fnComponent, fn], load, options);
        assert.equal(report.crossover, undefined);
        assert.equal(report.reason, "the stack has no ContainerService with a Fargate service");
    });

    it("reports no crossover when the API never costs more up to the highest rate searched", () => {
        const free = { ...options, pricers: { ...TEST_PRICERS, "aws:apigatewayv2/api:Api": () => [], "aws:lambda/function:Function": () => [] } };
        const report = crossover([STACK, api, fnComponent, fn, service, task, web], load, free);
        assert.equal(report.crossover, undefined);
        assert.match(report.reason ?? "", /costs no more than the ContainerService up to 10,000 req\/s/);
    });
});
