/**
 * Size and median time per invocation of each CloudFront Function in the sandbox (not a test: timings vary by
 * machine). Run: node -r ./tools/register.js tests/functions/edge/measure.ts
 * The cases and the timing loop are `npm run bench`'s (tools/bench/cloudfront.ts).
 * The sandbox's times say how the code compares, not what CloudFront bills (its compute utilization metric).
 */
import * as path from "node:path";
import { bundle } from "../../../components/shared/bundle";
import { createHandler } from "../../../functions/edge/origin-request-router/index";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, measureCloudFront, medianCallMs } from "../../../tools/bench/cloudfront";
import { originRequest } from "./origin-events";

async function main() {
    const redirects = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`/legacy/page-${i}`, `/docs/p${i}/`])));
    console.log(`redirect map: ${redirects.length} characters (KeyValueStore values hold at most 1024)`);
    const { sandboxBaselineMs, cases } = await measureCloudFront();
    console.log(`(no-op baseline)\tmedian ${(sandboxBaselineMs * 1000).toFixed(1)} µs\tsandbox overhead`);
    for (const c of cases) {
        const share = ((100 * c.bytes) / CLOUDFRONT_FUNCTION_MAX_BYTES).toFixed(0);
        console.log(`${c.file}\t${c.bytes} / ${CLOUDFRONT_FUNCTION_MAX_BYTES} bytes (${share}%)\tmedian ${(c.medianMs * 1000).toFixed(1)} µs\t${c.note}`);
    }
    // Lambda@Edge: the bundle's size (viewer events allow 1 MB, origin events 50 MB, compressed) and the handler's
    // median in plain Node.js (no sandbox: Lambda runs Node.js itself).
    const router = bundle("functions/edge/origin-request-router/index.ts");
    const handler = createHandler(path.join(__dirname, "router-routes.json"));
    const m = await medianCallMs(() => handler(originRequest({ "CloudFront-Viewer-Country": "DE" })));
    console.log(`origin-request-router (Lambda@Edge)\t${router.bytes} bytes bundled\tmedian ${(m * 1000).toFixed(1)} µs\tcountry route, 3 routes`);
}

void main();
