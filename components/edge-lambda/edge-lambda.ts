import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as lambda from "@pulumi/aws/lambda";
import { Provider } from "@pulumi/aws/provider";
import { functionName, logGroupName } from "../lambda-function/lambda-function";
import { Bundle, bundle, bundleArchive, zippedBytes } from "../shared/bundle";
import { ArgsError, isPlain } from "../shared/errors";
import { nameIssues } from "../shared/shape";
import { RoleResources, Statement, assumeRolePolicy, createRole } from "../shared/iam";
import { childName, typeToken } from "../shared/naming";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { EdgeLambdaArgs } from "./args";
import { ResolvedEdgeLambda, normalize } from "./defaults";
import { packageSizeIssue, validateEdgeLambda } from "./validate";

/** Lambda@Edge functions are created in US East (N. Virginia) only, whatever the stack's Region. */
export const EDGE_REGION = "us-east-1";

export interface EdgeLambdaResources {
    /** The us-east-1 provider the component created; undefined when `provider` was given. */
    provider?: Provider;
    /** The execution role and its inline policy `logs`. */
    role: RoleResources;
    /** `/aws/lambda/us-east-1.<function name>` by Region (`logRegions`), created before the function. */
    logGroups: Record<string, cloudwatch.LogGroup>;
    function: lambda.Function;
}

/**
 * A Lambda@Edge function: Node.js code bundled from a TypeScript entry, created in us-east-1 through
 * an explicit provider whatever the stack's Region, published as a numbered version (what CloudFront
 * associates; never `$LATEST`), with a role Lambda and Lambda@Edge may assume that may write its logs
 * in every Region, and log groups with a retention pre-created where you expect it to run. Every
 * Lambda@Edge limit (memory and timeout per event type, zipped package size, no environment, VPC,
 * layers or arm64) is checked before any resource: see `validateEdgeLambda`.
 *
 * @example
 * const router = new EdgeLambda("router", {
 *     entry: "functions/edge/origin-request-router.ts",
 *     events: ["origin-request"],
 *     timeoutSeconds: 10,
 *     files: { "routes.json": JSON.stringify({ default: "web", countries: { DE: "eu" } }) },
 * });
 * // router.qualifiedArn → arn:aws:lambda:us-east-1:<account>:function:router-<hex>:<version>
 *
 * **Deploying**: the replication needs nothing on the execution role, but who associates the function
 * with a distribution needs `lambda:GetFunction`, `lambda:EnableReplication*` and `lambda:DisableReplication*`
 * on its versions, `iam:CreateServiceLinkedRole` the first time (the replicator's service-linked role)
 * and `cloudfront:CreateDistribution`/`UpdateDistribution`
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html).
 *
 * **Cost**: Lambda@Edge bills $0.60 per million requests and $0.00005001 per GB-second (metered per
 * 1 ms; no free tier), so the default 128 MB for 20 ms costs 0.125 × 0.02 × 0.00005001 + 0.0000006 =
 * $0.000000725 per request, $0.73 per million. Logs $0.50 per GB ingested in the Region where each
 * request ran; the log groups themselves and the provider cost nothing.
 */
export class EdgeLambda extends pulumi.ComponentResource {
    static readonly type = typeToken("edge", "EdgeLambda");

    /** The numbered version's ARN (`…:function:<name>:<version>`): what a CloudFront association takes. */
    readonly qualifiedArn: pulumi.Output<string>;
    /** The unqualified function ARN. */
    readonly functionArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    /** The published version number. */
    readonly version: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    /** The us-east-1 provider of every child (given or created): pass it to other EdgeLambdas to share one. */
    readonly provider: Provider;
    /** SHA-256 and size of the bundled `index.js`, and the zipped package's estimated size (plain files included). */
    readonly bundle: { sha256: string; bytes: number; zippedBytes: number };
    readonly resources: EdgeLambdaResources;

    constructor(name: string, args: EdgeLambdaArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validation bundles the code: code that does not build, or does not fit, registers nothing.
        const issues = [...nameIssues(name), ...validateEdgeLambda(args)];
        if (issues.length) throw new ArgsError("EdgeLambda", name, issues);
        const cfg = normalize(args);
        const code = bundle(cfg.entry);
        super(EdgeLambda.type, name, args, opts);

        const t = cfg.transform;
        const tags = componentTags(EdgeLambda.type, name, cfg.tags);
        // A provider given in the args, else one given to this component's own options (the Pulumi idiom,
        // `{ provider }` or `{ providers }`; not one inherited from a parent), else one created here.
        const given = cfg.provider ?? ownAwsProvider(opts);
        const created = given ? undefined : create(Provider, childName(name, EDGE_REGION), { region: EDGE_REGION }, { parent: this }, t.provider);
        const provider = given ?? (created as Provider);
        const child = { parent: this, provider };
        const physical = functionName(name);

        const logGroups: Record<string, cloudwatch.LogGroup> = {};
        for (const region of cfg.logRegions) {
            logGroups[region] = create(
                cloudwatch.LogGroup,
                childName(name, "logs", region),
                // pulumi-aws 7's per-resource `region`: one provider reaches every Region.
                { name: edgeLogGroupName(physical), retentionInDays: cfg.logRetentionDays, region, tags },
                child,
                t.logGroup,
            );
        }
        const role = createEdgeRole(name, physical, cfg, tags, child);
        const fn = create(
            lambda.Function,
            childName(name, "function"),
            {
                name: physical,
                // pulumi-aws 7's per-resource Region: the function is in us-east-1 whatever Region the provider
                // is configured for (a given provider, e.g. the stack's, is then safe), as the log groups name theirs.
                region: EDGE_REGION,
                role: role.arn,
                packageType: "Zip",
                runtime: cfg.runtime,
                handler: `index.${cfg.handler}`,
                code: packageCode(name, code, cfg),
                architectures: ["x86_64"],
                memorySize: cfg.memoryMiB,
                timeout: cfg.timeoutSeconds,
                // CloudFront associates a numbered version only, never $LATEST or an alias.
                publish: true,
                skipDestroy: cfg.skipDestroy,
                // Lambda@Edge takes advanced logging controls; with the default group (no `logGroup`) it writes
                // to `/aws/lambda/us-east-1.<name>` in each Region, the group the role may write. A custom
                // `logGroup` (through transform.function) would be used as is in every Region, outside the role's
                // policy (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-logs.html).
                loggingConfig: { logFormat: "JSON" },
                tags,
            },
            { ...child, dependsOn: Object.values(logGroups) },
            t.function,
        );

        this.qualifiedArn = fn.qualifiedArn.apply((arn) => {
            // Only a transform can get here (publish: false): CloudFront would refuse the association.
            if (!/:\d+$/.test(arn))
                throw new ArgsError("EdgeLambda", name, [
                    { path: "transform.function", value: arn, message: "leaves no numbered version", allowed: "publish: true" },
                ]);
            return arn;
        });
        this.functionArn = fn.arn;
        this.functionName = fn.name;
        this.version = fn.version;
        this.roleArn = role.role.arn;
        this.provider = provider;
        this.bundle = { sha256: code.sha256, bytes: code.bytes, zippedBytes: zippedBytes({ ...plainFiles(cfg.files), "index.js": code.code }) };
        this.resources = { provider: created, role, logGroups, function: fn };
        this.registerOutputs({
            qualifiedArn: this.qualifiedArn,
            functionArn: this.functionArn,
            functionName: this.functionName,
            version: this.version,
            roleArn: this.roleArn,
        });
    }
}

/**
 * Where Lambda@Edge writes a function's logs, in each Region it runs in: the default group name with
 * the creating Region as prefix (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-logs.html).
 */
export function edgeLogGroupName(functionName: string): string {
    return logGroupName(`${EDGE_REGION}.${functionName}`);
}

/** An aws provider given directly in a component's options (`provider`, or `providers` as a list or map). */
export function ownAwsProvider(opts: pulumi.ComponentResourceOptions | undefined): Provider | undefined {
    const providers = opts?.providers === undefined ? [] : Array.isArray(opts.providers) ? opts.providers : Object.values(opts.providers);
    return [opts?.provider, ...providers].find((p): p is Provider => p !== undefined && Provider.isInstance(p));
}

function plainFiles(files: ResolvedEdgeLambda["files"]): Record<string, string> {
    return Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => isPlain(e[1])));
}

/** The zip: plain files as they are (checked already); with Outputs, the size quota is checked once they are known. */
function packageCode(name: string, code: Bundle, cfg: ResolvedEdgeLambda): pulumi.Input<pulumi.asset.Archive> {
    if (Object.values(cfg.files).every((v) => isPlain(v))) return bundleArchive(code, cfg.files as Record<string, string>);
    return pulumi.output(cfg.files).apply((files) => {
        const issue = packageSizeIssue({ ...files, "index.js": code.code }, cfg.events);
        if (issue) throw new ArgsError("EdgeLambda", name, [issue]);
        return bundleArchive(code, files);
    });
}

/**
 * The execution role: Lambda and Lambda@Edge must both be able to assume it
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html).
 * No aws:SourceAccount condition: edgelambda.amazonaws.com replicates the function across Regions and
 * AWS documents the trust without one.
 */
function createEdgeRole(
    name: string,
    physical: string,
    cfg: ResolvedEdgeLambda,
    tags: Record<string, string>,
    child: pulumi.CustomResourceOptions,
): RoleResources {
    const partition = getPartitionOutput({}, child).partition;
    const account = getCallerIdentityOutput({}, child).accountId;
    const group = pulumi.interpolate`arn:${partition}:logs:*:${account}:log-group:${edgeLogGroupName(physical)}`;
    const logs: Statement = {
        // Every Region ("*"): the function runs, and logs, in the Region nearest each viewer, which AWS
        // does not list. Its own group name only; CreateLogGroup for the Regions not in logRegions.
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [group, pulumi.interpolate`${group}:*`],
    };
    return createRole(
        childName(name, "role"),
        {
            description: `Execution role of the Lambda@Edge function ${name}`,
            assumeRolePolicy: assumeRolePolicy(["lambda.amazonaws.com", "edgelambda.amazonaws.com"]),
            policies: { logs: [logs] },
            tags,
        },
        child,
        cfg.transform.role,
    );
}
