import { Issues } from "./errors";
import { Statement, isWildcardOnWildcard } from "./iam";

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
