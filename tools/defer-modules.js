/**
 * Defers parts of the Pulumi SDKs that a process loads on start but this project does not use, or uses only later:
 *
 * - `@pulumi/pulumi`'s TypeScript compiler (8.9 MB of JavaScript, which the runtime parses functions with) and
 *   `runtime/closure/codePaths` with `@npmcli/arborist` and its tree (about 700 modules, which the runtime reads a
 *   package's dependencies with). Both serve only to serialize a JavaScript function into a Lambda
 *   (`pulumi.runtime.serializeFunction`, `aws.lambda.CallbackFunction`), which this project never does (its functions
 *   are bundled by esbuild). Together they were about 0.45 s of each process's start: more than half of what loading
 *   `@pulumi/pulumi` and `@pulumi/aws` takes.
 * - `@pulumi/pulumi`'s Automation API (`automation`, with execa, js-yaml and glob), which its index loads for
 *   `pulumi.automation`: programs run by the CLI (and by the mock engine) never use it.
 * - `@pulumi/kubernetes`'s API groups (`core`, `apps`, `helm`, `yaml`, …), which its index loads all at once: a group
 *   loads when the program first reads it (`k8s.core.v1.Namespace`), so the ones no component uses never load. (A
 *   group registers its resource classes with the runtime as it loads; a resource reference of a group not loaded yet
 *   would come back as its id, as one of any package not loaded does. The mock engine returns no references.)
 *
 * Each is loaded, whole and unchanged, the first time anything reads it: what uses one after all still works, only
 * later. For a module compiled from TypeScript, which sets `__esModule`, the stand-in answers it (what `import * as` asks
 * first) without loading.
 *
 * Loaded by tools/register.js: in the plan, the bench and every mocha worker. `AWS_PLATFORM_DEFER_MODULES=0` turns it
 * off. When a package moves these modules, nothing matches and nothing is deferred.
 */
"use strict";
const Module = require("node:module");
const path = require("node:path");

/**
 * The requests deferred: the request as written (or a pattern), the package and file that makes it, whether the module
 * is compiled TypeScript (`esModule`: it sets `__esModule`), and the exports that the requiring file reads at once
 * (`exports.computeCodePaths = codePaths_1.computeCodePaths`): those are handed out as functions that load the module
 * when called.
 */
const DEFERRED = [
    { request: "typescript", pkg: "@pulumi/pulumi", from: "typescript-shim.js", esModule: false, functions: [] },
    {
        request: "./closure/codePaths",
        pkg: "@pulumi/pulumi",
        from: "runtime/index.js",
        esModule: true,
        functions: ["computeCodePaths", "findWorkspaceRoot", "packageArchivePath"],
    },
    { request: "./automation", pkg: "@pulumi/pulumi", from: "index.js", esModule: true, functions: [] },
    // Every group; not the provider or the helpers, which the index itself uses as it loads.
    { request: /^\.\/(?!provider$|utilities$)[a-z0-9]+$/, pkg: "@pulumi/kubernetes", from: "index.js", esModule: true, functions: [] },
];

/** The name a deferred module is known by here: the package path it resolves to (`@pulumi/pulumi/automation`). */
const nameOf = (rule, request) => (request.startsWith(".") ? path.posix.join(rule.pkg, path.posix.dirname(rule.from), request) : request);

/** Modules deferred in this process, by name (`@pulumi/pulumi/automation`): whether each has been loaded since. */
const deferred = new Map();

function fromPackage(parent, pkg, file) {
    const name = parent?.filename;
    if (typeof name !== "string") return false;
    const marker = ["node_modules", ...pkg.split("/"), ...file.split("/")].join(path.sep);
    return name.endsWith(marker);
}

const matches = (rule, request) => (typeof rule.request === "string" ? rule.request === request : rule.request.test(request));

/**
 * A stand-in that loads the module on first use of anything but the listed functions, and those when called; for a
 * module compiled from TypeScript, `__esModule` reads true without loading it.
 */
function standIn(load, functions, esModule) {
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
        get: (_target, key) => {
            if (!loaded && esModule && key === "__esModule") return true;
            return !loaded && lazyFunctions.has(key) ? lazyFunctions.get(key) : real()[key];
        },
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
        const rule = DEFERRED.find((d) => matches(d, request) && fromPackage(parent, d.pkg, d.from));
        if (rule === undefined) return load.apply(this, arguments);
        const name = nameOf(rule, request);
        let module;
        const loadNow = () => {
            if (module === undefined) {
                module = load.call(this, request, parent, isMain);
                deferred.set(name, true);
            }
            return module;
        };
        deferred.set(name, false);
        return standIn(loadNow, rule.functions, rule.esModule);
    };
    deferring.awsPlatformDeferred = true;
    Module._load = deferring;
}

install();

module.exports = { deferred };
