/**
 * `npm test`'s lint step: `biome check` over the files that changed since the last clean check, as the type-check
 * checks only what an edit can affect (tools/typecheck.js).
 *
 * Biome's checks here are each about one file (formatting, the recommended lint rules, import sorting; none of the
 * rules that read other files is on in biome.json), so a file that passed and is byte for byte the same passes again
 * under the same Biome and settings. A clean run records the SHA-1 of every file git does not ignore (tracked or new),
 * under a key of Biome's version, biome.json, .gitignore and this file; the next run passes Biome only the files whose
 * SHA-1 differs or that are new (Biome itself drops those its `files.includes` leaves out), and none when nothing
 * changed. Without a record (a clean clone, as in CI), after a change of the key, without git, or with
 * `AWS_PLATFORM_LINT_CACHE=0`, it runs `biome check .` over everything. The record lives in
 * `node_modules/.cache/aws-platform-lint/` (safe to delete). A run that finds problems records nothing.
 *
 * Usage: `node tools/lint.js`. Exit code: Biome's.
 */
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { writeAtomically } = require("./files");

const ROOT = path.join(__dirname, "..");
/** Above this many changed files, Biome checks everything (`.`) rather than a long argument list. */
const MAX_LISTED = 200;

const sha1 = (data) => crypto.createHash("sha1").update(data).digest("hex");

/** The files git does not ignore, tracked or not, relative to `root`; undefined without git. */
function projectFiles(root) {
    try {
        const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        return out.split("\0").filter((f) => f !== "");
    } catch {
        return undefined;
    }
}

/** What decides Biome's verdict on an unchanged file: its version, its settings, what git ignores, and this tool. */
function recordKey(root, biome) {
    const hash = crypto.createHash("sha256");
    const version = JSON.parse(fs.readFileSync(path.join(path.dirname(biome), "..", "package.json"), "utf8")).version;
    hash.update(`${version}\0`).update(fs.readFileSync(__filename));
    for (const file of ["biome.json", "biome.jsonc", ".gitignore"]) {
        try {
            hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file)));
        } catch {
            hash.update("\0missing\0");
        }
    }
    return hash.digest("hex");
}

/** The file SHA-1s each project file has now (deleted between listing and reading: left out). */
function hashes(root, files) {
    const out = {};
    for (const file of files) {
        try {
            out[file] = sha1(fs.readFileSync(path.join(root, file)));
        } catch {
            // Gone, or a directory (a submodule): nothing for Biome to check.
        }
    }
    return out;
}

/**
 * What to pass Biome: `["."]` for everything, the changed files, or `[]` when nothing changed. `record` is the last
 * clean run's `{ key, files }`, `now` the files' SHA-1s at this run.
 */
function targets(record, key, now) {
    if (record === undefined || record.key !== key || record.files === undefined) return ["."];
    const changed = Object.keys(now).filter((f) => record.files[f] !== now[f]);
    return changed.length > MAX_LISTED ? ["."] : changed;
}

function cacheFile(root) {
    const setting = process.env.AWS_PLATFORM_LINT_CACHE;
    if (setting === "0") return undefined;
    return path.join(setting ? path.resolve(setting) : path.join(root, "node_modules", ".cache", "aws-platform-lint"), "record.json");
}

function readRecord(file) {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

/** Runs the check in `root` with the Biome at `biome` (its bin script); returns Biome's exit code. */
function lint(root = ROOT, biome = require.resolve("@biomejs/biome/bin/biome", { paths: [root] }), log = console.log) {
    const file = cacheFile(root);
    const files = file === undefined ? undefined : projectFiles(root);
    const key = files === undefined ? undefined : recordKey(root, biome);
    const now = files === undefined ? undefined : hashes(root, files);
    const paths = now === undefined ? ["."] : targets(readRecord(file), key, now);
    if (paths.length === 0) {
        log(`Nothing changed since the last clean check (${Object.keys(now).length} files): Biome not run.`);
        return 0;
    }
    // `--no-errors-on-unmatched`: every listed file may be one biome.json leaves out (a changed package-lock.json).
    const args = paths[0] === "." ? ["check", "."] : ["check", "--no-errors-on-unmatched", ...paths];
    const run = spawnSync(process.execPath, [biome, ...args], { cwd: root, stdio: "inherit" });
    const code = run.status ?? 1;
    if (code === 0 && now !== undefined) {
        // A file edited while Biome ran may have been checked in either state: it is checked again next time.
        const after = hashes(root, Object.keys(now));
        for (const f of Object.keys(now)) if (after[f] !== now[f]) delete now[f];
        try {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            writeAtomically(file, JSON.stringify({ key, files: now }));
        } catch {
            // A read-only node_modules only loses the record.
        }
    }
    return code;
}

if (require.main === module) process.exitCode = lint();

module.exports = { lint, targets, MAX_LISTED };
