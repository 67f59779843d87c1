import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as lambda from "@pulumi/aws/lambda";
import { Bundle, bundleArchive } from "../shared/bundle";
import { destinationStatements } from "../shared/destinations";
import { ArgsError, isPlain } from "../shared/errors";
import { RoleResources, assumeRolePolicy, awsManagedPolicyArn, createRole } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { readyAfter } from "../shared/outputs";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { LambdaFunctionArgs } from "./args";
import { ResolvedLambdaFunction, normalize } from "./defaults";
import { bundleCode, environmentSizeIssue, validate } from "./validate";

export interface LambdaFunctionResources {
    /** The execution role, its inline policies (`logs`, `destination`, `own`) and managed policy attachments (`xray`, `vpc`). */
    role: RoleResources;
    /** `/aws/lambda/<function name>`, created with its retention before the function. */
    logGroup: cloudwatch.LogGroup;
    function: lambda.Function;
    /** Egress only; created for `vpc` when no `securityGroupIds` are given. */
    securityGroup?: ec2.SecurityGroup;
    alias?: lambda.Alias;
    provisionedConcurrency?: lambda.ProvisionedConcurrencyConfig;
    /** Asynchronous invocation settings, when `async` is given. */
    eventInvokeConfig?: lambda.FunctionEventInvokeConfig;
}

/**
 * A Lambda function built from a TypeScript entry file (bundled with esbuild while the program runs,
 * AWS SDK v3 inside, no closure serialization) or from a container image, on Node.js 22 and arm64 by
 * default, with its own log group and retention, a least-privilege execution role, and the options
 * of the notes' serverless chapter: X-Ray, reserved concurrency, an alias with provisioned
 * concurrency, a VPC attachment, and a failure destination for asynchronous invocations. Every
 * value Lambda limits (memory, timeout, `/tmp`, 4 KB of environment) is checked before any resource.
 *
 * @example
 * const api = new LambdaFunction("items-api", {
 *     entry: "functions/items/api.ts",
 *     environment: { TABLE_NAME: table.name },
 *     statements: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: table.arn }],
 * });
 *
 * **Cost**: requests $0.20 per million; compute on arm64 $0.0000133334 per GB-second (x86_64
 * $0.0000166667), so the default 256 MiB for 100 ms costs 0.25 × 0.1 × 0.0000133334 = $0.00000033
 * per request; free tier 1M requests and 400,000 GB-seconds a month. Logs $0.50 per GB ingested.
 * Provisioned concurrency is billed while configured: 256 MiB × 1 environment on arm64 ≈
 * 0.25 × 0.0000033334 × 2,592,000 s ≈ $2.16 a month per environment (us-east-1 prices).
 */
export class LambdaFunction extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "LambdaFunction");

    readonly functionName: pulumi.Output<string>;
    /** The unqualified function ARN ($LATEST). */
    readonly functionArn: pulumi.Output<string>;
    /**
     * What API Gateway integrations call: the alias's when there is one (so requests use its provisioned
     * concurrency, resolved once that is ready), the function's otherwise.
     */
    readonly invokeArn: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    /** The alias's ARN, when `alias` is given. */
    readonly aliasArn?: pulumi.Output<string>;
    /** SHA-256 and size of the bundled `index.js` (for `entry`), as the plan shows them. */
    readonly bundle?: { sha256: string; bytes: number };
    readonly resources: LambdaFunctionResources;

    constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("LambdaFunction", name, issues);
        const cfg = normalize(args);
        // Bundled before super(): code that does not build registers nothing.
        const code = cfg.entry === undefined ? undefined : bundleEntry(name, cfg.entry, cfg.handler);
        super(LambdaFunction.type, name, args, opts);

        const child = { parent: this };
        const tags = componentTags(LambdaFunction.type, name, cfg.tags);
        const t = cfg.transform;
        const physical = functionName(name);

        // Created by us, with a retention, before the function: Lambda would otherwise create it on the
        // first invocation, with no retention, and outside the program.
        const logGroup = create(
            cloudwatch.LogGroup,
            childName(name, "logs"),
            { name: logGroupName(physical), retentionInDays: cfg.logRetentionDays, tags },
            child,
            t.logGroup,
        );
        const role = createExecutionRole(name, cfg, logGroup, tags, child);
        const securityGroup =
            cfg.vpc && cfg.vpc.securityGroupIds === undefined
                ? create(
                      ec2.SecurityGroup,
                      fitName(childName(name, "security-group"), ec2.SecurityGroup),
                      {
                          vpcId: cfg.vpc.vpcId,
                          // EC2 takes only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* here (no apostrophe), and replaces the group when it changes.
                          description: `Lambda function ${physical}: egress only, nothing connects to the ENIs of a function`,
                          egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound" }],
                          tags,
                      },
                      child,
                      t.securityGroup,
                  )
                : undefined;

        const fn = create(
            lambda.Function,
            childName(name, "function"),
            {
                name: physical,
                // Resolved once the role's policies are attached: Lambda checks the ENI permissions of a VPC
                // function at creation, and a first invocation must be able to log.
                role: role.arn,
                architectures: [cfg.architecture],
                memorySize: cfg.memoryMiB,
                timeout: cfg.timeoutSeconds,
                ephemeralStorage: { size: cfg.ephemeralStorageMiB },
                ...(code
                    ? { packageType: "Zip", runtime: lambda.Runtime.NodeJS22dX, handler: `index.${cfg.handler}`, code: bundleArchive(code) }
                    : { packageType: "Image", imageUri: cfg.imageUri }),
                environment: Object.keys(cfg.environment).length ? { variables: checkedEnvironment(name, cfg.environment) } : undefined,
                // JSON logs: Lambda's own lines and the handler's structured lines are queryable alike in Logs Insights.
                loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
                tracingConfig: cfg.tracing ? { mode: "Active" } : undefined,
                reservedConcurrentExecutions: cfg.reservedConcurrency,
                // A numbered version for the alias to point at.
                publish: cfg.alias !== undefined ? true : undefined,
                vpcConfig: cfg.vpc
                    ? { subnetIds: cfg.vpc.subnetIds, securityGroupIds: securityGroup ? [securityGroup.id] : (cfg.vpc.securityGroupIds ?? []) }
                    : undefined,
                tags,
            },
            // The name is fixed (the log group is named after it), so a replacement (packageType, when
            // entry becomes imageUri) cannot create the new function beside the old one: delete first.
            { ...child, dependsOn: [logGroup], deleteBeforeReplace: true },
            t.function,
        );

        const alias = cfg.alias
            ? create(lambda.Alias, childName(name, "alias"), { name: cfg.alias.name, functionName: fn.name, functionVersion: fn.version }, child, t.alias)
            : undefined;
        const provisionedConcurrency =
            alias && cfg.alias?.provisionedConcurrency !== undefined
                ? create(
                      lambda.ProvisionedConcurrencyConfig,
                      childName(name, "provisioned-concurrency"),
                      { functionName: fn.name, qualifier: alias.name, provisionedConcurrentExecutions: cfg.alias.provisionedConcurrency },
                      child,
                      t.provisionedConcurrency,
                  )
                : undefined;
        const eventInvokeConfig = cfg.async
            ? create(
                  lambda.FunctionEventInvokeConfig,
                  childName(name, "async"),
                  {
                      functionName: fn.name,
                      // On the entry point the component hands out: the alias when there is one.
                      qualifier: alias?.name,
                      maximumRetryAttempts: cfg.async.maximumRetryAttempts,
                      maximumEventAgeInSeconds: cfg.async.maximumEventAgeSeconds,
                      destinationConfig: cfg.async.onFailure ? { onFailure: { destination: cfg.async.onFailure.arn } } : undefined,
                  },
                  // Lambda checks that the role may send to the destination when the setting is made.
                  { ...child, dependsOn: Object.values(role.policies) },
                  t.eventInvokeConfig,
              )
            : undefined;

        this.functionName = fn.name;
        this.functionArn = fn.arn;
        this.invokeArn = alias ? readyAfter(alias.invokeArn, provisionedConcurrency ? [provisionedConcurrency] : []) : fn.invokeArn;
        this.roleArn = role.role.arn;
        this.aliasArn = alias?.arn;
        this.bundle = code && { sha256: code.sha256, bytes: code.bytes };
        this.resources = { role, logGroup, function: fn, securityGroup, alias, provisionedConcurrency, eventInvokeConfig };
        this.registerOutputs({
            functionName: this.functionName,
            functionArn: this.functionArn,
            invokeArn: this.invokeArn,
            roleArn: this.roleArn,
            aliasArn: this.aliasArn,
        });
    }
}

/**
 * The function's physical name, `<name>-<7 hex>` unique per stack, fitted to Lambda's 64 characters
 * of [a-zA-Z0-9-_]. Explicit (not auto-named) so the log group's name is known before the function exists.
 */
export function functionName(name: string): string {
    return fitName(`${name}-${stackSuffix(name)}`, lambda.Function, { explicit: true });
}

/** Where Lambda writes a function's logs by default (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html). */
export function logGroupName(functionName: string): string {
    return `/aws/lambda/${functionName}`;
}

function bundleEntry(name: string, entry: string, handler: string): Bundle {
    const { code, issues } = bundleCode(entry, handler);
    if (issues.length) throw new ArgsError("LambdaFunction", name, issues);
    return code as Bundle;
}

/** Plain values pass as they are (checked already); with Outputs, the 4 KB rule runs once they are known. */
function checkedEnvironment(name: string, environment: ResolvedLambdaFunction["environment"]): pulumi.Input<Record<string, pulumi.Input<string>>> {
    if (Object.values(environment).every((v) => isPlain(v))) return environment;
    return pulumi.output(environment).apply((variables) => {
        const issue = environmentSizeIssue(variables);
        if (issue) throw new ArgsError("LambdaFunction", name, [issue]);
        return variables;
    });
}

/** What the role needs to send a failed event to each kind of destination (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). */
function createExecutionRole(
    name: string,
    cfg: ResolvedLambdaFunction,
    logGroup: cloudwatch.LogGroup,
    tags: Record<string, string>,
    child: pulumi.CustomResourceOptions,
): RoleResources {
    const partition = cfg.tracing || cfg.vpc ? getPartitionOutput({}, child).partition : undefined;
    const managedPolicies: Record<string, pulumi.Input<string>> = {};
    if (partition && cfg.tracing) managedPolicies.xray = awsManagedPolicyArn(partition, "AWSXRayDaemonWriteAccess");
    // The ENI actions a VPC function needs (ec2:CreateNetworkInterface and the rest) on "*": EC2 does
    // not scope them to resources (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html).
    if (partition && cfg.vpc) managedPolicies.vpc = awsManagedPolicyArn(partition, "service-role/AWSLambdaVPCAccessExecutionRole");
    return createRole(
        childName(name, "role"),
        {
            description: `Execution role of the Lambda function ${name}`,
            // No aws:SourceAccount condition: AWS documents the execution role's trust without one
            // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html), and iam:PassRole
            // cannot pass a role to another account's function, so no other account can make Lambda assume it.
            assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
            policies: {
                // Its own log group only, not AWSLambdaBasicExecutionRole's logs:* on every group; no
                // CreateLogGroup: the group exists before the function.
                logs: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` }],
                destination: cfg.async?.onFailure ? destinationStatements(cfg.async.onFailure.type, cfg.async.onFailure.arn) : [],
                own: cfg.statements,
            },
            managedPolicies,
            tags,
        },
        child,
        cfg.transform.role,
    );
}
