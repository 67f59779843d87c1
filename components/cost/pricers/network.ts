/** STUB (core): the network helper's pricers replace this file. */
import type { PricerTable } from "../types";

export const NETWORK_PRICERS: PricerTable = {};
/** Resource types of this area that cost nothing by themselves. */
export const NETWORK_FREE_TYPES: string[] = [];
