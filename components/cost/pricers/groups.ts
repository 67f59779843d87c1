/**
 * The pricer groups, each in its own file (network, compute, serverless, edge, ops), read the same way: its
 * pricers by type and, optionally, the types of its area that cost nothing by themselves (`<GROUP>_FREE_TYPES`,
 * exported by the group's pricers file, its prices file, or both).
 */
import * as computePrices from "../prices/compute";
import * as edgePrices from "../prices/edge";
import * as networkPrices from "../prices/network";
import * as opsPrices from "../prices/ops";
import * as serverlessPrices from "../prices/serverless";
import type { PricerTable } from "../types";
import * as compute from "./compute";
import * as edge from "./edge";
import * as network from "./network";
import * as ops from "./ops";
import * as serverless from "./serverless";

export interface PricerGroup {
    name: string;
    pricers: PricerTable;
    freeTypes?: readonly string[];
}

// Typed views of each module: a group's `<GROUP>_FREE_TYPES` is optional, in either file.
type Free<K extends string> = { [key in K]?: readonly string[] };
const n: { NETWORK_PRICERS: PricerTable } & Free<"NETWORK_FREE_TYPES"> = network;
const c: { COMPUTE_PRICERS: PricerTable } & Free<"COMPUTE_FREE_TYPES"> = compute;
const s: { SERVERLESS_PRICERS: PricerTable } & Free<"SERVERLESS_FREE_TYPES"> = serverless;
const e: { EDGE_PRICERS: PricerTable } & Free<"EDGE_FREE_TYPES"> = edge;
const o: { OPS_PRICERS: PricerTable } & Free<"OPS_FREE_TYPES"> = ops;
const np: { NETWORK_PRICES: object } & Free<"NETWORK_FREE_TYPES"> = networkPrices;
const cp: { COMPUTE_PRICES: object } & Free<"COMPUTE_FREE_TYPES"> = computePrices;
const sp: { SERVERLESS_PRICES: object } & Free<"SERVERLESS_FREE_TYPES"> = serverlessPrices;
const ep: { EDGE_PRICES: object } & Free<"EDGE_FREE_TYPES"> = edgePrices;
const op: { OPS_PRICES: object } & Free<"OPS_FREE_TYPES"> = opsPrices;
const both = (a?: readonly string[], b?: readonly string[]) => [...(a ?? []), ...(b ?? [])];

export const GROUPS: readonly PricerGroup[] = [
    { name: "network", pricers: n.NETWORK_PRICERS, freeTypes: both(n.NETWORK_FREE_TYPES, np.NETWORK_FREE_TYPES) },
    { name: "compute", pricers: c.COMPUTE_PRICERS, freeTypes: both(c.COMPUTE_FREE_TYPES, cp.COMPUTE_FREE_TYPES) },
    { name: "serverless", pricers: s.SERVERLESS_PRICERS, freeTypes: both(s.SERVERLESS_FREE_TYPES, sp.SERVERLESS_FREE_TYPES) },
    { name: "edge", pricers: e.EDGE_PRICERS, freeTypes: both(e.EDGE_FREE_TYPES, ep.EDGE_FREE_TYPES) },
    { name: "ops", pricers: o.OPS_PRICERS, freeTypes: both(o.OPS_FREE_TYPES, op.OPS_FREE_TYPES) },
];

/** Every group's pricers by type. Two groups pricing one type is a mistake, refused when the module loads. */
export const PRICERS: PricerTable = mergePricers(GROUPS);

export function mergePricers(groups: readonly PricerGroup[]): PricerTable {
    const out: PricerTable = {};
    const owner: Record<string, string> = {};
    for (const g of groups)
        for (const [type, pricer] of Object.entries(g.pricers)) {
            if (Object.hasOwn(out, type)) throw new Error(`cost model: ${type} is priced by both the ${owner[type]} and the ${g.name} pricers`);
            out[type] = pricer;
            owner[type] = g.name;
        }
    return out;
}
