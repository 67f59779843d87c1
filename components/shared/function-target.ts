import * as pulumi from "@pulumi/pulumi";
import type { Issues } from "./errors";
import { isPlain } from "./errors";
import { LambdaFunction } from "../lambda-function/lambda-function";
import { Shape, custom, input, object, optional, string, union } from "./shape";

/**
 * A function created elsewhere: its ARN (an alias's ARN to run that alias) and, where the component
 * must grant the function something (a stream to read), the name of its execution role.
 */
export interface FunctionRef {
    /** The function's ARN, unqualified or with an alias (`arn:aws:lambda:<region>:<account>:function:<name>[:<alias>]`). */
    functionArn: pulumi.Input<string>;
    /**
     * The name (not the ARN) of the function's execution role, where the component adds a policy.
     * @default - none; required by components that grant the function permissions
     */
    roleName?: pulumi.Input<string>;
}

/** A LambdaFunction of this library, or a function created elsewhere. */
export type FunctionTarget = LambdaFunction | FunctionRef;

/** Lambda function ARNs, optionally qualified by an alias or version (Lambda's FunctionName pattern, ARN form). */
export const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;

export const FUNCTION_TARGET_SHAPE: Shape = union(
    "a LambdaFunction, or { functionArn, roleName? }",
    custom("other", "a LambdaFunction", (issues, path, value) => {
        if (!(value instanceof LambdaFunction))
            issues.add(path, "(a class instance)", "is not a LambdaFunction", "a LambdaFunction, or { functionArn, roleName? }");
    }),
    object<FunctionRef>()({ functionArn: input(string()), roleName: optional(input(string({ nonEmpty: true }))) }),
);

/** The value rules of a function target: a plain ARN must be a Lambda function's. */
export function checkFunctionTarget(issues: Issues, path: string, target: FunctionTarget, needsRole: boolean): void {
    if (target instanceof LambdaFunction) return;
    if (isPlain(target.functionArn))
        issues.match(
            `${path}.functionArn`,
            target.functionArn,
            FUNCTION_ARN,
            "a Lambda function ARN, arn:aws:lambda:<region>:<account>:function:<name>[:<alias>]",
        );
    if (needsRole && target.roleName === undefined)
        issues.missing(`${path}.roleName`, "the name of the function's execution role, where the read permissions go");
    if (isPlain(target.roleName))
        issues.match(`${path}.roleName`, target.roleName, /^[\w+=,.@-]{1,64}$/, "an IAM role name (1-64 of letters, digits and '+=,.@_-'), not its ARN");
}

export interface ResolvedTarget {
    /** What invokes: the alias's ARN when the LambdaFunction has one (its provisioned concurrency serves), else the function's. */
    invokeArn: pulumi.Input<string>;
    /** The execution role's name, when known. */
    roleName?: pulumi.Input<string>;
}

export function resolveTarget(target: FunctionTarget): ResolvedTarget {
    if (target instanceof LambdaFunction) return { invokeArn: target.aliasArn ?? target.functionArn, roleName: target.resources.role.role.name };
    return { invokeArn: target.functionArn, roleName: target.roleName };
}
