import * as assert from "node:assert";
import { edgeFileBytes, loadEdge, viewerRequest } from "./events";

const FILE = "viewer-request-bot.js";

/** What every browser sends besides its user-agent. */
const BROWSER_HEADERS = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "accept-language": "en-US,en;q=0.9" };

const BROWSERS: Record<string, string> = {
    "Chrome 131 (Windows)": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Firefox 133 (Linux)": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Safari 18 (iPhone)":
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Edge 131 (Windows)": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
};

// Allowed without browser headers: search engines, link previews, monitors (they send few headers).
const ALLOWED_BOTS: Record<string, string> = {
    Googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Googlebot smartphone":
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    bingbot: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    DuckDuckBot: "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
    Applebot:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
    "Facebook link preview": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Route 53 health check": "Amazon-Route53-Health-Check-Service (ref 0f3e8e4c-0c3f-4a4b-9a0e-1c2d3e4f5a6b; report http://amzn.to/1vsZADi)",
    UptimeRobot: "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
};

// Blocked even with browser headers: scanners, attack tools, scraping libraries, headless browsers.
const BLOCKED: Record<string, string> = {
    curl: "curl/8.5.0",
    wget: "Wget/1.21.4",
    sqlmap: "sqlmap/1.8.2#stable (https://sqlmap.org)",
    nikto: "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)",
    "Nmap scripting engine": "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
    nuclei: "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
    WPScan: "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
    masscan: "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
    ffuf: "Fuzz Faster U Fool v2.1.0-dev",
    "python-requests": "python-requests/2.32.3",
    "Python urllib": "Python-urllib/3.12",
    "Go net/http": "Go-http-client/1.1",
    "libwww-perl": "libwww-perl/6.72",
    "Java HttpURLConnection": "Java/17.0.9",
    "Apache HttpClient": "Apache-HttpClient/4.5.14 (Java/17.0.9)",
    Scrapy: "Scrapy/2.11.2 (+https://scrapy.org)",
    "headless Chrome": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36",
    Bytespider:
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
};

function req(ua: string | undefined, headers: Record<string, string> = BROWSER_HEADERS, method = "GET") {
    const event = viewerRequest({ method, uri: "/index.html", headers: { ...headers, ...(ua === undefined ? {} : { "user-agent": ua }) } });
    if (ua === undefined) delete (event.request.headers as Record<string, unknown>)["user-agent"];
    return event;
}

function assertForbidden(out: any, label: string) {
    assert.strictEqual(out.statusCode, 403, label);
    assert.strictEqual(out.statusDescription, "Forbidden");
    assert.deepStrictEqual(out.headers["cache-control"], { value: "no-store" });
}

describe("functions/edge/viewer-request-bot.js (in the CloudFront Functions sandbox)", () => {
    const f = loadEdge(FILE);

    it("loads within 6 KB (well under CloudFront's 10 KB limit), sized as the file's bytes", () => {
        assert.strictEqual(f.bytes, edgeFileBytes(FILE));
        assert.ok(f.bytes <= 6 * 1024, `${f.bytes} bytes`);
    });

    for (const [name, ua] of Object.entries(BROWSERS)) {
        it(`passes ${name} with its usual headers, unchanged`, async () => {
            const event = req(ua);
            assert.deepStrictEqual(await f.handler(event), JSON.parse(JSON.stringify(event.request)));
        });
    }

    for (const [name, ua] of Object.entries(ALLOWED_BOTS)) {
        it(`passes ${name} even without accept and accept-language`, async () => {
            const out = await f.handler(req(ua, {}));
            assert.strictEqual(out.statusCode, undefined, name);
            assert.strictEqual(out.uri, "/index.html");
        });
    }

    for (const [name, ua] of Object.entries(BLOCKED)) {
        it(`answers 403 to ${name} even with a browser's headers`, async () => {
            assertForbidden(await f.handler(req(ua)), name);
        });
    }

    it("passes okhttp (Android apps' HTTP stack) with few headers", async () => {
        assert.strictEqual((await f.handler(req("okhttp/4.12.0", {}))).statusCode, undefined);
    });

    it("answers 403 to a missing user-agent", async () => {
        assertForbidden(await f.handler(req(undefined)), "missing");
    });

    it("answers 403 to an empty or blank user-agent", async () => {
        for (const ua of ["", "   "]) assertForbidden(await f.handler(req(ua)), JSON.stringify(ua));
    });

    it("matches user-agent tokens in any case", async () => {
        assertForbidden(await f.handler(req("SQLMAP/1.0")), "upper case");
        assert.strictEqual((await f.handler(req("GOOGLEBOT/2.1", {}))).statusCode, undefined);
    });

    it("answers 403 to a browser user-agent without accept-language", async () => {
        assertForbidden(await f.handler(req(BROWSERS["Chrome 131 (Windows)"]!, { accept: "*/*" })), "no accept-language");
    });

    it("answers 403 to a browser user-agent without accept", async () => {
        assertForbidden(await f.handler(req(BROWSERS["Firefox 133 (Linux)"]!, { "accept-language": "de" })), "no accept");
    });

    it("passes a CORS preflight (OPTIONS) from a browser without accept-language", async () => {
        const out = await f.handler(req(BROWSERS["Chrome 131 (Windows)"]!, { accept: "*/*" }, "OPTIONS"));
        assert.strictEqual(out.statusCode, undefined);
    });

    it("passes a non-browser user-agent without browser headers", async () => {
        assert.strictEqual((await f.handler(req("AcmeMonitor/3.1", {}))).statusCode, undefined);
    });

    describe("KeyValueStore key bot-rules", () => {
        const extended = loadEdge(FILE, { kvs: { "bot-rules": JSON.stringify({ block: ["BadBot/"], allow: ["acme-probe/"] }) } });

        it("adds block tokens, matched in any case", async () => {
            assertForbidden(await extended.handler(req("Mozilla/5.0 (compatible; badbot/1.0)")), "badbot");
        });

        it("adds allow tokens that win over a built-in block (a monitor using curl)", async () => {
            assert.strictEqual((await extended.handler(req("curl/8.5.0 acme-probe/1.0", {}))).statusCode, undefined);
        });

        it("keeps the built-in rules alongside the extension", async () => {
            assertForbidden(await extended.handler(req("sqlmap/1.8")), "sqlmap");
            assert.strictEqual((await extended.handler(req(ALLOWED_BOTS.Googlebot, {}))).statusCode, undefined);
        });

        const MALFORMED: Record<string, string> = {
            "bad JSON": "{block:",
            "an array": '["badbot/"]',
            "block not an array": JSON.stringify({ block: "badbot/" }),
            "a token under 3 characters": JSON.stringify({ block: ["badbot/", "a"] }),
            "a token over 100 characters": JSON.stringify({ block: ["x".repeat(101)] }),
            "a token that is not a string": JSON.stringify({ allow: [1] }),
            "more than 50 tokens": JSON.stringify({ block: Array.from({ length: 51 }, (_, i) => `bot${i}`) }),
        };
        for (const [title, value] of Object.entries(MALFORMED)) {
            it(`ignores a malformed value (${title}) and keeps the built-ins only`, async () => {
                const g = loadEdge(FILE, { kvs: { "bot-rules": value } });
                assert.strictEqual((await g.handler(req("Mozilla/5.0 (compatible; badbot/1.0)", BROWSER_HEADERS))).statusCode, undefined);
                assertForbidden(await g.handler(req("sqlmap/1.8")), "built-in still applies");
            });
        }

        it("ignores a malformed value's allow tokens too (curl stays blocked)", async () => {
            const g = loadEdge(FILE, { kvs: { "bot-rules": JSON.stringify({ allow: ["curl/"], block: [7] }) } });
            assertForbidden(await g.handler(req("curl/8.5.0")), "curl");
        });
    });
});
