/**
 * A Lambda@Edge router used alone, through the public API, in a stack outside us-east-1: the README's
 * EdgeLambda example, with the tests' origin-request handler as entry (the real router is
 * functions/edge/origin-request-router.ts). Two functions share one us-east-1 provider.
 */
import * as path from "node:path";
import { EdgeLambda } from "../../components";

const ENTRY = path.relative(process.cwd(), path.join(__dirname, "../components/edge-lambda/fixtures/origin-request.ts"));

export function program() {
    const router = new EdgeLambda("router", {
        entry: ENTRY,
        events: ["origin-request"],
        timeoutSeconds: 10,
        files: { "routes.json": JSON.stringify({ default: "web", countries: { DE: "eu", FR: "eu" } }) },
        logRegions: ["us-east-1", "eu-west-1", "eu-central-1"],
    });
    // A second function reuses the first one's provider rather than creating its own.
    const headers = new EdgeLambda("headers", {
        entry: ENTRY,
        events: ["viewer-request"],
        files: { "routes.json": JSON.stringify({ default: "web", countries: {} }) },
        provider: router.provider,
    });
    return { router: router.qualifiedArn, headers: headers.qualifiedArn };
}
