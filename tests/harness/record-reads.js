/**
 * Preloaded (`node -r`) into a child process whose clean result a test keeps (tests/harness/kept-checks.ts): appends
 * the absolute path of every file the process reads with `fs.readFileSync` (Node's module loader, ts-node and
 * TypeScript's `sys.readFile` all do) to the file named by `AWS_PLATFORM_READS_FILE`, a line each, as it reads it, so
 * the list is whole however the process ends (the policy pack is stopped with a signal).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const out = process.env.AWS_PLATFORM_READS_FILE;
if (out) {
    const fd = fs.openSync(out, "a");
    const seen = new Set();
    const readFileSync = fs.readFileSync;
    fs.readFileSync = function (file, ...rest) {
        const result = readFileSync.call(this, file, ...rest);
        if (typeof file === "string" || file instanceof URL) {
            const absolute = path.resolve(file instanceof URL ? file.pathname : file);
            if (!seen.has(absolute)) {
                seen.add(absolute);
                fs.writeSync(fd, `${absolute}\n`);
            }
        }
        return result;
    };
}
