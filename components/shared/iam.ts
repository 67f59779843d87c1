import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { childName, fitName } from "./naming";
import { readyAfter } from "./outputs";
import { Transform, create } from "./transform";

type Principals = Record<string, pulumi.Input<string> | pulumi.Input<string>[]>;
type Resources = pulumi.Input<string> | pulumi.Input<pulumi.Input<string>[]>;

/**
 * One IAM policy statement, as AWS writes it: exactly one of `Action`/`NotAction` and one of
 * `Resource`/`NotResource` (IAM refuses both or neither).
 */
export type Statement = {
    Sid?: string;
    Effect: "Allow" | "Deny";
    /** Only in resource policies (queues, buckets, file systems). */
    Principal?: "*" | Principals;
    /** Only in resource policies; every principal but these (AWS advises against it with Allow). */
    NotPrincipal?: Principals;
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
} & ({ Action: string | string[]; NotAction?: never } | { NotAction: string | string[]; Action?: never }) &
    ({ Resource: Resources; NotResource?: never } | { NotResource: Resources; Resource?: never });

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

/**
 * Use of a customer managed key only when `service` calls KMS for the principal (`kms:ViaService`
 * `<service>.*.amazonaws.com`): the key cannot be used directly. None without a key.
 */
export function keyThroughService(sid: string, keyArn: pulumi.Input<string> | undefined, actions: string[], service: string): Statement[] {
    if (keyArn === undefined) return [];
    return [{ Sid: sid, Effect: "Allow", Action: actions, Resource: keyArn, Condition: { StringLike: { "kms:ViaService": `${service}.*.amazonaws.com` } } }];
}

/**
 * Serialises a policy whose ARNs may be Outputs. Documents are plain objects, never `getPolicyDocument`
 * invokes. A statement whose `Resource` resolves to an empty list grants nothing and IAM refuses it
 * (MalformedPolicyDocument), so it is left out: a grant that depends on values known only at
 * deployment (the repository of an image given as an Output) can then be written unconditionally.
 */
export function policyJson(statements: Statement[]): pulumi.Output<string> {
    const doc: PolicyDocument = { Version: "2012-10-17", Statement: statements };
    return pulumi
        .output(doc)
        .apply((d) => JSON.stringify({ ...d, Statement: d.Statement.filter((s) => !(Array.isArray(s.Resource) && s.Resource.length === 0)) }));
}

/**
 * Trust policy for an AWS service principal. `sourceAccount`/`sourceArn` add the confused-deputy
 * conditions AWS recommends for service roles; `stringEquals` adds other `StringEquals` keys (e.g.
 * the session tags a Pod Identity role is narrowed with); `actions` replaces `sts:AssumeRole` where
 * the service needs more (Pod Identity also tags the session: `sts:TagSession`).
 */
export function assumeRolePolicy(
    services: string | string[],
    conditions?: {
        sourceAccount?: pulumi.Input<string>;
        sourceArnLike?: pulumi.Input<string>;
        stringEquals?: Record<string, pulumi.Input<string>>;
        actions?: string[];
        sid?: string;
    },
): pulumi.Output<string> {
    const condition: Record<string, Record<string, pulumi.Input<string>>> = {};
    const stringEquals = {
        ...(conditions?.sourceAccount ? { "aws:SourceAccount": conditions.sourceAccount } : {}),
        ...conditions?.stringEquals,
    };
    if (Object.keys(stringEquals).length) condition.StringEquals = stringEquals;
    if (conditions?.sourceArnLike) condition.ArnLike = { "aws:SourceArn": conditions.sourceArnLike };
    const statement = {
        ...(conditions?.sid ? { Sid: conditions.sid } : {}),
        Effect: "Allow",
        Principal: { Service: services },
        Action: conditions?.actions ?? "sts:AssumeRole",
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
    };
    return pulumi.output({ Version: "2012-10-17", Statement: [statement] }).apply((d) => JSON.stringify(d));
}

/**
 * True when a statement allows every action on every resource: never accepted from users.
 * `NotAction` and `NotResource` count as `*`: with Allow, `NotAction: ["iam:*"]` grants every action
 * of every other service, which is `*` for any practical purpose
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).
 */
export function isWildcardOnWildcard(s: { Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown; Effect?: unknown }): boolean {
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
    const anyAction = s.NotAction !== undefined || list(s.Action).includes("*");
    const anyResource = s.NotResource !== undefined || list(s.Resource).includes("*");
    return s.Effect !== "Deny" && anyAction && anyResource;
}

export interface RoleSpec {
    description: pulumi.Input<string>;
    /** Trust policy JSON (see `assumeRolePolicy`). */
    assumeRolePolicy: pulumi.Input<string>;
    /** Inline policies by name: each becomes an `aws.iam.RolePolicy` named `<role>-<name>`. */
    policies?: Record<string, Statement[]>;
    /**
     * Managed policies by a short name: each becomes an `aws.iam.RolePolicyAttachment` named
     * `<role>-<name>` (the key keeps the name stable when the ARN is only known as an Output).
     */
    managedPolicies?: Record<string, pulumi.Input<string>>;
    tags?: Record<string, string>;
}

export interface RoleResources {
    role: iam.Role;
    /**
     * The role's ARN, resolved only once its policies are attached: pass this (not `role.arn`) to
     * whatever assumes the role, so nothing starts with a role that cannot yet do its job.
     */
    arn: pulumi.Output<string>;
    policies: Record<string, iam.RolePolicy>;
    attachments: Record<string, iam.RolePolicyAttachment>;
}

/**
 * The ARN of an AWS managed policy in `partition` (`aws`, `aws-cn`, `aws-us-gov`): `name` with its path
 * if it has one (`service-role/AmazonEBSCSIDriverPolicy`). AWS managed policies live in the `aws` account
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/).
 */
export function awsManagedPolicyArn(partition: pulumi.Input<string>, name: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:${partition}:iam::aws:policy/${name}`;
}

/** A managed policy's short name: the last segment of its ARN (`AmazonSSMManagedInstanceCore`). */
export function managedPolicyKey(arn: string): string {
    return arn
        .split("/")
        .pop()!
        .replace(/[^A-Za-z0-9-]/g, "-")
        .toLowerCase();
}

/**
 * Keys for a list of managed policy ARNs, unique and stable: the readable `managedPolicyKey`, and
 * where two ARNs share it (the same policy name in two accounts, or under two paths) each of those
 * gets a short hash of its full ARN appended, so neither attachment replaces the other. Keys without
 * a collision are today's, so existing attachments keep their names. The same ARN twice is one key.
 */
export function managedPolicyKeys(arns: readonly string[]): Record<string, string> {
    const unique = [...new Set(arns)];
    const counts = new Map<string, number>();
    for (const arn of unique) counts.set(managedPolicyKey(arn), (counts.get(managedPolicyKey(arn)) ?? 0) + 1);
    return Object.fromEntries(
        unique.map((arn) => {
            const key = managedPolicyKey(arn);
            return [(counts.get(key) ?? 0) > 1 ? `${key}-${createHash("sha256").update(arn).digest("hex").slice(0, 8)}` : key, arn];
        }),
    );
}

/** Transforms of a role's inline policies and managed policy attachments (`<role>-<key>`). */
export interface RoleChildTransforms {
    policy?: Transform<iam.RolePolicyArgs>;
    attachment?: Transform<iam.RolePolicyAttachmentArgs>;
}

/**
 * An IAM role with its inline policies as `aws.iam.RolePolicy` and its managed policies as
 * `aws.iam.RolePolicyAttachment` children (the Role's own `inlinePolicies` and `managedPolicyArns`
 * are deprecated in the AWS provider). Empty policies are skipped: IAM rejects a policy with no
 * statement.
 */
export function createRole(
    name: string,
    spec: RoleSpec,
    opts: pulumi.CustomResourceOptions,
    transform?: Transform<iam.RoleArgs>,
    children: RoleChildTransforms = {},
): RoleResources {
    const role = create(
        iam.Role,
        fitName(name, iam.Role),
        {
            description: spec.description,
            assumeRolePolicy: spec.assumeRolePolicy,
            tags: spec.tags,
        },
        opts,
        transform,
    );
    const policies: Record<string, iam.RolePolicy> = {};
    for (const [key, statements] of Object.entries(spec.policies ?? {})) {
        if (statements.length === 0) continue;
        policies[key] = create(iam.RolePolicy, `${name}-${key}`, { role: role.id, name: key, policy: policyJson(statements) }, opts, children.policy);
    }
    const attachments: Record<string, iam.RolePolicyAttachment> = {};
    for (const [key, arn] of Object.entries(spec.managedPolicies ?? {})) {
        attachments[key] = create(iam.RolePolicyAttachment, `${name}-${key}`, { role: role.name, policyArn: arn }, opts, children.attachment);
    }
    const arn = readyAfter(role.arn, [...Object.values(policies), ...Object.values(attachments)]);
    return { role, arn, policies, attachments };
}

/**
 * The instance profile of `role`, `<name>-instance-profile`, created once the role's managed policies
 * are attached: an instance launched before could not register with ECS or join EKS.
 */
export function createInstanceProfile(
    name: string,
    role: RoleResources,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
    transform?: Transform<iam.InstanceProfileArgs>,
): iam.InstanceProfile {
    return create(
        iam.InstanceProfile,
        fitName(childName(name, "instance-profile"), iam.InstanceProfile),
        { role: role.role.name, tags },
        { ...opts, dependsOn: Object.values(role.attachments) },
        transform,
    );
}
