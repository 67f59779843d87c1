import * as codedeploy from "@pulumi/aws/codedeploy";
import { Issue, Issues, isPlain, show } from "../shared/errors";
import { nameProblems } from "../shared/naming";
import {
    Shape,
    array,
    boolean,
    checkShape,
    custom,
    input,
    int,
    object,
    oneOf,
    opaque,
    optional,
    record,
    string,
    transform,
    union,
    unknownKey,
} from "../shared/shape";
import { LAMBDA_FUNCTION_ARN, ROLE_ARN, S3_BUCKET_ARN, SNS_STANDARD_TOPIC_ARN, checkKmsKeyArn, checkTags } from "../shared/validators";
import type {
    CanaryArgs,
    ComputePlatform,
    DeploymentGroupArgs,
    DeploymentGroupTransforms,
    Ec2TagFilterArgs,
    EcsTargetArgs,
    LambdaHooksArgs,
    LambdaTargetArgs,
    LinearArgs,
    NotificationsArgs,
    RollbackArgs,
    ServerTargetArgs,
    TriggerEvent,
} from "./args";
import { FORMS, PREDEFINED, formOf } from "./configs";
import { ResolvedDeploymentGroup, normalize } from "./defaults";

export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
    "DeploymentStart",
    "DeploymentSuccess",
    "DeploymentFailure",
    "DeploymentStop",
    "DeploymentRollback",
    "DeploymentReady",
    "InstanceStart",
    "InstanceSuccess",
    "InstanceFailure",
    "InstanceReady",
];

const inputString = () => input(string({ nonEmpty: true }));
const inputStrings = () => array(inputString());

const ECS_SHAPE = object<EcsTargetArgs>({ noun: "ECS target field" })({
    clusterName: inputString(),
    serviceName: inputString(),
    targetGroupNames: inputStrings(),
    productionListenerArns: inputStrings(),
    testListenerArns: optional(inputStrings()),
    passRoleArns: optional(inputStrings()),
    hookFunctionArns: optional(inputStrings()),
    hookRoleNames: optional(inputStrings()),
});

const LAMBDA_SHAPE = object<LambdaTargetArgs>({ noun: "Lambda target field" })({
    functionName: inputString(),
    alias: inputString(),
    hooks: optional(
        object<LambdaHooksArgs>({ noun: "Lambda hook" })({ beforeAllowTraffic: optional(inputString()), afterAllowTraffic: optional(inputString()) }),
    ),
    hookRoleNames: optional(inputStrings()),
});

const SERVER_SHAPE = object<ServerTargetArgs>({ noun: "Server target field" })({
    autoScalingGroupNames: optional(inputStrings()),
    ec2TagFilters: optional(array(object<Ec2TagFilterArgs>()({ key: string({ nonEmpty: true }), value: optional(string()) }))),
    targetGroupNames: optional(inputStrings()),
    instanceRoleArns: optional(inputStrings()),
});

const TARGETS: Record<string, Shape> = { ecs: ECS_SHAPE, lambda: LAMBDA_SHAPE, server: SERVER_SHAPE };

/** Exactly one of `ecs`, `lambda`, `server`. Hooks on ECS or Server are named as such, not as an unknown key. */
const TARGET_SHAPE: Shape = custom("object", "{ ecs: {...} }, { lambda: {...} } or { server: {...} }", (issues, path, value) => {
    const t = value as Record<string, unknown>;
    const keys = Object.keys(t);
    for (const k of keys) if (!Object.hasOwn(TARGETS, k)) unknownKey(issues, `${path}.${k}`, t[k], Object.keys(TARGETS), "target");
    const given = keys.filter((k) => Object.hasOwn(TARGETS, k));
    if (given.length !== 1) {
        issues.add(path, given.length ? given : t, given.length ? "names more than one platform" : "names no platform", "exactly one of ecs, lambda, server");
        return;
    }
    const [k] = given;
    const body = t[k];
    if (body !== null && typeof body === "object" && !Array.isArray(body) && "hooks" in body && k !== "lambda") {
        issues.add(
            `${path}.${k}.hooks`,
            (body as Record<string, unknown>).hooks,
            `is for Lambda targets only: ${k === "ecs" ? "ECS hooks live in the AppSpec (give their functions as hookFunctionArns)" : "Server hooks live in the revision's appspec.yml"}`,
            "no hooks here",
        );
        const { hooks: _hooks, ...rest } = body as Record<string, unknown>;
        checkShape(issues, TARGETS[k], rest, `${path}.${k}`);
        return;
    }
    checkShape(issues, TARGETS[k], body, `${path}.${k}`);
});

const STEPS = { percent: int(), intervalMinutes: int() };
const CONFIG_OBJECTS: Record<string, Shape> = {
    canary: object<CanaryArgs>()(STEPS),
    linear: object<LinearArgs>()(STEPS),
    minimumHealthy: object<{ type: string; value: number }>()({ type: oneOf(["FLEET_PERCENT", "HOST_COUNT"]), value: int() }),
    name: string({ nonEmpty: true }),
};
const PRESETS = ["all-at-once", "one-at-a-time", "half-at-a-time"] as const;

const CONFIG_ALLOWED = '"all-at-once", "one-at-a-time", "half-at-a-time", { canary }, { linear }, { minimumHealthy } or { name }';

function checkConfigShape(issues: Issues, path: string, value: unknown): void {
    const allowed = CONFIG_ALLOWED;
    if (typeof value === "string") {
        issues.oneOf(path, value, PRESETS);
        return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        issues.add(path, value, "is not a deployment configuration", allowed);
        return;
    }
    const c = value as Record<string, unknown>;
    const keys = Object.keys(c);
    if (keys.length !== 1 || !Object.hasOwn(CONFIG_OBJECTS, keys[0])) {
        for (const k of keys) if (!Object.hasOwn(CONFIG_OBJECTS, k)) unknownKey(issues, `${path}.${k}`, c[k], Object.keys(CONFIG_OBJECTS), "config form");
        if (keys.length !== 1 || keys.every((k) => Object.hasOwn(CONFIG_OBJECTS, k))) issues.add(path, c, "names more or less than one form", allowed);
        return;
    }
    checkShape(issues, CONFIG_OBJECTS[keys[0]], c[keys[0]], `${path}.${keys[0]}`);
}

const APPLICATION_SHAPE: Shape = custom("object", "{ name? } (an application of its own) or { existingName }", (issues, path, value) => {
    const a = value as Record<string, unknown>;
    if (Object.hasOwn(a, "existingName")) {
        for (const k of Object.keys(a)) if (k !== "existingName") issues.add(`${path}.${k}`, a[k], "is not used with existingName", "existingName alone");
        checkShape(issues, inputString(), a.existingName, `${path}.existingName`);
        return;
    }
    for (const k of Object.keys(a)) if (k !== "name") unknownKey(issues, `${path}.${k}`, a[k], ["name", "existingName"], "application field");
    if (a.name !== undefined) checkShape(issues, string(), a.name, `${path}.name`);
});

/** Every DeploymentGroupArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const DEPLOYMENT_GROUP_SHAPE = object<DeploymentGroupArgs>()({
    application: optional(APPLICATION_SHAPE),
    target: TARGET_SHAPE,
    // A string or an object of one key: the details are `checkConfigShape`'s.
    config: optional(union(CONFIG_ALLOWED, string(), opaque())),
    alarms: optional(inputStrings()),
    rollback: optional(
        object<RollbackArgs>({ noun: "rollback event" })({ onFailure: optional(boolean()), onAlarm: optional(boolean()), onStopRequest: optional(boolean()) }),
    ),
    terminationWaitMinutes: optional(int()),
    readyWaitMinutes: optional(int()),
    revisionBucketArns: optional(inputStrings()),
    revisionKeyArns: optional(inputStrings()),
    notifications: optional(
        object<NotificationsArgs>()({ topicArn: inputString(), topicKeyArn: optional(inputString()), events: optional(array(oneOf(TRIGGER_EVENTS))) }),
    ),
    tags: optional(record(string())),
    transform: optional(
        object<DeploymentGroupTransforms>()({
            application: optional(transform()),
            deploymentConfig: optional(transform()),
            group: optional(transform()),
            role: optional(transform()),
        }),
    ),
});

/** Alarms CodeDeploy accepts on one group (terraform-provider-aws `alarm_configuration.alarms` MaxItems 10). */
export const MAX_ALARMS = 10;
/** Auto Scaling groups per deployment group (https://docs.aws.amazon.com/codedeploy/latest/userguide/limits.html). */
export const MAX_AUTO_SCALING_GROUPS = 10;
/** Termination wait: 48 hours (terraform-provider-aws `termination_wait_time_in_minutes` IntAtMost(2880); CodeDeploy quotas). */
export const MAX_TERMINATION_WAIT_MINUTES = 2880;
/** ECS: 120 hours between the replacement being ready and the traffic moving (CodeDeploy quotas). */
export const MAX_READY_WAIT_MINUTES = 7200;
/** Traffic-shifting steps: percent 1–99, interval up to 2880 minutes (AWS CDK CustomLambdaDeploymentConfig: "limits come from CodeDeploy"). */
export const MAX_INTERVAL_MINUTES = 2880;

/** Unqualified (LAMBDA_FUNCTION_ARN): the invoke grant adds `<arn>:*` for the versions and aliases, and `fn:live:*` would be meaningless. */
const FUNCTION_ARN_ALLOWED = "an unqualified Lambda function ARN (no :version or :alias; the role may invoke every version and alias)";
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[^/]+\/[0-9a-f]+\/[0-9a-f]+$/;

/** Plain values of `list` that fail `pattern` (Outputs are checked by AWS, not here). */
function plainMatches(issues: Issues, path: string, list: readonly unknown[], pattern: RegExp, allowed: string): void {
    list.forEach((v, i) => {
        if (isPlain(v)) issues.match(`${path}[${i}]`, v, pattern, allowed);
    });
}

function duplicates(issues: Issues, path: string, list: readonly unknown[]): void {
    const seen = new Set<unknown>();
    list.forEach((v, i) => {
        if (!isPlain(v)) return;
        if (seen.has(v)) issues.add(`${path}[${i}]`, v, "is listed twice", "each once");
        seen.add(v);
    });
}

/** A physical name the component passes as given (the application's `name`). */
function physicalName(issues: Issues, path: string, value: string): void {
    for (const p of nameProblems(codedeploy.Application, value)) issues.add(path, value, p, "1 to 100 letters, digits and '+=,.@_-'");
}

function validateTarget(issues: Issues, cfg: ResolvedDeploymentGroup): void {
    const t = cfg.target;
    if (t.platform === "ECS") {
        const e = t.ecs;
        const p = "target.ecs";
        // CodeDeploy's ECS blue/green moves traffic between exactly two target groups
        // (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_TargetGroupPairInfo.html).
        if (e.targetGroupNames.length !== 2)
            issues.add(`${p}.targetGroupNames`, e.targetGroupNames.length, "must name exactly two target groups", "the serving one and the replacement's");
        duplicates(issues, `${p}.targetGroupNames`, e.targetGroupNames);
        if (e.productionListenerArns.length === 0) issues.add(`${p}.productionListenerArns`, [], "is empty", "at least one listener ARN");
        plainMatches(issues, `${p}.productionListenerArns`, e.productionListenerArns, LISTENER_ARN, "an ALB or NLB listener ARN");
        plainMatches(issues, `${p}.testListenerArns`, e.testListenerArns, LISTENER_ARN, "an ALB or NLB listener ARN");
        for (const [i, arn] of e.testListenerArns.entries())
            if (isPlain(arn) && e.productionListenerArns.includes(arn))
                issues.add(`${p}.testListenerArns[${i}]`, arn, "is also a production listener", "a listener of its own for test traffic");
        plainMatches(issues, `${p}.passRoleArns`, e.passRoleArns, ROLE_ARN, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        plainMatches(issues, `${p}.hookFunctionArns`, e.hookFunctionArns, LAMBDA_FUNCTION_ARN, FUNCTION_ARN_ALLOWED);
        duplicates(issues, `${p}.hookRoleNames`, e.hookRoleNames);
    } else if (t.platform === "Lambda") {
        const l = t.lambda;
        if (isPlain(l.functionName))
            issues.match(
                "target.lambda.functionName",
                l.functionName,
                /^[A-Za-z0-9_-]{1,64}$/,
                "a function name (1-64 letters, digits, '-' and '_'), not an ARN",
            );
        // Lambda alias names: not only digits, which would read as a version (https://docs.aws.amazon.com/lambda/latest/api/API_CreateAlias.html).
        if (isPlain(l.alias))
            issues.match(
                "target.lambda.alias",
                l.alias,
                /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/,
                "an alias name (1-128 letters, digits, '-' and '_', not only digits)",
            );
        for (const [k, arn] of Object.entries(l.hooks))
            if (isPlain(arn)) issues.match(`target.lambda.hooks.${k}`, arn, LAMBDA_FUNCTION_ARN, FUNCTION_ARN_ALLOWED);
        duplicates(issues, "target.lambda.hookRoleNames", l.hookRoleNames);
    } else {
        const s = t.server;
        const p = "target.server";
        if (s.autoScalingGroupNames.length === 0 && s.ec2TagFilters.length === 0)
            issues.add(p, {}, "names no instances", "autoScalingGroupNames and/or ec2TagFilters");
        if (s.autoScalingGroupNames.length > MAX_AUTO_SCALING_GROUPS)
            issues.add(`${p}.autoScalingGroupNames`, s.autoScalingGroupNames.length, "names too many groups", `at most ${MAX_AUTO_SCALING_GROUPS}`);
        duplicates(issues, `${p}.autoScalingGroupNames`, s.autoScalingGroupNames);
        duplicates(issues, `${p}.targetGroupNames`, s.targetGroupNames);
        plainMatches(issues, `${p}.instanceRoleArns`, s.instanceRoleArns, ROLE_ARN, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    }
}

/** Ranges of a form on `platform` (the form itself is allowed there). */
function validateConfig(issues: Issues, platform: ComputePlatform, cfg: ResolvedDeploymentGroup): void {
    const c = cfg.config;
    const form = formOf(c);
    if (!FORMS[platform].includes(form)) {
        issues.add(
            "config",
            c,
            `is not a deployment configuration for ${platform}`,
            FORMS[platform].map((f) => (f.includes("-") ? show(f) : `{ ${f} }`)).join(", "),
        );
        return;
    }
    if (typeof c === "string") return;
    if ("name" in c) {
        if (!PREDEFINED[platform].includes(c.name))
            issues.add(
                "config.name",
                c.name,
                `is not a predefined ${platform} configuration`,
                `${PREDEFINED[platform].join(", ")}; or canary/linear/minimumHealthy for one of the group's own`,
            );
        return;
    }
    for (const kind of ["canary", "linear"] as const) {
        if (!(kind in c)) continue;
        const steps = (c as Record<typeof kind, CanaryArgs>)[kind];
        issues.int(`config.${kind}.percent`, steps.percent, 1, 99, " percent");
        issues.int(`config.${kind}.intervalMinutes`, steps.intervalMinutes, 1, MAX_INTERVAL_MINUTES, " minutes");
    }
    if ("minimumHealthy" in c) {
        // FLEET_PERCENT below 100: at 100 no instance may ever go offline to be deployed to.
        if (c.minimumHealthy.type === "FLEET_PERCENT") issues.int("config.minimumHealthy.value", c.minimumHealthy.value, 0, 99, " percent");
        else issues.int("config.minimumHealthy.value", c.minimumHealthy.value, 0, 10_000, " instances");
    }
}

/**
 * A DeploymentGroup's args: shape first (types, unknown keys, exactly one target and config form), then
 * `normalize`, then the value rules on the resolved values. Pure: no Pulumi, no resources.
 */
export function validate(args: DeploymentGroupArgs): Issue[] {
    const issues = new Issues();
    const shaped = checkShape(issues, DEPLOYMENT_GROUP_SHAPE, args);
    if (args !== null && typeof args === "object" && args.config !== undefined) checkConfigShape(issues, "config", args.config);
    if (!shaped || !issues.ok) return issues.list;
    const cfg = normalize(args);
    const platform = cfg.target.platform;
    if ("name" in cfg.application && cfg.application.name !== undefined) physicalName(issues, "application.name", cfg.application.name);
    if ("existingName" in cfg.application && isPlain(cfg.application.existingName))
        physicalName(issues, "application.existingName", cfg.application.existingName);
    validateTarget(issues, cfg);
    validateConfig(issues, platform, cfg);
    if (cfg.alarms.length > MAX_ALARMS) issues.add("alarms", cfg.alarms.length, "lists too many alarms", `at most ${MAX_ALARMS}`);
    plainMatches(issues, "alarms", cfg.alarms, /^[\x20-\x7e]{1,255}$/, "an alarm name (1-255 printable characters), not its ARN");
    cfg.alarms.forEach((a, i) => {
        if (isPlain(a) && a.startsWith("arn:")) issues.add(`alarms[${i}]`, a, "is an ARN", "the alarm's name");
    });
    duplicates(issues, "alarms", cfg.alarms);
    // CodeDeploy refuses DEPLOYMENT_STOP_ON_ALARM without an alarm to watch (CDK refuses it the same way).
    if (cfg.rollback.onAlarm && cfg.alarms.length === 0)
        issues.add("rollback.onAlarm", true, "needs alarms to watch", "alarms: [<alarm name>, ...], or onAlarm: false");
    for (const [field, value, max] of [
        ["terminationWaitMinutes", cfg.terminationWaitMinutes, MAX_TERMINATION_WAIT_MINUTES],
        ["readyWaitMinutes", cfg.readyWaitMinutes, MAX_READY_WAIT_MINUTES],
    ] as const) {
        if (value === undefined) continue;
        if (platform !== "ECS") issues.add(field, value, `is for ECS blue/green deployments; the target is ${platform}`, `no ${field}`);
        else issues.int(field, value, field === "readyWaitMinutes" ? 1 : 0, max, " minutes");
    }
    plainMatches(issues, "revisionBucketArns", cfg.revisionBucketArns, S3_BUCKET_ARN, "a bucket ARN (arn:aws:s3:::<bucket>)");
    cfg.revisionKeyArns.forEach((arn, i) => {
        checkKmsKeyArn(issues, `revisionKeyArns[${i}]`, arn);
    });
    if (cfg.revisionKeyArns.length > 0 && cfg.revisionBucketArns.length === 0)
        issues.add(
            "revisionKeyArns",
            cfg.revisionKeyArns,
            "decrypts revisions, but no revisionBucketArns are read",
            "revisionBucketArns too, or no revisionKeyArns",
        );
    if (platform === "Server" && cfg.revisionBucketArns.length > 0)
        issues.add(
            "revisionBucketArns",
            cfg.revisionBucketArns,
            "is read by the instances' agent on Server",
            "the instance profile's permissions; no revisionBucketArns",
        );
    if (cfg.notifications) {
        const n = cfg.notifications;
        if (isPlain(n.topicArn)) issues.match("notifications.topicArn", n.topicArn, SNS_STANDARD_TOPIC_ARN, "an SNS topic ARN");
        if (n.topicKeyArn !== undefined) checkKmsKeyArn(issues, "notifications.topicKeyArn", n.topicKeyArn);
        if (n.events.length === 0) issues.add("notifications.events", [], "is empty", TRIGGER_EVENTS.join(", "));
        if (new Set(n.events).size !== n.events.length) issues.add("notifications.events", n.events, "lists an event twice", "each once");
        if (platform !== "Server") {
            const instance = n.events.filter((e) => e.startsWith("Instance"));
            if (instance.length)
                issues.add("notifications.events", instance, `are instance events, which ${platform} deployments do not have`, "Deployment* events");
        }
    }
    // The trust policy's aws:SourceArn and the policy's ARNs are built in the provider's region: a child moved
    // to another region by its transform would be a group no deployment can run (AssumeRole denied). Use a
    // provider of that region (`opts.providers`) for the whole component instead.
    for (const [key, t] of Object.entries(cfg.transform))
        if (t !== null && typeof t === "object" && Object.hasOwn(t, "region"))
            issues.add(
                `transform.${key}.region`,
                (t as { region: unknown }).region,
                "moves one child to another region",
                "a provider of that region for the component",
            );
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
