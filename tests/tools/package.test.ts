import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

describe("npm package", function () {
    this.timeout(60000);
    let files: string[];
    let tarball: string;
    let dir: string;

    before(() => {
        // `npm test` builds first; a lone `mocha` run may find no build, or one older than the sources.
        const built = path.join(root, "dist/components/index.js");
        const newest = (d: string): number =>
            Math.max(
                0,
                ...fs
                    .readdirSync(d, { withFileTypes: true })
                    .map((e) => (e.isDirectory() ? newest(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).mtimeMs)),
            );
        if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest(path.join(root, "components"))) {
            execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
        }
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-platform-pack-"));
        const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: root, encoding: "utf8" });
        const info = JSON.parse(out)[0];
        files = info.files.map((f: { path: string }) => f.path);
        tarball = path.join(dir, info.filename);
    });

    it("ships the compiled components with their type declarations", () => {
        for (const f of [
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/components/container-service/container-service.js",
            "package.json",
            "README.md",
        ]) {
            assert.ok(files.includes(f), `${f} missing from the package`);
        }
    });

    it("ships nothing a consumer does not need (no tests, stacks, tools or sources)", () => {
        const extra = files.filter((f) => !/^(dist\/components\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(f));
        assert.deepEqual(extra, []);
    });

    it('is importable by name from another project: import { ContainerService, Network } from "aws-platform"', () => {
        const consumer = path.join(dir, "consumer");
        const pkgDir = path.join(consumer, "node_modules", "aws-platform");
        fs.mkdirSync(pkgDir, { recursive: true });
        execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
        // The consumer's own dependencies: the same @pulumi packages.
        fs.symlinkSync(path.join(root, "node_modules", "@pulumi"), path.join(consumer, "node_modules", "@pulumi"));
        for (const dep of fs.readdirSync(path.join(root, "node_modules"))) {
            if (dep === "@pulumi" || dep === ".bin" || dep === ".package-lock.json") continue;
            const target = path.join(consumer, "node_modules", dep);
            if (!fs.existsSync(target)) fs.symlinkSync(path.join(root, "node_modules", dep), target);
        }
        const script =
            'const p = require("aws-platform"); console.log(JSON.stringify([typeof p.ContainerService, p.ContainerService.type, p.Network.type, typeof p.ArgsError]));';
        const out = execFileSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" });
        assert.deepEqual(JSON.parse(out.trim().split("\n").pop()!), [
            "function",
            "aws-platform:ecs:ContainerService",
            "aws-platform:network:Network",
            "function",
        ]);
    });
});
