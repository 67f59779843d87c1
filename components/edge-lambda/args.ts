import type * as aws from "@pulumi/aws";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as iam from "@pulumi/aws/iam";
import type * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { Transform } from "../shared/transform";

/**
 * The CloudFront events a Lambda@Edge function can be attached to. Viewer events run on every
 * request at the edge location and have the tighter limits (128 MB, 5 seconds, 1 MB package);
 * origin events run only on cache misses (up to 30 seconds, 50 MB package).
 */
export type EdgeEventType = "viewer-request" | "viewer-response" | "origin-request" | "origin-response";

/** Node.js runtimes Lambda@Edge runs that the bundle's syntax target (Node.js 22) runs on. */
export type EdgeRuntime = "nodejs22.x" | "nodejs24.x";

export interface EdgeLambdaArgs {
    /**
     * The function's code: a TypeScript or JavaScript file, relative to the working directory (the
     * project directory under `pulumi`), bundled with esbuild while the program runs (minified,
     * Node.js 22). Its zipped size counts against Lambda@Edge's package limit (1 MB for viewer
     * events, 50 MB for origin events), checked before any resource.
     * @example "functions/edge/origin-request-router.ts"
     */
    entry: string;
    /**
     * The name of the handler exported by `entry` (the function's handler becomes `index.<handler>`).
     * @default "handler"
     */
    handler?: string;
    /**
     * The Node.js runtime. Lambda@Edge supports "the latest versions of Node.js and Python runtimes"
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html#lambda-at-edge-restrictions-runtime;
     * Node.js 24 with Lambda@Edge: https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/);
     * the bundle targets Node.js 22, so older runtimes are refused. `nodejs24.x` runs only async (or
     * promise-returning) handlers: Lambda dropped callback-style handlers (`(event, context, callback)`,
     * as many Lambda@Edge examples are written) from Node.js 24 on, and such a handler fails at its first invocation.
     * @default "nodejs22.x"
     */
    runtime?: EdgeRuntime;
    /**
     * Memory in MiB: 128 to 10240 for origin events, exactly 128 for viewer events (Lambda@Edge
     * quotas). CPU scales with it.
     * @default 128
     */
    memoryMiB?: number;
    /**
     * Seconds one invocation may run: at most 5 for viewer events, 30 for origin events (Lambda@Edge
     * quotas, not Lambda's 900).
     * @default 5
     */
    timeoutSeconds?: number;
    /**
     * The events this function will be attached to, for standalone use: the limits of each are checked
     * before any resource (EdgeFunctions passes the events it attaches the function to itself). Without
     * events only the limits common to all events are checked (30 seconds, 50 MB zipped).
     * @default []
     * @example ["origin-request"]
     */
    events?: EdgeEventType[];
    /**
     * Extra files in the deployment package beside `index.js`, by path: Lambda@Edge has no
     * environment variables, so configuration ships with the code (read it with
     * `require("./routes.json")` or `fs.readFileSync(path.join(__dirname, "routes.json"))`). Values
     * may be Outputs; their size then counts once known. Paths are relative (no `/` at the start, no
     * `..`) and never `index.js`.
     * @default {}
     * @example { "routes.json": pulumi.jsonStringify({ default: "web", countries: { DE: "eu" } }) }
     */
    files?: Record<string, pulumi.Input<string>>;
    /**
     * Days CloudWatch keeps the logs of the regions in `logRegions` (a value PutRetentionPolicy accepts).
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * Regions where the log group `/aws/lambda/us-east-1.<function name>` is created, with
     * `logRetentionDays`, before the function. Lambda@Edge writes its logs in the Region where each
     * request ran (near the viewer); AWS does not publish that list. In Regions not listed, Lambda@Edge
     * creates the group on first use, and it keeps logs forever (the role may create it: logs are never
     * lost). Each Region costs one log group resource (created through the same provider with the
     * resource's own `region` argument: no extra provider); list the Regions near your viewers.
     * @default ["us-east-1"]
     * @example ["us-east-1", "eu-west-1", "eu-central-1"]
     */
    logRegions?: string[];
    /**
     * Keep the function when it is deleted from the program (pulumi-aws `skipDestroy`: the provider
     * drops it from the state without calling DeleteFunction): CloudFront keeps replicas of a
     * Lambda@Edge function for hours after its last association is removed, and Lambda refuses to
     * delete it until then ("because it is a replicated function"), so a `pulumi destroy` would fail
     * half-way. Kept, it stays in us-east-1, with its published versions, until you delete it by hand
     * (`aws lambda delete-function --region us-east-1 --function-name <functionName>`, once CloudFront
     * has removed the replicas). With `false` the provider retries the deletion for its delete timeout
     * (10 minutes unless `customTimeouts` says otherwise), then fails; a later run retries it. The role
     * and the log groups are deleted either way (Lambda@Edge recreates a log group, without retention,
     * if a replica still runs).
     * @default true
     */
    skipDestroy?: boolean;
    /**
     * The AWS provider for every child (also taken from the component's own options, `{ provider }` or
     * `{ providers }`). Its Region does not matter: the function and the log groups name their Region
     * themselves (pulumi-aws 7's per-resource `region`), so the function is in us-east-1, where Lambda@Edge
     * functions must be, even through the stack's own provider. Give one to share it between functions
     * or to set credentials, assumed roles or default tags.
     * The one the component creates has `region` only: like every explicit provider it reads none of the
     * stack's `aws:` config (Pulumi applies that to the default provider alone), so it takes credentials
     * from the standard chain (`AWS_ACCESS_KEY_ID`…, `AWS_PROFILE`, the shared files' default profile,
     * an instance or task role) and ignores `aws:profile`, `aws:sharedCredentialsFiles`, `aws:assumeRoles`,
     * `aws:allowedAccountIds` and `aws:defaultTags`. If the stack sets any of those, give your own provider
     * with the same values: otherwise the function may be created with other credentials, in another
     * account, and CloudFront refuses an association with a function of another account.
     * @default - a provider for us-east-1, `<name>-us-east-1`, created by the component
     * @example new aws.Provider("edge", { region: "us-east-1" })
     */
    provider?: aws.Provider;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `provider` (the us-east-1 provider the component
     * creates), `role` (the execution role), `logGroup` (every pre-created log group; the function
     * form receives each one's logical name), `function`.
     * @default {}
     */
    transform?: {
        provider?: Transform<aws.ProviderArgs>;
        role?: Transform<iam.RoleArgs>;
        logGroup?: Transform<cloudwatch.LogGroupArgs>;
        function?: Transform<lambda.FunctionArgs>;
    };
}
