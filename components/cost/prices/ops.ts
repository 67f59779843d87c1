/** STUB (core): the ops helper's price table replaces this file. */
import type { Price } from "../types";

export const OPS_PRICES: Record<string, Price> = {};
/** Account-level free tier allowances by price key. */
export const OPS_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
