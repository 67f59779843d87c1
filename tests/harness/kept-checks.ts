/**
 * Clean type-checks kept between runs, as `tools/typecheck.js` skips an unchanged project: a check that found nothing
 * is recorded with the SHA-1 of every file its program read, and stands while each of them is byte for byte the same.
 * Parsing the thousands of declaration files a check over @pulumi/aws reaches (31 MB for that package alone) is most of
 * its time; reading and hashing them again takes about 0.2 s.
 *
 * A record's key holds what decides the result besides those files: the caller's own inputs (its options, the checked
 * sources, the caller module itself), TypeScript's version and the lock files (an install). Records live under
 * node_modules/.cache/<cache>/ (safe to delete); each cache has an environment variable that, set to 0, always checks.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
// TypeScript's version from its package.json: loading the compiler to read it would cost a test that only runs a kept
// child process a quarter of a second.
const TYPESCRIPT_VERSION: string = require("typescript/package.json").version;
const { writeAtomically } = require("../../tools/files") as { writeAtomically: (file: string, data: string) => void };

/** Where a check's record is kept, and what the kept clean check read and left, once found. */
export interface KeptCheck {
    /** The record's file. */
    path: string;
    /** Files under this folder are recorded relative to it (a scratch project made afresh for each run). */
    base?: string;
    /** The files the clean check read, with their SHA-1 (relative to `base` when inside it). */
    files?: [file: string, sha1: string][];
    /** What the caller kept with the clean check (e.g. the JavaScript it emitted). */
    data?: unknown;
}

const sha1 = (data: Buffer | string) => crypto.createHash("sha1").update(data).digest("hex");

/** The record for a check keyed by `key` in `cache`, or undefined when `env` is "0" (the cache is off). */
export function keptCheck(cache: string, env: string, key: (string | Buffer)[], base?: string): KeptCheck | undefined {
    if (process.env[env] === "0") return undefined;
    const hash = crypto.createHash("sha256").update(`${TYPESCRIPT_VERSION}\0`);
    for (const part of key) hash.update(part).update("\0");
    for (const lock of ["package-lock.json", "node_modules/.package-lock.json"]) {
        try {
            hash.update(fs.readFileSync(path.join(ROOT, lock)));
        } catch {
            hash.update("\0missing\0");
        }
    }
    const recordPath = path.join(ROOT, "node_modules", ".cache", cache, `${hash.digest("hex")}.json`);
    try {
        const { files, data } = JSON.parse(fs.readFileSync(recordPath, "utf8"));
        return { path: recordPath, base, files, data };
    } catch {
        return { path: recordPath, base };
    }
}

/** Whether the record holds a clean check whose every file is as it was. */
export function stillClean(record: KeptCheck | undefined): boolean {
    if (record?.files === undefined || record.files.length === 0) return false;
    return record.files.every(([file, hash]) => {
        try {
            return sha1(fs.readFileSync(record.base === undefined ? file : path.resolve(record.base, file))) === hash;
        } catch {
            return false;
        }
    });
}

/** Records not written for this long are removed when another is written: each edit of a checked source keys a new one. */
const RECORD_DAYS = 7;

/** Keeps a clean check that read `files` (absolute paths), with `data`; a read-only node_modules only loses the cache. */
export function keepCheck(record: KeptCheck | undefined, files: string[], data?: unknown): void {
    if (record === undefined) return;
    try {
        const stored = files.map((f) => {
            const inBase = record.base !== undefined && !path.relative(record.base, f).startsWith("..");
            return [inBase ? path.relative(record.base!, f) : f, sha1(fs.readFileSync(f))];
        });
        const dir = path.dirname(record.path);
        fs.mkdirSync(dir, { recursive: true });
        for (const old of fs.readdirSync(dir)) {
            const stale = path.join(dir, old);
            if (Date.now() - fs.statSync(stale).mtimeMs > RECORD_DAYS * 86_400_000) fs.rmSync(stale, { force: true });
        }
        writeAtomically(record.path, JSON.stringify({ files: stored, data }));
    } catch {
        // The check stands; it is only not kept.
    }
}
