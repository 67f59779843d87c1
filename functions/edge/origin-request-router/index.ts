/**
 * Lambda@Edge entry point (origin request) of the router; see core.ts. The routes are read from `routes.json` next
 * to the bundle once per execution environment (a container serves many requests; the file never changes under it).
 * An unreadable or invalid file fails every request of that container with the RoutesError in the function's logs
 * (CloudFront answers 502): routing a viewer to the wrong origin (one outside the region its data must stay in)
 * is worse than an error, and `parseRoutes` lets a deployment check the file before it ships.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { type EdgeRequest, type OriginRequestEvent, type Route, parseRoutes, route } from "./core";

export { type OriginRequestEvent, type Route, type RoutesFile, parseRoutes, route, RoutesError } from "./core";

/** The routes file's name inside the function's archive. */
export const ROUTES_FILE = "routes.json";

/** A handler reading its routes from `file` (once, at its first invocation). */
export function createHandler(file: string): (event: OriginRequestEvent) => Promise<EdgeRequest> {
    let routes: Route[] | undefined;
    return async (event) => {
        routes ??= parseRoutes(JSON.parse(readFileSync(file, "utf8")));
        return route(event.Records[0]!.cf.request, routes);
    };
}

// __dirname is the folder of the bundled index.js in the archive (esbuild keeps it for CommonJS output).
export const handler = createHandler(path.join(__dirname, ROUTES_FILE));
