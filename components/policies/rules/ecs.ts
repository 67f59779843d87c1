/** Rules: ECS and ECR (ecs-*, ecr-*). */
import type { PolicyResource } from "@pulumi/policy";
import { type Rule, resourceRule, stackRule } from "../rule";
import { looksSecretName, looksSecretValue } from "../../build-project/secrets";
import { asArray, linksTo, ofTypes, parseDocument } from "../util";

const ECS_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html";
const ECR_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
/** ECS.16 is ECS.2 for task sets: the same `networkConfiguration.assignPublicIp`. */
const TASK_SET = "aws:ecs/taskSet:TaskSet";
const CLUSTER = "aws:ecs/cluster:Cluster";
const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

/** The container definitions of a task definition (a JSON string in the inputs, sometimes an array), each with its name. */
function containersOf(props: Record<string, any>): { name: string; def: Record<string, any> }[] {
    return asArray<any>(parseDocument(props.containerDefinitions))
        .filter((c) => c !== null && typeof c === "object")
        .map((c, i) => ({ name: typeof c.name === "string" ? c.name : `#${i}`, def: c }));
}

/**
 * Environment variable names that hold secrets. ECS.8 checks `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
 * `ECS_ENGINE_AUTH_DATA`; the name words widen it to what people call secrets, as codebuild-2 and the
 * BuildProject validation read them (one helper, components/build-project/secrets.ts). A name that only points
 * at a secret (`..._ARN`, `..._NAME`, `..._ID`, `..._PATH`, `..._PARAMETER`) is not one.
 */
const ECS8_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];

export const isSecretName = (name: string): boolean => ECS8_KEYS.includes(name.toUpperCase()) || looksSecretName(name);

/**
 * Platform versions ECS.10 accepts: LATEST, and the latest Linux platform pinned by number (the control's
 * `latestLinuxVersion` parameter, 1.4.0; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html).
 * Windows' latest (1.0.0) is also Linux's oldest, and the service does not say its OS family: not accepted here.
 */
const LATEST_FARGATE_PLATFORMS: readonly unknown[] = ["LATEST", "1.4.0"];

/** Whether a service runs on Fargate: its launch type, or a FARGATE/FARGATE_SPOT capacity provider in its strategy. */
function runsOnFargate(props: Record<string, any>): boolean {
    if (props.launchType === "FARGATE") return true;
    return asArray<any>(props.capacityProviderStrategies).some((s) => s?.capacityProvider === "FARGATE" || s?.capacityProvider === "FARGATE_SPOT");
}

export const ECS_RULES: Rule[] = [
    resourceRule({
        name: "ecs-2-no-public-ip",
        description: "ECS services and task sets do not assign public IP addresses to their tasks.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECS.2", url: ECS_CONTROLS },
        types: [SERVICE, TASK_SET],
        validate: (props, _args, report) => {
            // Absent: ECS assigns none (assignPublicIp defaults to false / DISABLED).
            const assign = props.networkConfiguration?.assignPublicIp;
            if (assign === true || assign === "true")
                report(
                    `networkConfiguration.assignPublicIp is ${JSON.stringify(assign)}; run tasks in private subnets without a public IP (false) and reach the internet through a NAT gateway.`,
                );
        },
    }),
    resourceRule({
        name: "ecs-4-not-privileged",
        description: "ECS containers do not run privileged.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECS.4", url: ECS_CONTROLS },
        types: [TASK_DEFINITION],
        validate: (props, _args, report) => {
            for (const c of containersOf(props))
                if (c.def.privileged === true || c.def.privileged === "true")
                    report(
                        `containerDefinitions["${c.name}"].privileged is true; remove it (false) and grant only the Linux capabilities the container needs (linuxParameters.capabilities.add).`,
                    );
        },
    }),
    resourceRule({
        name: "ecs-3-no-host-pid",
        description: "ECS task definitions do not share the host's process namespace.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECS.3", url: ECS_CONTROLS },
        types: [TASK_DEFINITION],
        validate: (props, _args, report) => {
            if (props.pidMode === "host") report(`pidMode is "host"; leave it unset or use "task" so containers cannot see the host's processes.`);
        },
    }),
    resourceRule({
        name: "ecs-17-no-host-network",
        description: "ECS task definitions do not use the host network mode.",
        enforcementLevel: "mandatory",
        severity: "high",
        // ECS.17: AWS Config ecs-task-definition-network-mode-not-host.
        control: { fsbp: "ECS.17", url: ECS_CONTROLS },
        types: [TASK_DEFINITION],
        validate: (props, _args, report) => {
            if (props.networkMode === "host") report(`networkMode is "host"; use "awsvpc" (a network interface and security group per task) or "bridge".`);
        },
    }),
    resourceRule({
        name: "ecs-9-logging",
        description: "Every container of an ECS task definition has a log configuration.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECS.9", cdkNag: ["AwsSolutions-ECS7"], url: ECS_CONTROLS },
        types: [TASK_DEFINITION],
        validate: (props, _args, report) => {
            for (const c of containersOf(props)) {
                const driver = c.def.logConfiguration?.logDriver;
                if (typeof driver !== "string" || driver === "")
                    report(
                        `containerDefinitions["${c.name}"].logConfiguration.logDriver is ${JSON.stringify(driver)}; set a log driver (awslogs or awsfirelens).`,
                    );
            }
        },
    }),
    resourceRule({
        name: "ecs-8-no-secret-env",
        description: "ECS containers receive secrets through `secrets` (Secrets Manager, SSM), not plain environment variables.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECS.8", cdkNag: ["AwsSolutions-ECS2"], url: ECS_CONTROLS },
        types: [TASK_DEFINITION],
        validate: (props, _args, report) => {
            for (const c of containersOf(props))
                for (const e of asArray<any>(c.def.environment)) {
                    const name = typeof e?.name === "string" ? e.name : "";
                    const value = typeof e?.value === "string" ? e.value : "";
                    const kind = looksSecretValue(value);
                    if (isSecretName(name) || kind)
                        report(
                            `containerDefinitions["${c.name}"].environment "${name}" ${kind ? `holds ${kind}` : "looks like a secret"} in plain text; move it to secrets[] (valueFrom: a Secrets Manager secret or SSM SecureString ARN)${kind ? " and rotate it" : ""}.`,
                        );
                }
        },
    }),
    resourceRule({
        name: "ecs-5-readonly-root",
        description: "ECS containers run with a read-only root file system.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "ECS.5", url: ECS_CONTROLS },
        types: [TASK_DEFINITION],
        validate: (props, _args, report) => {
            for (const c of containersOf(props))
                if (c.def.readonlyRootFilesystem !== true && c.def.readonlyRootFilesystem !== "true")
                    report(
                        `containerDefinitions["${c.name}"].readonlyRootFilesystem is ${JSON.stringify(c.def.readonlyRootFilesystem)}; set it to true and mount volumes where the image writes.`,
                    );
        },
    }),
    resourceRule({
        name: "ecs-12-container-insights",
        description: "ECS clusters have Container Insights on.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ECS.12", cdkNag: ["AwsSolutions-ECS4"], url: ECS_CONTROLS },
        types: [CLUSTER],
        validate: (props, _args, report) => {
            // Absent: the account's containerInsights default decides, which the program cannot see.
            const value = asArray<any>(props.settings).find((s) => s?.name === "containerInsights")?.value;
            if (value !== "enabled" && value !== "enhanced")
                report(`settings containerInsights is ${JSON.stringify(value)}; set { name: "containerInsights", value: "enabled" } (or "enhanced").`);
        },
    }),
    resourceRule({
        name: "ecs-10-fargate-latest",
        description: "ECS Fargate services and task sets run on the latest Fargate platform version.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ECS.10", url: ECS_CONTROLS },
        // A task set (external deployment controller) pins its own platformVersion, like a service.
        types: [SERVICE, TASK_SET],
        validate: (props, _args, report) => {
            // Absent: ECS uses LATEST for Fargate.
            const version = props.platformVersion;
            if (runsOnFargate(props) && version !== undefined && !LATEST_FARGATE_PLATFORMS.includes(version))
                report(
                    `platformVersion is ${JSON.stringify(version)}; use "LATEST" (or leave it unset, or pin ${LATEST_FARGATE_PLATFORMS.slice(1).join(", ")}) so tasks get the platform's security fixes.`,
                );
        },
    }),
    resourceRule({
        name: "ecr-1-scan-on-push",
        description: "ECR repositories scan images on push.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECR.1", cdkNag: [], url: ECR_CONTROLS },
        types: [REPOSITORY],
        validate: (props, _args, report) => {
            if (props.imageScanningConfiguration?.scanOnPush !== true)
                report(`imageScanningConfiguration.scanOnPush is ${JSON.stringify(props.imageScanningConfiguration?.scanOnPush)}; set it to true.`);
        },
    }),
    resourceRule({
        name: "ecr-2-immutable-tags",
        description: "ECR repositories have immutable image tags.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ECR.2", url: ECR_CONTROLS },
        types: [REPOSITORY],
        validate: (props, _args, report) => {
            // Absent: MUTABLE (the API's and the provider's default). IMMUTABLE_WITH_EXCLUSION keeps listed tags mutable.
            const mutability = props.imageTagMutability;
            if (typeof mutability !== "string" || !mutability.startsWith("IMMUTABLE"))
                report(
                    `imageTagMutability is ${JSON.stringify(mutability ?? "MUTABLE (default)")}; set "IMMUTABLE" so a pushed tag always names the same image.`,
                );
        },
    }),
    stackRule({
        name: "ecr-3-lifecycle-policy",
        description: "Every ECR repository has a lifecycle policy.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "ECR.3", url: ECR_CONTROLS },
        types: [REPOSITORY],
        validate: (resources, _args, report) => {
            const policies = ofTypes(resources, LIFECYCLE_POLICY);
            const covers = (p: PolicyResource, repo: PolicyResource) => linksTo(p, "repository", repo);
            for (const repo of ofTypes(resources, REPOSITORY))
                if (!policies.some((p) => covers(p, repo)))
                    report(
                        `repository ${JSON.stringify(repo.props.name ?? repo.name)} has no aws.ecr.LifecyclePolicy; add one that expires untagged and old images.`,
                        repo.urn,
                    );
        },
    }),
];
