/**
 * Files handed from one process to another: the tools' caches (tools/register.js, the kept checks of
 * tests/harness/kept-checks.ts) and the results `npm test` passes between its processes (tools/test.js's build signal,
 * tests/harness/early.ts's checks). Plain CommonJS, so that tools run without the TypeScript register can use it.
 */
"use strict";
const fs = require("node:fs");

/**
 * Writes `data` to `file` through a temporary file of this process renamed over it: a process reading `file`, or one
 * writing the same file at the same time (parallel mocha workers filling one cache), never sees half of it.
 */
function writeAtomically(file, data) {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
}

/** Resolves to `file`'s text once it exists (written with `writeAtomically`), looking every `pollMs`. */
function waitForFile(file, pollMs = 50) {
    return new Promise((resolve) => {
        const look = () => {
            let text;
            try {
                text = fs.readFileSync(file, "utf8");
            } catch {
                setTimeout(look, pollMs);
                return;
            }
            resolve(text);
        };
        look();
    });
}

module.exports = { waitForFile, writeAtomically };
