/**
 * Load profiles: the monthly workload a stack is priced at. `IDLE_LOAD` prices a stack nobody uses; a stack's
 * own profile comes from its preset with `aws-platform:load` written over it (stacks/config.ts).
 */
import { type Issue, Issues } from "../shared/errors";
import { type Shape, checkShape, custom, number, object, optional, record } from "../shared/shape";
import type { LoadProfile } from "./types";

/** The cost of existing: no requests, no stored data, no builds. Every usage line of a pricer is 0 with it. */
export const IDLE_LOAD: LoadProfile = Object.freeze({
    httpApi: { requestsPerMonth: 0 },
    webSocketApi: { messagesPerMonth: 0, connectionMinutesPerMonth: 0 },
    restApi: { requestsPerMonth: 0 },
    lambda: { averageDurationMs: 0 },
    cdn: { requestsPerMonth: 0, transferOutGB: 0, cacheHitRatio: 0 },
    loadBalancers: { requestsPerMonth: 0, processedGB: 0 },
    nat: { processedGB: 0 },
    dynamodb: { readRequestUnitsPerMonth: 0, writeRequestUnitsPerMonth: 0, storageGB: 0 },
    streams: { recordsPerMonth: 0, averageRecordKB: 0 },
    database: { averageAcu: 0, storageGB: 0, ioRequestsPerMonth: 0 },
    storage: { s3GB: 0, efsGB: 0, ecrGB: 0, backupGB: 0, s3PutRequestsPerMonth: 0, s3GetRequestsPerMonth: 0 },
    logs: { ingestedGB: 0, storedGB: 0 },
    builds: { buildsPerMonth: 0, averageMinutes: 0, pipelineRunsPerMonth: 0 },
    messages: { perMonth: 0 },
    kms: { requestsPerMonth: 0 },
    secrets: { apiCallsPerMonth: 0 },
    functions: {},
}) as LoadProfile;

const QUANTITY_ALLOWED = "a number of 0 or more";
/** A monthly quantity: finite and never negative (a negative request count would lower the bill). */
const QUANTITY = custom("number", QUANTITY_ALLOWED, (issues, path, v) => {
    const n = v as number;
    if (!Number.isFinite(n)) issues.add(path, n, "is not a finite number", QUANTITY_ALLOWED);
    else if (n < 0) issues.add(path, n, "is negative", QUANTITY_ALLOWED);
});
const load = { noun: "load profile key" };

/** The profile's shape (components/shared/shape.ts): every key known, every quantity ≥ 0, the cache hit ratio 0..1. */
export const LOAD_PROFILE_SHAPE: Shape = object<LoadProfile>(load)({
    httpApi: object<LoadProfile["httpApi"]>(load)({ requestsPerMonth: QUANTITY }),
    webSocketApi: object<LoadProfile["webSocketApi"]>(load)({ messagesPerMonth: QUANTITY, connectionMinutesPerMonth: QUANTITY }),
    restApi: object<LoadProfile["restApi"]>(load)({ requestsPerMonth: QUANTITY }),
    lambda: object<LoadProfile["lambda"]>(load)({ averageDurationMs: QUANTITY }),
    cdn: object<LoadProfile["cdn"]>(load)({ requestsPerMonth: QUANTITY, transferOutGB: QUANTITY, cacheHitRatio: number({ min: 0, max: 1 }) }),
    loadBalancers: object<LoadProfile["loadBalancers"]>(load)({ requestsPerMonth: QUANTITY, processedGB: QUANTITY }),
    nat: object<LoadProfile["nat"]>(load)({ processedGB: QUANTITY }),
    dynamodb: object<LoadProfile["dynamodb"]>(load)({
        readRequestUnitsPerMonth: QUANTITY,
        writeRequestUnitsPerMonth: QUANTITY,
        storageGB: QUANTITY,
    }),
    streams: object<LoadProfile["streams"]>(load)({ recordsPerMonth: QUANTITY, averageRecordKB: QUANTITY }),
    database: object<LoadProfile["database"]>(load)({ averageAcu: QUANTITY, storageGB: QUANTITY, ioRequestsPerMonth: QUANTITY }),
    storage: object<LoadProfile["storage"]>(load)({
        s3GB: QUANTITY,
        efsGB: QUANTITY,
        ecrGB: QUANTITY,
        backupGB: QUANTITY,
        s3PutRequestsPerMonth: QUANTITY,
        s3GetRequestsPerMonth: QUANTITY,
    }),
    logs: object<LoadProfile["logs"]>(load)({ ingestedGB: QUANTITY, storedGB: QUANTITY }),
    builds: object<LoadProfile["builds"]>(load)({ buildsPerMonth: QUANTITY, averageMinutes: QUANTITY, pipelineRunsPerMonth: QUANTITY }),
    messages: object<LoadProfile["messages"]>(load)({ perMonth: QUANTITY }),
    kms: object<LoadProfile["kms"]>(load)({ requestsPerMonth: QUANTITY }),
    secrets: object<LoadProfile["secrets"]>(load)({ apiCallsPerMonth: QUANTITY }),
    functions: record(object<LoadProfile["functions"][string]>(load)({ invocationsPerMonth: optional(QUANTITY), averageDurationMs: optional(QUANTITY) })),
});

/**
 * The issues of a complete profile, each naming the key (under `path`), the value and what is allowed; empty
 * when the profile is valid. Unknown keys are refused, with the nearest known key suggested.
 */
export function checkLoadProfile(value: unknown, path = "load"): Issue[] {
    const issues = new Issues();
    checkShape(issues, LOAD_PROFILE_SHAPE, value, path);
    return issues.list;
}

/** A partial profile: any key may be left out and is taken from the defaults. */
export type PartialLoadProfile = { [K in keyof LoadProfile]?: Partial<LoadProfile[K]> };

/**
 * `partial` over `defaults`, group by group (`{ cdn: { transferOutGB: 500 } }` keeps the default's other CDN
 * quantities); `functions` merge by name. Does not validate: call {@link checkLoadProfile} on the result.
 */
export function resolveLoad(partial: PartialLoadProfile | undefined, defaults: LoadProfile = IDLE_LOAD): LoadProfile {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(defaults) as (keyof LoadProfile)[]) {
        const over = partial?.[key];
        if (over === undefined) out[key] = { ...defaults[key] };
        // Anything but an object is kept as given, for checkLoadProfile to report.
        else out[key] = typeof over === "object" && over !== null && !Array.isArray(over) ? { ...defaults[key], ...over } : over;
    }
    // Keys the defaults lack are kept, so that checkLoadProfile reports them as unknown instead of losing them.
    for (const [key, value] of Object.entries(partial ?? {})) if (!Object.hasOwn(out, key)) out[key] = value;
    return out as unknown as LoadProfile;
}
