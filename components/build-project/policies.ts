import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import type { ResolvedBuildProject } from "./defaults";
import type { SecretRef } from "./secrets";

/** Where the project lives: what its role's statements name. */
export interface BuildScope {
    partition: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    /** The project's physical name (known before it exists: the trust and report statements name it). */
    projectName: string;
    logGroupArn: pulumi.Input<string>;
    /** The `secrets` references, parsed (resolved once every value is known). */
    secretRefs: pulumi.Output<SecretRef[]>;
}

/** The ARN IAM matches for a Parameter Store parameter: `parameter` then the name with one leading `/`. */
export function parameterArn(
    scope: Pick<BuildScope, "partition" | "region" | "accountId">,
    ref: SecretRef & { kind: "parameter-store" },
): pulumi.Output<string> {
    if (ref.arn) return pulumi.output(ref.arn);
    return pulumi.interpolate`arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:parameter${ref.name.startsWith("/") ? ref.name : `/${ref.name}`}`;
}

/**
 * The build role's statements, each as narrow as AWS allows: logs on its own log group, test reports
 * on its own report groups, exactly the secrets it references, the VPC interfaces of its subnets, its
 * cache prefix, `iam:PassRole` only on the listed roles and to the listed service, then the caller's.
 */
export function buildRoleStatements(scope: BuildScope, cfg: ResolvedBuildProject): Statement[] {
    const statements: Statement[] = [
        // The log group exists before the project (the component creates it with its retention), so no logs:CreateLogGroup.
        {
            Sid: "WriteBuildLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [scope.logGroupArn, pulumi.interpolate`${scope.logGroupArn}:*`],
        },
        // Test and coverage reports: CodeBuild names a buildspec's report groups `<project>-<report>`
        // (https://docs.aws.amazon.com/codebuild/latest/userguide/test-report-group-create-buildspec.html).
        {
            Sid: "WriteTestReports",
            Effect: "Allow",
            Action: [
                "codebuild:CreateReportGroup",
                "codebuild:CreateReport",
                "codebuild:UpdateReport",
                "codebuild:BatchPutTestCases",
                "codebuild:BatchPutCodeCoverages",
            ],
            Resource: pulumi.interpolate`arn:${scope.partition}:codebuild:${scope.region}:${scope.accountId}:report-group/${scope.projectName}-*`,
        },
    ];
    if (Object.keys(cfg.secrets).length > 0) {
        // CodeBuild reads SECRETS_MANAGER variables with secretsmanager:GetSecretValue and PARAMETER_STORE
        // ones with ssm:GetParameters (https://docs.aws.amazon.com/codebuild/latest/userguide/create-project-cli.html).
        // An empty list (no reference of that kind) drops the statement (policyJson).
        statements.push(
            {
                Sid: "ReadSecrets",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: scope.secretRefs.apply((refs) => unique(refs.flatMap((r) => (r.kind === "secrets-manager" ? [r.secretArn] : [])))),
            },
            {
                Sid: "ReadParameters",
                Effect: "Allow",
                Action: "ssm:GetParameters",
                Resource: pulumi
                    .all([scope.secretRefs, scope.partition, scope.region, scope.accountId])
                    .apply(([refs]) => pulumi.all(refs.flatMap((r) => (r.kind === "parameter-store" ? [parameterArn(scope, r)] : []))))
                    .apply(unique),
            },
        );
    }
    if (cfg.secretKeyArns.length > 0) {
        // Only through the two services that hold the secrets: the key cannot be used directly.
        statements.push({
            Sid: "DecryptSecrets",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: cfg.secretKeyArns,
            Condition: { StringLike: { "kms:ViaService": ["secretsmanager.*.amazonaws.com", "ssm.*.amazonaws.com"] } },
        });
    }
    if (cfg.vpc) {
        statements.push(
            // AWS's documented statement for builds in a VPC: these EC2 actions are granted on "*"
            // (https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html#customer-managed-policies-example-create-vpc-network-interface).
            {
                Sid: "VpcNetworkInterfaces",
                Effect: "Allow",
                Action: [
                    "ec2:CreateNetworkInterface",
                    "ec2:DescribeDhcpOptions",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DeleteNetworkInterface",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeVpcs",
                ],
                Resource: "*",
            },
            // …and the permission on the interface only for CodeBuild, only in the build's subnets.
            {
                Sid: "VpcNetworkInterfacePermission",
                Effect: "Allow",
                Action: "ec2:CreateNetworkInterfacePermission",
                Resource: pulumi.interpolate`arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:network-interface/*`,
                Condition: {
                    StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
                    ArnEquals: {
                        "ec2:Subnet": cfg.vpc.subnetIds.map(
                            (id) => pulumi.interpolate`arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:subnet/${id}`,
                        ),
                    },
                },
            },
        );
    }
    const cache = cfg.cache;
    if (cache !== "none" && "s3" in cache) {
        statements.push(
            {
                Sid: "CacheObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject"],
                Resource: pulumi.interpolate`${cache.s3.bucketArn}/${cache.s3.prefix ?? ""}*`,
            },
            { Sid: "CacheBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: cache.s3.bucketArn },
        );
    }
    cfg.passRoles.forEach((p, i) => {
        statements.push({
            Sid: `PassRoles${i}`,
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: p.roleArns,
            Condition: { StringEquals: { "iam:PassedToService": p.service } },
        });
    });
    return [...statements, ...cfg.policyStatements];
}

function unique(list: string[]): string[] {
    return [...new Set(list)];
}
