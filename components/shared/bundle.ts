/**
 * Bundles a function's entry file for Lambda with esbuild while the program runs: no closure
 * serialization, the code a reader sees is the code that ships. The AWS SDK v3 clients are bundled
 * rather than taken from the runtime: the runtime's copy changes under the function without notice,
 * and bundling lets esbuild keep only what is used (`mainFields: ["module", "main"]` picks the ES
 * module builds, which tree-shake: ~336 KiB instead of ~535 KiB for a DynamoDB handler).
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { deflateRawSync } from "node:zlib";
import * as pulumi from "@pulumi/pulumi";
import { buildSync, version as esbuildVersion } from "esbuild";
import { bundleCacheSlot, readCachedBundle, writeCachedBundle } from "./bundle-cache";

/** One bundled entry: the code of `index.js`, its SHA-256 (hex), its size in bytes and the names it exports. */
export interface Bundle {
    code: string;
    sha256: string;
    bytes: number;
    /**
     * The entry's export names, sorted: a function's handler must be one of them. Undefined for a
     * CommonJS entry, whose exports are known only when it runs.
     */
    exports?: string[];
}

/** esbuild could not bundle an entry (missing file, syntax error, unresolved import): the message names the entry. */
export class BundleError extends Error {
    constructor(
        readonly entry: string,
        readonly details: string,
    ) {
        super(`cannot bundle ${entry}: ${details}`);
        this.name = "BundleError";
    }
}

/** Lambda's Node.js 22 runtime (nodejs22.x): the syntax target of every bundle. */
export const BUNDLE_TARGET = "node22";

/**
 * The options every bundle is built with, in the program and in a release build's esbuild command line
 * ({@link esbuildCommand}): one list, so a function deployed by the pipeline ships the code the program would.
 */
const BUNDLE_OPTIONS = {
    bundle: true,
    platform: "node",
    target: BUNDLE_TARGET,
    format: "cjs",
    minify: true,
    mainFields: ["module", "main"],
    // Keeps the licence comments out: they would change size and hash with nothing to run.
    legalComments: "none",
} as const;

/** The esbuild command line that bundles `entry` into `outfile` as {@link bundle} does (flags in BUNDLE_OPTIONS' order). */
export function esbuildCommand(entry: string, outfile: string): string {
    const flags = Object.entries(BUNDLE_OPTIONS).map(([key, value]) => {
        const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        return value === true ? flag : `${flag}=${Array.isArray(value) ? value.join(",") : value}`;
    });
    return ["npx esbuild", entry, ...flags, `--outfile=${outfile}`].join(" ");
}

// Per process: a program creating several functions from one entry (or a test run building the same
// component many times) bundles it once. Keyed by absolute path; across processes, `bundle-cache.ts`
// keeps bundles on disk while the files they were built from are unchanged.
const cache = new Map<string, Bundle>();

/** What decides a bundle's bytes besides its inputs (the disk cache's key): a change here rebuilds every cached bundle. */
export const BUNDLE_CACHE_SALT = JSON.stringify({ cache: 2, esbuild: esbuildVersion, options: BUNDLE_OPTIONS });

/**
 * Bundles `entry` (a path, relative to the working directory, where Pulumi runs the program) into one
 * minified CommonJS file for Node.js 22. Synchronous, so a component can create its function in its
 * constructor. Throws a {@link BundleError} naming the entry. `cache: false` builds afresh and caches
 * nothing, in memory or on disk.
 */
export function bundle(entry: string, options: { cache?: boolean } = {}): Bundle {
    const file = path.resolve(entry);
    const cached = options.cache === false ? undefined : cache.get(file);
    if (cached) return cached;
    const slot = options.cache === false ? undefined : bundleCacheSlot(file, BUNDLE_CACHE_SALT);
    const stored = slot && readCachedBundle(slot);
    if (stored) return finish(file, stored.code, stored.exports, options);
    const started = Date.now();
    let code: string;
    let exportNames: string[] | undefined;
    try {
        const result = buildSync({
            entryPoints: [file],
            ...BUNDLE_OPTIONS,
            mainFields: [...BUNDLE_OPTIONS.mainFields],
            sourcemap: false,
            write: false,
            logLevel: "silent",
            outfile: "index.js",
            // Lists the files read, for the disk cache; the output is the same with or without it.
            metafile: true,
        });
        code = result.outputFiles[0].text;
        const entryInfo = entryExports(file);
        exportNames = entryInfo.names;
        if (slot) {
            const inputs = [...Object.keys(result.metafile.inputs), ...entryInfo.inputs].map((input) => path.resolve(input));
            writeCachedBundle(slot, inputs, { code, ...(exportNames ? { exports: exportNames } : {}) }, started);
        }
    } catch (e) {
        const errors = (e as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors;
        const details = errors?.length
            ? // esbuild gives locations relative to the working directory: absolute, so they name the file wherever it runs.
              errors.map((m) => (m.location ? `${path.resolve(m.location.file)}:${m.location.line}: ${m.text}` : m.text)).join("; ")
            : (e as Error).message;
        throw new BundleError(entry, details);
    }
    return finish(file, code, exportNames, options);
}

function finish(file: string, code: string, exportNames: string[] | undefined, options: { cache?: boolean }): Bundle {
    const out: Bundle = {
        code,
        sha256: createHash("sha256").update(code).digest("hex"),
        bytes: Buffer.byteLength(code),
        ...(exportNames ? { exports: exportNames } : {}),
    };
    if (options.cache !== false) cache.set(file, out);
    return out;
}

/**
 * The names `file` exports. esbuild's metafile lists them only for ES module output, so a second,
 * cheap build (ESM, packages left external, nothing written) reads them; re-exports of the project's
 * own files are followed. `inputs`: the files that build read.
 */
function entryExports(file: string): { names?: string[]; inputs: string[] } {
    const result = buildSync({
        entryPoints: [file],
        bundle: true,
        packages: "external",
        platform: "node",
        target: BUNDLE_TARGET,
        format: "esm",
        metafile: true,
        write: false,
        logLevel: "silent",
        outfile: "index.mjs",
    });
    // A CommonJS entry shows only "default" (module.exports) here, whatever it assigns at run time.
    const inputs = Object.keys(result.metafile.inputs);
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
    if (output?.entryPoint === undefined || result.metafile.inputs[output.entryPoint]?.format === "cjs") return { inputs };
    // `export * from "<package>"` stays a statement of the output (the package is external): its names
    // are known only to the full bundle, so the exports are unknown here too.
    const text = result.outputFiles?.[0]?.text ?? "";
    if (/^export \* from ["'][^./]/m.test(text)) return { inputs };
    return { names: [...output.exports].sort(), inputs };
}

/**
 * The Lambda deployment package of a bundle: a zip holding `index.js` (so the handler is
 * `index.<export>`) and any extra `files` (path → text) beside it.
 */
export function bundleArchive(b: Bundle, files: Record<string, string> = {}): pulumi.asset.AssetArchive {
    const assets: Record<string, pulumi.asset.Asset> = {};
    for (const [file, text] of Object.entries(files)) assets[file] = new pulumi.asset.StringAsset(text);
    return new pulumi.asset.AssetArchive({ ...assets, "index.js": new pulumi.asset.StringAsset(b.code) });
}

/**
 * The size of the zip Pulumi uploads for `files` (path → text), as Lambda measures a deployment
 * package: each file deflated at the default level (Pulumi writes archives with Go's archive/zip,
 * Deflate at level 6, as zlib's default here), plus each entry's local header, data descriptor and
 * central directory record, plus the end record (APPNOTE.TXT 4.3). An estimate within a few bytes
 * per file: the two deflate implementations differ slightly.
 */
export function zippedBytes(files: Record<string, string>): number {
    let total = 22; // end of central directory record
    for (const [file, text] of Object.entries(files)) {
        const name = Buffer.byteLength(file);
        total += 30 + name + deflateRawSync(Buffer.from(text)).length + 16 + 46 + name;
    }
    return total;
}

// issue 20 bench
/**
 * The code of `entry` bundled as {@link bundle} builds it, with some of its esbuild options changed: `npm run bench`
 * compares the shipped bundle with the same one built without minification and tree-shaking. Not cached; throws
 * esbuild's error. With no overrides the code equals `bundle(entry).code` (tests/tools/bench.test.ts checks it).
 */
export function bundleWith(entry: string, overrides: { minify?: boolean; treeShaking?: boolean }): string {
    const result = buildSync({
        entryPoints: [path.resolve(entry)],
        ...BUNDLE_OPTIONS,
        mainFields: [...BUNDLE_OPTIONS.mainFields],
        ...overrides,
        sourcemap: false,
        write: false,
        logLevel: "silent",
        outfile: "index.js",
    });
    return result.outputFiles[0].text;
}
