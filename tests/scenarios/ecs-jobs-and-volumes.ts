/**
 * Batch work on ECS through the public API: an ingest service whose tasks each get an encrypted EBS
 * scratch volume and ship their logs to Kinesis Data Firehose through FireLens; a writable `/tmp`
 * under read-only root file systems (a bind mount); a database migration run on demand (a standalone
 * task, started by the pipeline with the `runTasks` command); and a nightly report fanned out to
 * five tasks per run.
 */
import { ContainerService, type ContainerServiceArgs, Network, type VpcArgs } from "../../components";

const APP = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ingest:2.3.0";
const LOGS_KEY = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

export function jobsArgs(vpc: VpcArgs): ContainerServiceArgs {
    return {
        vpc,
        services: {
            ingest: {
                containers: {
                    ingest: {
                        image: APP,
                        logging: {
                            driver: "awsfirelens",
                            options: { Name: "kinesis_firehose", region: "us-east-1", delivery_stream: "ingest-logs" },
                        },
                    },
                },
                cpu: 1024,
                memoryMiB: 2048,
                desiredCount: 2,
                logRouter: {},
                bindMounts: { tmp: { containerPath: "/tmp" } },
                ebsVolume: { containerPath: "/var/lib/ingest", sizeGiB: 200, iops: 6000, throughputMiBps: 250, kmsKeyArn: LOGS_KEY },
            },
        },
        tasks: {
            migrate: { containers: { migrate: { image: APP, command: ["ingest", "migrate"] } } },
        },
        scheduledTasks: {
            report: {
                containers: { report: { image: APP, command: ["ingest", "report", "--shard-from-task"] } },
                schedule: "cron(0 2 * * ? *)",
                timezone: "Europe/Paris",
                taskCount: 5,
                bindMounts: { tmp: { containerPath: "/tmp" } },
                ephemeralStorageGiB: 60,
            },
        },
    };
}

export function program() {
    const net = new Network("main");
    const jobs = new ContainerService("jobs", jobsArgs(net.vpcArgs));
    return { migrateCommand: jobs.runTasks.migrate.command, jobs };
}
