/**
 * The CloudFront Functions of the stacks: which files the EdgeFunctions component deploys. Their times are measured
 * by tests/functions/edge/measure.ts (its cases, the tests' vm sandbox `loadCloudFrontFunction` and CloudFront's own
 * event shapes), which `npm run bench` runs in a child process.
 *
 * The sandbox's times compare the functions; CloudFront bills per invocation and reports its own compute utilization
 * against a budget of about 1 ms per invocation
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-functions.html).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CLOUDFRONT_FUNCTION_MAX_BYTES } from "../../components/testing/cloudfront";

import { ROOT, stackSources } from "./measure";

export { CLOUDFRONT_FUNCTION_MAX_BYTES };

/** The command that measures every CloudFront Function and prints `{ sandboxBaselineMs, cases: CloudFrontTiming[] }`. */
export const MEASURE_ARGS = ["-r", "./tools/register.js", "tests/functions/edge/measure.ts", "--json"];

/** One case's measurement. */
export interface CloudFrontTiming {
    file: string;
    bytes: number;
    note: string;
    medianMs: number;
}

/** A CloudFront Function the stacks deploy: the key in the EdgeFunctions `functions` record and its source file. */
export interface DeployedCloudFrontFunction {
    key: string;
    /** Relative to the repository, e.g. `functions/edge/viewer-request-jwt.js`. */
    file: string;
    /** Where the stack names it (`stacks/cdn.ts:216`). */
    at: string;
}

/**
 * The CloudFront Functions the stacks give an EdgeFunctions component: its `functions` record's entries
 * `<key>: { code: <reader>("<file>") ... }`, where the reader reads `functions/edge/<file>` (stacks/cdn.ts's
 * `edgeCode`). The component takes the code as a string, so the files are found where the stacks read them.
 */
export function discoverCloudFrontFunctions(root: string = ROOT): DeployedCloudFrontFunction[] {
    const found = new Map<string, DeployedCloudFrontFunction>();
    for (const source of stackSources(root)) {
        const text = fs.readFileSync(source, "utf8");
        // The reader: a function whose body reads a file under functions/edge.
        const readers = [...text.matchAll(/const (\w+) = \(\w+(?:: string)?\) => readFileSync\(path\.join\([^)]*"functions", "edge"/g)].map((m) => m[1]);
        for (const reader of readers) {
            const entry = new RegExp(`"?([\\w-]+)"?:\\s*\\{\\s*code:\\s*${reader}\\("([^"]+)"\\)`, "g");
            for (const m of text.matchAll(entry)) {
                const line = text.slice(0, m.index).split("\n").length;
                const file = `functions/edge/${m[2]}`;
                if (!found.has(m[1])) found.set(m[1], { key: m[1], file, at: `stacks/${path.basename(source)}:${line}` });
            }
        }
    }
    return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
}
