/** STUB (core): the compute helper's price table replaces this file. */
import type { Price } from "../types";

export const COMPUTE_PRICES: Record<string, Price> = {};
/** Account-level free tier allowances by price key. */
export const COMPUTE_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
