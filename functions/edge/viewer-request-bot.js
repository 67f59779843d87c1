import cf from "cloudfront";

// CloudFront Function (cloudfront-js-2.0), viewer request: bot mitigation, answering 403 before the cache.
// Rules, in order (user-agent matched as lower-cased substrings):
//   1. no user-agent, or only blanks: 403 (every browser, crawler and monitor sends one);
//   2. an ALLOW token (search engines, link previews, uptime monitors below, plus bot-rules "allow"): passes;
//   3. a BLOCK token (vulnerability scanners, attack tools, scraping libraries below, plus bot-rules "block"): 403;
//   4. a user-agent that claims to be a browser ("mozilla/") without accept or accept-language, headers every
//      browser sends on every request (headless and scripted clients faking a browser often omit them): 403,
//      except OPTIONS (a CORS preflight must never be refused on a guess);
//   otherwise the request passes unchanged.
// Attach it to behaviors serving people (HTML, assets), not to an API whose clients are programs: it refuses
// curl, wget and the common HTTP libraries. A user-agent is a claim: anyone can send "Googlebot" and pass
// (verifying a crawler needs reverse DNS, which functions cannot do); this stops the lazy majority cheaply. AWS WAF's
// Bot Control is the tool for determined bots.
//
// KeyValueStore key "bot-rules" (JSON, optional): { "block": ["badbot/"], "allow": ["acme-monitor/"] }
// Both optional, each at most 50 strings of 3 to 100 characters (and the whole value at most 1024 characters, the
// KeyValueStore's value limit), matched as case-insensitive substrings, no regex (cheap on compute utilization); "allow"
// wins over every built-in block (e.g. to let a monitor that uses curl through with its own token). Missing key or
// a malformed value: the built-in rules only (a broken extension must not block everyone, nor lift the built-ins).

const kvsHandle = cf.kvs();

// Allowed: the crawlers of the search engines we want to be indexed by, link-preview fetchers, uptime monitors.
// They send few headers (no accept-language), so rule 4 would refuse them.
const ALLOW = [
    "googlebot", "adsbot-google", "mediapartners-google", "google-inspectiontool", "storebot-google", "googleother",
    "bingbot", "bingpreview", "duckduckbot", "applebot", "yandexbot", "baiduspider", "slurp",
    "facebookexternalhit", "twitterbot", "linkedinbot", "slackbot", "discordbot",
    "amazon-route53-health-check-service", "uptimerobot", "pingdom", "datadog/synthetics",
];

// Blocked, with the reason:
// - vulnerability scanners and attack tools (no visitor runs them against a site they do not own):
// - scraping and generic HTTP libraries (a person's browser never sends these; a partner's script should get
//   an allow token): python, Go, Perl, Java, Node.js, curl, wget, Scrapy, HTTrack, Apache HttpClient;
// - headless browsers announcing themselves, and ByteDance's crawler (documented to ignore robots.txt).
// Not blocked: okhttp and CFNetwork, the HTTP stacks of Android and iOS apps that may load pages.
const BLOCK = [
    "sqlmap", "nikto", "nmap", "masscan", "zgrab", "nuclei", "wpscan", "dirbuster", "gobuster", "fuzz faster u fool",
    "wfuzz", "acunetix", "netsparker", "openvas", "nessus", "w3af", "whatweb", "jorgee", "commix", "zmeu", "hydra",
    "python-requests", "python-urllib", "python-httpx", "aiohttp", "go-http-client", "libwww-perl", "java/",
    "node-fetch", "axios/", "curl/", "wget/", "scrapy", "httrack", "apache-httpclient",
    "headlesschrome", "phantomjs", "bytespider",
];

const MAX_RULES = 50;

function tokens(v) {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length > MAX_RULES) return undefined;
    const out = [];
    for (let i = 0; i < v.length; i++) {
        if (typeof v[i] !== "string" || v[i].length < 3 || v[i].length > 100) return undefined;
        out.push(v[i].toLowerCase());
    }
    return out;
}

async function rules() {
    try {
        const raw = await kvsHandle.get("bot-rules", { format: "json" });
        if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
            const allow = tokens(raw.allow);
            const block = tokens(raw.block);
            if (allow !== undefined && block !== undefined) return { allow: allow.concat(ALLOW), block: block.concat(BLOCK) };
        }
    } catch (e) {
        // Missing key or invalid JSON: built-ins only.
    }
    return { allow: ALLOW, block: BLOCK };
}

function contains(ua, list) {
    for (let i = 0; i < list.length; i++) if (ua.indexOf(list[i]) !== -1) return true;
    return false;
}

function forbidden() {
    return { statusCode: 403, statusDescription: "Forbidden", headers: { "cache-control": { value: "no-store" } } };
}

async function handler(event) {
    const request = event.request;
    const headers = request.headers;
    const ua = headers["user-agent"] === undefined ? "" : headers["user-agent"].value.trim().toLowerCase();
    if (ua === "") return forbidden();
    const r = await rules();
    if (contains(ua, r.allow)) return request;
    if (contains(ua, r.block)) return forbidden();
    if (request.method !== "OPTIONS" && ua.indexOf("mozilla/") !== -1 && (headers.accept === undefined || headers["accept-language"] === undefined)) {
        return forbidden();
    }
    return request;
}
