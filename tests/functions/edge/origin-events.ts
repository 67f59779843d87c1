/** Lambda@Edge origin-request events for the router's tests and measurements. */
import type { EdgeRequest, OriginRequestEvent } from "../../../functions/edge/origin-request-router/core";

/**
 * The origin-request event of "Lambda@Edge event structure" (example origin request: a custom origin, TLS list as
 * CloudFront sends it), plus the viewer headers an origin-request policy forwards.
 */
export function originRequest(headers: Record<string, string> = {}, origin: "custom" | "s3" = "custom"): OriginRequestEvent {
    const h: EdgeRequest["headers"] = {
        "x-forwarded-for": [{ key: "X-Forwarded-For", value: "203.0.113.178" }],
        "user-agent": [{ key: "User-Agent", value: "Amazon CloudFront" }],
        via: [{ key: "Via", value: "2.0 2afae0d44e2540f472c0635ab62c232b.cloudfront.net (CloudFront)" }],
        host: [{ key: "Host", value: "example.org" }],
        "cache-control": [{ key: "Cache-Control", value: "no-cache" }],
    };
    for (const [name, value] of Object.entries(headers)) h[name.toLowerCase()] = [{ key: name, value }];
    return {
        Records: [
            {
                cf: {
                    config: {
                        distributionDomainName: "d111111abcdef8.cloudfront.net",
                        distributionId: "EDFDVBD6EXAMPLE",
                        eventType: "origin-request",
                        requestId: "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==",
                    },
                    request: {
                        clientIp: "203.0.113.178",
                        headers: h,
                        method: "GET",
                        origin:
                            origin === "custom"
                                ? {
                                      custom: {
                                          customHeaders: { "x-origin-secret": [{ key: "X-Origin-Secret", value: "s3cr3t" }] },
                                          domainName: "example.org",
                                          keepaliveTimeout: 5,
                                          path: "",
                                          port: 443,
                                          protocol: "https",
                                          readTimeout: 30,
                                          sslProtocols: ["TLSv1", "TLSv1.1", "TLSv1.2"],
                                      },
                                  }
                                : { s3: { authMethod: "none", customHeaders: {}, domainName: "site.s3.us-east-1.amazonaws.com", path: "" } },
                        querystring: "a=1",
                        uri: "/app/index.html",
                    },
                },
            },
        ],
    };
}
