/** STUB (core): the edge helper's price table replaces this file. */
import type { Price } from "../types";

export const EDGE_PRICES: Record<string, Price> = {};
/** Account-level free tier allowances by price key. */
export const EDGE_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
