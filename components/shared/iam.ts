import * as pulumi from "@pulumi/pulumi";

/** One IAM policy statement, as AWS writes it. */
export interface Statement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    /** Only in resource policies (queues, buckets, file systems). */
    Principal?: "*" | Record<string, pulumi.Input<string> | pulumi.Input<string>[]>;
    Action: string | string[];
    Resource: pulumi.Input<string> | pulumi.Input<pulumi.Input<string>[]>;
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

/** Serialises a policy whose ARNs may be Outputs. Documents are plain objects, never `getPolicyDocument` invokes. */
export function policyJson(statements: Statement[]): pulumi.Output<string> {
    const doc: PolicyDocument = { Version: "2012-10-17", Statement: statements };
    return pulumi.output(doc).apply((d) => JSON.stringify(d));
}

/**
 * Trust policy for an AWS service principal. `sourceAccount`/`sourceArn` add the confused-deputy
 * conditions AWS recommends for service roles.
 */
export function assumeRolePolicy(
    services: string | string[],
    conditions?: { sourceAccount?: pulumi.Input<string>; sourceArnLike?: pulumi.Input<string> },
): pulumi.Output<string> {
    const condition: Record<string, Record<string, pulumi.Input<string>>> = {};
    if (conditions?.sourceAccount) condition.StringEquals = { "aws:SourceAccount": conditions.sourceAccount };
    if (conditions?.sourceArnLike) condition.ArnLike = { "aws:SourceArn": conditions.sourceArnLike };
    const statement = {
        Effect: "Allow",
        Principal: { Service: services },
        Action: "sts:AssumeRole",
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
    };
    return pulumi.output({ Version: "2012-10-17", Statement: [statement] }).apply((d) => JSON.stringify(d));
}

/** True when a statement allows every action on every resource: never accepted from users. */
export function isWildcardOnWildcard(s: { Action?: unknown; Resource?: unknown; Effect?: unknown }): boolean {
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
    return s.Effect !== "Deny" && list(s.Action).includes("*") && list(s.Resource).includes("*");
}
