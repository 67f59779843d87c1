/**
 * Type-checks the whole project once (tsconfig.json: components, stacks, functions, tests, tools, policy) and, with
 * `--emit`, writes the package's build (dist/components: JavaScript and declarations, as `tsc -p tsconfig.build.json`
 * would) from the same program.
 *
 * Why one program: `tsc -p tsconfig.build.json` followed by `tsc -p tsconfig.json --noEmit` parsed @pulumi/aws's
 * declarations twice and checked components/ twice (about 15 s of CPU each on a 2-core machine). `tsc --noCheck`
 * does not help: declaration emit then infers the same types lazily and took as long as the checked build.
 *
 * Incremental, as `tsc --incremental` and `tsc -b` are: the program's state (each file's signature and diagnostics) is
 * kept in `node_modules/.cache/aws-platform-tsc/<mode>.tsbuildinfo`, so a run after an edit checks only the files the
 * edit can affect; and a run whose inputs (every project source, the tsconfigs, the installed packages' lock files and
 * TypeScript's version) are byte for byte those of the last clean run, with its build still in place, is skipped as
 * `tsc -b` skips an up-to-date project. `AWS_PLATFORM_TSC_CACHE=0` checks from scratch; another value is the cache's
 * directory. A clean clone has no cache: CI always checks everything.
 *
 * Usage: `node tools/typecheck.js` (check only), `node tools/typecheck.js --emit` (check, then emit dist/components
 * unless there were errors). Exit code 1 on any diagnostic, like tsc.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const ROOT = path.join(__dirname, "..");

/** The cache directory `AWS_PLATFORM_TSC_CACHE` selects for a project (false: no cache). */
function cacheDir(root) {
    const setting = process.env.AWS_PLATFORM_TSC_CACHE;
    return setting === "0" ? false : path.resolve(setting || path.join(root, "node_modules", ".cache", "aws-platform-tsc"));
}
/** Inputs outside the program's root files: a changed install (npm writes node_modules/.package-lock.json) or config. */
const EXTRA_INPUTS = ["tsconfig.json", "tsconfig.build.json", "package-lock.json", "node_modules/.package-lock.json"];

/** A digest of everything the check reads but the installed packages' own files: see the header. */
function inputsDigest(root, mode, rootNames) {
    // This file too: a changed check or build may give other results for the same sources.
    const hash = crypto.createHash("sha256").update(`${ts.version}\0${mode}\0`).update(fs.readFileSync(__filename));
    for (const file of [...rootNames.map((f) => path.resolve(f)).sort(), ...EXTRA_INPUTS.map((f) => path.join(root, f))]) {
        hash.update(`${path.relative(root, file)}\0`);
        try {
            hash.update(fs.readFileSync(file));
        } catch {
            hash.update("\0missing\0");
        }
    }
    return hash.digest("hex");
}

/** The last clean run's record: its inputs' digest and the project files it read besides the root files. */
function readStamp(file) {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

function parse(root, configFile) {
    const file = path.join(root, configFile);
    const read = ts.readConfigFile(file, ts.sys.readFile);
    if (read.error) return { errors: [read.error] };
    return ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, file);
}

/**
 * Type-checks the project at `root` (its tsconfig.json) and, with `emit`, builds it (tsconfig.build.json's files and
 * output settings). `cache`: the cache's directory, or false for none (default: as `AWS_PLATFORM_TSC_CACHE`
 * says). Returns the exit code (0, or 1 after writing the diagnostics with `log`, default stderr) and whether the run was
 * skipped as up to date.
 */
function typecheck({ root = ROOT, emit = false, cache = cacheDir(root), log = (text) => process.stderr.write(text) } = {}) {
    const check = parse(root, "tsconfig.json");
    const build = parse(root, "tsconfig.build.json");
    const configErrors = [...(check.errors ?? []), ...(build.errors ?? [])];
    if (configErrors.length > 0) return { exitCode: report(log, root, configErrors), skipped: false };

    // The check program's options, plus the build's output settings so the same program can emit the package.
    // `types` stays the check's (node, mocha): a component that used a mocha global would still pass here; the
    // package test type-checks a consumer against the shipped declarations without mocha's globals in components.
    const buildFiles = new Set(build.fileNames.map((f) => path.resolve(f)));
    const options = emit
        ? {
              ...check.options,
              noEmit: false,
              declaration: build.options.declaration,
              sourceMap: build.options.sourceMap,
              rootDir: build.options.rootDir,
              outDir: build.options.outDir,
          }
        : check.options;
    const mode = emit ? "emit" : "check";
    const stampFile = cache && path.join(cache, `${mode}.json`);
    const stamp = stampFile && readStamp(stampFile);
    // The project's files the last program read besides its root files (a JSON module, say) count as inputs too.
    const digest = cache && inputsDigest(root, mode, [...check.fileNames, ...(stamp?.inputs ?? []).map((f) => path.join(root, f))]);
    // What the package's build consists of.
    const outputs = emit
        ? [...buildFiles].flatMap((f) => {
              const out = path.join(path.relative(root, build.options.outDir), path.relative(build.options.rootDir, f)).replace(/\.ts$/, "");
              return [`${out}.js`, `${out}.d.ts`];
          })
        : [];
    const built = outputs.every((f) => fs.existsSync(path.join(root, f)));
    if (stamp?.digest === digest && built) return { exitCode: 0, skipped: true };

    const buildInfo = cache && path.join(cache, `${mode}.tsbuildinfo`);
    if (cache) fs.mkdirSync(cache, { recursive: true });
    // The builder re-emits only what changed since its last run: with part of the build gone, start over.
    if (buildInfo && !built) fs.rmSync(buildInfo, { force: true });
    const incremental = buildInfo ? { ...options, incremental: true, tsBuildInfoFile: buildInfo } : options;
    const builder = ts.createIncrementalProgram({
        rootNames: check.fileNames,
        options: incremental,
        projectReferences: check.projectReferences,
        host: ts.createIncrementalCompilerHost(incremental),
    });

    const diagnostics = [...builder.getOptionsDiagnostics(), ...builder.getGlobalDiagnostics(), ...builder.getSyntacticDiagnostics()];
    // The builder answers from the previous run's diagnostics for every file the changes cannot affect.
    if (diagnostics.length === 0) diagnostics.push(...builder.getSemanticDiagnostics());
    if (diagnostics.length > 0) {
        // Written with errors too (as tsc does): the next run re-checks only what changed since.
        saveBuildInfo(builder);
        return { exitCode: report(log, root, diagnostics), skipped: false };
    }
    // The record of a clean run: the digest over the root files and every other project file this program read.
    const recordCleanRun = () => {
        if (!stampFile) return;
        const roots = new Set(check.fileNames.map((f) => path.resolve(f)));
        const inputs = builder
            .getProgram()
            .getSourceFiles()
            .map((sf) => path.resolve(sf.fileName))
            .filter((f) => !roots.has(f) && !f.split(path.sep).includes("node_modules") && !path.relative(root, f).startsWith(".."))
            .map((f) => path.relative(root, f))
            .sort();
        const read = inputsDigest(root, mode, [...check.fileNames, ...inputs.map((f) => path.join(root, f))]);
        fs.writeFileSync(stampFile, `${JSON.stringify({ digest: read, inputs })}\n`);
    };
    if (!emit) {
        saveBuildInfo(builder);
        recordCleanRun();
        return { exitCode: 0, skipped: false };
    }

    // The files whose output may have changed since the last run (all of them the first time), one at a time. Outputs of
    // tests and tools are computed but not written: the package ships components/ only, and so do their declaration
    // diagnostics count. The builder writes its state last.
    const shipped = (sourceFiles) => sourceFiles !== undefined && sourceFiles.length > 0 && sourceFiles.every((sf) => buildFiles.has(path.resolve(sf.fileName)));
    const writeFile = (file, text, bom, onError, sourceFiles) => {
        if (file.endsWith(".tsbuildinfo") || shipped(sourceFiles)) ts.sys.writeFile(file, text, bom);
    };
    for (let next = builder.emitNextAffectedFile(writeFile); next; next = builder.emitNextAffectedFile(writeFile)) {
        const affected = next.affected;
        const own = "fileName" in affected ? buildFiles.has(path.resolve(affected.fileName)) : false;
        if (own) diagnostics.push(...next.result.diagnostics);
    }
    if (diagnostics.length > 0) return { exitCode: report(log, root, diagnostics, "emit failed"), skipped: false };
    recordCleanRun();
    return { exitCode: 0, skipped: false };
}

/**
 * Writes the builder's state. Emitting through the builder would also write every affected test and tool file, which
 * the package does not ship; TypeScript 5.9's builder writes the state alone with `emitBuildInfo` (not in its public
 * typings). Without it the check stays correct, only not incremental.
 */
function saveBuildInfo(builder) {
    if (typeof builder.emitBuildInfo === "function") builder.emitBuildInfo();
}

function report(log, root, diagnostics, what) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => ts.sys.newLine };
    const format = process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    log(format(diagnostics, host));
    log(`\n${what ?? "type-check failed"}: ${diagnostics.length} error(s)\n`);
    return 1;
}

module.exports = { typecheck };

if (require.main === module) process.exitCode = typecheck({ emit: process.argv.includes("--emit") }).exitCode;
