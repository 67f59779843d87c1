import * as path from "node:path";

/** An origin-request handler reading routes.json from its package: what every EdgeLambda test builds. */
export const ENTRY = path.relative(process.cwd(), path.join(__dirname, "fixtures", "origin-request.ts"));
export const ROUTES = JSON.stringify({ default: "web", countries: { DE: "eu", FR: "eu" } });
