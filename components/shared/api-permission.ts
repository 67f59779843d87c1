import * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { LambdaFunction } from "../lambda-function/lambda-function";
import { Transform, create } from "./transform";

/**
 * API Gateway's permission (HTTP or REST API) to invoke a LambdaFunction, from `sourceArn` only. The
 * qualifier is the function's own alias, when it has one: an integration or authorizer that calls the
 * alias needs the permission on the alias, not on $LATEST.
 */
export function apiGatewayPermission(
    name: string,
    fn: LambdaFunction,
    sourceArn: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
    transform: Transform<lambda.PermissionArgs> | undefined,
): lambda.Permission {
    return create(
        lambda.Permission,
        name,
        {
            action: "lambda:InvokeFunction",
            function: fn.functionName,
            qualifier: fn.resources.alias?.name,
            principal: "apigateway.amazonaws.com",
            sourceArn,
        },
        opts,
        transform,
    );
}
