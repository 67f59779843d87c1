import type { ResolvedEc2Agent } from "./defaults";

/**
 * The agent reads its configuration from Parameter Store when started with `-c ssm:<name>`, and the AWS
 * managed policy for it, `CloudWatchAgentServerPolicy`, allows `ssm:GetParameter` only on
 * `parameter/AmazonCloudWatch-*`: "policies created by Amazon support only files with names that start
 * with AmazonCloudWatch-" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/create-iam-roles-for-cloudwatch-agent.html).
 */
export const AGENT_PARAMETER_PREFIX = "AmazonCloudWatch-";

/** A Standard-tier parameter value holds at most 4 KB (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html). */
export const STANDARD_PARAMETER_MAX_BYTES = 4096;

/**
 * The agent configuration file (sections `agent`, `metrics`, `logs`; field names from
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html).
 * Memory and disk use, which EC2 cannot see from outside the instance, go to the agent's default
 * `CWAgent` namespace per instance and aggregated per Auto Scaling group (`aggregation_dimensions`), so a
 * group's capacity can be graphed and alarmed on as one.
 */
export function agentConfig(agent: ResolvedEc2Agent): Record<string, unknown> {
    const files = Object.values(agent.logFiles);
    return {
        agent: { metrics_collection_interval: agent.metricsCollectionIntervalSeconds },
        metrics: {
            namespace: "CWAgent",
            // The only placeholders the agent resolves here: ${aws:AutoScalingGroupName}, ${aws:ImageId},
            // ${aws:InstanceId}, ${aws:InstanceType}.
            append_dimensions: { AutoScalingGroupName: placeholder("AutoScalingGroupName"), InstanceId: placeholder("InstanceId") },
            // A set applies only to the metrics that carry all its dimensions: the second keeps each disk
            // `path` of a group apart (one set alone would average `/` and `/data` into one series).
            aggregation_dimensions: [["AutoScalingGroupName"], ["AutoScalingGroupName", "path"]],
            metrics_collected: {
                mem: { measurement: ["mem_used_percent"] },
                disk: { measurement: ["used_percent"], resources: agent.diskPaths },
                swap: { measurement: ["swap_used_percent"] },
            },
        },
        ...(files.length
            ? {
                  logs: {
                      logs_collected: {
                          files: {
                              collect_list: files.map((f) => ({
                                  file_path: f.filePath,
                                  log_group_name: f.logGroupName,
                                  log_stream_name: "{instance_id}",
                                  retention_in_days: f.retentionDays,
                              })),
                          },
                      },
                  },
              }
            : {}),
    };
}

/** `${aws:<name>}`: a value the agent fills in on the instance, not a template of ours. */
const placeholder = (name: string): string => `\${aws:${name}}`;

export const agentConfigJson = (agent: ResolvedEc2Agent): string => JSON.stringify(agentConfig(agent));
