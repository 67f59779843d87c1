/**
 * The files under a folder, recursively, in directory-listing order: the walk the source-scanning tests share (which
 * files construct a PolicyPack, read a cache switch, import across a boundary, …).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Absolute paths of the files under `dir` whose name `keep` accepts, not descending into folders named in `skip`. */
export function filesUnder(dir: string, keep: (name: string) => boolean, skip: readonly string[] = []): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return skip.includes(e.name) ? [] : filesUnder(p, keep, skip);
        return keep(e.name) ? [p] : [];
    });
}
