/**
 * A function's bundle built afresh by esbuild (`bundle(entry, { cache: false })`, never read from the bundle cache),
 * once per test process: the files that test a handler's shipped bundle (items-bundle and document-client the items
 * function's, thumbnail-s3 twice the thumbnail function's) share one build instead of paying esbuild's 0.4 to 1 s each.
 * Tests only read it.
 */
import * as path from "node:path";
import { type Bundle, bundle } from "../../components/shared/bundle";

const built = new Map<string, Bundle>();

export function freshBundle(entry: string): Bundle {
    const file = path.resolve(entry);
    let b = built.get(file);
    if (b === undefined) {
        b = bundle(file, { cache: false });
        built.set(file, b);
    }
    return b;
}
