/**
 * The pricer groups, each in its own file (network, compute, serverless, edge, ops), read the same way: its
 * pricers by type and, optionally, the types of its area that cost nothing by themselves.
 */
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

// Typed views of each module: a group's `<GROUP>_FREE_TYPES` is optional.
const n: { NETWORK_PRICERS: PricerTable; NETWORK_FREE_TYPES?: readonly string[] } = network;
const c: { COMPUTE_PRICERS: PricerTable; COMPUTE_FREE_TYPES?: readonly string[] } = compute;
const s: { SERVERLESS_PRICERS: PricerTable; SERVERLESS_FREE_TYPES?: readonly string[] } = serverless;
const e: { EDGE_PRICERS: PricerTable; EDGE_FREE_TYPES?: readonly string[] } = edge;
const o: { OPS_PRICERS: PricerTable; OPS_FREE_TYPES?: readonly string[] } = ops;

export const GROUPS: readonly PricerGroup[] = [
    { name: "network", pricers: n.NETWORK_PRICERS, freeTypes: n.NETWORK_FREE_TYPES },
    { name: "compute", pricers: c.COMPUTE_PRICERS, freeTypes: c.COMPUTE_FREE_TYPES },
    { name: "serverless", pricers: s.SERVERLESS_PRICERS, freeTypes: s.SERVERLESS_FREE_TYPES },
    { name: "edge", pricers: e.EDGE_PRICERS, freeTypes: e.EDGE_FREE_TYPES },
    { name: "ops", pricers: o.OPS_PRICERS, freeTypes: o.OPS_FREE_TYPES },
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
