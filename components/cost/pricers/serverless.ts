/** STUB (core): the serverless helper's pricers replace this file. */
import type { PricerTable } from "../types";

export const SERVERLESS_PRICERS: PricerTable = {};
/** Resource types of this area that cost nothing by themselves. */
export const SERVERLESS_FREE_TYPES: string[] = [];
