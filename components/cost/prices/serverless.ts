/** STUB (core): the serverless helper's price table replaces this file. */
import type { Price } from "../types";

export const SERVERLESS_PRICES: Record<string, Price> = {};
/** Account-level free tier allowances by price key. */
export const SERVERLESS_FREE_TIER: Record<string, { allowance: number; note: string }> = {};
