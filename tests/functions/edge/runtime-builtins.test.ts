/**
 * Node's built-ins are a superset of what CloudFront's cloudfront-js-2.0 runtime offers, so the sandbox runs calls a
 * deployed function would fail on (`charCodeAt`, `Object.hasOwn`, `Array.from`, a `latin1` digest...). This parses
 * every CloudFront Function and refuses any call that the runtime 2.0 feature list
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html), the
 * KeyValueStore helpers (functions-custom-methods.html) and the general helpers (general-helper-methods.html) do not
 * name, and any encoding, hash or KeyValueStore format outside the ones those pages list.
 */
import * as assert from "node:assert";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { edgeSource } from "./events";

const EDGE_DIR = path.join(__dirname, "..", "..", "..", "functions", "edge");

// biome-ignore format: the page's lists, kept packed
const MATH = [
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh", "exp", "expm1", "floor",
    "fround", "hypot", "imul", "log", "log1p", "log2", "log10", "max", "min", "pow", "random", "round", "sign", "sinh", "sin", "sqrt",
    "tan", "tanh", "trunc",
];

/** Static methods, per global (or per module, keyed by module name), as the pages list them. */
// biome-ignore format: the page's lists, kept packed
const STATIC: Record<string, string[]> = {
    Object: [
        "create", "defineProperties", "defineProperty", "freeze", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors",
        "getOwnPropertyNames", "getPrototypeOf", "isExtensible", "isFrozen", "isSealed", "keys", "preventExtensions", "seal", "assign",
        "entries", "values", "is", "setPrototypeOf",
    ],
    String: ["fromCharCode", "fromCodePoint"],
    Number: ["isFinite", "isInteger", "isNaN", "isSafeInteger", "parseInt", "parseFloat"],
    Array: ["isArray", "of"],
    JSON: ["parse", "stringify"],
    Math: MATH,
    Date: ["now", "parse", "UTC"],
    Promise: ["all", "allSettled", "any", "reject", "resolve", "race"],
    Buffer: ["alloc", "allocUnsafe", "byteLength", "compare", "concat", "from", "isBuffer", "isEncoding"],
    Symbol: ["for", "keyFor"],
    console: ["log"],
    crypto: ["createHash", "createHmac"],
    cloudfront: ["kvs", "updateRequestOrigin", "selectRequestOriginById", "createRequestOriginGroup", "logCustomData"],
};

/** Methods on any other receiver: the union of the prototype methods the pages list (names only: the receiver's type is unknown). */
// biome-ignore format: the page's lists, kept packed
const PROTOTYPE = new Set([
    // String (ES 5.1, 6, 8, 9, 12)
    "charAt", "concat", "indexOf", "lastIndexOf", "match", "replace", "search", "slice", "split", "substr", "substring", "toLowerCase",
    "trim", "toUpperCase", "codePointAt", "endsWith", "includes", "repeat", "startsWith", "padStart", "padEnd", "trimStart", "trimEnd",
    "replaceAll",
    // Object, Number, Function, RegExp, Promise
    "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "toExponential", "toFixed", "toPrecision",
    "apply", "bind", "call", "exec", "test", "catch", "finally", "then",
    // Array (ES 5.1, 6, 7) and typed arrays
    "every", "filter", "forEach", "join", "map", "pop", "push", "reduce", "reduceRight", "reverse", "shift", "some", "sort", "splice",
    "unshift", "copyWithin", "fill", "find", "findIndex", "set", "subarray",
    // Date ("all ES 5.1 Date features")
    "getTime", "getFullYear", "getMonth", "getDate", "getDay", "getHours", "getMinutes", "getSeconds", "getMilliseconds",
    "getUTCFullYear", "getUTCMonth", "getUTCDate", "getUTCDay", "getUTCHours", "getUTCMinutes", "getUTCSeconds", "getUTCMilliseconds",
    "getTimezoneOffset", "toISOString", "toUTCString", "toJSON",
    // Buffer
    "compare", "copy", "equals", "readInt8", "readIntBE", "readInt16BE", "readInt32BE", "readIntLE", "readInt16LE", "readInt32LE",
    "readUInt8", "readUIntBE", "readUInt16BE", "readUInt32BE", "readUIntLE", "readUInt16LE", "readUInt32LE", "readDoubleBE",
    "readDoubleLE", "readFloatBE", "readFloatLE", "swap16", "swap32", "swap64", "write",
    // crypto's hash and hmac objects, the KeyValueStore handle, the request helper, TextEncoder/TextDecoder
    "update", "digest", "get", "exists", "meta", "rawQueryString", "encode", "encodeInto", "decode",
]);

/** Global functions and constructors (ES 5.1 and 6 globals, error types, the built-in objects). */
// biome-ignore format: the page's lists, kept packed
const GLOBALS = new Set([
    "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "isFinite", "isNaN", "parseFloat", "parseInt", "atob", "btoa",
    "require", "String", "Number", "Boolean", "Object", "Array", "Date", "RegExp", "Promise", "Symbol", "Error", "EvalError",
    "InternalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "ArrayBuffer", "DataView", "Float32Array",
    "Float64Array", "Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array",
    "TextEncoder", "TextDecoder",
]);

const DIGEST_ENCODINGS = ["hex", "base64", "base64url"];
const BUFFER_ENCODINGS = ["utf8", "hex", "base64", "base64url"];
const HASHES = ["md5", "sha1", "sha256"];
const KVS_FORMATS = ["string", "json", "bytes"];
const MODULES = ["crypto", "cloudfront"];

/** The calls, arguments and module loads in `source` that the runtime 2.0 pages do not document, as "line: what". */
function undocumented(source: string): string[] {
    const file = ts.createSourceFile("f.js", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const found: string[] = [];
    const report = (node: ts.Node, what: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
    // Names the file declares (functions, parameters, variables) may be called; a module's local name maps to its module.
    const declared = new Set<string>();
    const moduleOf = new Map<string, string>();
    let imports = 0;
    const requires: ts.Node[] = [];
    const literal = (node: ts.Node | undefined) => (node !== undefined && ts.isStringLiteralLike(node) ? node.text : undefined);
    const collect = (node: ts.Node) => {
        if ((ts.isFunctionDeclaration(node) || ts.isParameter(node) || ts.isVariableDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
            declared.add(node.name.text);
        }
        if (ts.isImportDeclaration(node)) {
            imports++;
            const name = node.importClause?.name?.text;
            const from = literal(node.moduleSpecifier);
            if (from === undefined || !MODULES.includes(from)) report(node, `import of ${from}`);
            if (name !== undefined && from !== undefined) moduleOf.set(name, from);
        }
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
            const call = node.initializer;
            if (ts.isIdentifier(call.expression) && call.expression.text === "require") moduleOf.set(node.name.text, literal(call.arguments[0]) ?? "");
        }
        ts.forEachChild(node, collect);
    };
    collect(file);
    const checkArg = (node: ts.Node, arg: ts.Node | undefined, allowed: string[], what: string) => {
        const value = literal(arg);
        if (value !== undefined && !allowed.includes(value)) report(node, `${what} "${value}"`);
    };
    const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
            const callee = node.expression;
            const args = node.arguments ?? ts.factory.createNodeArray();
            if (ts.isIdentifier(callee)) {
                if (!declared.has(callee.text) && !GLOBALS.has(callee.text)) report(node, `${callee.text}()`);
                if (callee.text === "require") {
                    requires.push(node);
                    checkArg(node, args[0], MODULES, "require of");
                }
            } else if (ts.isPropertyAccessExpression(callee)) {
                const name = callee.name.text;
                const receiver = ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
                const staticOf = receiver === undefined ? undefined : (moduleOf.get(receiver) ?? (declared.has(receiver) ? undefined : receiver));
                const statics = staticOf === undefined ? undefined : STATIC[staticOf];
                if (statics !== undefined ? !statics.includes(name) : !PROTOTYPE.has(name)) report(node, `${receiver ?? "…"}.${name}()`);
                if (name === "digest") checkArg(node, args[0], DIGEST_ENCODINGS, "digest encoding");
                if (name === "createHash" || name === "createHmac") checkArg(node, args[0], HASHES, "hash");
                if (name === "toString" || (staticOf === "Buffer" && name === "from")) {
                    checkArg(node, args[name === "toString" ? 0 : 1], BUFFER_ENCODINGS, "Buffer encoding");
                }
                if (name === "get" && args[1] !== undefined && ts.isObjectLiteralExpression(args[1])) {
                    for (const p of args[1].properties) {
                        if (ts.isPropertyAssignment(p) && p.name.getText(file) === "format") checkArg(node, p.initializer, KVS_FORMATS, "KeyValueStore format");
                    }
                }
                // "CloudFront Functions doesn't support comma syntax, such as console.log('a', 'b')".
                if (receiver === "console" && args.length > 1) report(node, "console.log with several arguments");
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(file);
    // AWS's examples load crypto with import when the function imports cloudfront (kvs-jwt-verify), or with require in
    // a function with no import; none mixes the two, so neither do we.
    if (imports > 0) for (const r of requires) report(r, "require beside an import");
    // "include the following statements in the first lines of the function code" (functions-custom-methods.html,
    // helper-functions-origin-modification.html): imports open the file, before any comment.
    const lines = source.split("\n");
    const firstCode = lines.findIndex((l) => l.trim() !== "");
    const lastImport = lines.reduce((last, l, i) => (/^import\s/.test(l) ? i : last), -1);
    if (lastImport !== -1 && lines.slice(firstCode, lastImport + 1).some((l) => !/^import\s/.test(l) && l.trim() !== "")) {
        found.push(`${lastImport + 1}: import after other lines`);
    }
    return found;
}

describe("CloudFront Functions call only what runtime 2.0 documents", () => {
    const files = readdirSync(EDGE_DIR).filter((f) => f.endsWith(".js"));

    it("finds the CloudFront Functions to check", () => {
        assert.ok(files.length >= 6, files.join(", "));
    });

    for (const file of files) {
        it(`${file} calls only documented built-ins, encodings, hashes and modules`, () => {
            assert.deepStrictEqual(undocumented(edgeSource(file)), []);
        });
    }

    it("flags what runtime 2.0 does not list (the check can fail)", () => {
        const samples: [string, string][] = [
            ["s.charCodeAt(0);", "s.charCodeAt()"],
            ["x.at(-1);", "x.at()"],
            ["Object.hasOwn(o, k);", "Object.hasOwn()"],
            ["Object.fromEntries(p);", "Object.fromEntries()"],
            ["Array.from(x);", "Array.from()"],
            ["structuredClone(x);", "structuredClone()"],
            ["setTimeout(f, 1);", "setTimeout()"],
            ['h.digest("latin1");', 'digest encoding "latin1"'],
            ['const c = require("crypto"); c.createHash("sha512");', 'hash "sha512"'],
            ['const c = require("crypto"); c.randomBytes(8);', "c.randomBytes()"],
            ['Buffer.from(s, "latin1");', 'Buffer encoding "latin1"'],
            ['b.toString("ascii");', 'Buffer encoding "ascii"'],
            ['k.get("x", { format: "text" });', 'KeyValueStore format "text"'],
            ['console.log("a", "b");', "console.log with several arguments"],
            ['require("fs");', 'require of "fs"'],
            ['import cf from "cloudfront";\nconst c = require("crypto");', "require beside an import"],
            ['// CloudFront Function\nimport cf from "cloudfront";', "import after other lines"],
        ];
        for (const [code, what] of samples) {
            const out = undocumented(code);
            assert.ok(
                out.some((line) => line.endsWith(`: ${what}`)),
                `${code} -> ${JSON.stringify(out)}`,
            );
        }
    });

    it("accepts documented calls: String, Array, Object, Number, Buffer, crypto, KeyValueStore and request helpers", () => {
        const ok = [
            'import cf from "cloudfront";',
            'import crypto from "crypto";',
            "const kvs = cf.kvs();",
            "async function handler(event) {",
            '  const v = await kvs.get("k", { format: "json" });',
            '  const h = crypto.createHmac("sha256", Buffer.from("a", "base64url")).update("x").digest("base64url");',
            "  const s = String(h).slice(0, 4).toLowerCase().codePointAt(0);",
            "  const keys = Object.keys(v).sort().map((k) => k.trim());",
            '  const n = Number.isInteger(parseInt("1", 16)) && Array.isArray(keys) && /a/i.test(event.request.rawQueryString());',
            '  console.log(JSON.stringify(Object.create(null)) + " " + Date.now() + Math.floor(1.5));',
            "  return { s: s, n: n };",
            "}",
        ].join("\n");
        assert.deepStrictEqual(undocumented(ok), []);
    });
});
