/**
 * A small price table and pricers of the tests' own, so that the estimator and the crossover are checked on
 * hand-computed numbers whatever the repository's pricers do. Prices are us-east-1 list prices of 2025 (the
 * tests need fixed numbers, not current ones).
 */
import { HOURS_PER_MONTH, type PlanResource, type Price, type PricerTable, type PricingContext, priceTable } from "../../components/cost";

const page = (service: string) => `https://aws.amazon.com/${service}/pricing/`;

export const TEST_PRICES: Record<string, Price> = {
    "nat.hour": { usd: 0.045, unit: "hour", source: page("vpc") },
    "nat.gb": { usd: 0.045, unit: "GB", source: page("vpc") },
    "lambda.requests": { usd: 0.2, unit: "1M requests", source: page("lambda") },
    "lambda.gbSecond.x86_64": { usd: 0.0000166667, unit: "GB-second", source: page("lambda") },
    "lambda.gbSecond.arm64": { usd: 0.0000133334, unit: "GB-second", source: page("lambda") },
    "apigw.http.requests": { usd: 1.0, unit: "1M requests", source: page("api-gateway") },
    "apigw.rest.requests": { usd: 3.5, unit: "1M requests", source: page("api-gateway") },
    "elb.alb.hour": { usd: 0.0225, unit: "hour", source: page("elasticloadbalancing") },
    "elb.alb.lcuHour": { usd: 0.008, unit: "LCU-hour", source: page("elasticloadbalancing") },
    "fargate.vcpuHour.x86_64": { usd: 0.04048, unit: "vCPU-hour", source: page("fargate") },
    "fargate.gbHour.x86_64": { usd: 0.004445, unit: "GB-hour", source: page("fargate") },
};

/** The tests' table: only TEST_PRICES (no repository price leaks in). */
export const testPrices = () => priceTable({ base: { prices: TEST_PRICES, instances: {} } });

/** A line in the price's own unit (requests priced per 1M are counted in millions). */
function line(ctx: PricingContext, item: string, price: string, quantity: number, usage: boolean) {
    const p = ctx.prices.get(price);
    return { item, price, quantity, unit: p.unit, unitPrice: p.usd, monthly: quantity * p.usd, usage };
}

const MILLION = 1_000_000;

/** Pricers shaped like the repository's: paid-unused lines (usage false) and load lines (usage true). */
export const TEST_PRICERS: PricerTable = {
    "aws:ec2/natGateway:NatGateway": (_r, ctx) => {
        const nats = ctx.plan.ofType("aws:ec2/natGateway:NatGateway").length;
        return [
            line(ctx, "NAT gateway hours", "nat.hour", HOURS_PER_MONTH, false),
            line(ctx, "NAT data processed", "nat.gb", ctx.load.nat.processedGB / nats, true),
        ];
    },
    "aws:lambda/function:Function": (r, ctx) => {
        const own = ctx.load.functions[r.name] ?? {};
        const invocations = own.invocationsPerMonth ?? 0;
        const ms = own.averageDurationMs ?? ctx.load.lambda.averageDurationMs;
        const arch = r.inputs.architectures?.[0] === "arm64" ? "arm64" : "x86_64";
        const gbSeconds = invocations * (ms / 1000) * (r.inputs.memorySize / 1024);
        return [
            line(ctx, "Lambda requests", "lambda.requests", invocations / MILLION, true),
            line(ctx, `Lambda GB-seconds (${arch})`, `lambda.gbSecond.${arch}`, gbSeconds, true),
        ];
    },
    "aws:apigatewayv2/api:Api": (_r, ctx) => {
        const apis = ctx.plan.ofType("aws:apigatewayv2/api:Api").length;
        return [line(ctx, "HTTP API requests", "apigw.http.requests", ctx.load.httpApi.requestsPerMonth / apis / MILLION, true)];
    },
    "aws:apigateway/restApi:RestApi": (_r, ctx) => [line(ctx, "REST API requests", "apigw.rest.requests", ctx.load.restApi.requestsPerMonth / MILLION, true)],
    "aws:lb/loadBalancer:LoadBalancer": (_r, ctx) => {
        const lbs = ctx.plan.ofType("aws:lb/loadBalancer:LoadBalancer").length;
        // One new connection per request, 25 new connections a second per LCU (the dimension that dominates here).
        const lcus = ctx.load.loadBalancers.requestsPerMonth / lbs / (HOURS_PER_MONTH * 3600) / 25;
        return [line(ctx, "ALB hours", "elb.alb.hour", HOURS_PER_MONTH, false), line(ctx, "ALB LCU-hours", "elb.alb.lcuHour", lcus * HOURS_PER_MONTH, true)];
    },
    "aws:ecs/service:Service": (r, ctx) => {
        const task = ctx.plan.referenced(r, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition")[0];
        const hours = r.inputs.desiredCount * HOURS_PER_MONTH;
        return [
            line(ctx, "Fargate vCPU-hours", "fargate.vcpuHour.x86_64", (hours * Number(task.inputs.cpu)) / 1024, false),
            line(ctx, "Fargate GB-hours", "fargate.gbHour.x86_64", (hours * Number(task.inputs.memory)) / 1024, false),
        ];
    },
};

/** A resource of a test plan under `parent` (a URN), or at the top of stack "test". */
export function resource(type: string, name: string, inputs: Record<string, any> = {}, parent?: PlanResource): PlanResource {
    const custom = !type.startsWith("aws-platform:") && type !== "pulumi:pulumi:Stack";
    const parentType = parent && parent.type !== "pulumi:pulumi:Stack" ? `${parent.urn.split("::")[2]}$` : "";
    const r: PlanResource = { urn: `urn:pulumi:test::proj::${parentType}${type}::${name}`, type, name, custom, inputs };
    if (parent) r.parent = parent.urn;
    return r;
}

export const STACK = resource("pulumi:pulumi:Stack", "proj-test");
