/**
 * A sandbox for CloudFront Functions (`cloudfront-js-2.0`) under `node:vm`, for tests: it reproduces the runtime's
 * restrictions that matter to edge code, so code that passes here does not lean on anything CloudFront lacks.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
 *
 * - Modules: `require`/`import` of `crypto` (createHash: md5, sha1, sha256; createHmac; digest encodings hex, base64,
 *   base64url, or a Buffer without one) and `cloudfront` (`kvs()` on an in-memory KeyValueStore); any other fails.
 *   `import x from 'cloudfront'` is rewritten to a sandbox global (`vm.Script` cannot import).
 * - No timers, `process`, `fetch`, `require` of anything else, WebAssembly; `eval` and `new Function` throw
 *   (`codeGeneration: { strings: false, wasm: false }`).
 * - The 10 KB function size limit (UTF-8 bytes of the source as written), checked before anything runs.
 * - The KeyValueStore's limits (keys up to 512 characters, values up to 1024), checked on the contents given.
 * - A fixed clock (`now`): `Date.now()` and `new Date()` read it.
 * - A time bound: loading and each invocation run under vm's `timeout` with `microtaskMode: "afterEvaluate"`, so the
 *   synchronous code and every promise continuation inside the sandbox (the KeyValueStore's promises are created in
 *   the sandbox) are bounded. It cannot bound work done in host functions (a huge `createHash().update()`), and a
 *   handler awaiting a promise nothing will ever settle is reported as "did not settle" rather than timed out.
 *
 * Not a security boundary: host objects reachable from the sandbox (Buffer, the crypto wrappers, the event) lead
 * back to the host's `Function`. It runs trusted code under CloudFront's rules; it does not contain hostile code.
 */
import { createHash, createHmac } from "node:crypto";
import * as vm from "node:vm";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, KVS_MAX_KEY_CHARS, KVS_MAX_VALUE_CHARS } from "../shared/limits/cloudfront";
import { rewriteCloudFrontImports } from "../shared/cloudfront-code";

// The quotas live with the components' other AWS tables; the testing kit's public API keeps exporting them.
export { CLOUDFRONT_FUNCTION_MAX_BYTES, KVS_MAX_KEY_CHARS, KVS_MAX_VALUE_CHARS };

/** The bound on loading and on each invocation, milliseconds (CloudFront's own budget is far smaller: compute utilization). */
export const DEFAULT_SANDBOX_TIMEOUT_MS = 1000;

export interface CloudFrontSandboxOptions {
    /** The KeyValueStore's contents (key → value as stored: a string; keys ≤ 512, values ≤ 1024 characters). @default {} */
    kvs?: Record<string, string>;
    /** The clock the function sees. @default the real clock */
    now?: Date;
    /** The time bound, milliseconds. @default DEFAULT_SANDBOX_TIMEOUT_MS */
    timeoutMs?: number;
}

export interface LoadedCloudFrontFunction {
    /**
     * Runs the function's `handler` on an event (a viewer-request or viewer-response event object) and resolves to a
     * JSON copy of what it returned (plain host objects, functions such as `rawQueryString` dropped).
     */
    handler(event: unknown): Promise<any>;
    /** The source's size in UTF-8 bytes (the figure CloudFront checks against 10 KB). */
    bytes: number;
    /** What the function wrote with console.log, in order. */
    logs: string[];
}

const HASHES = new Set(["md5", "sha1", "sha256"]);
const ENCODINGS = new Set(["hex", "base64", "base64url"]);

function digester(h: { update(d: string | Uint8Array): unknown; digest(e?: any): any }) {
    const self = {
        update(data: string | Uint8Array) {
            h.update(data);
            return self;
        },
        digest(encoding?: string) {
            if (encoding === undefined) return h.digest();
            if (!ENCODINGS.has(encoding)) throw new Error(`crypto: unsupported digest encoding ${encoding}`);
            return h.digest(encoding);
        },
    };
    return self;
}

const cryptoModule = Object.freeze({
    createHash(algorithm: string) {
        if (!HASHES.has(algorithm)) throw new Error(`crypto: unsupported hash ${algorithm}`);
        return digester(createHash(algorithm));
    },
    createHmac(algorithm: string, key: string | Uint8Array) {
        if (!HASHES.has(algorithm)) throw new Error(`crypto: unsupported hmac ${algorithm}`);
        return digester(createHmac(algorithm, key));
    },
});

/**
 * Evaluated inside the context, so that the KeyValueStore's promises, the clock and the invocation wrapper belong to
 * the sandbox's realm and its microtask queue (drained within the timeout).
 */
const BOOTSTRAP = `(function (host) {
  "use strict";
  var g = globalThis;
  if (host.now !== undefined) {
    var RealDate = Date, fixed = host.now;
    var FixedDate = function Date() {
      if (!new.target) return new RealDate(fixed).toString();
      return arguments.length === 0 ? new RealDate(fixed) : new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
    };
    FixedDate.prototype = RealDate.prototype;
    FixedDate.now = function () { return fixed; };
    FixedDate.UTC = RealDate.UTC;
    FixedDate.parse = RealDate.parse;
    g.Date = FixedDate;
  }
  function store(id) {
    return {
      get: function (key, options) {
        return new Promise(function (resolve, reject) {
          var v = host.lookup(String(key));
          if (v === undefined) { reject(new Error("KeyValueStore: key not found: " + key)); return; }
          var format = options && options.format !== undefined ? options.format : "string";
          if (format === "string") resolve(v);
          else if (format === "json") { try { resolve(JSON.parse(v)); } catch (e) { reject(e); } }
          else if (format === "bytes") resolve(host.bytes(v));
          else reject(new Error("KeyValueStore: unknown format " + format));
        });
      },
      exists: function (key) { return Promise.resolve(host.lookup(String(key)) !== undefined); },
      meta: function () { return Promise.resolve({ creationDateTime: "", lastUpdatedDateTime: "", keyCount: host.count }); },
    };
  }
  var cf = Object.freeze({
    kvs: function (id) { return store(id); },
    edgeLocation: Object.freeze({ name: "SEA", serverIp: "192.0.2.1", region: "us-west-2" }),
    updateRequestOrigin: function () {},
    selectRequestOriginById: function () {},
    createRequestOriginGroup: function () {},
  });
  var modules = { cloudfront: cf, crypto: host.crypto };
  g.__cf_modules = modules;
  g.require = function require(name) {
    if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error("Cannot find module '" + name + "' (CloudFront Functions offer only crypto and cloudfront)");
    return modules[name];
  };
  g.console = { log: function () { host.log(Array.prototype.map.call(arguments, String).join(" ")); } };
  g.console.info = g.console.warn = g.console.error = g.console.log;
  g.Buffer = host.Buffer;
  delete g.WebAssembly;
  g.__cf_invoke = function (handler, event) {
    var state = { settled: false };
    Promise.resolve().then(function () { return handler(event); }).then(
      function (v) { state.settled = true; state.value = v; },
      function (e) { state.settled = true; state.error = e; state.failed = true; });
    return state;
  };
})`;

/** Replaces `import x from 'cloudfront'|'crypto'` with a sandbox global; any other import is refused. */
function rewriteImports(source: string): string {
    return rewriteCloudFrontImports(source, (name, module) => `const ${name} = __cf_modules[${JSON.stringify(module)}];`);
}

/**
 * Loads a CloudFront Function's source into a fresh sandbox. Throws when the source is over 10 KB, imports another
 * module, does not define `handler`, the store's contents break its limits, or its top level fails or runs past the time bound.
 */
export function loadCloudFrontFunction(source: string, options: CloudFrontSandboxOptions = {}): LoadedCloudFrontFunction {
    const bytes = Buffer.byteLength(source, "utf8");
    if (bytes > CLOUDFRONT_FUNCTION_MAX_BYTES) {
        throw new Error(`CloudFront Function is ${bytes} bytes; CloudFront allows at most ${CLOUDFRONT_FUNCTION_MAX_BYTES} (10 KB)`);
    }
    const timeout = options.timeoutMs ?? DEFAULT_SANDBOX_TIMEOUT_MS;
    const kvs = new Map(Object.entries(options.kvs ?? {}));
    for (const [key, value] of kvs) {
        if (key.length === 0 || key.length > KVS_MAX_KEY_CHARS)
            throw new Error(`KeyValueStore key ${JSON.stringify(key.slice(0, 40))}: 1 to ${KVS_MAX_KEY_CHARS} characters`);
        if (value.length > KVS_MAX_VALUE_CHARS)
            throw new Error(`KeyValueStore value of ${JSON.stringify(key)} is ${value.length} characters; at most ${KVS_MAX_VALUE_CHARS}`);
    }
    const logs: string[] = [];
    const context = vm.createContext(Object.create(null), {
        name: "cloudfront-js-2.0",
        codeGeneration: { strings: false, wasm: false },
        microtaskMode: "afterEvaluate",
    });
    const host = Object.freeze({
        now: options.now?.getTime(),
        lookup: (key: string) => kvs.get(key),
        bytes: (value: string) => new Uint8Array(Buffer.from(value, "utf8")),
        count: kvs.size,
        crypto: cryptoModule,
        Buffer,
        log: (line: string) => logs.push(line),
    });
    (new vm.Script(BOOTSTRAP).runInContext(context) as (h: typeof host) => void)(host);
    new vm.Script(rewriteImports(source), { filename: "cloudfront-function.js" }).runInContext(context, { timeout });
    const handler = (context as Record<string, unknown>).handler;
    if (typeof handler !== "function") throw new Error("CloudFront Function defines no `function handler(event)`");
    const invoke = new vm.Script("__cf_invoke(handler, __cf_event)", { filename: "cloudfront-invoke.js" });
    return {
        bytes,
        logs,
        handler(event: unknown): Promise<any> {
            try {
                (context as Record<string, unknown>).__cf_event = event;
                const state = invoke.runInContext(context, { timeout }) as { settled: boolean; value?: unknown; error?: unknown; failed?: boolean };
                if (!state.settled) return Promise.reject(new Error("CloudFront Function handler did not settle (it awaits something that never completes)"));
                if (state.failed) return Promise.reject(state.error);
                // CloudFront serializes what the function returns; a JSON copy also hands back host-realm objects.
                return Promise.resolve(state.value === undefined ? undefined : JSON.parse(JSON.stringify(state.value)));
            } catch (e) {
                return Promise.reject(e);
            }
        },
    };
}
