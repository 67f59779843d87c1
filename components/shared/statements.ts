import { Issues } from "./errors";
import { Statement, isWildcardOnWildcard } from "./iam";
import { Shape, array, checkShape, custom, input, record, string, union, unknownKey } from "./shape";

const strings = () => array(string());
const inputString = () => input(string());

export const STATEMENT_KEYS = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
] as const satisfies ReadonlyArray<keyof Statement>;
const stringOrList = union("a string or a list of strings", string(), strings());
const inputStringOrList = union("a string or a list of strings", inputString(), input(array(inputString())));
const STATEMENT_FIELDS: Record<keyof Statement, Shape> = {
    Sid: string(),
    Effect: string(),
    Principal: union('"*" or { AWS | Service | Federated: ... }', string(), record(inputStringOrList)),
    NotPrincipal: record(inputStringOrList),
    Action: stringOrList,
    NotAction: stringOrList,
    Resource: inputStringOrList,
    NotResource: inputStringOrList,
    Condition: record(record(inputStringOrList)),
};

/**
 * An IAM statement: exactly one of Action/NotAction and of Resource/NotResource (IAM refuses both or
 * neither). Whether a NotAction or NotResource may be used at all is a value rule (validate.ts).
 */
export const STATEMENT_SHAPE: Shape = custom(
    "object",
    "an IAM statement { Effect, Action | NotAction, Resource | NotResource, ... }",
    (issues, path, value) => {
        const s = value as Record<string, unknown>;
        for (const key of Object.keys(s))
            if (!STATEMENT_KEYS.includes(key as keyof Statement)) unknownKey(issues, `${path}.${key}`, s[key], STATEMENT_KEYS, "statement element");
        const sub = (key: keyof Statement) => {
            if (Object.hasOwn(s, key) && s[key] !== undefined) checkField(issues, `${path}.${key}`, STATEMENT_FIELDS[key], s[key]);
        };
        STATEMENT_KEYS.forEach(sub);
        if (!Object.hasOwn(s, "Effect")) issues.missing(`${path}.Effect`, '"Allow" or "Deny"');
        for (const [a, b] of [
            ["Action", "NotAction"],
            ["Resource", "NotResource"],
        ] as const) {
            const count = [a, b].filter((k) => Object.hasOwn(s, k) && s[k] !== undefined).length;
            if (count !== 1) issues.add(path, count === 0 ? "(neither)" : "(both)", `needs exactly one of ${a} and ${b}`, `${a} or ${b}`);
        }
    },
);

function checkField(issues: Issues, path: string, shape: Shape, value: unknown): void {
    checkShape(issues, shape, value, path);
}

/**
 * The value rules of statements a user adds to a role's own (identity) policy: no `*` on `*`, no
 * Allow with NotAction/NotResource, no principal. Their shape is checked first (STATEMENT_SHAPE).
 */
export function checkStatements(issues: Issues, path: string, statements: Statement[]): void {
    statements.forEach((s, i) => {
        const sp = `${path}[${i}]`;
        issues.oneOf(`${sp}.Effect`, s.Effect, ["Allow", "Deny"]);
        if (isWildcardOnWildcard(s)) issues.add(sp, s, "allows every action on every resource", "actions and resources as narrow as the app needs");
        // Allow with NotAction grants every action of every service but those listed, and Allow with
        // NotResource every resource but those: "*" minus a few, never least privilege for an app
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).
        // With Deny they narrow, so they stay allowed there.
        if (s.Effect === "Allow" && s.NotAction !== undefined)
            issues.add(
                `${sp}.NotAction`,
                s.NotAction,
                "with Allow grants every action but these",
                "Action listing what the app does (NotAction only with Deny)",
            );
        if (s.Effect === "Allow" && s.NotResource !== undefined)
            issues.add(
                `${sp}.NotResource`,
                s.NotResource,
                "with Allow grants every resource but these",
                "Resource listing what the app uses (NotResource only with Deny)",
            );
        // The task role's policy is an identity policy: IAM refuses a principal in it.
        for (const key of ["Principal", "NotPrincipal"] as const)
            if (s[key] !== undefined) issues.add(`${sp}.${key}`, s[key], "is not allowed in an identity policy (the role is the principal)", `no ${key}`);
    });
}
