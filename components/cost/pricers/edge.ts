/** STUB (core): the edge helper's pricers replace this file. */
import type { PricerTable } from "../types";

export const EDGE_PRICERS: PricerTable = {};
/** Resource types of this area that cost nothing by themselves. */
export const EDGE_FREE_TYPES: string[] = [];
