/**
 * Defers two parts of `@pulumi/pulumi` that a process loads on start but uses only to serialize a JavaScript function
 * into a Lambda (`pulumi.runtime.serializeFunction`, `aws.lambda.CallbackFunction`), which this project never does (its
 * functions are bundled by esbuild): the TypeScript compiler (8.9 MB of JavaScript, which the runtime parses functions
 * with) and `runtime/closure/codePaths` with `@npmcli/arborist` and its tree (about 700 modules, which the runtime reads
 * a package's dependencies with). Together they were about 0.45 s of each process's start: more than half of what
 * loading `@pulumi/pulumi` and `@pulumi/aws` takes. Each is loaded, whole and unchanged, the first time anything reads
 * it: a function that is serialized after all still works, only later.
 *
 * Loaded by tools/register.js: in the plan, the bench and every mocha worker. `AWS_PLATFORM_DEFER_MODULES=0` turns it
 * off. When `@pulumi/pulumi` moves these modules, nothing matches and nothing is deferred.
 */
"use strict";
const Module = require("node:module");
const path = require("node:path");

/**
 * The requests deferred: the request as written, the file that makes it (relative to `@pulumi/pulumi`), and the
 * exports that the requiring file reads at once (`exports.computeCodePaths = codePaths_1.computeCodePaths`): those
 * are handed out as functions that load the module when called.
 */
const DEFERRED = [
    { request: "typescript", from: "typescript-shim.js", functions: [] },
    { request: "./closure/codePaths", from: "runtime/index.js", functions: ["computeCodePaths", "findWorkspaceRoot", "packageArchivePath"] },
];

/** Modules deferred in this process, by request: whether each has been loaded since. */
const deferred = new Map();

function fromPulumi(parent, file) {
    const name = parent?.filename;
    if (typeof name !== "string") return false;
    const marker = ["node_modules", "@pulumi", "pulumi", ...file.split("/")].join(path.sep);
    return name.endsWith(marker);
}

/** A stand-in that loads the module on first use of anything but the listed functions, and those when called. */
function standIn(load, functions) {
    const lazyFunctions = new Map(
        functions.map((name) => [
            name,
            function (...args) {
                return load()[name].apply(this, args);
            },
        ]),
    );
    let loaded = false;
    const real = () => {
        loaded = true;
        return load();
    };
    // An empty object as the target: a function's `prototype` is non-configurable, and a proxy must report it, so
    // enumerating the module (`Object.keys`, `{ ...ts }`) through a function target would throw.
    return new Proxy({}, {
        get: (_target, key) => (!loaded && lazyFunctions.has(key) ? lazyFunctions.get(key) : real()[key]),
        has: (_target, key) => key in real(),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_target, key) => {
            const d = Object.getOwnPropertyDescriptor(real(), key);
            // A proxy may not report a non-configurable property its target lacks.
            return d === undefined ? undefined : { ...d, configurable: true };
        },
        set: (_target, key, value) => {
            real()[key] = value;
            return true;
        },
    });
}

function install() {
    if (process.env.AWS_PLATFORM_DEFER_MODULES === "0" || Module._load.awsPlatformDeferred) return;
    const load = Module._load;
    const deferring = function (request, parent, isMain) {
        const rule = DEFERRED.find((d) => d.request === request && fromPulumi(parent, d.from));
        if (rule === undefined) return load.apply(this, arguments);
        let module;
        const loadNow = () => {
            if (module === undefined) {
                module = load.call(this, request, parent, isMain);
                deferred.set(request, true);
            }
            return module;
        };
        deferred.set(request, false);
        return standIn(loadNow, rule.functions);
    };
    deferring.awsPlatformDeferred = true;
    Module._load = deferring;
}

install();

module.exports = { deferred };
