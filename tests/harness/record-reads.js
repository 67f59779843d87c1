/**
 * Preloaded (`node -r`) into a child process whose clean result a test keeps (tests/harness/kept-checks.ts): appends
 * the absolute path of every file the process reads (`fs.readFileSync`, which Node's module loader, ts-node and
 * TypeScript's `sys.readFile` use, and `fs.readFile` / `fs.promises.readFile`) to the file named by
 * `AWS_PLATFORM_READS_FILE`, a line each, as it reads it, so the list is whole however the process ends (the policy
 * pack is stopped with a signal). Directory listings and existence checks are not recorded: a kept check must not
 * depend on a file appearing.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const out = process.env.AWS_PLATFORM_READS_FILE;
if (out) {
    const fd = fs.openSync(out, "a");
    const seen = new Set();
    const note = (file) => {
        if (typeof file !== "string" && !(file instanceof URL)) return;
        const absolute = path.resolve(file instanceof URL ? file.pathname : file);
        if (seen.has(absolute)) return;
        seen.add(absolute);
        fs.writeSync(fd, `${absolute}\n`);
    };
    const readFileSync = fs.readFileSync;
    fs.readFileSync = function (file, ...rest) {
        const result = readFileSync.call(this, file, ...rest);
        note(file);
        return result;
    };
    const readFile = fs.readFile;
    fs.readFile = function (file, ...rest) {
        note(file);
        return readFile.call(this, file, ...rest);
    };
    const promisesReadFile = fs.promises.readFile;
    fs.promises.readFile = function (file, ...rest) {
        note(file);
        return promisesReadFile.call(this, file, ...rest);
    };
}
