/**
 * "ECS or Lambda?" answered with the cost model: the request rate above which a stack's ServerlessApi (HTTP API +
 * Lambda) costs more than serving the same API from its ContainerService (an ALB + Fargate tasks), and the notes'
 * own figures re-priced today. Both sides are priced by `estimateCost` over synthetic plans built from the stack's
 * settings, so there is one pricing path: the crossover moves whenever a price or a pricer does.
 */
import { type EstimateOptions, estimateCost } from "./estimate";
import { IDLE_LOAD } from "./profile";
import { SECONDS_PER_MONTH, type LoadProfile, type PlanResource, type PricerTable, type PriceTable } from "./types";

/**
 * Requests per second one task of 0.25 vCPU serves: an assumption (a light JSON API; measure yours), scaled
 * linearly by the task's vCPU.
 */
export const REQUESTS_PER_SECOND_PER_QUARTER_VCPU = 50;
/** Tasks the service keeps whatever the load: two, in two Availability Zones, so one can fail. */
export const MIN_TASKS = 2;
/**
 * Bytes through the load balancer per request, request and response together, for its LCUs: the load profile's
 * `loadBalancers.processedGB / requestsPerMonth` when it has requests, else this assumption.
 */
export const BYTES_PER_REQUEST = 10 * 1024;
/** The compared ALB's subnets: the two Availability Zones an ALB needs at least. */
const ALB_SUBNETS = ["subnet-az-a", "subnet-az-b"];
/** The highest rate searched, requests per second. */
export const MAX_RATE = 10_000;

const SERVERLESS_API = "aws-platform:serverless:ServerlessApi";
const CONTAINER_SERVICE = "aws-platform:ecs:ContainerService";
const FUNCTION = "aws:lambda/function:Function";
const SERVICE = "aws:ecs/service:Service";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** The serverless side's settings, read from the stack's ServerlessApi (its first function). */
export interface ApiSettings {
    /** The ServerlessApi component's name. */
    name: string;
    protocol: "HTTP" | "REST";
    memoryMiB: number;
    architecture: "arm64" | "x86_64";
    averageDurationMs: number;
}

/** The container side's settings, read from the stack's ContainerService (its busiest load-balanced Fargate service). */
export interface ServiceSettings {
    /** The ContainerService component's name, and the ECS service's. */
    name: string;
    service: string;
    vcpu: number;
    memoryMiB: number;
    architecture: "arm64" | "x86_64";
    /** The service's capacity provider strategy (FARGATE / FARGATE_SPOT shares), as the stack sets it. */
    capacityProviderStrategies?: unknown;
    requestsPerSecondPerTask: number;
    minTasks: number;
}

/** Both sides priced at one rate. */
export interface CrossoverPoint {
    requestsPerSecond: number;
    requestsPerMonth: number;
    serverlessMonthly: number;
    containerMonthly: number;
    tasks: number;
}

/** A figure of the notes re-priced with today's table (list prices, before the account's free tier). */
export interface NotesFigure {
    what: string;
    requestsPerMonth: number;
    /** What the notes said, USD per month; absent for the HTTP API comparisons the notes did not make. */
    notes?: number;
    monthly: number;
}

export interface CrossoverReport {
    api?: ApiSettings;
    service?: ServiceSettings;
    /** The smallest rate at which the ServerlessApi costs more, both sides priced there; absent when there is none up to MAX_RATE req/s. */
    crossover?: CrossoverPoint;
    /** Why there is no crossover (no ServerlessApi or ContainerService in the stack, or none up to MAX_RATE). */
    reason?: string;
    /** The notes' examples: REST and HTTP API, 128 MB x86 Lambda of 100 ms, at 5M requests a month and at 100 req/s. */
    notes: NotesFigure[];
    assumptions: string[];
}

export interface CrossoverOptions {
    prices?: PriceTable;
    pricers?: PricerTable;
}

const urn = (type: string, name: string, parentType?: string) => `urn:pulumi:crossover::crossover::${parentType ? `${parentType}$` : ""}${type}::${name}`;

function synthetic(type: string, name: string, inputs: Record<string, any>, parent?: PlanResource, deps?: Record<string, string[]>): PlanResource {
    const r: PlanResource = { urn: urn(type, name, parent?.type), type, name, custom: !type.startsWith("aws-platform:"), inputs };
    if (parent) r.parent = parent.urn;
    if (deps) r.propertyDependencies = deps;
    return r;
}

/** A one-function API of a protocol, as the stack's components plan it: API, stage, integration to the function. */
function apiPlan(protocol: "HTTP" | "REST", fn: { memoryMiB: number; architecture: string }): { resources: PlanResource[]; functionName: string } {
    const component = synthetic(SERVERLESS_API, "api", {});
    const functionName = "api-handler";
    const lambda = synthetic(FUNCTION, functionName, { memorySize: fn.memoryMiB, architectures: [fn.architecture], runtime: "nodejs22.x" }, component);
    const lambdaArn = `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;
    const resources =
        protocol === "HTTP"
            ? [
                  component,
                  synthetic("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" }, component),
                  synthetic("aws:apigatewayv2/stage:Stage", "api-stage", { name: "$default" }, component),
                  synthetic(
                      "aws:apigatewayv2/integration:Integration",
                      "api-integration",
                      { integrationType: "AWS_PROXY", integrationUri: lambdaArn },
                      component,
                      {
                          integrationUri: [lambda.urn],
                      },
                  ),
                  lambda,
              ]
            : [
                  component,
                  synthetic("aws:apigateway/restApi:RestApi", "api", { endpointConfiguration: { types: "REGIONAL" } }, component),
                  synthetic("aws:apigateway/stage:Stage", "api-stage", { stageName: "v1", cacheClusterEnabled: false }, component),
                  synthetic("aws:apigateway/integration:Integration", "api-integration", { type: "AWS_PROXY", uri: lambdaArn }, component, {
                      uri: [lambda.urn],
                  }),
                  lambda,
              ];
    return { resources, functionName };
}

/** The API side's monthly list price at `requestsPerMonth`, every request invoking the function once. */
function apiMonthly(
    protocol: "HTTP" | "REST",
    fn: { memoryMiB: number; architecture: string; averageDurationMs: number },
    requestsPerMonth: number,
    options: CrossoverOptions,
): number {
    const { resources, functionName } = apiPlan(protocol, fn);
    const load: LoadProfile = {
        ...IDLE_LOAD,
        httpApi: { requestsPerMonth: protocol === "HTTP" ? requestsPerMonth : 0 },
        restApi: { requestsPerMonth: protocol === "REST" ? requestsPerMonth : 0 },
        lambda: { averageDurationMs: fn.averageDurationMs },
        functions: { [functionName]: { invocationsPerMonth: requestsPerMonth, averageDurationMs: fn.averageDurationMs } },
    };
    return estimateCost(resources, { load, ...estimateOptions(options) }).total;
}

/** The container side: one ALB and `tasks` tasks of the service's size, at `requestsPerMonth` through the ALB. */
function containerMonthly(
    service: ServiceSettings,
    taskInputs: Record<string, any>,
    serviceInputs: Record<string, any>,
    tasks: number,
    requestsPerMonth: number,
    bytesPerRequest: number,
    options: CrossoverOptions,
): number {
    const component = synthetic(CONTAINER_SERVICE, "service", {});
    // An internet-facing ALB spans at least two Availability Zones, each node with a public IPv4 address (billed
    // since February 2024): https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones
    const alb = synthetic(
        "aws:lb/loadBalancer:LoadBalancer",
        "service-alb",
        { loadBalancerType: "application", internal: false, subnets: ALB_SUBNETS },
        component,
    );
    const task = synthetic(TASK_DEFINITION, "service-task", taskInputs, component);
    const ecs = synthetic(SERVICE, service.service, { ...serviceInputs, desiredCount: tasks }, component, { taskDefinition: [task.urn] });
    const load: LoadProfile = {
        ...IDLE_LOAD,
        loadBalancers: { requestsPerMonth, processedGB: (requestsPerMonth * bytesPerRequest) / 1e9 },
    };
    return estimateCost([component, alb, task, ecs], { load, ...estimateOptions(options) }).total;
}

function estimateOptions(options: CrossoverOptions): Omit<EstimateOptions, "load"> {
    const out: Omit<EstimateOptions, "load"> = {};
    if (options.prices) out.prices = options.prices;
    if (options.pricers) out.pricers = options.pricers;
    return out;
}

const number = (v: unknown): number | undefined => {
    const n = typeof v === "string" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};
const architectureOf = (v: unknown): "arm64" | "x86_64" => {
    const a = Array.isArray(v) ? v[0] : v;
    return typeof a === "string" && /arm/i.test(a) ? "arm64" : "x86_64";
};

function isUnder(resource: PlanResource, ancestor: PlanResource, byUrn: Map<string, PlanResource>): boolean {
    for (let p = resource.parent; p !== undefined; p = byUrn.get(p)?.parent) if (p === ancestor.urn) return true;
    return false;
}

/** A function's duration in the load profile: its override (by resource or LambdaFunction name), else the average. */
function durationOf(load: LoadProfile, fn: PlanResource, byUrn: Map<string, PlanResource>): number {
    const component = fn.parent === undefined ? undefined : byUrn.get(fn.parent);
    for (const name of [fn.name, component?.name]) {
        const own = name === undefined || !Object.hasOwn(load.functions, name) ? undefined : load.functions[name].averageDurationMs;
        if (own !== undefined) return own;
    }
    return load.lambda.averageDurationMs;
}

/** The notes' examples (REST and HTTP, 128 MB x86, 100 ms) at 5M requests a month and at 100 requests per second. */
function notesFigures(options: CrossoverOptions): NotesFigure[] {
    const fn = { memoryMiB: 128, architecture: "x86_64", averageDurationMs: 100 };
    const at100 = 100 * SECONDS_PER_MONTH;
    return [
        { what: "REST API + Lambda, 5M requests/month", requestsPerMonth: 5_000_000, notes: 18.79, monthly: apiMonthly("REST", fn, 5_000_000, options) },
        { what: "REST API + Lambda, 100 req/s", requestsPerMonth: at100, notes: 974, monthly: apiMonthly("REST", fn, at100, options) },
        { what: "HTTP API + Lambda, 5M requests/month", requestsPerMonth: 5_000_000, monthly: apiMonthly("HTTP", fn, 5_000_000, options) },
        { what: "HTTP API + Lambda, 100 req/s", requestsPerMonth: at100, monthly: apiMonthly("HTTP", fn, at100, options) },
    ];
}

/**
 * The crossover of a plan's first ServerlessApi (its first function, at the function's duration in the load profile:
 * its `functions` override, else `lambda.averageDurationMs`) and first ContainerService (its busiest load-balanced
 * Fargate service):
 * the smallest steady rate r (requests per second, by bisection over 0..MAX_RATE to 0.01 req/s) at which
 * HTTP API requests + Lambda requests + GB-seconds cost more than one ALB (hours + LCUs for r) and
 * max(MIN_TASKS, ceil(r / per-task rate)) tasks of the service's size and capacity strategy. List prices, before
 * the account's free tier (an account-wide allowance, shared with everything else the account runs).
 */
export function crossover(resources: readonly PlanResource[], load: LoadProfile, options: CrossoverOptions = {}): CrossoverReport {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const lb = load.loadBalancers;
    const bytesPerRequest = lb.requestsPerMonth > 0 ? (lb.processedGB * 1e9) / lb.requestsPerMonth : BYTES_PER_REQUEST;
    const assumptions = [
        `a task of 0.25 vCPU serves ${REQUESTS_PER_SECOND_PER_QUARTER_VCPU} req/s, scaled by vCPU; at least ${MIN_TASKS} tasks`,
        `${Number((bytesPerRequest / 1000).toFixed(1))} KB through the load balancer per request (${lb.requestsPerMonth > 0 ? "the load profile's loadBalancers.processedGB / requestsPerMonth" : "no load balancer traffic in the load profile: an assumption"})`,
        `one internet-facing ALB in ${ALB_SUBNETS.length} Availability Zones (${ALB_SUBNETS.length} public IPv4 addresses)`,
        "steady traffic (no peaks), list prices before the account's free tier",
    ];
    const report: CrossoverReport = { notes: notesFigures(options), assumptions };

    const api = resources.find((r) => r.type === SERVERLESS_API);
    const apiFunction = api && resources.find((r) => r.type === FUNCTION && isUnder(r, api, byUrn));
    if (api && apiFunction) {
        report.api = {
            name: api.name,
            protocol: "HTTP",
            memoryMiB: number(apiFunction.inputs.memorySize) ?? 128,
            architecture: architectureOf(apiFunction.inputs.architectures),
            averageDurationMs: durationOf(load, apiFunction, byUrn),
        };
    }
    const container = resources.find((r) => r.type === CONTAINER_SERVICE);
    const services = container ? resources.filter((r) => r.type === SERVICE && isUnder(r, container, byUrn)) : [];
    const taskOf = (s: PlanResource) => (s.propertyDependencies?.taskDefinition ?? []).map((u) => byUrn.get(u)).find((t) => t?.type === TASK_DEFINITION);
    const fargate = (s: PlanResource) => {
        const compat = taskOf(s)?.inputs.requiresCompatibilities;
        return Array.isArray(compat) && compat.includes("FARGATE");
    };
    // The busiest load-balanced Fargate service (most tasks, the first of equals): the one serving the traffic.
    const balanced = services.filter((s) => fargate(s) && Array.isArray(s.inputs.loadBalancers) && s.inputs.loadBalancers.length > 0);
    const tasksOf = (s: PlanResource) => number(s.inputs.desiredCount) ?? 0;
    const service =
        balanced.reduce<PlanResource | undefined>((best, s) => (best === undefined || tasksOf(s) > tasksOf(best) ? s : best), undefined) ??
        services.find(fargate);
    const task = service && taskOf(service);
    if (container && service && task) {
        const vcpu = (number(task.inputs.cpu) ?? 256) / 1024;
        report.service = {
            name: container.name,
            service: service.name,
            vcpu,
            memoryMiB: number(task.inputs.memory) ?? 512,
            architecture: architectureOf(task.inputs.runtimePlatform?.cpuArchitecture),
            capacityProviderStrategies: service.inputs.capacityProviderStrategies,
            requestsPerSecondPerTask: REQUESTS_PER_SECOND_PER_QUARTER_VCPU * (vcpu / 0.25),
            minTasks: MIN_TASKS,
        };
    }
    if (!report.api || !report.service || !service || !task) {
        report.reason = !report.api ? "the stack has no ServerlessApi with a function" : "the stack has no ContainerService with a Fargate service";
        return report;
    }
    const a = report.api;
    const s = report.service;
    const at = (rps: number): CrossoverPoint => {
        const requestsPerMonth = rps * SECONDS_PER_MONTH;
        const tasks = Math.max(s.minTasks, Math.ceil(rps / s.requestsPerSecondPerTask));
        return {
            requestsPerSecond: rps,
            requestsPerMonth,
            serverlessMonthly: apiMonthly("HTTP", a, requestsPerMonth, options),
            containerMonthly: containerMonthly(s, task.inputs, service.inputs, tasks, requestsPerMonth, bytesPerRequest, options),
            tasks,
        };
    };
    const dearer = (p: CrossoverPoint) => p.serverlessMonthly > p.containerMonthly;
    let hi = at(MAX_RATE);
    if (!dearer(hi)) {
        report.reason = `the ServerlessApi costs no more than the ContainerService up to ${MAX_RATE.toLocaleString("en-US")} req/s`;
        return report;
    }
    let lo = 0;
    while (hi.requestsPerSecond - lo > 0.01) {
        const mid = at((lo + hi.requestsPerSecond) / 2);
        if (dearer(mid)) hi = mid;
        else lo = mid.requestsPerSecond;
    }
    report.crossover = hi;
    return report;
}
