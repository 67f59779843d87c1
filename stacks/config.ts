/**
 * The stack's typed settings: a preset (dev or prod, as data in presets.ts) with the overrides
 * written in `Pulumi.<stack>.yaml`. Every key is validated before any resource exists; unknown
 * keys are refused, so a typo never silently falls back to a default.
 */
import * as pulumi from "@pulumi/pulumi";
import { Issue, Issues, formatIssue } from "../components/shared/errors";
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

type Schema =
    | { kind: "string"; pattern?: RegExp; allowed?: string; optional?: boolean }
    | { kind: "int"; min: number; max: number }
    | { kind: "bool" }
    | { kind: "enum"; values: readonly (string | number)[] }
    | { kind: "strings"; pattern: RegExp; allowed: string }
    | { kind: "object"; fields: Record<string, Schema> }
    | { kind: "custom"; check: (issues: Issues, path: string, value: unknown) => boolean; optional?: boolean };

const IMAGE = { kind: "string", pattern: /^[a-z0-9][\w.\-/:@]+$/, allowed: "an image URI, e.g. public.ecr.aws/nginx/nginx:1.27" } as const;
const SCHEDULE: Schema = {
    kind: "custom",
    check: (issues, path, v) =>
        typeof v === "string" ? checkScheduleExpression(issues, path, v) : issues.add(path, v, "is not a string", "a schedule expression"),
};

const SCHEMA: Record<keyof StackConfig, Schema> = {
    preset: { kind: "enum", values: Object.keys(PRESETS) },
    network: {
        kind: "object",
        fields: {
            cidrBlock: { kind: "custom", check: checkVpcCidr },
            availabilityZones: { kind: "int", min: 2, max: 6 },
            natGateways: { kind: "enum", values: ["single", "one-per-az", "none"] },
            flowLogs: { kind: "bool" },
        },
    },
    containers: {
        kind: "object",
        fields: {
            certificateArn: {
                kind: "string",
                optional: true,
                pattern: /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/,
                allowed: "an ACM certificate ARN",
            },
            alarmEmail: { kind: "string", optional: true, pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, allowed: "an e-mail address" },
            images: { kind: "object", fields: { web: IMAGE, app1: IMAGE, app2: IMAGE, worker: IMAGE, report: IMAGE } },
            capacity: { kind: "enum", values: ["fargate", "fargate-spot"] },
            onDemandBase: { kind: "int", min: 0, max: 1000 },
            desiredCount: { kind: "int", min: 0, max: 1000 },
            minCount: { kind: "int", min: 0, max: 1000 },
            maxCount: { kind: "int", min: 1, max: 1000 },
            ec2: {
                kind: "object",
                fields: {
                    enabled: { kind: "bool" },
                    instanceTypes: { kind: "strings", pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, allowed: 'EC2 instance types, e.g. ["m7i.large"]' },
                    minSize: { kind: "int", min: 0, max: 1000 },
                    maxSize: { kind: "int", min: 1, max: 1000 },
                    onDemandBase: { kind: "int", min: 0, max: 1000 },
                    onDemandPercentAboveBase: { kind: "int", min: 0, max: 100 },
                },
            },
            logRetentionDays: { kind: "enum", values: LOG_RETENTION_DAYS },
            protectData: { kind: "bool" },
            reportSchedule: SCHEDULE,
            nightlyScaleDown: {
                kind: "object",
                fields: {
                    enabled: { kind: "bool" },
                    scaleDownAt: SCHEDULE,
                    scaleUpAt: SCHEDULE,
                    timezone: {
                        kind: "custom",
                        check: (issues, path, v) =>
                            typeof v === "string"
                                ? checkTimeZone(issues, path, v)
                                : issues.add(path, v, "is not a string", 'an IANA time zone, e.g. "Europe/Paris"'),
                    },
                    minCount: { kind: "int", min: 0, max: 1000 },
                    maxCount: { kind: "int", min: 1, max: 1000 },
                },
            },
        },
    },
};

function check(issues: Issues, path: string, schema: Schema, value: unknown): void {
    if (value === undefined || value === null) {
        if ("optional" in schema && schema.optional) return;
        issues.missing(path);
        return;
    }
    switch (schema.kind) {
        case "string":
            if (typeof value !== "string") issues.add(path, value, "is not a string", schema.allowed);
            else if (schema.pattern && !schema.pattern.test(value)) issues.add(path, value, "is malformed", schema.allowed);
            return;
        case "int":
            issues.int(path, value, schema.min, schema.max);
            return;
        case "bool":
            if (typeof value !== "boolean") issues.add(path, value, "is not a boolean", "true or false");
            return;
        case "enum":
            issues.oneOf(path, value, schema.values);
            return;
        case "strings":
            if (!Array.isArray(value) || value.length === 0) issues.add(path, value, "is not a non-empty list", schema.allowed);
            else
                value.forEach((v, i) => {
                    issues.match(`${path}[${i}]`, v, schema.pattern, schema.allowed);
                });
            return;
        case "custom":
            schema.check(issues, path, value);
            return;
        case "object": {
            if (typeof value !== "object" || Array.isArray(value)) {
                issues.add(path, value, "is not an object", `keys: ${Object.keys(schema.fields).join(", ")}`);
                return;
            }
            for (const key of Object.keys(value)) {
                if (!(key in schema.fields)) issues.add(`${path}.${key}`, (value as any)[key], "is not a known setting", Object.keys(schema.fields).join(", "));
            }
            for (const [key, field] of Object.entries(schema.fields)) check(issues, `${path}.${key}`, field, (value as any)[key]);
        }
    }
}

/** Objects merge key by key; anything else (arrays included) replaces. */
function merge<T>(base: T, override: unknown): T {
    if (override === undefined) return base;
    if (typeof base !== "object" || base === null || Array.isArray(base) || typeof override !== "object" || override === null || Array.isArray(override)) {
        return override as T;
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(override)) out[k] = merge(out[k], v);
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
        if (!(key in SCHEMA)) {
            issues.add(
                fullKey,
                text,
                "is not a known setting",
                Object.keys(SCHEMA)
                    .map((k) => `${NAMESPACE}:${k}`)
                    .join(", "),
            );
            continue;
        }
        try {
            values[key] = SCHEMA[key as keyof StackConfig].kind === "object" ? JSON.parse(text) : text;
        } catch {
            issues.add(fullKey, text, "is not a YAML object", "a mapping of settings");
        }
    }
    const presetName = (values.preset ?? (stack in PRESETS ? stack : undefined)) as PresetName | undefined;
    if (presetName === undefined) {
        issues.add(`${NAMESPACE}:preset`, undefined, `is required for stack "${stack}"`, Object.keys(PRESETS).join(", "));
        throw new ConfigError(stack, issues.list);
    }
    if (!(presetName in PRESETS)) {
        check(issues, `${NAMESPACE}:preset`, SCHEMA.preset, presetName);
        throw new ConfigError(stack, issues.list);
    }
    const merged = merge<StackConfig>({ ...PRESETS[presetName], preset: presetName }, { network: values.network, containers: values.containers });
    for (const [key, schema] of Object.entries(SCHEMA)) check(issues, `${NAMESPACE}:${key}`, schema, (merged as any)[key]);
    const c = merged.containers;
    if (issues.ok && !(c.minCount <= c.desiredCount && c.desiredCount <= c.maxCount)) {
        issues.add(
            `${NAMESPACE}:containers.desiredCount`,
            c.desiredCount,
            `is outside minCount..maxCount (${c.minCount}..${c.maxCount})`,
            "minCount <= desiredCount <= maxCount",
        );
    }
    if (issues.ok && c.ec2.minSize > c.ec2.maxSize) {
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
