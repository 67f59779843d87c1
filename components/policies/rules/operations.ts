/**
 * Rules: KMS, CloudTrail, CodeBuild, CloudWatch Logs, RDS (kms-*, cloudtrail-*, codebuild-*, cloudwatch-*, rds-*).
 *
 * Absent inputs are read as the provider's defaults (pulumi-aws v7 / terraform-provider-aws): a trail is
 * single-region without log file validation or KMS; a CodeBuild project logs to CloudWatch; a log group never
 * expires; an RDS cluster or instance is unencrypted, deletable, without IAM authentication and with automatic
 * minor upgrades.
 */
import { looksSecretName, looksSecretValue } from "../../build-project/secrets";
import { type Rule, resourceRule } from "../rule";
import { asArray } from "../util";

const securityHub = (service: string) => `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html`;

const KMS_KEY = "aws:kms/key:Key";
const TRAIL = "aws:cloudtrail/trail:Trail";
const CODEBUILD = "aws:codebuild/project:Project";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** A docker command that needs the Docker daemon, i.e. CodeBuild's privileged mode. */
const DOCKER_DAEMON_COMMAND = /\bdocker(?:-compose)?\s+(?:build|buildx|compose|run|push|pull|tag|images|save|load|create|exec)\b|\bdocker-compose\b/;

/** The buildspec text CodeBuild runs, when the project carries it inline (primary and secondary sources). */
function inlineBuildspecs(props: Record<string, any>): { path: string; text: string | undefined }[] {
    return [
        { path: "source.buildspec", text: props.source?.buildspec },
        ...asArray<any>(props.secondarySources).map((s, i) => ({ path: `secondarySources[${i}].buildspec`, text: s?.buildspec })),
    ].filter((b, i) => i === 0 || b.text !== undefined);
}

/** A buildspec given as a file name in the source (`buildspec.yml`, `ci/build.yaml`), not as YAML: not readable here. */
const isBuildspecFile = (text: string | undefined): boolean => text === undefined || text === "" || (!text.includes("\n") && /\.ya?ml$/i.test(text.trim()));

/** Engines whose RDS flavour supports IAM database authentication (MariaDB, MySQL, PostgreSQL and their Aurora twins). */
const IAM_AUTH_ENGINES = /^(aurora|aurora-mysql|aurora-postgresql|mysql|mariadb|postgres)$/;

/** The administrator names RDS's console proposes, which FSBP RDS.24/RDS.25 fail. */
const DEFAULT_ADMIN_USERNAMES = ["admin", "postgres"];

/** The retention values CloudWatch Logs accepts (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const OPERATIONS_RULES: Rule[] = [
    resourceRule({
        name: "kms-4-rotation",
        description: "Symmetric encryption KMS keys rotate their key material every year (or on the period set).",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "KMS.4", cdkNag: ["AwsSolutions-KMS5"], url: securityHub("kms") },
        types: [KMS_KEY],
        validate: (props, args, report) => {
            // Automatic rotation exists only for symmetric encryption keys with key material in KMS: not asymmetric,
            // HMAC, imported-material or custom-key-store keys (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
            const spec = props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
            const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
            if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") args.notApplicable(`a ${spec} key for ${usage} cannot rotate automatically`);
            if (props.customKeyStoreId !== undefined) args.notApplicable("a key in a custom key store cannot rotate automatically");
            if (props.enableKeyRotation !== true) report(`enableKeyRotation is ${JSON.stringify(props.enableKeyRotation)}; set it to true.`);
        },
    }),
    resourceRule({
        name: "cloudtrail-1-multi-region",
        description: "CloudTrail trails record read and write management events in every region.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "CloudTrail.1", cdkNag: [], url: securityHub("cloudtrail") },
        types: [TRAIL],
        validate: (props, _args, report) => {
            if (props.isMultiRegionTrail !== true) report(`isMultiRegionTrail is ${JSON.stringify(props.isMultiRegionTrail)}; set it to true.`);
            // A trail without selectors records all management events; with selectors, only what they select.
            const advanced = asArray<any>(props.advancedEventSelectors);
            const basic = asArray<any>(props.eventSelectors);
            if (advanced.length) {
                const management = advanced.some((s) => {
                    const fields = asArray<any>(s?.fieldSelectors);
                    const category = fields.find((f) => f?.field === "eventCategory");
                    return asArray<string>(category?.equals).includes("Management") && !fields.some((f) => f?.field === "readOnly");
                });
                if (!management)
                    report(
                        'advancedEventSelectors select no read and write management events; add a selector with eventCategory equals ["Management"] and no readOnly field.',
                    );
            } else if (basic.length) {
                const management = basic.some((s) => s?.includeManagementEvents !== false && (s?.readWriteType ?? "All") === "All");
                if (!management)
                    report('eventSelectors record no read and write management events; add one with includeManagementEvents true and readWriteType "All".');
            }
        },
    }),
    resourceRule({
        name: "cloudtrail-4-log-file-validation",
        description: "CloudTrail trails sign their log files (log file validation), so tampering is detectable.",
        enforcementLevel: "advisory",
        severity: "low",
        control: { fsbp: "CloudTrail.4", cdkNag: [], url: securityHub("cloudtrail") },
        types: [TRAIL],
        validate: (props, _args, report) => {
            if (props.enableLogFileValidation !== true) report(`enableLogFileValidation is ${JSON.stringify(props.enableLogFileValidation)}; set it to true.`);
        },
    }),
    resourceRule({
        name: "cloudtrail-2-encrypted",
        description: "CloudTrail trails encrypt their log files with a KMS key (SSE-KMS).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "CloudTrail.2", cdkNag: [], url: securityHub("cloudtrail") },
        types: [TRAIL],
        validate: (props, _args, report) => {
            if (typeof props.kmsKeyId !== "string" || props.kmsKeyId === "")
                report(`kmsKeyId is ${JSON.stringify(props.kmsKeyId)}; set it to a KMS key ARN whose policy lets cloudtrail.amazonaws.com encrypt.`);
        },
    }),
    resourceRule({
        name: "codebuild-5-privileged-docker-only",
        description: "CodeBuild projects run privileged (the Docker daemon) only when their inline buildspec runs Docker.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "CodeBuild.5", cdkNag: ["AwsSolutions-CB3"], url: securityHub("codebuild") },
        types: [CODEBUILD],
        validate: (props, _args, report) => {
            if (props.environment?.privilegedMode !== true) return;
            const specs = inlineBuildspecs(props);
            if (specs.some((b) => !isBuildspecFile(b.text) && DOCKER_DAEMON_COMMAND.test(b.text!))) return;
            const unreadable = specs.filter((b) => isBuildspecFile(b.text)).map((b) => b.path);
            report(
                unreadable.length
                    ? `environment.privilegedMode is true and ${unreadable.join(", ")} is a file in the source, which cannot be checked for Docker commands; inline the buildspec, or set privilegedMode to false.`
                    : "environment.privilegedMode is true but the buildspec runs no docker command; set privilegedMode to false (privileged builds have root on the build host).",
            );
        },
    }),
    resourceRule({
        name: "codebuild-2-no-plaintext-secrets",
        description: "CodeBuild projects read credentials from Secrets Manager or Parameter Store, never from plaintext environment variables.",
        enforcementLevel: "mandatory",
        severity: "critical",
        control: { fsbp: "CodeBuild.2", cdkNag: [], url: securityHub("codebuild") },
        types: [CODEBUILD],
        validate: (props, _args, report) => {
            asArray<any>(props.environment?.environmentVariables).forEach((v, i) => {
                // PLAINTEXT is the provider's default type.
                if ((v?.type ?? "PLAINTEXT") !== "PLAINTEXT") return;
                const name = String(v?.name ?? "");
                const path = `environment.environmentVariables[${i}] (${name})`;
                const fix = 'give it type "SECRETS_MANAGER" or "PARAMETER_STORE" with the secret\'s name as value';
                const kind = typeof v?.value === "string" ? looksSecretValue(v.value) : undefined;
                if (kind) report(`${path}.value holds ${kind} in plaintext; rotate it and ${fix}.`);
                else if (looksSecretName(name)) report(`${path} is PLAINTEXT and its name looks like a secret; ${fix}.`);
            });
        },
    }),
    resourceRule({
        name: "codebuild-4-logs",
        description: "CodeBuild projects send build logs to CloudWatch Logs or S3.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "CodeBuild.4", cdkNag: [], url: securityHub("codebuild") },
        types: [CODEBUILD],
        validate: (props, _args, report) => {
            // CloudWatch Logs is ENABLED unless logsConfig turns it off; S3 logs are off unless turned on.
            const cloudwatch = props.logsConfig?.cloudwatchLogs?.status ?? "ENABLED";
            const s3 = props.logsConfig?.s3Logs?.status ?? "DISABLED";
            if (cloudwatch !== "ENABLED" && s3 !== "ENABLED")
                report(`logsConfig.cloudwatchLogs.status is ${cloudwatch} and logsConfig.s3Logs.status is ${s3}; enable one of them.`);
        },
    }),
    resourceRule({
        name: "cloudwatch-16-log-retention",
        description:
            "CloudWatch log groups set a retention period (FSBP's default parameter asks for 365 days or more; this rule requires one to be set, as the stacks keep 14 to 90 days).",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "CloudWatch.16", cdkNag: [], url: securityHub("cloudwatch") },
        types: [LOG_GROUP],
        validate: (props, args, report) => {
            // The DELIVERY class keeps events one day, whatever the retention (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html).
            if (props.logGroupClass === "DELIVERY") args.notApplicable("a DELIVERY-class log group keeps events for one day");
            const days = props.retentionInDays;
            // Absent or 0, the group keeps every event forever (and bills it).
            if (days === undefined || days === 0)
                report(`retentionInDays is ${JSON.stringify(days)} (never expire); set one of ${LOG_RETENTION_DAYS.join(", ")}.`);
            else if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days))
                report(`retentionInDays is ${JSON.stringify(days)}, which CloudWatch Logs refuses; use one of ${LOG_RETENTION_DAYS.join(", ")}.`);
        },
    }),
    resourceRule({
        name: "rds-3-encrypted",
        description: "RDS and Aurora storage is encrypted at rest.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "RDS.3", cdkNag: ["AwsSolutions-RDS2"], url: securityHub("rds") },
        types: [RDS_CLUSTER, RDS_INSTANCE],
        validate: (props, args, report) => {
            // Aurora Serverless v1 (engineMode serverless) is always encrypted; other clusters and instances default to unencrypted.
            if (args.type === RDS_CLUSTER && props.engineMode === "serverless") return;
            // A read replica inherits its source's encryption (RDS refuses to choose otherwise).
            if (args.type === RDS_INSTANCE && props.replicateSourceDb !== undefined) return;
            if (props.storageEncrypted !== true)
                report(
                    `storageEncrypted is ${JSON.stringify(props.storageEncrypted)}; set it to true (create-only: a restore into a new, encrypted resource).`,
                );
        },
    }),
    resourceRule({
        name: "rds-7-deletion-protection",
        description: "RDS clusters and instances in production have deletion protection on.",
        enforcementLevel: "mandatory",
        severity: "high",
        productionOnly: true,
        control: { fsbp: "RDS.7", cdkNag: ["AwsSolutions-RDS10"], url: securityHub("rds") },
        types: [RDS_CLUSTER, RDS_INSTANCE],
        validate: (props, _args, report) => {
            if (props.deletionProtection !== true) report(`deletionProtection is ${JSON.stringify(props.deletionProtection)}; set it to true in production.`);
        },
    }),
    resourceRule({
        name: "rds-12-iam-auth",
        description: "RDS clusters and instances of MySQL, MariaDB and PostgreSQL engines accept IAM database authentication.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "RDS.12", cdkNag: ["AwsSolutions-RDS6"], url: securityHub("rds") },
        types: [RDS_CLUSTER, RDS_INSTANCE],
        validate: (props, args, report) => {
            // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html#UsingWithRDS.IAMDBAuth.Availability
            const engine = props.engine ?? (args.type === RDS_CLUSTER ? "aurora" : undefined);
            if (typeof engine === "string" && !IAM_AUTH_ENGINES.test(engine)) args.notApplicable(`engine ${engine} has no IAM database authentication`);
            if (props.iamDatabaseAuthenticationEnabled !== true)
                report(
                    `iamDatabaseAuthenticationEnabled is ${JSON.stringify(props.iamDatabaseAuthenticationEnabled)}; set it to true (password logins keep working; users granted rds_iam log in with IAM tokens).`,
                );
        },
    }),
    resourceRule({
        name: "rds-35-auto-minor-upgrade",
        description: "RDS clusters and instances apply minor engine upgrades automatically in their maintenance window.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "RDS.35", cdkNag: [], url: securityHub("rds") },
        types: [RDS_CLUSTER, RDS_INSTANCE, RDS_CLUSTER_INSTANCE],
        validate: (props, _args, report) => {
            // The provider's default is true for all three types (RDS.35 checks clusters, RDS.13 instances).
            if (props.autoMinorVersionUpgrade === false) report("autoMinorVersionUpgrade is false; set it to true (or leave it unset).");
        },
    }),
    resourceRule({
        name: "rds-custom-admin",
        description: "RDS clusters and instances use a master username other than the engine's default (admin, postgres).",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "RDS.24", cdkNag: [], url: securityHub("rds") },
        types: [RDS_CLUSTER, RDS_INSTANCE],
        validate: (props, _args, report) => {
            // RDS.24 (clusters) and RDS.25 (instances). A cluster restored from a snapshot has no masterUsername input.
            const user = props.masterUsername;
            if (typeof user === "string" && DEFAULT_ADMIN_USERNAMES.includes(user.toLowerCase()))
                report(`masterUsername is "${user}", a default; choose another name (create-only: changing it replaces the database).`);
        },
    }),
];
