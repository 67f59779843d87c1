/**
 * The stack's typed settings: a preset (dev or prod, as data in presets.ts) with the overrides
 * written in `Pulumi.<stack>.yaml`. Every key is validated before any resource exists; unknown
 * keys are refused, so a typo never silently falls back to a default.
 */
import * as pulumi from "@pulumi/pulumi";
import { Issue, Issues, formatIssue } from "../components/shared/errors";
import { Shape, array, boolean, checkShape, custom, int, object, oneOf, optional, string, unknownKey } from "../components/shared/shape";
import { LOG_RETENTION_DAYS } from "../components/shared/limits/logs";
import { checkScheduleExpression, checkTimeZone, checkVpcCidr } from "../components/shared/validators";
import { PRESETS, PresetName } from "./presets";

export const NAMESPACE = "aws-platform";

/** Settings of one stack. Each key is `aws-platform:<key>` in `Pulumi.<stack>.yaml`. */
export interface StackConfig {
    /** The preset the stack starts from: `dev` (small, Spot, one NAT) or `prod` (multi-AZ, protected). */
    preset: PresetName;
    network: {
        /** VPC CIDR, RFC 1918, /16 to /24. */
        cidrBlock: string;
        /** Availability zones (2–6). */
        availabilityZones: number;
        /** `single`, `one-per-az` or `none`. */
        natGateways: "single" | "one-per-az" | "none";
        /** VPC flow logs to CloudWatch Logs. */
        flowLogs: boolean;
    };
    containers: {
        /** ACM certificate ARN for HTTPS on the public ALB (optional: HTTP only without it). */
        certificateArn?: string;
        /** E-mail address subscribed to the alarm topic (optional). */
        alarmEmail?: string;
        /** Image URI per workload. */
        images: { web: string; app1: string; app2: string; worker: string; report: string };
        /** Where the web tier runs: `fargate` or `fargate-spot`. */
        capacity: "fargate" | "fargate-spot";
        /** With fargate-spot: tasks always on regular Fargate. */
        onDemandBase: number;
        /** Tasks per web service at rest, and its scaling bounds. */
        desiredCount: number;
        minCount: number;
        maxCount: number;
        /** The EC2 capacity provider (app2 runs on it in bridge mode when enabled). */
        ec2: { enabled: boolean; instanceTypes: string[]; minSize: number; maxSize: number; onDemandBase: number; onDemandPercentAboveBase: number };
        /** Days container logs are kept (a CloudWatch Logs retention value). */
        logRetentionDays: number;
        /** `protect` file systems and repositories, deletion protection on the ALB. */
        protectData: boolean;
        /** Schedule of the report job (EventBridge Scheduler expression). */
        reportSchedule: string;
        /**
         * Scheduled scaling of the web tier (web, app1, app2): from `scaleDownAt` its scaling bounds
         * are `minCount`..`maxCount`; from `scaleUpAt` they are the daytime `containers.minCount`..`maxCount`
         * again. Application Auto Scaling `cron(...)` expressions (6 fields) in `timezone`.
         */
        nightlyScaleDown: { enabled: boolean; scaleDownAt: string; scaleUpAt: string; timezone: string; minCount: number; maxCount: number };
    };
}

const IMAGE = string({ pattern: /^[a-z0-9][\w.\-/:@]+$/, allowed: "an image URI, e.g. public.ecr.aws/nginx/nginx:1.27" });
const count = (min: number) => int({ min, max: 1000 });
const setting = { noun: "setting" };

const SCHEDULE = custom("string", "a schedule expression", (issues, path, v) => void checkScheduleExpression(issues, path, v));

type Network = StackConfig["network"];
type Containers = StackConfig["containers"];

/** The settings' shapes (components/shared/shape.ts, the checker the components use), tied to StackConfig by type. */
const SCHEMA = object<StackConfig>(setting)({
    preset: oneOf(Object.keys(PRESETS)),
    network: object<Network>(setting)({
        cidrBlock: custom("string", 'an RFC 1918 IPv4 CIDR from /16 to /24, e.g. "10.0.0.0/16"', (issues, path, v) => void checkVpcCidr(issues, path, v)),
        availabilityZones: int({ min: 2, max: 6 }),
        natGateways: oneOf(["single", "one-per-az", "none"]),
        flowLogs: boolean(),
    }),
    containers: object<Containers>(setting)({
        certificateArn: optional(string({ pattern: /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, allowed: "an ACM certificate ARN" })),
        alarmEmail: optional(string({ pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, allowed: "an e-mail address" })),
        images: object<Containers["images"]>(setting)({ web: IMAGE, app1: IMAGE, app2: IMAGE, worker: IMAGE, report: IMAGE }),
        capacity: oneOf(["fargate", "fargate-spot"]),
        onDemandBase: count(0),
        desiredCount: count(0),
        minCount: count(0),
        maxCount: count(1),
        ec2: object<Containers["ec2"]>(setting)({
            enabled: boolean(),
            instanceTypes: array(string({ pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, allowed: 'EC2 instance types, e.g. ["m7i.large"]' }), {
                nonEmpty: true,
                allowed: 'EC2 instance types, e.g. ["m7i.large"]',
            }),
            minSize: count(0),
            maxSize: count(1),
            onDemandBase: count(0),
            onDemandPercentAboveBase: int({ min: 0, max: 100 }),
        }),
        logRetentionDays: oneOf(LOG_RETENTION_DAYS),
        protectData: boolean(),
        reportSchedule: SCHEDULE,
        nightlyScaleDown: object<Containers["nightlyScaleDown"]>(setting)({
            enabled: boolean(),
            scaleDownAt: SCHEDULE,
            scaleUpAt: SCHEDULE,
            timezone: custom("string", 'an IANA time zone, e.g. "Europe/Paris"', (issues, path, v) => void checkTimeZone(issues, path, v)),
            minCount: count(0),
            maxCount: count(1),
        }),
    }),
});

/** Objects merge key by key; anything else (arrays included) replaces. */
function merge<T>(base: T, override: unknown): T {
    if (override === undefined) return base;
    if (typeof base !== "object" || base === null || Array.isArray(base) || typeof override !== "object" || override === null || Array.isArray(override)) {
        return override as T;
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    // defineProperty, not `out[k] =`: a "__proto__" key from the YAML stays an own key (refused as
    // unknown) instead of replacing the object's prototype.
    for (const [k, v] of Object.entries(override))
        Object.defineProperty(out, k, { value: merge(Object.hasOwn(out, k) ? out[k] : undefined, v), enumerable: true, writable: true, configurable: true });
    return out as T;
}

/** A configuration error: the CLI prints it without a stack trace. */
export class ConfigError extends pulumi.RunError {
    constructor(
        readonly stack: string,
        readonly issues: Issue[],
    ) {
        super(`Pulumi.${stack}.yaml: ${issues.length === 1 ? "" : `${issues.length} invalid settings:\n  - `}${issues.map(formatIssue).join("\n  - ")}`);
        this.name = "ConfigError";
    }
}

/**
 * Parses settings given as `namespace:key` → raw value (strings as Pulumi stores them, objects as
 * JSON). Pure, so tests can feed it any map.
 */
export function parseConfig(stack: string, raw: Record<string, string>): StackConfig {
    const issues = new Issues();
    const values: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(raw)) {
        if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
        const key = fullKey.slice(NAMESPACE.length + 1);
        if (!Object.hasOwn(SCHEMA.fields, key)) {
            unknownKey(
                issues,
                fullKey,
                text,
                Object.keys(SCHEMA.fields).map((k) => `${NAMESPACE}:${k}`),
                "setting",
            );
            continue;
        }
        try {
            values[key] = (SCHEMA.fields[key as keyof StackConfig] as Shape).kind === "object" ? JSON.parse(text) : text;
        } catch {
            issues.add(fullKey, text, "is not a YAML object", "a mapping of settings");
        }
    }
    const presetName = (values.preset ?? (Object.hasOwn(PRESETS, stack) ? stack : undefined)) as PresetName | undefined;
    if (presetName === undefined) {
        issues.add(`${NAMESPACE}:preset`, undefined, `is required for stack "${stack}"`, Object.keys(PRESETS).join(", "));
        throw new ConfigError(stack, issues.list);
    }
    if (!Object.hasOwn(PRESETS, presetName)) {
        checkShape(issues, SCHEMA.fields.preset as Shape, presetName, `${NAMESPACE}:preset`);
        throw new ConfigError(stack, issues.list);
    }
    const merged = merge<StackConfig>({ ...PRESETS[presetName], preset: presetName }, { network: values.network, containers: values.containers });
    for (const [key, shape] of Object.entries(SCHEMA.fields)) checkShape(issues, shape as Shape, (merged as any)[key], `${NAMESPACE}:${key}`);
    const c = merged.containers;
    // Cross-field rules need their own operands to be numbers, nothing else: a bad e-mail hides none of them.
    const ints = (...v: unknown[]) => v.every((x) => Number.isInteger(x));
    if (ints(c?.minCount, c?.desiredCount, c?.maxCount) && !(c.minCount <= c.desiredCount && c.desiredCount <= c.maxCount)) {
        issues.add(
            `${NAMESPACE}:containers.desiredCount`,
            c.desiredCount,
            `is outside minCount..maxCount (${c.minCount}..${c.maxCount})`,
            "minCount <= desiredCount <= maxCount",
        );
    }
    if (ints(c?.ec2?.minSize, c?.ec2?.maxSize) && c.ec2.minSize > c.ec2.maxSize) {
        issues.add(`${NAMESPACE}:containers.ec2.minSize`, c.ec2.minSize, `is above maxSize (${c.ec2.maxSize})`, "minSize <= maxSize");
    }
    const night = c?.nightlyScaleDown;
    if (night && Number.isInteger(night.minCount) && Number.isInteger(night.maxCount) && night.minCount > night.maxCount) {
        issues.add(`${NAMESPACE}:containers.nightlyScaleDown.minCount`, night.minCount, `is above maxCount (${night.maxCount})`, "minCount <= maxCount");
    }
    if (night && Number.isInteger(night.maxCount) && Number.isInteger(c.maxCount) && night.maxCount > c.maxCount) {
        issues.add(
            `${NAMESPACE}:containers.nightlyScaleDown.maxCount`,
            night.maxCount,
            `is above containers.maxCount (${c.maxCount})`,
            "at most the daytime maxCount: the night is the quiet time",
        );
    }
    if (!issues.ok) throw new ConfigError(stack, issues.list);
    return merged;
}

/** Reads this stack's settings from the Pulumi configuration. */
export function loadConfig(): StackConfig {
    return parseConfig(pulumi.getStack(), pulumi.runtime.allConfig());
}
