/** HS256 tokens for the edge JWT tests, signed with node:crypto (the sandbox's function verifies them). */
import { createHmac } from "node:crypto";

export function b64url(value: string | Buffer): string {
    return Buffer.from(value).toString("base64url");
}

export function sign(header: object, claims: object, key: Buffer): string {
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}

/** RFC 7515 appendix A.1 (also RFC 7519 section 3.1): the HS256 example's JWK "k" and its compact serialization. */
export const RFC7515_A1 = {
    k: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    token:
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    /** The payload's exp: 2011-03-22T18:43:00Z. */
    exp: 1300819380,
};

/** RFC 7519 section 6.1: the unsecured JWT example (`alg: none`, empty signature). */
export const RFC7519_UNSECURED = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
