/** STUB (core): the ops helper's pricers replace this file. */
import type { PricerTable } from "../types";

export const OPS_PRICERS: PricerTable = {};
/** Resource types of this area that cost nothing by themselves. */
export const OPS_FREE_TYPES: string[] = [];
