// CloudFront Function (cloudfront-js-2.0), viewer response: security headers on every answer it runs on.
// Values the origin already set are replaced: the edge is the one place that decides them.
// CSP: same-origin only, no inline script, no framing, no plugins; adjust per site.
// CloudFront does not run viewer-response functions when the origin answers 400 or above ("Restrictions on all
// edge functions", HTTP status codes): error pages get none of these; the behavior's response-headers policy,
// which applies to every response, is what covers them.
const SECURITY_HEADERS = {
    "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "content-security-policy":
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

async function handler(event) {
    const response = event.response;
    const headers = response.headers;
    const names = Object.keys(SECURITY_HEADERS);
    for (let i = 0; i < names.length; i++) headers[names[i]] = { value: SECURITY_HEADERS[names[i]] };
    return response;
}
