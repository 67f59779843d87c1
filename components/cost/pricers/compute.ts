/** STUB (core): the compute helper's pricers replace this file. */
import type { PricerTable } from "../types";

export const COMPUTE_PRICERS: PricerTable = {};
/** Resource types of this area that cost nothing by themselves. */
export const COMPUTE_FREE_TYPES: string[] = [];
