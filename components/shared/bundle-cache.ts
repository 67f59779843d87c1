/**
 * The on-disk side of `bundle()`'s cache: a Lambda handler bundles in 0.5–2 s (esbuild walks ~1,000
 * AWS SDK files), every time the program runs. A bundle is stored with the files esbuild read to build
 * it (its metafile's inputs) and reused only while every one of them is unchanged, so a warm cache
 * gives the bytes a fresh build would: same code, same SHA-256.
 *
 * - Where: `<working directory>/node_modules/.cache/aws-platform-bundles/` (Pulumi runs the program
 *   in the project directory), one JSON file per entry, for entries inside the working directory only
 *   (a test's temporary entries would pile up); nothing is cached without a `node_modules` there.
 *   `AWS_PLATFORM_BUNDLE_CACHE=0` turns the cache off; any other value is the folder to use, for any
 *   entry. Deleting the folder is always safe.
 * - Key: the entry's absolute path, the working directory, esbuild's version and the build options.
 * - Valid while: each input has the recorded size and, for the project's own files, the same SHA-1
 *   (an edit that keeps the size and the timestamp is still seen); inside `node_modules`, where npm
 *   rewrites whole files, the same size and modification time; so does the package manager's record of
 *   the install (`node_modules/.package-lock.json`, `.modules.yaml`, `.yarn-state.yml`, `.yarn-integrity`,
 *   whichever exist), so any install or upgrade rebuilds. A file esbuild did not read but
 *   would now pick (a new `index.ts` shadowing a package, say) is not seen: clear the folder after such
 *   a change.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** What a cached bundle gives back: the code and its export names (see `Bundle`). */
export interface StoredBundle {
    code: string;
    exports?: string[];
}

/** Where one entry's bundle is stored, and the key the stored file must carry. */
export interface BundleCacheSlot {
    file: string;
    key: string;
}

/** One input of a bundle as it was when the bundle was built. */
interface Stamp {
    file: string;
    size: number;
    /** Project files: their content's SHA-1. */
    sha1?: string;
    /** Files under node_modules: their modification time. */
    mtimeMs?: number;
}

interface Stored extends StoredBundle {
    key: string;
    sha256: string;
    inputs: Stamp[];
}

/** The folder `entry` (absolute) is cached in, or undefined when caching on disk is off or has nowhere to go. */
export function bundleCacheDir(entry: string): string | undefined {
    const setting = process.env.AWS_PLATFORM_BUNDLE_CACHE;
    if (setting === "0") return undefined;
    if (setting !== undefined && setting !== "") return path.resolve(setting);
    if (!entry.startsWith(process.cwd() + path.sep)) return undefined;
    const modules = path.resolve("node_modules");
    return fs.existsSync(modules) ? path.join(modules, ".cache", "aws-platform-bundles") : undefined;
}

/** The slot of `entry` (absolute) built with `salt` (esbuild's version and options), or undefined when nothing is cached. */
export function bundleCacheSlot(entry: string, salt: string): BundleCacheSlot | undefined {
    const dir = bundleCacheDir(entry);
    if (dir === undefined) return undefined;
    const key = createHash("sha256").update(salt).update("\0").update(process.cwd()).update("\0").update(entry).digest("hex");
    return { file: path.join(dir, `${key.slice(0, 32)}.json`), key };
}

/** What npm, pnpm and yarn rewrite on every install, in the working directory's node_modules. */
const INSTALL_RECORDS = [".package-lock.json", ".modules.yaml", ".yarn-state.yml", ".yarn-integrity"];
const installRecords = (): string[] => INSTALL_RECORDS.map((f) => path.resolve("node_modules", f)).filter((f) => fs.existsSync(f));

const inNodeModules = (file: string): boolean => file.split(path.sep).includes("node_modules");
const sha1 = (file: string): string => createHash("sha1").update(fs.readFileSync(file)).digest("hex");

function stamp(file: string): Stamp {
    const stat = fs.statSync(file);
    return inNodeModules(file) ? { file, size: stat.size, mtimeMs: stat.mtimeMs } : { file, size: stat.size, sha1: sha1(file) };
}

function unchanged(s: Stamp): boolean {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(s.file);
    } catch {
        return false;
    }
    if (stat.size !== s.size) return false;
    return s.sha1 !== undefined ? sha1(s.file) === s.sha1 : stat.mtimeMs === s.mtimeMs;
}

/** The stored bundle when its key matches, its code is intact and every input is unchanged; else undefined. */
export function readCachedBundle(slot: BundleCacheSlot): StoredBundle | undefined {
    let stored: Stored;
    try {
        stored = JSON.parse(fs.readFileSync(slot.file, "utf8"));
    } catch {
        return undefined;
    }
    if (stored?.key !== slot.key || typeof stored.code !== "string" || !Array.isArray(stored.inputs)) return undefined;
    if (createHash("sha256").update(stored.code).digest("hex") !== stored.sha256) return undefined;
    if (!stored.inputs.every(unchanged)) return undefined;
    return { code: stored.code, ...(stored.exports ? { exports: stored.exports } : {}) };
}

/**
 * Stores a bundle built from `inputs` (absolute paths) by a build that started at `startedMs`. Stores
 * nothing when an input changed after the build started (the bundle may hold the older content) or
 * cannot be read; a write that fails only loses the cache.
 */
export function writeCachedBundle(slot: BundleCacheSlot, inputs: readonly string[], bundle: StoredBundle, startedMs: number): void {
    try {
        const stamps = [...new Set([...inputs, ...installRecords()])].sort().map(stamp);
        // mtime granularity: a file written in the same millisecond as the build started counts as changed.
        if (stamps.some((s) => fs.statSync(s.file).mtimeMs >= startedMs - 1)) return;
        const stored: Stored = { key: slot.key, sha256: createHash("sha256").update(bundle.code).digest("hex"), ...bundle, inputs: stamps };
        fs.mkdirSync(path.dirname(slot.file), { recursive: true });
        // Write then rename: a concurrent process (parallel mocha) never reads half a file.
        const temp = `${slot.file}.${process.pid}.tmp`;
        fs.writeFileSync(temp, JSON.stringify(stored));
        fs.renameSync(temp, slot.file);
    } catch {
        // Read-only or missing node_modules, an input gone since the build: no cache entry.
    }
}
