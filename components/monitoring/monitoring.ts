import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as ssm from "@pulumi/aws/ssm";
import { ArgsError } from "../shared/errors";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import { AGENT_PARAMETER_PREFIX, agentConfigJson } from "./agent";
import type { MonitoringArgs } from "./args";
import { dashboardBody } from "./dashboard";
import { type ResolvedMonitoring, normalize } from "./defaults";
import { ruleSpecs } from "./events";
import { type AlarmSpec, alarmSpecs, isPercentile, ruleAlarmSpecs } from "./metrics";
import { QUERIES } from "./queries";
import { validate } from "./validate";

/** An EventBridge rule and its SNS target. */
export interface RuleResources {
    rule: cloudwatch.EventRule;
    target: cloudwatch.EventTarget;
}

export interface MonitoringResources {
    /** By `<key>-<role>`, e.g. `web-cpu-high`, `orders-write-throttles`, `release-failed-delivery` (a rule's failed deliveries). */
    alarms: Record<string, cloudwatch.MetricAlarm>;
    dashboard?: cloudwatch.Dashboard;
    /** By `<log group key>/<query>`, e.g. `web/errors`. */
    queries: Record<string, cloudwatch.QueryDefinition>;
    /** Failed executions, by pipeline key. */
    pipelineRules: Record<string, RuleResources>;
    ecsTaskRule?: RuleResources;
    autoScalingRule?: RuleResources;
    agentConfig?: ssm.Parameter;
}

/**
 * Alarms, a dashboard, saved Logs Insights queries, event notifications and the CloudWatch agent
 * configuration for what a stack runs, all notifying one alarm topic. One per stack.
 *
 * - **Alarms** (on ALARM and on OK, to `alarmTopicArn`): ECS service CPU and memory, ALB target 5xx; HTTP
 *   and REST API 5xx and p99 latency; Lambda errors and throttles; DynamoDB read and write throttles;
 *   messages in dead-letter queues; each EventBridge rule's failed deliveries to the topic.
 *   Thresholds and the "M of N periods" window in `thresholds`. A ContainerService with its own `alarms`
 *   (the default) already watches its services' CPU, memory and 5xx, and a queue worker's dead-letter
 *   queue: give those services `alarms: []` and those queues `alarm: false`, and the dashboard still graphs them.
 * - **Pipeline failures**: CodePipeline publishes no metric to alarm on, so an EventBridge rule sends
 *   each failed execution to the topic; so do `events` (stopped ECS tasks, Auto Scaling launches and
 *   terminations). EventBridge publishes with the topic's resource policy, which must admit
 *   `events.amazonaws.com`, and, the topic being encrypted, its key policy too: create the AlarmTopic with
 *   `publishers: ["events"]`.
 * - **Dashboard** `<name>-<7 hex>` (dashboards are global to the account; the suffix keeps stacks apart).
 * - **Saved queries** under `<dashboard name>/<log group key>/` in the Logs Insights console.
 * - **Agent configuration** in an SSM parameter `AmazonCloudWatch-<name>-<7 hex>`, readable by instances
 *   with the AWS managed `CloudWatchAgentServerPolicy`.
 *
 * @example
 * const alarms = new AlarmTopic("alarms", { emails: { oncall: "oncall@example.com" }, publishers: ["events"] });
 * const web = shop.resources.services.web; // a ContainerService's service
 * new Monitoring("ops", {
 *     alarmTopicArn: alarms.topicArn,
 *     ecsServices: {
 *         web: {
 *             clusterName: shop.clusterName,
 *             serviceName: web.service.name,
 *             targetGroupArnSuffix: web.target!.targetGroup.arnSuffix,
 *             loadBalancerArnSuffix: web.target!.loadBalancer.arnSuffix,
 *         },
 *     },
 *     functions: { thumbnails: { functionName: thumbs.functionName } },
 *     pipelines: { release: { pipelineName: release.pipelineName } },
 *     logGroups: { thumbnails: { logGroupName: thumbs.resources.logGroup.name, kind: "lambda" } },
 * });
 *
 * **Cost** (us-east-1, standard-resolution alarms): $0.10 per alarm-metric a month; a p99 alarm is still
 * one metric. An ECS service with a target group is 3 alarms ($0.30), an API or a function or a table 2
 * ($0.20), a queue or a rule 1 ($0.10). The dashboard is $3 a month beyond the first three of the account. Saved queries, rules
 * matching AWS service events and the Standard parameter are free; a Logs Insights query costs $0.005 per
 * GB scanned when run.
 */
export class Monitoring extends pulumi.ComponentResource {
    static readonly type = typeToken("monitoring", "Monitoring");

    readonly dashboardName?: pulumi.Output<string>;
    /** Alarm names by `<key>-<role>`: give them to a DeploymentGroup's `alarms` to roll back on them. */
    readonly alarmNames: Record<string, pulumi.Output<string>>;
    /** The SSM parameter holding the agent configuration, for `amazon-cloudwatch-agent-ctl -c ssm:<name>`. */
    readonly agentConfigParameterName?: pulumi.Output<string>;
    readonly resources: MonitoringResources;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("Monitoring", name, issues);
        super(Monitoring.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(Monitoring.type, name, cfg.tags);
        const ruleList = ruleSpecs(cfg);
        const rules = new Map(ruleList.map((r) => [r, createRule(name, r.role, `${r.title} (${name})`, r.pattern, cfg, tags, child)]));
        const specs = [...alarmSpecs(cfg), ...ruleAlarmSpecs(ruleList, (r) => rules.get(r)!.rule.name)];
        // Dashboards are global to the account, saved queries are not unique by name: per stack, per component.
        const title = fitName(`${name}-${stackSuffix(name)}`, cloudwatch.Dashboard, { explicit: true });

        const alarms = Object.fromEntries(specs.filter((s) => s.alarm).map((s) => [`${s.key}-${s.role}`, createAlarm(name, cfg, s, tags, child)]));
        const dashboard = cfg.dashboard
            ? create(
                  cloudwatch.Dashboard,
                  childName(name, "dashboard"),
                  {
                      dashboardName: title,
                      dashboardBody: pulumi
                          .output(dashboardBody(title, specs, getRegionOutput({}, child).region, cfg.thresholds.periodSeconds))
                          .apply((body) => JSON.stringify(body)),
                  },
                  child,
                  cfg.transform.dashboard,
              )
            : undefined;
        const queries = createQueries(name, title, cfg, child);
        const pipelineRules = Object.fromEntries(ruleList.filter((r) => r.group === "pipelines").map((r) => [r.alarmKey, rules.get(r)!]));
        const eventRule = (path: string) => [...rules].find(([r]) => r.path === path)?.[1];
        const ecsTaskRule = eventRule("events.ecsTaskStateChanges");
        const autoScalingRule = eventRule("events.autoScaling");
        const agentConfig = cfg.ec2Agent
            ? create(
                  ssm.Parameter,
                  childName(name, "agent-config"),
                  {
                      name: fitName(`${AGENT_PARAMETER_PREFIX}${name}-${stackSuffix(name)}`, ssm.Parameter, { explicit: true }),
                      description: `CloudWatch agent configuration (${name}): amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:<this name>`,
                      type: "String",
                      tier: "Standard",
                      // Not a secret: `insecureValue` keeps the configuration readable in preview diffs
                      // (`value` is always shown as [secret]).
                      insecureValue: agentConfigJson(cfg.ec2Agent),
                      tags,
                  },
                  child,
                  cfg.transform.agentConfig,
              )
            : undefined;

        this.dashboardName = dashboard?.dashboardName;
        this.alarmNames = Object.fromEntries(Object.entries(alarms).map(([k, a]) => [k, a.name]));
        this.agentConfigParameterName = agentConfig?.name;
        this.resources = { alarms, dashboard, queries, pipelineRules, ecsTaskRule, autoScalingRule, agentConfig };
        this.registerOutputs({ dashboardName: this.dashboardName, alarmNames: this.alarmNames, agentConfigParameterName: this.agentConfigParameterName });
    }
}

function createAlarm(
    name: string,
    cfg: ResolvedMonitoring,
    s: AlarmSpec,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
): cloudwatch.MetricAlarm {
    const t = { ...cfg.thresholds, ...s.window };
    const actions = [cfg.alarmTopicArn];
    return create(
        cloudwatch.MetricAlarm,
        fitName(childName(name, s.key, s.role), cloudwatch.MetricAlarm),
        {
            alarmDescription: `${name}/${s.title} (${s.namespace} ${s.metricName} ${s.stat}) at or above ${s.threshold} ${s.unit} in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds} s`,
            namespace: s.namespace,
            metricName: s.metricName,
            dimensions: s.dimensions,
            ...(isPercentile(s.stat) ? { extendedStatistic: s.stat } : { statistic: s.stat }),
            period: t.periodSeconds,
            evaluationPeriods: t.evaluationPeriods,
            datapointsToAlarm: t.datapointsToAlarm,
            threshold: s.threshold,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: s.treatMissingData,
            alarmActions: actions,
            okActions: actions,
            tags,
        },
        opts,
        cfg.transform.alarm,
    );
}

function createQueries(name: string, folder: string, cfg: ResolvedMonitoring, opts: pulumi.CustomResourceOptions): Record<string, cloudwatch.QueryDefinition> {
    const out: Record<string, cloudwatch.QueryDefinition> = {};
    for (const [key, group] of Object.entries(cfg.logGroups)) {
        for (const [query, queryString] of Object.entries(QUERIES[group.kind])) {
            out[`${key}/${query}`] = create(
                cloudwatch.QueryDefinition,
                childName(name, key, query),
                {
                    name: fitName(`${folder}/${key}/${query}`, cloudwatch.QueryDefinition, { explicit: true }),
                    queryString,
                    logGroupNames: [group.logGroupName],
                },
                opts,
                cfg.transform.query,
            );
        }
    }
    return out;
}

function createRule(
    name: string,
    role: string,
    description: string,
    pattern: object,
    cfg: ResolvedMonitoring,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
): RuleResources {
    const rule = create(
        cloudwatch.EventRule,
        fitName(childName(name, role), cloudwatch.EventRule),
        { description, eventPattern: pulumi.output(pattern).apply((p) => JSON.stringify(p)), tags },
        opts,
        cfg.transform.rule,
    );
    // No roleArn: EventBridge publishes to SNS under the topic's resource policy, and a role on an SNS
    // target can break delivery to a KMS-encrypted topic
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
    const target = create(
        cloudwatch.EventTarget,
        fitName(childName(name, role, "sns"), cloudwatch.EventTarget),
        { rule: rule.name, arn: cfg.alarmTopicArn },
        opts,
        cfg.transform.target,
    );
    return { rule, target };
}
