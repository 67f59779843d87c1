/**
 * Lambda entry point of the Lambda authorizer, for an HTTP API (payload format 2.0, simple responses) or a REST API
 * (TOKEN or REQUEST authorizer, IAM policy answers), told apart per event. The configuration is read once per execution
 * environment. `JWT_SECRET` in the environment keeps this example free of extra calls; a deployment that rotates keys
 * would read it from Secrets Manager at cold start instead.
 */
import { createLogger } from "../shared/log";
import {
    type AuthorizerEvent,
    type PolicyResponse,
    type RestAuthorizerEvent,
    type SimpleResponse,
    UNAUTHORIZED,
    authorize,
    authorizeRest,
    isRestEvent,
} from "./core";

const config = {
    secret: process.env.JWT_SECRET ?? "",
    issuer: process.env.JWT_ISSUER,
    audience: process.env.JWT_AUDIENCE,
};
const log = createLogger();

export const handler = async (event: AuthorizerEvent | RestAuthorizerEvent): Promise<SimpleResponse | PolicyResponse> => {
    const options = { ...config, now: Math.floor(Date.now() / 1000) };
    if (isRestEvent(event)) {
        const decision = authorizeRest(event, options);
        // The reason and the method only: never the token or the header.
        const fields = { requestId: event.type === "REQUEST" ? event.requestContext?.requestId : undefined, methodArn: event.methodArn, type: event.type };
        if (decision.allowed) {
            log.log("debug", "authorized", fields);
            return decision.response;
        }
        log.log("info", "denied", { ...fields, reason: decision.reason });
        // API Gateway answers 401 for exactly this message (the function's error, not a returned value).
        throw new Error(UNAUTHORIZED);
    }
    const { response, reason } = authorize(event, options);
    log.log(response.isAuthorized ? "debug" : "info", response.isAuthorized ? "authorized" : "denied", {
        requestId: event.requestContext?.requestId,
        routeKey: event.routeKey,
        reason,
    });
    return response;
};

export * from "./core";
