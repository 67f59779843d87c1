/**
 * Runs the project's TypeScript in Node without type-checking it (`tsc -p tsconfig.json --noEmit` does that, once):
 * `node -r ./tools/register.js file.ts`, and mocha's `require` in `.mocharc.js`.
 *
 * Why not `ts-node/register/transpile-only`: ts-node installs source-map-support, which source-maps every
 * `new Error().stack`, and the Pulumi runtime captures one for every promise it creates (`debuggablePromise`):
 * under ts-node that was most of a mock deployment's CPU. esbuild transpiles a file in well under a millisecond and
 * the result is cached on disk by content, so a second run reads JavaScript (node_modules/.cache/aws-platform-ts; safe to
 * delete; `AWS_PLATFORM_TS_CACHE` moves it or, set to 0, turns it off).
 *
 * Stack traces point into the transpiled code, which keeps the source's line structure closely but not exactly; set
 * `AWS_PLATFORM_SOURCE_MAPS=1` to have Node map them to the TypeScript lines (slower: every stack is mapped).
 *
 * The transform follows tsconfig.json where it matters at run time (CommonJS, ES2022 class fields, esModuleInterop);
 * esbuild compiles each file on its own, as `isolatedModules` would, like ts-node's transpile-only mode did.
 */
"use strict";
// Before anything loads @pulumi/pulumi: see defer-modules.js.
require("./defer-modules");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");
const { writeAtomically } = require("./files");

const SOURCE_MAPS = process.env.AWS_PLATFORM_SOURCE_MAPS === "1";
const OPTIONS = {
    loader: "ts",
    format: "cjs",
    target: "node20",
    sourcemap: SOURCE_MAPS ? "inline" : false,
    // `import("x")` becomes `require("x")` behind a promise, as tsc compiles it for CommonJS (a real dynamic import
    // would load ESM and refuse directory imports like "@pulumi/aws/lb").
    supported: { "dynamic-import": false },
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true, target: "ES2022" } },
};
// The cache key covers what changes the output: esbuild's version, the options and the file's content and path.
const SALT = `${esbuild.version}\0${JSON.stringify(OPTIONS)}\0`;
// `AWS_PLATFORM_TS_CACHE=0` transpiles every file afresh (nothing read or written); another value is the folder to use
// (a cold run, measured without clearing the shared cache).
const CACHE_SETTING = process.env.AWS_PLATFORM_TS_CACHE;
const CACHE_DIR =
    CACHE_SETTING !== undefined && CACHE_SETTING !== "" && CACHE_SETTING !== "0"
        ? path.resolve(CACHE_SETTING)
        : path.join(__dirname, "..", "node_modules", ".cache", "aws-platform-ts");
const CACHE_OFF = CACHE_SETTING === "0";

let cacheReady = false;
function cached(key) {
    if (CACHE_OFF) return undefined;
    try {
        return fs.readFileSync(path.join(CACHE_DIR, `${key}.js`), "utf8");
    } catch {
        return undefined;
    }
}
function store(key, code) {
    if (CACHE_OFF) return;
    try {
        if (!cacheReady) {
            fs.mkdirSync(CACHE_DIR, { recursive: true });
            cacheReady = true;
        }
        // Concurrent processes (parallel mocha) never read a half-written file.
        writeAtomically(path.join(CACHE_DIR, `${key}.js`), code);
    } catch {
        // A read-only or missing node_modules only loses the cache.
    }
}

/** The JavaScript for a TypeScript file: from the cache, else transpiled and stored. */
function compile(source, filename) {
    const key = crypto.createHash("sha1").update(SALT).update(filename).update("\0").update(source).digest("hex");
    const hit = cached(key);
    if (hit !== undefined) return hit;
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    store(key, code);
    return code;
}

if (SOURCE_MAPS) process.setSourceMapsEnabled(true);

require.extensions[".ts"] = function loadTypeScript(module, filename) {
    module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
};

module.exports = { compile };
