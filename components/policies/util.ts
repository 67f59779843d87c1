/**
 * What rules read, normalised: URNs, JSON documents (IAM policies, container definitions, redrive
 * policies arrive as JSON strings in inputs and sometimes as objects), IAM statements, and joins
 * between a resource and the siblings that refer to it (by id, ARN or name in stack outputs).
 */
import type { PolicyResource } from "@pulumi/policy";

/** `urn:pulumi:<stack>::<project>::<parent types $ type>::<name>` → its parts. */
export function stackOfUrn(urn: string): string {
    const head = urn.split("::")[0] ?? "";
    return head.startsWith("urn:pulumi:") ? head.slice("urn:pulumi:".length) : head;
}

export function typeOfUrn(urn: string): string {
    const chain = urn.split("::")[2] ?? "";
    return chain.split("$").pop() ?? "";
}

/** The resource's logical name: everything after the type chain (a name may itself hold "::"). */
export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** A value that may be a list, a single value or absent, as a list. */
export function asArray<T>(value: T | readonly T[] | undefined | null): T[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? [...value] : [value as T];
}

/** `true` or the provider's string form `"true"` (launch-template EBS flags). */
export const isTrue = (value: unknown): boolean => value === true || value === "true";

/** A JSON document given as a string or an object; undefined when absent or not JSON. */
export function parseDocument(value: unknown): any {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** One IAM statement with every list-or-string field as a list. */
export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    /** `"*"` for `Principal: "*"`, else principal type → values (`{ Service: ["lambda.amazonaws.com"] }`). */
    principals: "*" | Record<string, string[]>;
    conditions: Record<string, Record<string, string[]>>;
}

/** The statements of an IAM policy document (string or object). Empty when absent or not JSON. */
export function statementsOf(document: unknown): Statement[] {
    const doc = parseDocument(document);
    if (doc === undefined || typeof doc !== "object") return [];
    return asArray<any>(doc.Statement).map((s) => ({
        sid: s.Sid,
        effect: s.Effect,
        actions: asArray<string>(s.Action),
        notActions: asArray<string>(s.NotAction),
        resources: asArray<string>(s.Resource),
        notResources: asArray<string>(s.NotResource),
        principals: s.Principal === "*" ? "*" : Object.fromEntries(Object.entries<any>(s.Principal ?? {}).map(([k, v]) => [k, asArray<string>(v)])),
        conditions: Object.fromEntries(
            Object.entries<any>(s.Condition ?? {}).map(([op, body]) => [
                op,
                Object.fromEntries(Object.entries<any>(body ?? {}).map(([k, v]) => [k, asArray<string>(v)])),
            ]),
        ),
    }));
}

/** The part after the last ":" or "/" of an ARN; the value itself when it is no ARN. */
export function arnTail(value: string): string {
    return value.split(/[:/]/).pop() ?? value;
}

/**
 * Whether `reference` (an input that names another resource) points at `target`: by id, ARN or
 * name among the target's outputs, or by the last segment of an ARN (a function named by ARN in one
 * place and by name in another).
 */
export function refersTo(reference: unknown, target: PolicyResource): boolean {
    if (typeof reference !== "string" || reference === "") return false;
    const keys = [target.props.id, target.props.arn, target.props.name, target.props.bucket, target.props.functionName].filter(
        (v): v is string => typeof v === "string" && v !== "",
    );
    if (keys.includes(reference)) return true;
    const tail = arnTail(reference);
    return keys.some((k) => arnTail(k) === tail);
}

/** The resources of one or more types. */
export const ofTypes = (resources: readonly PolicyResource[], ...types: string[]): PolicyResource[] => resources.filter((r) => types.includes(r.type));

// issue 19 rrules
/**
 * AWS's TLS-only statement for a resource policy (S3 bucket, SQS queue): a Deny of every action of `service`
 * (`<service>:*` or `*`) to everyone (`"*"` or `{ AWS: "*" }`) when `aws:SecureTransport` is false (`Bool` or
 * `BoolIfExists`; condition keys are case-insensitive). A deny of some actions only leaves the others open.
 */
export function deniesInsecureTransport(s: Statement, service: string): boolean {
    const everyone = s.principals === "*" || asArray(s.principals.AWS).includes("*");
    const allActions = s.actions.some((a) => a === "*" || a.toLowerCase() === `${service}:*`);
    const insecure = Object.entries(s.conditions).some(
        ([op, body]) =>
            (op === "Bool" || op === "BoolIfExists") &&
            Object.entries(body).some(([k, v]) => k.toLowerCase() === "aws:securetransport" && v.map(String).includes("false")),
    );
    return s.effect === "Deny" && everyone && allActions && insecure;
}

/**
 * Whether a CIDR admits every address: a /0 prefix in any spelling (`0.0.0.0/0`, `::/0`, `0:0:0:0:0:0:0:0/0`,
 * `::0/0`): a prefix length of 0 matches every address whatever the address part says.
 */
export const isWorldCidr = (cidr: unknown): boolean => typeof cidr === "string" && /^[0-9a-f.:]+\/0$/i.test(cidr.trim());

// issue 19 rpreview
/**
 * A target's value as it is known: `undefined` when the real server sends the unknown sentinel (an id or a
 * computed output of a resource the preview has not created). Reads through `@pulumi/policy`'s proxy
 * (`__getSpecialProxyTarget`, what `proxy.js` exposes for this) instead of tripping its UnknownValueError: a
 * literal can never equal a value that does not exist yet.
 */
export function knownValue(props: Record<string, any>, key: string): unknown {
    const raw = (props as any).__getSpecialProxyTarget ?? props;
    const value = raw[key];
    return typeof value === "string" && value === UNKNOWN_SENTINEL ? undefined : value;
}
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Whether `from`'s input `property` names `target` (a bucket policy's `bucket`, a flow log's `vpcId`, a load
 * balancer's `securityGroups`). In the first preview of a stack an input computed from a new resource is
 * unknown, but which resources it came from is known: `propertyDependencies` (URNs). So the join goes through
 * them when the property has any; only a value that no resource of the stack produced (a literal name, id or
 * ARN) is compared by value (`refersTo`, on each element of a list, on the part `pick` takes of an object).
 */
export function linksTo(from: PolicyResource, property: string, target: PolicyResource, pick?: (value: any) => unknown): boolean {
    const deps = from.propertyDependencies?.[property] ?? [];
    if (deps.length > 0) return deps.some((d) => d.urn === target.urn);
    const value = pick ? pick(from.props[property]) : from.props[property];
    const keys = ["id", "arn", "name", "bucket", "functionName"]
        .map((k) => knownValue(target.props, k))
        .filter((v): v is string => typeof v === "string" && v !== "");
    return asArray<unknown>(value as any).some(
        (reference) => typeof reference === "string" && reference !== "" && (keys.includes(reference) || keys.some((k) => arnTail(k) === arnTail(reference))),
    );
}

/**
 * Whether `from` sets its input `property` (the part `pick` takes of it): a value computed from a resource of the
 * stack (unknown in a first preview, but present), or a literal that `pick` finds non-empty.
 */
export function setsInput(from: PolicyResource, property: string, pick: (value: any) => unknown = (v) => v): boolean {
    if ((from.propertyDependencies?.[property] ?? []).length > 0) return true;
    const value = pick(from.props[property]);
    return value !== undefined && value !== null && value !== "" && value !== false;
}
