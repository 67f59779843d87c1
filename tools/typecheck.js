/**
 * Type-checks the whole project once (tsconfig.json: components, stacks, functions, tests, tools, policy) and, with
 * `--emit`, writes the package's build (dist/components: JavaScript and declarations, as `tsc -p tsconfig.build.json`
 * would) from the same program.
 *
 * Why one program: `tsc -p tsconfig.build.json` followed by `tsc -p tsconfig.json --noEmit` parsed @pulumi/aws's
 * declarations twice and checked components/ twice (about 15 s of CPU each on a 2-core machine). `tsc --noCheck`
 * does not help: declaration emit then infers the same types lazily and took as long as the checked build.
 *
 * Usage: `node tools/typecheck.js` (check only), `node tools/typecheck.js --emit` (check, then emit dist/components
 * unless there were errors). Exit code 1 on any diagnostic, like tsc.
 */
"use strict";
const path = require("node:path");
const ts = require("typescript");

const ROOT = path.join(__dirname, "..");

function parse(configFile) {
    const file = path.join(ROOT, configFile);
    const read = ts.readConfigFile(file, ts.sys.readFile);
    if (read.error) return { errors: [read.error] };
    return ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file);
}

function main() {
    const emit = process.argv.includes("--emit");
    const check = parse("tsconfig.json");
    const build = parse("tsconfig.build.json");
    const configErrors = [...(check.errors ?? []), ...(build.errors ?? [])];
    if (configErrors.length > 0) return report(configErrors);

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
    const program = ts.createProgram({ rootNames: check.fileNames, options, projectReferences: check.projectReferences });

    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSyntacticDiagnostics()];
    if (diagnostics.length === 0) diagnostics.push(...program.getSemanticDiagnostics());
    const emitted = emit ? program.getSourceFiles().filter((sf) => buildFiles.has(path.resolve(sf.fileName))) : [];
    if (emit && diagnostics.length === 0) {
        // Declaration diagnostics only for the files the package ships (tests and tools are never emitted).
        for (const sf of emitted) diagnostics.push(...program.getDeclarationDiagnostics(sf));
    }
    if (diagnostics.length > 0) return report(diagnostics);

    for (const sf of emitted) {
        const result = program.emit(sf);
        if (result.emitSkipped || result.diagnostics.length > 0) return report([...result.diagnostics], "emit failed");
    }
    return 0;
}

function report(diagnostics, what) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => ts.sys.newLine };
    const format = process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    process.stderr.write(format(diagnostics, host));
    process.stderr.write(`\n${what ?? "type-check failed"}: ${diagnostics.length} error(s)\n`);
    return 1;
}

process.exitCode = main();
