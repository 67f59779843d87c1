/** STUB (core): the compute helper's instance price table replaces this file. */
import type { Price } from "../types";

/** EC2 on-demand hourly prices by instance type. */
export const INSTANCE_PRICES: Record<string, Price> = {};
