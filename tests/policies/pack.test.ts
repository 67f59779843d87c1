/**
 * The policy pack folder (policy/): what `pulumi preview --policy-pack policy` loads. No Pulumi CLI exists here, so the
 * entry is started as the CLI's `pulumi-analyzer-policy` starts it (cwd = the pack folder): it must print its port and
 * keep serving.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { early } from "../harness/early";
import { filesUnder } from "../harness/files-under";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");
const read = (file: string) => fs.readFileSync(path.join(PACK, file), "utf8");
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

describe("policy pack folder (policy/)", () => {
    it("starts as `pulumi preview --policy-pack policy` starts it (run-policy-pack, type-checked): prints the analyzer's port and keeps serving", async function () {
        // The CLI's pulumi-analyzer-policy runs @pulumi/pulumi's run-policy-pack in the pack folder with the engine's
        // address: it compiles the pack with ts-node and typeCheck (a type error anywhere fails the preview), then
        // requires it. The engine is not contacted until it calls the analyzer. About 3.5 s of CPU, in a child process
        // started with the run and kept while nothing it read changed (tests/harness/early.ts).
        this.timeout(120000);
        const { port, serving, stderr } = await early("policyPackStarts");
        assert.ok(port > 0 && port < 65536, String(port));
        assert.equal(serving, true, `the pack stopped serving:\n${stderr}`);
    });

    it("PulumiPolicy.yaml declares the nodejs runtime and a description", () => {
        const project = YAML.parse(read("PulumiPolicy.yaml"));
        assert.equal(project.runtime, "nodejs");
        assert.ok(typeof project.description === "string" && project.description.length > 20);
    });

    it("package.json: private, versioned (PolicyPack reads it), @pulumi/policy 1.21.0, @pulumi/pulumi and typescript as the root's", () => {
        const pack = JSON.parse(read("package.json"));
        assert.equal(pack.private, true);
        assert.equal(pack.version, "0.1.0");
        assert.equal(pack.dependencies["@pulumi/policy"], "1.21.0");
        assert.equal(pack.dependencies["@pulumi/policy"], rootPackage.devDependencies["@pulumi/policy"]);
        assert.equal(pack.dependencies["@pulumi/pulumi"], rootPackage.devDependencies["@pulumi/pulumi"]);
        // run-policy-pack compiles with the typescript and ts-node it finds next to @pulumi/pulumi, else TypeScript 3.8.
        assert.equal(pack.dependencies.typescript, rootPackage.devDependencies.typescript);
        assert.equal(pack.dependencies["ts-node"], rootPackage.devDependencies["ts-node"]);
    });

    it("package-lock.json agrees with package.json, as `npm ci --prefix policy` requires", () => {
        const pack = JSON.parse(read("package.json"));
        const lock = JSON.parse(read("package-lock.json"));
        assert.deepStrictEqual([lock.name, lock.version, lock.lockfileVersion], [pack.name, pack.version, 3]);
        assert.deepStrictEqual(lock.packages[""].dependencies, pack.dependencies);
        assert.equal(lock.packages["node_modules/@pulumi/policy"].version, "1.21.0");
        assert.match(lock.packages["node_modules/typescript"].version, /^5\.9\./);
        assert.match(lock.packages["node_modules/@pulumi/pulumi"].version, /^3\./);
    });

    it("tsconfig.json sets module and moduleResolution together (run-policy-pack defaults both to nodenext)", () => {
        const { compilerOptions } = JSON.parse(read("tsconfig.json"));
        assert.deepStrictEqual(
            [compilerOptions.module, compilerOptions.moduleResolution, compilerOptions.strict, compilerOptions.skipLibCheck, compilerOptions.types],
            ["commonjs", "node", true, true, ["node"]],
        );
    });

    it("only policy/index.ts constructs PolicyPack (constructing one starts a server)", () => {
        const sources = (dir: string) => filesUnder(dir, (name) => name.endsWith(".ts"), ["node_modules"]);
        const constructing = ["components", "stacks", "tools", "policy"]
            .flatMap((d) => sources(path.join(ROOT, d)))
            .filter((f) =>
                fs
                    .readFileSync(f, "utf8")
                    .split("\n")
                    // Code, not the doc comments that show how the pack is built.
                    .some((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /new\s+PolicyPack\s*\(/.test(line)),
            )
            .map((f) => path.relative(ROOT, f));
        assert.deepStrictEqual(constructing, ["policy/index.ts"]);
    });

    it("git ignores the pack's node_modules", () => {
        assert.ok(fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n").includes("policy/node_modules"));
    });
});
