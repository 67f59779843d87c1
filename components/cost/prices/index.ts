/**
 * The price table: every group's us-east-1 on-demand list prices (one file per area, each price with the AWS
 * pricing page it was read from), merged into one lookup. Re-check the numbers when `PRICES_AS_OF` is old:
 * AWS changes list prices without notice, and each `Price.source` names the page to read.
 */
import type { Price, PriceTable } from "../types";
import * as compute from "./compute";
import * as edge from "./edge";
import { INSTANCE_PRICES } from "./instances";
import * as network from "./network";
import * as ops from "./ops";
import * as serverless from "./serverless";

/** The day the table's prices were last checked against their pages. */
export const PRICES_AS_OF = "2026-11-26";
/** The Region the table prices. */
export const REGION = "us-east-1";

type Allowances = Record<string, FreeTierAllowance>;
// Typed views of each group's file: its `<GROUP>_FREE_TIER` is optional.
const n: { NETWORK_PRICES: Record<string, Price>; NETWORK_FREE_TIER?: Allowances } = network;
const c: { COMPUTE_PRICES: Record<string, Price>; COMPUTE_FREE_TIER?: Allowances } = compute;
const s: { SERVERLESS_PRICES: Record<string, Price>; SERVERLESS_FREE_TIER?: Allowances } = serverless;
const e: { EDGE_PRICES: Record<string, Price>; EDGE_FREE_TIER?: Allowances } = edge;
const o: { OPS_PRICES: Record<string, Price>; OPS_FREE_TIER?: Allowances } = ops;

/** Every group's prices by key ("nat.hour", "lambda.requests", ...). A key written by two groups is refused. */
export const PRICES: Readonly<Record<string, Price>> = mergeOnce("price", [
    n.NETWORK_PRICES,
    c.COMPUTE_PRICES,
    s.SERVERLESS_PRICES,
    e.EDGE_PRICES,
    o.OPS_PRICES,
]);

function mergeOnce<T>(what: string, records: readonly Record<string, T>[]): Record<string, T> {
    const out: Record<string, T> = {};
    for (const r of records)
        for (const [key, value] of Object.entries(r)) {
            if (Object.hasOwn(out, key)) throw new Error(`cost model: the ${what} "${key}" is written in two price files`);
            out[key] = value;
        }
    return out;
}

/**
 * An account-level free tier allowance of one price key per month, in that price's unit (for "lambda.requests",
 * priced per "1M requests", the allowance is 1): a line of that key counts its quantity in the same unit.
 */
export interface FreeTierAllowance {
    allowance: number;
    note: string;
    /**
     * Keys that share one allowance name the same pool (Lambda's 400,000 GB-seconds cover arm64 and x86 together):
     * the allowance is then counted once for the pool.
     */
    pool?: string;
}

const LAMBDA_PAGE = "https://aws.amazon.com/lambda/pricing/";
/**
 * Lambda's always-free tier, which core applies whatever the serverless group reports: 1M requests and 400,000
 * GB-seconds of compute a month per account, "x86 and Arm combined" (https://aws.amazon.com/lambda/pricing/).
 */
export const LAMBDA_FREE_TIER: Readonly<Record<string, FreeTierAllowance>> = {
    // In the price's unit, "1M requests".
    "lambda.requests": { allowance: 1, note: `Lambda free tier: 1M requests a month per account (${LAMBDA_PAGE})` },
    "lambda.gbSecond.x86_64": {
        allowance: 400_000,
        pool: "lambda.gbSecond",
        note: `Lambda free tier: 400,000 GB-seconds a month per account, x86 and Arm combined (${LAMBDA_PAGE})`,
    },
    "lambda.gbSecond.arm64": {
        allowance: 400_000,
        pool: "lambda.gbSecond",
        note: `Lambda free tier: 400,000 GB-seconds a month per account, x86 and Arm combined (${LAMBDA_PAGE})`,
    },
};

/**
 * Every free tier by price key: what each group's prices file reports, then Lambda's (core's entries win: their
 * GB-seconds are one pool across architectures, which a per-key entry would count twice).
 */
export const FREE_TIER: Readonly<Record<string, FreeTierAllowance>> = {
    ...mergeOnce("free tier of", [
        n.NETWORK_FREE_TIER ?? {},
        c.COMPUTE_FREE_TIER ?? {},
        s.SERVERLESS_FREE_TIER ?? {},
        e.EDGE_FREE_TIER ?? {},
        o.OPS_FREE_TIER ?? {},
    ]),
    ...LAMBDA_FREE_TIER,
};

/** Options of {@link priceTable}. */
export interface PriceTableOptions {
    /** Prices by key; replace the table's (a key the table lacks is added). */
    prices?: Record<string, Price>;
    /** Instance hourly prices by type; replace the table's. */
    instances?: Record<string, Price>;
    /** @default PRICES_AS_OF */
    asOf?: string;
    /** @default REGION */
    region?: string;
    /** Start from these prices instead of the repository's (tests price with a table of their own). */
    base?: { prices: Record<string, Price>; instances?: Record<string, Price> };
}

/**
 * The price table the estimator reads: the repository's prices merged with `overrides`. `get()` throws for a key
 * the table lacks: a pricer asking for a price nobody wrote down is a bug, never a silent $0.
 */
export function priceTable(overrides: PriceTableOptions = {}): PriceTable {
    const prices: Record<string, Price> = { ...(overrides.base?.prices ?? PRICES), ...overrides.prices };
    const instances: Record<string, Price> = { ...(overrides.base ? overrides.base.instances : INSTANCE_PRICES), ...overrides.instances };
    const asOf = overrides.asOf ?? PRICES_AS_OF;
    const region = overrides.region ?? REGION;
    return {
        asOf,
        region,
        get(key: string): Price {
            if (!Object.hasOwn(prices, key)) throw new Error(`cost model: the price table (${region}, as of ${asOf}) has no price "${key}"`);
            return prices[key];
        },
        instanceHour(instanceType: string): Price | undefined {
            return Object.hasOwn(instances, instanceType) ? instances[instanceType] : undefined;
        },
    };
}
