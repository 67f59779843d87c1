/** STUB (core): the network helper's price table replaces this file. */
import type { Price } from "../types";

export const NETWORK_PRICES: Record<string, Price> = {};
/** Account-level free tier allowances by price key. */
export const NETWORK_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
