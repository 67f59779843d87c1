/**
 * The alert function's pure core: which CloudTrail events it keeps (the same EventBridge patterns its rules use, so an
 * event a rule sent and the function kept are one definition) and the readable message it makes of one: who, what,
 * where, when, from which address, the outcome, and a link to the event in the CloudTrail console.
 *
 * Event shapes: the EventBridge envelope of a CloudTrail event (`detail` is the CloudTrail record,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html) and the record's fields
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 */
import { ALERT_RULES, type AlertRule, matchesPattern } from "../../components/audit-trail/alert-rules";

export type { AlertRule };

/** `userIdentity` of a CloudTrail record (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html). */
export interface UserIdentity {
    type?: string;
    principalId?: string;
    arn?: string;
    accountId?: string;
    accessKeyId?: string;
    userName?: string;
    invokedBy?: string;
    sessionContext?: { sessionIssuer?: { type?: string; userName?: string; arn?: string }; attributes?: { mfaAuthenticated?: string } };
}

/** The fields of a CloudTrail record the message uses. */
export interface CloudTrailRecord {
    eventTime?: string;
    eventSource?: string;
    eventName?: string;
    awsRegion?: string;
    sourceIPAddress?: string;
    userAgent?: string;
    userIdentity?: UserIdentity;
    requestParameters?: Record<string, unknown> | null;
    responseElements?: Record<string, unknown> | null;
    additionalEventData?: Record<string, unknown>;
    errorCode?: string;
    errorMessage?: string;
    eventID?: string;
    recipientAccountId?: string;
}

/** An EventBridge event carrying a CloudTrail record. */
export interface CloudTrailEvent {
    version?: string;
    id?: string;
    "detail-type"?: string;
    source?: string;
    account?: string;
    time?: string;
    region?: string;
    detail?: CloudTrailRecord;
}

export interface Alert {
    rule: AlertRule;
    /** SNS `Subject` (email subject line): printable ASCII, one line, fewer than 100 characters. */
    subject: string;
    message: string;
}

/** The first enabled rule whose pattern `event` matches, or undefined: the event is not one to alert on. */
export function ruleFor(event: unknown, rules: readonly AlertRule[]): AlertRule | undefined {
    return rules.find((r) => matchesPattern(event, ALERT_RULES[r].pattern));
}

/** The alert for `event`, or undefined when no enabled rule matches it (the function then publishes nothing). */
export function alertFor(event: unknown, rules: readonly AlertRule[]): Alert | undefined {
    const rule = ruleFor(event, rules);
    if (rule === undefined) return undefined;
    const e = event as CloudTrailEvent;
    const r = e.detail ?? {};
    const account = r.recipientAccountId ?? e.account ?? "unknown account";
    const region = r.awsRegion ?? e.region ?? "unknown region";
    const title = ALERT_RULES[rule].title;
    const outcome = outcomeOf(r);
    const lines: [string, string | undefined][] = [
        ["What", `${r.eventName ?? "unknown event"} (${r.eventSource ?? "unknown source"})`],
        ["Outcome", outcome],
        ["Who", who(r.userIdentity)],
        // Empty for a console sign-in (CloudTrail writes ""): the line is then left out with the other empty ones.
        ["Access key", r.userIdentity?.accessKeyId],
        ["MFA", mfaOf(r)],
        ["Where", `account ${account}, region ${region}`],
        ["When", r.eventTime ?? e.time],
        ["Source IP", r.sourceIPAddress],
        ["User agent", r.userAgent && clip(r.userAgent, 200)],
        ...requestLines(r),
        ["Event ID", r.eventID],
        ["Console", r.eventID ? consoleLink(region, r.eventID) : undefined],
    ];
    const body = lines
        .filter((l): l is [string, string] => l[1] !== undefined && l[1] !== "")
        .map(([k, v]) => `${`${k}:`.padEnd(12)}${v}`)
        .join("\n");
    const failed = outcome.startsWith("FAILED") ? " (failed)" : "";
    return {
        rule,
        subject: subjectLine(`AWS audit: ${title}${failed}: ${r.eventName ?? "event"} by ${shortWho(r.userIdentity)} in ${account}`),
        message: `${title}${failed} in account ${account}\n\n${body}\n`,
    };
}

/** A console sign-in's result is in `responseElements.ConsoleLogin`; an API call failed when it has an `errorCode`. */
function outcomeOf(r: CloudTrailRecord): string {
    const login = r.responseElements?.ConsoleLogin;
    if (typeof login === "string") return login === "Success" ? "succeeded" : `FAILED${r.errorMessage ? ` (${r.errorMessage})` : ""}`;
    if (r.errorCode) return `FAILED: ${r.errorCode}${r.errorMessage ? ` (${clip(r.errorMessage, 300)})` : ""}`;
    return "succeeded";
}

function mfaOf(r: CloudTrailRecord): string | undefined {
    const used = r.additionalEventData?.MFAUsed;
    if (typeof used === "string") return used;
    const authenticated = r.userIdentity?.sessionContext?.attributes?.mfaAuthenticated;
    return authenticated === undefined ? undefined : authenticated === "true" ? "Yes" : "No";
}

/** Who acted, in the words of each identity type, with the ARN. */
export function who(u: UserIdentity | undefined): string {
    if (u === undefined) return "unknown identity";
    const arn = u.arn ? ` (${u.arn})` : "";
    const via = u.invokedBy ? `, via ${u.invokedBy}` : "";
    return `${shortWho(u)}${arn}${via}`;
}

function shortWho(u: UserIdentity | undefined): string {
    switch (u?.type) {
        case undefined:
            return "unknown identity";
        case "Root":
            return "the root user";
        case "IAMUser":
            return `IAM user ${u.userName ?? u.principalId ?? "?"}`;
        case "AssumedRole": {
            // arn:aws:sts::<account>:assumed-role/<role>/<session>
            const session = u.arn?.split("/").slice(2).join("/");
            const role = u.sessionContext?.sessionIssuer?.userName ?? u.arn?.split("/")[1] ?? "?";
            return `role ${role}${session ? ` (session ${session})` : ""}`;
        }
        case "AWSService":
            return `AWS service ${u.invokedBy ?? "?"}`;
        default:
            return `${u?.type} ${u?.userName ?? u?.principalId ?? ""}`.trim();
    }
}

/** The request's own words, briefly: scalar parameters, security group rules summarised, policy documents by size only. */
function requestLines(r: CloudTrailRecord): [string, string | undefined][] {
    const p = r.requestParameters;
    if (!p || typeof p !== "object") return [];
    const out: [string, string | undefined][] = [];
    const scalars = Object.entries(p)
        .filter(([k, v]) => ["string", "number", "boolean"].includes(typeof v) && k !== "policyDocument")
        .map(([k, v]) => `${k}=${clip(String(v), 200)}`);
    if (scalars.length) out.push(["Request", scalars.slice(0, 8).join(", ")]);
    if (typeof p.policyDocument === "string") out.push(["Policy", `${p.policyDocument.length} characters (see the event)`]);
    const rules = securityGroupRules(p.ipPermissions);
    if (rules.length) out.push(["Rules", rules.join("; ")]);
    out.push(...modifiedRuleLines(p.ModifySecurityGroupRulesRequest));
    return out;
}

/** A rule of ModifySecurityGroupRules as EC2 records it (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRuleRequest.html). */
interface SecurityGroupRuleRequest {
    IpProtocol?: string;
    FromPort?: number | string;
    ToPort?: number | string;
    CidrIpv4?: string;
    CidrIpv6?: string;
    ReferencedGroupId?: string;
    PrefixListId?: string;
}

/**
 * ModifySecurityGroupRules is recorded with its Query API form nested, not flat like AuthorizeSecurityGroupIngress:
 * `requestParameters.ModifySecurityGroupRulesRequest.{GroupId, SecurityGroupRule}`, each rule update
 * `{ SecurityGroupRuleId, SecurityGroupRule: { IpProtocol, FromPort, ToPort, CidrIpv4, … } }`, one object for one rule
 * and a list for several. Without this, a rule edited to 0.0.0.0/0 would read as the event name alone.
 */
function modifiedRuleLines(value: unknown): [string, string | undefined][] {
    if (!value || typeof value !== "object") return [];
    const request = value as { GroupId?: unknown; SecurityGroupRule?: unknown };
    const updates = (Array.isArray(request.SecurityGroupRule) ? request.SecurityGroupRule : [request.SecurityGroupRule]).filter(
        (u): u is { SecurityGroupRuleId?: string; SecurityGroupRule?: SecurityGroupRuleRequest } => !!u && typeof u === "object",
    );
    const rules = updates.slice(0, 10).map((u) => {
        const r = u.SecurityGroupRule ?? {};
        const summary = ruleSummary(r.IpProtocol, r.FromPort, r.ToPort, [r.CidrIpv4, r.CidrIpv6, r.ReferencedGroupId, r.PrefixListId]);
        return u.SecurityGroupRuleId ? `${u.SecurityGroupRuleId}: ${summary}` : summary;
    });
    return [
        ["Group", typeof request.GroupId === "string" ? request.GroupId : undefined],
        ["Rules", rules.length ? rules.join("; ") : undefined],
    ];
}

/** `tcp 22 with 0.0.0.0/0`: protocol (-1 is all traffic, without ports), the port or range, the peers. */
function ruleSummary(ipProtocol: string | undefined, fromPort: unknown, toPort: unknown, peers: unknown[]): string {
    const protocol = String(ipProtocol) === "-1" ? "all traffic" : (ipProtocol ?? "?");
    const ports = fromPort === undefined || String(ipProtocol) === "-1" ? "" : String(fromPort) === String(toPort) ? ` ${fromPort}` : ` ${fromPort}-${toPort}`;
    const named = peers.filter((x): x is string => typeof x === "string" && x !== "");
    return `${protocol}${ports}${named.length ? ` with ${named.join(", ")}` : ""}`;
}

type Items<T> = { items?: T[] } | undefined;
interface IpPermission {
    ipProtocol?: string;
    fromPort?: number;
    toPort?: number;
    ipRanges?: Items<{ cidrIp?: string }>;
    ipv6Ranges?: Items<{ cidrIpv6?: string }>;
    groups?: Items<{ groupId?: string }>;
    prefixListIds?: Items<{ prefixListId?: string }>;
}

/** `ipPermissions.items[]` as EC2 records them: `tcp 22 from 0.0.0.0/0`, so an opening to the world reads at a glance. */
function securityGroupRules(value: unknown): string[] {
    const items = (value as Items<IpPermission>)?.items;
    if (!Array.isArray(items)) return [];
    return items
        .slice(0, 10)
        .map((i) =>
            ruleSummary(i.ipProtocol, i.fromPort, i.toPort, [
                ...(i.ipRanges?.items ?? []).map((x) => x.cidrIp),
                ...(i.ipv6Ranges?.items ?? []).map((x) => x.cidrIpv6),
                ...(i.groups?.items ?? []).map((x) => x.groupId),
                ...(i.prefixListIds?.items ?? []).map((x) => x.prefixListId),
            ]),
        );
}

/**
 * The event's page in the CloudTrail console's Event history of its region (the console's own URL form), or undefined
 * where there is no public console to link to. Each partition has its own console: China's is console.amazonaws.cn
 * (https://docs.amazonaws.cn/en_us/IAM/latest/UserGuide/id_users_sign-in.html), GovCloud's console.amazonaws-us-gov.com
 * (https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/configure-account.html); the isolated (ISO) Regions'
 * consoles are not on the internet.
 */
export function consoleLink(region: string, eventId: string): string | undefined {
    const host = region.startsWith("cn-")
        ? "console.amazonaws.cn"
        : region.startsWith("us-gov-")
          ? "console.amazonaws-us-gov.com"
          : /-iso[a-z]?-/.test(region)
            ? undefined
            : `${region}.console.aws.amazon.com`;
    return host && `https://${host}/cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(eventId)}`;
}

/**
 * SNS refuses a Subject with a line break or control character, or of 100 characters or more
 * (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html, "Constraints"); older versions of that page also
 * asked for ASCII. Kept to printable ASCII, which satisfies both and reads in every mail client.
 */
export function subjectLine(text: string): string {
    const ascii = text.replace(/[^\x20-\x7e]/g, "?");
    return ascii.length < 100 ? ascii : `${ascii.slice(0, 96)}...`;
}

function clip(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** `ALERT_RULES`: the function's setting, a comma-separated list of rule ids; an unknown id is a configuration error. */
export function parseRules(value: string | undefined): { rules: AlertRule[]; error?: string } {
    const ids = (value ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    const unknown = ids.filter((id) => !Object.hasOwn(ALERT_RULES, id));
    if (ids.length === 0) return { rules: [], error: "ALERT_RULES is not set" };
    if (unknown.length) return { rules: [], error: `ALERT_RULES names unknown rules: ${unknown.join(", ")}` };
    return { rules: ids as AlertRule[] };
}
