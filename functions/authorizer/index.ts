/**
 * Lambda entry point of the HTTP API's Lambda authorizer (payload format 2.0, simple responses). The configuration is
 * read once per execution environment. `JWT_SECRET` in the environment keeps this example free of extra calls; a
 * deployment that rotates keys would read it from Secrets Manager at cold start instead.
 */
import { createLogger } from "../shared/log";
import { type AuthorizerEvent, type SimpleResponse, authorize } from "./core";

const config = {
    secret: process.env.JWT_SECRET ?? "",
    issuer: process.env.JWT_ISSUER,
    audience: process.env.JWT_AUDIENCE,
};
const log = createLogger();

export const handler = async (event: AuthorizerEvent): Promise<SimpleResponse> => {
    const { response, reason } = authorize(event, { ...config, now: Math.floor(Date.now() / 1000) });
    // The reason and route only: never the token or the header.
    log.log(response.isAuthorized ? "debug" : "info", response.isAuthorized ? "authorized" : "denied", {
        requestId: event.requestContext?.requestId,
        routeKey: event.routeKey,
        reason,
    });
    return response;
};

export * from "./core";
