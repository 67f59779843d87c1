import * as cognito from "@pulumi/aws/cognito";
import * as pulumi from "@pulumi/pulumi";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./routes";

export interface CognitoResources {
    /** Created when the authorizer names no `userPoolId`. */
    userPool?: cognito.UserPool;
    userPoolClient: cognito.UserPoolClient;
}

/** The issuer of a user pool's tokens: the pool id begins with its Region (`us-east-1_AbC`). */
export const cognitoIssuer = (userPoolId: pulumi.Input<string>): pulumi.Output<string> =>
    pulumi.output(userPoolId).apply((id) => `https://cognito-idp.${id.split("_")[0]}.amazonaws.com/${id}`);

/** A user pool (unless given) and a public app client for the `cognito` authorizer `key`. */
export function createCognito(ctx: Ctx, key: string, userPoolId: pulumi.Input<string> | undefined, tags: Record<string, string>): CognitoResources {
    const t = ctx.cfg.transform;
    const userPool =
        userPoolId === undefined
            ? create(
                  cognito.UserPool,
                  fitName(childName(ctx.name, "user-pool", key), cognito.UserPool),
                  {
                      usernameAttributes: ["email"],
                      autoVerifiedAttributes: ["email"],
                      passwordPolicy: {
                          minimumLength: 12,
                          requireLowercase: true,
                          requireUppercase: true,
                          requireNumbers: true,
                          requireSymbols: true,
                          temporaryPasswordValidityDays: 7,
                      },
                      tags,
                  },
                  ctx.opts,
                  t.userPool,
              )
            : undefined;
    const userPoolClient = create(
        cognito.UserPoolClient,
        childName(ctx.name, "user-pool-client", key),
        {
            userPoolId: userPool ? userPool.id : (userPoolId as pulumi.Input<string>),
            name: key,
            // A browser or mobile app cannot keep a secret; the JWT authorizer needs none.
            generateSecret: false,
            explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            // Sign-in failures do not reveal whether the user exists.
            preventUserExistenceErrors: "ENABLED",
        },
        ctx.opts,
        t.userPoolClient,
    );
    return { userPool, userPoolClient };
}
