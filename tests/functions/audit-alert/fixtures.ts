import * as fs from "node:fs";
import * as path from "node:path";

/** A recorded event of fixtures/ (see fixtures/README.md for the source of each), parsed afresh for each caller. */
export function fixture(name: string): any {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"));
}
