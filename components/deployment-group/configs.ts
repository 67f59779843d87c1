import type { codedeploy } from "@pulumi/aws/types/input";
import type { ComputePlatform, DeploymentConfigArgs } from "./args";

/**
 * AWS's predefined deployment configurations, exact strings, by platform
 * (https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html; AWS CDK
 * `aws-codedeploy` ecs/lambda deployment-config.ts). Note ECS linear "Every1Minutes" (plural) against
 * Lambda's "Every1Minute" (singular): CodeDeploy refuses the other spelling.
 */
export const PREDEFINED: Record<ComputePlatform, readonly string[]> = {
    ECS: [
        "CodeDeployDefault.ECSAllAtOnce",
        "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
        "CodeDeployDefault.ECSCanary10Percent5Minutes",
        "CodeDeployDefault.ECSCanary10Percent15Minutes",
    ],
    Lambda: [
        "CodeDeployDefault.LambdaAllAtOnce",
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        "CodeDeployDefault.LambdaCanary10Percent10Minutes",
        "CodeDeployDefault.LambdaCanary10Percent15Minutes",
        "CodeDeployDefault.LambdaCanary10Percent30Minutes",
        "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
        "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
        "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
        "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes",
    ],
    Server: ["CodeDeployDefault.OneAtATime", "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.AllAtOnce"],
};

/** Which config forms each platform takes: traffic shifting for ECS and Lambda, healthy hosts for Server. */
export const FORMS: Record<ComputePlatform, readonly string[]> = {
    ECS: ["all-at-once", "canary", "linear", "name"],
    Lambda: ["all-at-once", "canary", "linear", "name"],
    Server: ["all-at-once", "one-at-a-time", "half-at-a-time", "minimumHealthy", "name"],
};

/** The form of a config: the preset string, or the one key of its object. */
export function formOf(config: DeploymentConfigArgs): string {
    return typeof config === "string" ? config : Object.keys(config)[0];
}

/** What a custom configuration holds (the provider's `DeploymentConfigArgs` parts). */
export interface CustomConfig {
    /** The part of the configuration's name that states what it does, e.g. `ECSCanary20Percent10Minutes`. */
    label: string;
    trafficRoutingConfig?: codedeploy.DeploymentConfigTrafficRoutingConfig;
    minimumHealthyHosts?: codedeploy.DeploymentConfigMinimumHealthyHosts;
}

/** The predefined name `config` maps to on `platform`, or the custom configuration it needs. Call on valid args. */
export function resolveConfig(platform: ComputePlatform, config: DeploymentConfigArgs): { predefined: string } | { custom: CustomConfig } {
    const prefix = platform === "ECS" ? "ECS" : platform === "Lambda" ? "Lambda" : "";
    const known = (name: string) => (PREDEFINED[platform].includes(`CodeDeployDefault.${name}`) ? `CodeDeployDefault.${name}` : undefined);
    if (config === "all-at-once") return { predefined: `CodeDeployDefault.${prefix}AllAtOnce` };
    if (config === "one-at-a-time") return { predefined: "CodeDeployDefault.OneAtATime" };
    if (config === "half-at-a-time") return { predefined: "CodeDeployDefault.HalfAtATime" };
    if ("name" in config) return { predefined: config.name };
    if ("canary" in config) {
        const { percent, intervalMinutes } = config.canary;
        const label = `${prefix}Canary${percent}Percent${intervalMinutes}Minutes`;
        const predefined = known(label);
        if (predefined) return { predefined };
        return { custom: { label, trafficRoutingConfig: { type: "TimeBasedCanary", timeBasedCanary: { percentage: percent, interval: intervalMinutes } } } };
    }
    if ("linear" in config) {
        const { percent, intervalMinutes } = config.linear;
        // The one spelling difference between the platforms' predefined names.
        const unit = platform === "Lambda" && intervalMinutes === 1 ? "Minute" : "Minutes";
        const label = `${prefix}Linear${percent}PercentEvery${intervalMinutes}${unit}`;
        const predefined = known(label);
        if (predefined) return { predefined };
        return { custom: { label, trafficRoutingConfig: { type: "TimeBasedLinear", timeBasedLinear: { percentage: percent, interval: intervalMinutes } } } };
    }
    const { type, value } = config.minimumHealthy;
    // HalfAtATime and AllAtOnce are exactly these minimums; OneAtATime is MOST_CONCURRENCY, which cannot be asked for.
    if (type === "FLEET_PERCENT" && value === 50) return { predefined: "CodeDeployDefault.HalfAtATime" };
    if (type === "HOST_COUNT" && value === 0) return { predefined: "CodeDeployDefault.AllAtOnce" };
    return { custom: { label: `${type === "FLEET_PERCENT" ? "FleetPercent" : "HostCount"}${value}`, minimumHealthyHosts: { type, value } } };
}
