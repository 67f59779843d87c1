/** Rules: Lambda, API Gateway, SQS, SNS, DynamoDB (lambda-*, apigw-*, sqs-*, sns-*, dynamodb-*). */
import type { PolicyResource } from "@pulumi/policy";
import { type Rule, resourceRule, stackRule } from "../rule";
import { asArray, deniesInsecureTransport, isTrue, knownValue, linksTo, ofTypes, parseDocument, setsInput, statementsOf } from "../util";

const LAMBDA_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html";
const APIGW_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html";
const SQS_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html";
const SNS_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html";
const DYNAMODB_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html";

const FUNCTION = "aws:lambda/function:Function";
const PERMISSION = "aws:lambda/permission:Permission";
const INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const EVENT_SOURCE_MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const REST_STAGE = "aws:apigateway/stage:Stage";
const METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
const REST_METHOD = "aws:apigateway/method:Method";
const V2_STAGE = "aws:apigatewayv2/stage:Stage";
const V2_ROUTE = "aws:apigatewayv2/route:Route";
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const TOPIC = "aws:sns/topic:Topic";
const TABLE = "aws:dynamodb/table:Table";

const show = (value: unknown): string => (value === undefined ? "absent" : JSON.stringify(value));

/**
 * Lambda runtimes with the date AWS deprecates them (no more security patches), from the "Supported
 * runtimes" table of https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (read
 * 2026-11-26; the same dates as tflint-ruleset-aws's aws_lambda_function_deprecated_runtime). Runtimes
 * missing here were deprecated earlier (nodejs18.x 2025-09-01, python3.9 2025-12-15, ruby3.2
 * 2026-03-31, go1.x, provided, ...). Add a runtime when AWS releases it; a date AWS moves, move here.
 */
export const LAMBDA_RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
    "nodejs24.x": "2028-04-30",
    "nodejs22.x": "2027-04-30",
    "nodejs20.x": "2026-04-30",
    "python3.14": "2029-06-30",
    "python3.13": "2029-06-30",
    "python3.12": "2028-10-31",
    "python3.11": "2026-06-30",
    "python3.10": "2026-06-30",
    java25: "2029-06-30",
    java21: "2029-06-30",
    java17: "2026-06-30",
    java11: "2026-06-30",
    "java8.al2": "2026-06-30",
    dotnet10: "2028-11-14",
    dotnet8: "2026-11-10",
    "ruby3.4": "2028-03-31",
    "ruby3.3": "2027-03-31",
    "provided.al2023": "2029-06-30",
    "provided.al2": "2026-06-30",
};

/** The runtimes still supported on `today` (an ISO date), for messages. */
const supportedRuntimes = (today: string): string[] =>
    Object.entries(LAMBDA_RUNTIME_DEPRECATION)
        .filter(([, date]) => date > today)
        .map(([runtime]) => runtime);

/**
 * The function a reference names: a function name, a full or partial function ARN, with or without
 * a version/alias qualifier (`arn:aws:lambda:us-east-1:123456789012:function:f:live` → `f`).
 */
export function functionNameOf(reference: unknown): string | undefined {
    if (typeof reference !== "string" || reference === "") return undefined;
    const arn = /(?:^|:)function:([^:]+)/.exec(reference);
    return arn ? arn[1] : reference.split(":")[0];
}

/** Whether `from`'s input `property` (the part `pick` takes) names `fn`: by dependency, else a literal name or ARN (qualifier ignored). */
const namesFunction = (from: PolicyResource, property: string, fn: PolicyResource, pick: (value: any) => unknown = (v) => v): boolean =>
    linksTo(from, property, fn, (v) => asArray<unknown>(pick(v) as any).map(functionNameOf));

/** AWS services that invoke Lambda asynchronously, as the principal of the function's resource policy. */
const ASYNC_PRINCIPALS = ["s3.amazonaws.com", "sns.amazonaws.com", "events.amazonaws.com", "scheduler.amazonaws.com"];

/** What invokes `fn` asynchronously (S3 notifications, SNS subscriptions, EventBridge/Scheduler targets, permissions). */
function asyncSourcesOf(fn: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const sources: string[] = [];
    for (const r of resources) {
        const p = r.props;
        switch (r.type) {
            case "aws:s3/bucketNotification:BucketNotification":
                if (namesFunction(r, "lambdaFunctions", fn, (v) => asArray<any>(v).map((l) => l?.lambdaFunctionArn))) sources.push(`S3 notification ${r.name}`);
                break;
            case "aws:sns/topicSubscription:TopicSubscription":
                if (p.protocol === "lambda" && namesFunction(r, "endpoint", fn)) sources.push(`SNS subscription ${r.name}`);
                break;
            case "aws:cloudwatch/eventTarget:EventTarget":
                if (namesFunction(r, "arn", fn)) sources.push(`EventBridge target ${r.name}`);
                break;
            case "aws:scheduler/schedule:Schedule":
                if (namesFunction(r, "target", fn, (v) => v?.arn)) sources.push(`Scheduler schedule ${r.name}`);
                break;
            case PERMISSION:
                if (ASYNC_PRINCIPALS.includes(p.principal) && namesFunction(r, "function", fn)) sources.push(`permission ${r.name} (${p.principal})`);
                break;
        }
    }
    return sources;
}

/** Event sources whose failed batches block the shard until they expire: Kinesis streams and DynamoDB streams. */
const isStreamSource = (arn: unknown): boolean => typeof arn === "string" && (/^arn:[^:]+:kinesis:/.test(arn) || /^arn:[^:]+:dynamodb:.*\/stream\//.test(arn));

/**
 * A REST API's `*` method settings (`methodPath: "*\/*"`) for a stage, and every per-method override of it: the
 * settings whose `stageName` comes from the stage, else (a literal stage name) of the same API and stage name.
 */
function methodSettingsOf(stage: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    const apiOf = (r: PolicyResource) => (r.propertyDependencies.restApi ?? []).map((d) => d.urn);
    return ofTypes(resources, METHOD_SETTINGS).filter((m) => {
        if ((m.propertyDependencies.stageName ?? []).length) return linksTo(m, "stageName", stage);
        const [mine, theirs] = [apiOf(m), apiOf(stage)];
        const sameApi = mine.length || theirs.length ? mine.some((u) => theirs.includes(u)) : m.props.restApi === stage.props.restApi;
        return sameApi && m.props.stageName === stage.props.stageName;
    });
}

const ALL_METHODS = "*/*";

/**
 * API Gateway's enhanced security policies: every one has TLS 1.2 (`SecurityPolicy_TLS12_...`, edge only) or TLS 1.3
 * (`SecurityPolicy_TLS13_1_2_...` admits 1.2 and 1.3) as minimum; the legacy ones are TLS_1_0 and TLS_1_2
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html).
 */
const ENHANCED_TLS12_POLICY = /^SecurityPolicy_TLS1[23]_/;
const LOGGING_ON = ["ERROR", "INFO"];

/** A throttling limit that is set: the provider's -1 (its default) means "no throttling". */
const isLimit = (value: unknown): boolean => typeof value === "number" && value >= 0;

/** Where each type names a dead-letter queue: the input property, and the part of it that holds the queue's ARN. */
const DEAD_LETTER_INPUTS: Readonly<Record<string, { property: string; pick: (value: any) => unknown }>> = {
    [QUEUE]: { property: "redrivePolicy", pick: (v) => parseDocument(v)?.deadLetterTargetArn },
    [FUNCTION]: { property: "deadLetterConfig", pick: (v) => v?.targetArn },
    [EVENT_SOURCE_MAPPING]: { property: "destinationConfig", pick: (v) => v?.onFailure?.destinationArn },
    [INVOKE_CONFIG]: { property: "destinationConfig", pick: (v) => v?.onFailure?.destination },
    "aws:cloudwatch/eventTarget:EventTarget": { property: "deadLetterConfig", pick: (v) => v?.arn },
    "aws:scheduler/schedule:Schedule": { property: "target", pick: (v) => v?.deadLetterConfig?.arn },
    "aws:sns/topicSubscription:TopicSubscription": { property: "redrivePolicy", pick: (v) => parseDocument(v)?.deadLetterTargetArn },
};

/** Whether a resource of the stack uses `queue` as its dead-letter queue (joined through the inputs' dependencies, else by ARN). */
function isDeadLetterQueue(queue: PolicyResource, resources: readonly PolicyResource[]): boolean {
    return resources.some((r) => {
        const spec = DEAD_LETTER_INPUTS[r.type];
        return spec !== undefined && r !== queue && linksTo(r, spec.property, queue, spec.pick);
    });
}

const isAwsSnsKey = (key: unknown): boolean => typeof key === "string" && (key === "alias/aws/sns" || key.endsWith(":alias/aws/sns"));

export const SERVERLESS_RULES: Rule[] = [
    // ---------------------------------------------------------------------------------------- Lambda
    resourceRule({
        name: "lambda-2-supported-runtime",
        description: "Lambda functions run on a runtime AWS still supports (patched), per the dated list in rules/serverless.ts.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "Lambda.2", cdkNag: ["AwsSolutions-L1"], url: LAMBDA_CONTROLS },
        types: [FUNCTION],
        validate: (props, args, report) => {
            // A container image brings its own runtime: `runtime` does not apply (AWS refuses it with Image).
            if (props.packageType === "Image") args.notApplicable("container image functions bring their own runtime");
            const today = new Date().toISOString().slice(0, 10);
            const deprecated = LAMBDA_RUNTIME_DEPRECATION[props.runtime];
            if (deprecated === undefined || deprecated <= today)
                report(
                    `runtime is ${show(props.runtime)}${deprecated ? `, deprecated since ${deprecated}` : ", not a supported runtime"}; use one of ${supportedRuntimes(today).join(", ")}.`,
                );
        },
    }),
    resourceRule({
        name: "lambda-explicit-memory-timeout",
        description: "Lambda functions set memorySize and timeout explicitly instead of Lambda's defaults (128 MB, 3 s).",
        enforcementLevel: "advisory",
        severity: "low",
        control: {
            cdkNag: ["Serverless-LambdaDefaultMemorySize", "Serverless-LambdaDefaultTimeout"],
            url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-common.html",
        },
        types: [FUNCTION],
        validate: (props, _args, report) => {
            const missing = ["memorySize", "timeout"].filter((k) => typeof props[k] !== "number");
            if (missing.length)
                report(
                    `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} absent; set them for the workload (LambdaFunction memoryMiB, timeoutSeconds).`,
                );
        },
    }),
    stackRule({
        name: "lambda-async-failure-destination",
        description:
            "Functions invoked asynchronously (S3, SNS, EventBridge, Scheduler) keep failed events in a dead-letter queue or an on-failure destination, and stream event-source mappings send failed batches to an on-failure destination.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: {
            cdkNag: ["Serverless-LambdaDLQ", "Serverless-LambdaAsyncFailureDestination", "Serverless-LambdaEventSourceMappingDestination"],
            url: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
        },
        types: [FUNCTION, EVENT_SOURCE_MAPPING],
        validate: (resources, _args, report) => {
            const invokeConfigs = ofTypes(resources, INVOKE_CONFIG);
            for (const fn of ofTypes(resources, FUNCTION)) {
                const sources = asyncSourcesOf(fn, resources);
                if (sources.length === 0) continue; // invoked synchronously only (API Gateway, CloudFront): the caller sees the error
                const dlq = setsInput(fn, "deadLetterConfig", (v) => v?.targetArn);
                const onFailure = invokeConfigs.some(
                    (c) => namesFunction(c, "functionName", fn) && setsInput(c, "destinationConfig", (v) => v?.onFailure?.destination),
                );
                if (!dlq && !onFailure)
                    report(
                        `invoked asynchronously by ${sources.join(", ")} but has no deadLetterConfig.targetArn and no functionEventInvokeConfig with destinationConfig.onFailure.destination: Lambda drops the event after its retries; set LambdaFunction async.onFailure.`,
                        fn.urn,
                    );
            }
            for (const m of ofTypes(resources, EVENT_SOURCE_MAPPING)) {
                const sources = m.propertyDependencies.eventSourceArn ?? [];
                const stream = sources.length
                    ? sources.some((d) => d.type === "aws:kinesis/stream:Stream" || d.type === TABLE)
                    : isStreamSource(m.props.eventSourceArn);
                if (stream && !setsInput(m, "destinationConfig", (v) => v?.onFailure?.destinationArn))
                    report(
                        `reads the stream ${sources.length ? sources.map((d) => d.name).join(", ") : m.props.eventSourceArn} without destinationConfig.onFailure.destinationArn: a failed batch is lost when its records expire; set an SQS or SNS destination (StreamConsumer onFailure).`,
                        m.urn,
                    );
            }
        },
    }),
    resourceRule({
        name: "lambda-1-permission-source",
        description: "Lambda resource policies never grant `*`, and grants to an AWS service name the source (sourceArn; for S3 also sourceAccount).",
        enforcementLevel: "mandatory",
        severity: "critical",
        control: { fsbp: "Lambda.1", cdkNag: [], url: LAMBDA_CONTROLS },
        types: [PERMISSION],
        validate: (props, _args, report) => {
            const principal = props.principal;
            // "*" limited to an organization or an account is not public (Lambda.1 checks public access).
            if (principal === "*" && !props.principalOrgId && !props.sourceAccount) {
                report(`principal is "*" without principalOrgId or sourceAccount: anyone may invoke the function; name the account or service that calls it.`);
                return;
            }
            if (typeof principal !== "string" || !principal.endsWith(".amazonaws.com")) return; // an account, a role, or "*" scoped above
            // Confused deputy: without a source, any resource of that service, in any account, can invoke the function.
            // S3 bucket ARNs carry no account, hence sourceAccount too (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html).
            if (!props.sourceArn) report(`principal is ${principal} without sourceArn; set sourceArn to the resource that invokes the function.`);
            if (principal === "s3.amazonaws.com" && !props.sourceAccount)
                report(`principal is s3.amazonaws.com without sourceAccount; bucket ARNs name no account, set sourceAccount to the bucket owner's account.`);
        },
    }),
    stackRule({
        name: "lambda-log-retention",
        description: "Each function's log group exists in the stack with a retention period (Lambda otherwise creates it with logs kept forever).",
        enforcementLevel: "advisory",
        severity: "low",
        control: { fsbp: "CloudWatch.16", cdkNag: [], url: "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html" },
        types: [FUNCTION],
        validate: (resources, _args, report) => {
            const groups = ofTypes(resources, LOG_GROUP);
            const namedAfter = (g: PolicyResource, fn: PolicyResource) => (g.propertyDependencies.name ?? []).some((d) => d.urn === fn.urn);
            for (const fn of ofTypes(resources, FUNCTION)) {
                // The group the function names (loggingConfig.logGroup from a group of the stack), or one named after the
                // function (its name computed from the function's): both known at preview. Else by the literal names.
                const configured = (fn.propertyDependencies.loggingConfig ?? []).filter((d) => d.type === LOG_GROUP);
                const joined = configured.length ? configured[0] : groups.find((g) => namedAfter(g, fn));
                const expected = (): string => fn.props.loggingConfig?.logGroup ?? `/aws/lambda/${fn.props.name}`;
                // Lambda@Edge writes to /aws/lambda/us-east-1.<name> in each region it runs in.
                const group =
                    joined ??
                    groups
                        .filter((g) => (g.propertyDependencies.name ?? []).length === 0)
                        .find((g) => {
                            // An autonamed group (a name the program did not set) is never the function's.
                            const groupName = knownValue(g.props, "name");
                            return (
                                groupName === expected() ||
                                (typeof groupName === "string" &&
                                    typeof fn.props.name === "string" &&
                                    /^\/aws\/lambda\/[a-z0-9-]+\.(.+)$/.exec(groupName)?.[1] === fn.props.name)
                            );
                        });
                if (group === undefined)
                    report(
                        `writes to the log group ${expected()}, which the stack does not create: Lambda creates it with no retention; create it with retentionInDays.`,
                        fn.urn,
                    );
                else if (!(typeof group.props.retentionInDays === "number" && group.props.retentionInDays > 0))
                    report(`its log group ${group.name} has retentionInDays ${show(group.props.retentionInDays)} (kept forever); set a retention.`, group.urn);
            }
        },
    }),
    resourceRule({
        name: "lambda-7-tracing",
        description: "Functions that configure tracing use Active X-Ray tracing (PassThrough records nothing unless the caller sampled).",
        enforcementLevel: "advisory",
        severity: "low",
        control: { fsbp: "Lambda.7", cdkNag: ["Serverless-LambdaTracing"], url: LAMBDA_CONTROLS },
        types: [FUNCTION],
        validate: (props, args, report) => {
            if (props.tracingConfig === undefined) args.notApplicable("tracing is not configured");
            if (props.tracingConfig?.mode !== "Active") report(`tracingConfig.mode is ${show(props.tracingConfig?.mode)}; use "Active".`);
        },
    }),

    // ---------------------------------------------------------------------------------- API Gateway
    resourceRule({
        name: "apigw-access-logging",
        description: "API Gateway stages (REST and HTTP/WebSocket) write access logs to a destination.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "APIGateway.9", cdkNag: ["AwsSolutions-APIG1"], url: APIGW_CONTROLS },
        types: [REST_STAGE, V2_STAGE],
        validate: (props, _args, report) => {
            const s = props.accessLogSettings;
            if (!s?.destinationArn || !s?.format) report(`accessLogSettings is ${show(s)}; set destinationArn (a log group) and format.`);
        },
    }),
    stackRule({
        name: "apigw-1-execution-logging",
        description: "REST API stages log execution at ERROR or INFO level for every method (method settings `*/*`), and no method turns it off.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "APIGateway.1", cdkNag: ["AwsSolutions-APIG6"], url: APIGW_CONTROLS },
        types: [REST_STAGE],
        validate: (resources, _args, report) => {
            for (const stage of ofTypes(resources, REST_STAGE)) {
                const settings = methodSettingsOf(stage, resources);
                const all = settings.find((m) => m.props.methodPath === ALL_METHODS);
                if (!LOGGING_ON.includes(all?.props.settings?.loggingLevel))
                    report(
                        all === undefined
                            ? `stage ${show(stage.props.stageName)} has no method settings for "*/*": execution logging is OFF; set settings.loggingLevel "ERROR" (RestApi loggingLevel).`
                            : `settings.loggingLevel is ${show(all.props.settings?.loggingLevel)} for "*/*"; set "ERROR" or "INFO" (RestApi loggingLevel).`,
                        (all ?? stage).urn,
                    );
                for (const m of settings)
                    if (m !== all && m.props.settings?.loggingLevel === "OFF")
                        report(
                            `settings.loggingLevel is "OFF" for ${show(m.props.methodPath)}; use "ERROR" or "INFO", or leave it unset to inherit "*/*".`,
                            m.urn,
                        );
            }
        },
    }),
    stackRule({
        name: "apigw-throttling",
        description: "API Gateway stages set default throttling (rate and burst): REST method settings for `*/*`, HTTP/WebSocket defaultRouteSettings.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: {
            cdkNag: ["Serverless-APIGWDefaultThrottling"],
            url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
        },
        types: [REST_STAGE, V2_STAGE],
        validate: (resources, _args, report) => {
            for (const stage of ofTypes(resources, REST_STAGE)) {
                const all = methodSettingsOf(stage, resources).find((m) => m.props.methodPath === ALL_METHODS);
                const s = all?.props.settings;
                if (!isLimit(s?.throttlingRateLimit) || !isLimit(s?.throttlingBurstLimit))
                    report(
                        `stage ${show(stage.props.stageName)}: "*/*" throttlingRateLimit ${show(s?.throttlingRateLimit)}, throttlingBurstLimit ${show(s?.throttlingBurstLimit)} (-1 or absent = only the account limit); set both (RestApi throttle).`,
                        (all ?? stage).urn,
                    );
            }
            for (const stage of ofTypes(resources, V2_STAGE)) {
                const s = stage.props.defaultRouteSettings;
                if (!isLimit(s?.throttlingRateLimit) || !isLimit(s?.throttlingBurstLimit))
                    report(
                        `defaultRouteSettings.throttlingRateLimit ${show(s?.throttlingRateLimit)}, throttlingBurstLimit ${show(s?.throttlingBurstLimit)}; set both (ServerlessApi throttle).`,
                        stage.urn,
                    );
            }
        },
    }),
    resourceRule({
        name: "apigw-8-route-authorization",
        description:
            "API routes and methods require an authorizer (JWT, Lambda, IAM or Cognito); an API key is not authorization. Public routes are listed as exceptions.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "APIGateway.8", cdkNag: ["AwsSolutions-APIG4", "AwsSolutions-COG4"], url: APIGW_CONTROLS },
        types: [V2_ROUTE, REST_METHOD],
        validate: (props, args, report) => {
            if (args.type === V2_ROUTE) {
                const key = String(props.routeKey ?? "");
                // CORS preflights carry no credentials. WebSocket: only $connect takes an authorizer
                // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html).
                if (key.startsWith("OPTIONS ")) args.notApplicable("CORS preflight");
                if (key !== "$connect" && key !== "$default" && !key.includes(" ")) args.notApplicable("WebSocket message route: authorized at $connect");
                if ((props.authorizationType ?? "NONE") === "NONE")
                    report(
                        `authorizationType is ${show(props.authorizationType ?? "NONE")} on ${show(key)}; attach an authorizer (JWT, CUSTOM or AWS_IAM), or list the route as a public exception.`,
                    );
                return;
            }
            if (props.httpMethod === "OPTIONS") args.notApplicable("CORS preflight");
            if ((props.authorization ?? "NONE") === "NONE")
                report(
                    `authorization is "NONE" on ${show(props.httpMethod)}${isTrue(props.apiKeyRequired) ? " (apiKeyRequired: API keys identify clients for usage plans, they do not authorize: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)" : ""}; use AWS_IAM, CUSTOM or COGNITO_USER_POOLS, or list the method as an exception.`,
                );
        },
    }),
    resourceRule({
        name: "apigw-tls12",
        description: "API Gateway endpoints and custom domains negotiate TLS 1.2 or later (securityPolicy TLS_1_2 or a TLS 1.3 policy).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { cdkNag: [], url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html" },
        types: ["aws:apigateway/restApi:RestApi", "aws:apigateway/domainName:DomainName", "aws:apigatewayv2/domainName:DomainName"],
        validate: (props, args, report) => {
            const v2 = args.type === "aws:apigatewayv2/domainName:DomainName";
            const policy = v2 ? props.domainNameConfiguration?.securityPolicy : props.securityPolicy;
            const field = v2 ? "domainNameConfiguration.securityPolicy" : "securityPolicy";
            // REST APIs without a custom endpoint policy keep API Gateway's default endpoint, which accepts TLS 1.0.
            if (typeof policy !== "string" || !(policy === "TLS_1_2" || ENHANCED_TLS12_POLICY.test(policy)))
                report(
                    `${field} is ${show(policy)}${policy === undefined ? " (API Gateway's default accepts TLS 1.0)" : ""}; set "TLS_1_2" or an enhanced policy (SecurityPolicy_TLS13_1_2_2021_06, SecurityPolicy_TLS12_PFS_2025_EDGE...).`,
                );
        },
    }),
    resourceRule({
        name: "apigw-5-cache-encrypted",
        description: "REST API caches that are enabled encrypt their data (settings.cacheDataEncrypted).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "APIGateway.5", cdkNag: [], url: APIGW_CONTROLS },
        types: [METHOD_SETTINGS],
        validate: (props, args, report) => {
            if (!isTrue(props.settings?.cachingEnabled)) args.notApplicable("caching is off");
            if (!isTrue(props.settings?.cacheDataEncrypted))
                report(`settings.cachingEnabled is true and cacheDataEncrypted is ${show(props.settings?.cacheDataEncrypted)}; set cacheDataEncrypted true.`);
        },
    }),

    // ------------------------------------------------------------------------------------- SQS, SNS
    resourceRule({
        name: "sqs-1-encrypted",
        description: "SQS queues are encrypted at rest (SSE-SQS or a KMS key).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "SQS.1", cdkNag: ["AwsSolutions-SQS2"], url: SQS_CONTROLS },
        types: [QUEUE],
        validate: (props, _args, report) => {
            // Absent: AWS encrypts new queues with SSE-SQS by default
            // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html); false turns it off.
            if (props.sqsManagedSseEnabled === false && !props.kmsMasterKeyId)
                report(
                    `sqsManagedSseEnabled is false and kmsMasterKeyId is absent: the queue is not encrypted; set sqsManagedSseEnabled true or a kmsMasterKeyId.`,
                );
        },
    }),
    stackRule({
        name: "sqs-redrive",
        description: "SQS queues that are not themselves dead-letter queues have a redrive policy, so a message that keeps failing is set aside.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: {
            cdkNag: ["AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy"],
            url: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
        },
        types: [QUEUE],
        validate: (resources, _args, report) => {
            for (const q of ofTypes(resources, QUEUE)) {
                if (isDeadLetterQueue(q, resources) || setsInput(q, "redriveAllowPolicy")) continue;
                if (!setsInput(q, "redrivePolicy", (v) => parseDocument(v)?.deadLetterTargetArn))
                    report(
                        `redrivePolicy is ${show(q.props.redrivePolicy)} and no resource uses the queue as a dead-letter queue; set redrivePolicy { deadLetterTargetArn, maxReceiveCount }.`,
                        q.urn,
                    );
            }
        },
    }),
    stackRule({
        name: "sqs-ssl-only",
        description: "SQS queues have a queue policy that denies requests not sent over TLS (aws:SecureTransport false).",
        enforcementLevel: "advisory",
        severity: "low",
        control: {
            cdkNag: ["AwsSolutions-SQS4"],
            url: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html",
        },
        types: [QUEUE],
        validate: (resources, _args, report) => {
            const policies = ofTypes(resources, QUEUE_POLICY);
            for (const q of ofTypes(resources, QUEUE)) {
                const denies = policies
                    .filter((p) => linksTo(p, "queueUrl", q))
                    .some((p) => statementsOf(p.props.policy).some((s) => deniesInsecureTransport(s, "sqs")));
                if (!denies)
                    report(
                        `no queue policy denies all actions (sqs:*) to everyone when aws:SecureTransport is "false"; add { Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: <queue ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }.`,
                        q.urn,
                    );
            }
        },
    }),
    resourceRule({
        name: "sns-1-encrypted",
        description: "SNS topics are encrypted at rest with a KMS key (kmsMasterKeyId).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "SNS.1", cdkNag: ["AwsSolutions-SNS2"], url: SNS_CONTROLS },
        types: [TOPIC],
        validate: (props, _args, report) => {
            if (!props.kmsMasterKeyId)
                report(`kmsMasterKeyId is absent: SNS stores messages unencrypted; set a customer managed key (AlarmTopic creates one).`);
        },
    }),
    stackRule({
        name: "sns-alarm-topic-cmk",
        description:
            "Topics that CloudWatch alarms or EventBridge rules publish to are not encrypted with the AWS managed key alias/aws/sns, which those services cannot use.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { cdkNag: [], url: "https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger" },
        types: [TOPIC],
        validate: (resources, _args, report) => {
            // Who publishes to `topic`: alarms by their actions, EventBridge targets by their arn (joined through dependencies, else by ARN).
            const publishersOf = (topic: PolicyResource): string[] =>
                resources.flatMap((r) => {
                    if (r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" || r.type === "aws:cloudwatch/compositeAlarm:CompositeAlarm")
                        return ["alarmActions", "okActions", "insufficientDataActions"].some((k) => linksTo(r, k, topic)) ? [`alarm ${r.name}`] : [];
                    if (r.type === "aws:cloudwatch/eventTarget:EventTarget") return linksTo(r, "arn", topic) ? [`EventBridge target ${r.name}`] : [];
                    return [];
                });
            for (const topic of ofTypes(resources, TOPIC)) {
                // A key of the stack (a dependency) is never the AWS managed alias/aws/sns, which no program can create.
                if ((topic.propertyDependencies.kmsMasterKeyId ?? []).length || !isAwsSnsKey(topic.props.kmsMasterKeyId)) continue;
                const users = publishersOf(topic);
                if (users.length)
                    report(
                        `kmsMasterKeyId is ${show(topic.props.kmsMasterKeyId)} and ${users.slice(0, 3).join(", ")}${users.length > 3 ? ` (+${users.length - 3})` : ""} publish to it: they cannot use the AWS managed key, so notifications are lost; use a customer managed key whose policy admits them (AlarmTopic).`,
                        topic.urn,
                    );
            }
        },
    }),

    // ------------------------------------------------------------------------------------- DynamoDB
    resourceRule({
        name: "dynamodb-2-pitr",
        description: "DynamoDB tables have point-in-time recovery on.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "DynamoDB.2", cdkNag: ["AwsSolutions-DDB3"], url: DYNAMODB_CONTROLS },
        types: [TABLE],
        validate: (props, _args, report) => {
            if (!isTrue(props.pointInTimeRecovery?.enabled))
                report(`pointInTimeRecovery.enabled is ${show(props.pointInTimeRecovery?.enabled)}; set it true (Table pointInTimeRecovery).`);
        },
    }),
    resourceRule({
        name: "dynamodb-6-deletion-protection",
        description: "DynamoDB tables in production have deletion protection on.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "DynamoDB.6", cdkNag: [], url: DYNAMODB_CONTROLS },
        types: [TABLE],
        productionOnly: true,
        validate: (props, _args, report) => {
            if (!isTrue(props.deletionProtectionEnabled))
                report(`deletionProtectionEnabled is ${show(props.deletionProtectionEnabled)}; set it true (Table deletionProtection, or protectData).`);
        },
    }),
    resourceRule({
        name: "dynamodb-kms-encryption",
        description:
            "DynamoDB tables are encrypted with a KMS key in the account (AWS managed aws/dynamodb or customer managed), whose use CloudTrail records; the default AWS owned key is encrypted but not auditable.",
        enforcementLevel: "advisory",
        severity: "low",
        control: { cdkNag: [], url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html" },
        types: [TABLE],
        validate: (props, _args, report) => {
            if (!isTrue(props.serverSideEncryption?.enabled))
                report(
                    `serverSideEncryption.enabled is ${show(props.serverSideEncryption?.enabled)} (AWS owned key); set it true, with kmsKeyArn for a customer managed key (Table encryption).`,
                );
        },
    }),
    stackRule({
        name: "dynamodb-1-capacity",
        description: "DynamoDB tables are on-demand, or provisioned with auto scaling of read and write capacity on the table and each global index.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "DynamoDB.1", cdkNag: [], url: DYNAMODB_CONTROLS },
        types: [TABLE],
        validate: (resources, _args, report) => {
            const targets = ofTypes(resources, "aws:appautoscaling/target:Target").filter((t) => t.props.serviceNamespace === "dynamodb");
            const scaled = (resourceId: string, dimension: string) =>
                targets.some((t) => t.props.resourceId === resourceId && t.props.scalableDimension === dimension);
            for (const table of ofTypes(resources, TABLE)) {
                // The provider's default billing mode is PROVISIONED.
                if (table.props.billingMode === "PAY_PER_REQUEST") continue;
                const parts = [
                    { id: `table/${table.props.name}`, kind: "table" },
                    ...asArray<any>(table.props.globalSecondaryIndexes).map((g) => ({ id: `table/${table.props.name}/index/${g?.name}`, kind: "index" })),
                ];
                const missing = parts.flatMap((p) =>
                    ["ReadCapacityUnits", "WriteCapacityUnits"].filter((u) => !scaled(p.id, `dynamodb:${p.kind}:${u}`)).map((u) => `${p.id} ${u}`),
                );
                if (missing.length)
                    report(
                        `billingMode is ${show(table.props.billingMode ?? "PROVISIONED")} without auto scaling of ${missing.join(", ")}; use PAY_PER_REQUEST or Table autoScaling.`,
                        table.urn,
                    );
            }
        },
    }),
];
