import cf from "cloudfront";

// CloudFront Function (cloudfront-js-2.0), viewer request: legacy redirects, then index.html for directories.
// Redirect map: KeyValueStore key "redirects", a JSON object { "/old/path": "/new/path" | "https://..." },
// matched on the exact URI; a hit answers 301 with Location (the viewer's query string appended, after "&" when
// the target has a query of its own). No key, or bad JSON: no redirects (a broken map must not take the site
// down). Then "/docs/" -> "/docs/index.html" and "/docs" (last segment without a dot) -> "/docs/index.html".
// The whole map is one KeyValueStore value, so at most 1024 characters (about 30 short entries): CloudFront
// refuses a longer value when the store is written, not at run time.

const kvsHandle = cf.kvs();

async function redirects() {
    try {
        const map = await kvsHandle.get("redirects", { format: "json" });
        return typeof map === "object" && map !== null && !Array.isArray(map) ? map : {};
    } catch (e) {
        return {};
    }
}

// rawQueryString() (runtime 2.0's general helper) gives the query exactly as the viewer sent it, undefined without "?".
function withQuery(target, request) {
    const raw = request.rawQueryString();
    if (raw === undefined || raw === "") return target;
    return `${target}${target.indexOf("?") === -1 ? "?" : "&"}${raw}`;
}

async function handler(event) {
    const request = event.request;
    const uri = request.uri;
    const map = await redirects();
    const target = Object.prototype.hasOwnProperty.call(map, uri) ? map[uri] : undefined;
    if (typeof target === "string" && target.length > 0) {
        return {
            statusCode: 301,
            statusDescription: "Moved Permanently",
            headers: { location: { value: withQuery(target, request) } },
        };
    }
    if (uri.endsWith("/")) {
        request.uri = `${uri}index.html`;
    } else if (uri.slice(uri.lastIndexOf("/") + 1).indexOf(".") === -1) {
        request.uri = `${uri}/index.html`;
    }
    return request;
}
