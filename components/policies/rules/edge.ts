/** Rules: CloudFront (cloudfront-*). */
import type { PolicyResource } from "@pulumi/policy";
import { type Rule, resourceRule, stackRule } from "../rule";
import { asArray, linksTo, ofTypes, setsInput } from "../util";

const CLOUDFRONT_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

/** The viewer protocol policies that never serve content over plain HTTP. */
const HTTPS_VIEWER_POLICIES = ["redirect-to-https", "https-only"];

/**
 * Viewer security policies of TLS 1.2 or newer with forward-secret AEAD ciphers only: `TLSv1.2_2021` and the 2025
 * policies (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html).
 * `TLSv1.2_2018`/`TLSv1.2_2019` still offer CBC ciphers; `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016` admit TLS 1.0/1.1.
 */
export const VIEWER_TLS_POLICIES = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/** Origin protocols CloudFront may offer a custom origin that are obsolete (CloudFront.10, AwsSolutions-CFR5). */
const OBSOLETE_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

/** Every cache behavior of a distribution with its label for messages (`defaultCacheBehavior`, `orderedCacheBehaviors[i]`). */
function behaviorsOf(props: Record<string, any>): { path: string; behavior: any }[] {
    const ordered = asArray<any>(props.orderedCacheBehaviors).map((behavior, i) => ({ path: `orderedCacheBehaviors[${i}]`, behavior }));
    return [...(props.defaultCacheBehavior ? [{ path: "defaultCacheBehavior", behavior: props.defaultCacheBehavior }] : []), ...ordered];
}

/**
 * An S3 REST origin: one without `customOriginConfig` (CloudFront's S3 origin type) whose domain is a bucket endpoint
 * (`<bucket>.s3.amazonaws.com`, `<bucket>.s3.<region>.amazonaws.com`). S3 website endpoints (`s3-website`) are custom
 * origins and take no OAC.
 */
function isS3Origin(origin: any): boolean {
    if (origin?.customOriginConfig) return false;
    const domain = typeof origin?.domainName === "string" ? origin.domainName : "";
    return /\.s3[.-]([a-z0-9-]+\.)*amazonaws\.com(\.cn)?$/.test(domain) && !domain.includes("s3-website");
}

const originsOf = (props: Record<string, any>): any[] => asArray<any>(props.origins);

/** Whether a distribution's standard logging (v2) goes somewhere: a source for it joined to a delivery. */
function hasLogDelivery(distribution: PolicyResource, resources: PolicyResource[]): boolean {
    const sources = ofTypes(resources, "aws:cloudwatch/logDeliverySource:LogDeliverySource").filter(
        (s) => s.props.logType === "ACCESS_LOGS" && linksTo(s, "resourceArn", distribution),
    );
    const deliveries = ofTypes(resources, "aws:cloudwatch/logDelivery:LogDelivery");
    return sources.some((s) => deliveries.some((d) => linksTo(d, "deliverySourceName", s)));
}

export const EDGE_RULES: Rule[] = [
    resourceRule({
        name: "cloudfront-3-https-viewers",
        description: "CloudFront distributions serve viewers over HTTPS only: every cache behavior redirects HTTP to HTTPS or refuses it.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "CloudFront.3", cdkNag: [], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            for (const { path, behavior } of behaviorsOf(props))
                if (!HTTPS_VIEWER_POLICIES.includes(behavior?.viewerProtocolPolicy))
                    report(
                        `${path}.viewerProtocolPolicy is ${JSON.stringify(behavior?.viewerProtocolPolicy)}; set "redirect-to-https" or "https-only" (allow-all serves content in clear text).`,
                    );
        },
    }),
    resourceRule({
        name: "cloudfront-9-https-origins",
        description: "CloudFront distributions reach custom origins over HTTPS only.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "CloudFront.9", cdkNag: [], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            const behaviors = behaviorsOf(props);
            originsOf(props).forEach((origin, i) => {
                const policy = origin?.customOriginConfig?.originProtocolPolicy;
                if (policy === undefined || policy === "https-only") return;
                const id = origin?.originId;
                // match-viewer is HTTPS exactly when every behavior using the origin admits viewers over HTTPS only.
                if (policy === "match-viewer") {
                    const open = behaviors.filter(
                        ({ behavior }) => behavior?.targetOriginId === id && !HTTPS_VIEWER_POLICIES.includes(behavior?.viewerProtocolPolicy),
                    );
                    if (open.length === 0) return;
                    report(
                        `origins[${i}] (${JSON.stringify(id)}).customOriginConfig.originProtocolPolicy is "match-viewer" and ${open.map((b) => b.path).join(", ")} admits viewers over HTTP; use "https-only".`,
                    );
                    return;
                }
                report(
                    `origins[${i}] (${JSON.stringify(id)}).customOriginConfig.originProtocolPolicy is ${JSON.stringify(policy)}; use "https-only" (give the origin a certificate naming its domain).`,
                );
            });
        },
    }),
    resourceRule({
        name: "cloudfront-10-origin-tls12",
        description: "CloudFront distributions offer custom origins TLS 1.2 only, never SSLv3, TLS 1.0 or TLS 1.1.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "CloudFront.10", cdkNag: ["AwsSolutions-CFR5"], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            originsOf(props).forEach((origin, i) => {
                const protocols = asArray<string>(origin?.customOriginConfig?.originSslProtocols);
                const obsolete = protocols.filter((p) => OBSOLETE_ORIGIN_PROTOCOLS.includes(p));
                if (obsolete.length)
                    report(
                        `origins[${i}] (${JSON.stringify(origin?.originId)}).customOriginConfig.originSslProtocols includes ${obsolete.join(", ")}; offer ["TLSv1.2"] only.`,
                    );
            });
        },
    }),
    resourceRule({
        name: "cloudfront-7-viewer-tls12",
        description:
            "CloudFront distributions serve viewers with a custom certificate (ACM or IAM) and a TLS 1.2+ security policy with forward-secret ciphers (TLSv1.2_2021 or newer).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "CloudFront.7", cdkNag: ["AwsSolutions-CFR4"], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            const cert = props.viewerCertificate ?? {};
            const custom =
                (typeof cert.acmCertificateArn === "string" && cert.acmCertificateArn !== "") ||
                (typeof cert.iamCertificateId === "string" && cert.iamCertificateId !== "");
            // With the default *.cloudfront.net certificate CloudFront sets the security policy to TLSv1 whatever is asked
            // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-values-specify.html#DownloadDistValues-security-policy).
            if (!custom) {
                report(
                    `viewerCertificate.cloudfrontDefaultCertificate is ${JSON.stringify(cert.cloudfrontDefaultCertificate)} and no acmCertificateArn is set: the default *.cloudfront.net certificate admits TLS 1.0; give a custom domain with an ACM certificate in us-east-1 and minimumProtocolVersion "TLSv1.2_2021" or newer.`,
                );
                return;
            }
            if (!VIEWER_TLS_POLICIES.includes(cert.minimumProtocolVersion))
                report(
                    `viewerCertificate.minimumProtocolVersion is ${JSON.stringify(cert.minimumProtocolVersion)}; allowed: ${VIEWER_TLS_POLICIES.join(", ")}.`,
                );
        },
    }),
    resourceRule({
        name: "cloudfront-8-sni",
        description: "CloudFront distributions with a custom certificate serve HTTPS with SNI, not dedicated IP addresses.",
        enforcementLevel: "advisory",
        severity: "low",
        control: { fsbp: "CloudFront.8", cdkNag: [], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            const cert = props.viewerCertificate ?? {};
            if (typeof cert.acmCertificateArn !== "string" && typeof cert.iamCertificateId !== "string") return;
            if (cert.sslSupportMethod !== "sni-only")
                report(
                    `viewerCertificate.sslSupportMethod is ${JSON.stringify(cert.sslSupportMethod)}; use "sni-only" (dedicated IPs cost $600 a month and every current client sends SNI).`,
                );
        },
    }),
    resourceRule({
        name: "cloudfront-13-oac",
        description: "CloudFront distributions read S3 origins through Origin Access Control, not a legacy origin access identity or a public bucket.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "CloudFront.13", cdkNag: ["AwsSolutions-CFR6", "AwsSolutions-CFR7"], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            originsOf(props).forEach((origin, i) => {
                if (!isS3Origin(origin)) return;
                const label = `origins[${i}] (${JSON.stringify(origin?.originId)})`;
                const oai = origin?.s3OriginConfig?.originAccessIdentity;
                if (typeof oai === "string" && oai !== "")
                    report(`${label}.s3OriginConfig.originAccessIdentity is set (legacy OAI); use an originAccessControlId (OAC, SigV4) instead.`);
                else if (typeof origin?.originAccessControlId !== "string" || origin.originAccessControlId === "")
                    report(
                        `${label}.originAccessControlId is not set: the S3 origin is read anonymously, so the bucket must be public; set an Origin Access Control of type "s3".`,
                    );
            });
        },
    }),
    stackRule({
        name: "cloudfront-5-logging",
        description: "CloudFront distributions log requests: standard logging (v2) through a CloudWatch Logs delivery, or legacy logging to S3.",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "CloudFront.5", cdkNag: ["AwsSolutions-CFR3"], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (resources, _args, report) => {
            for (const d of ofTypes(resources, DISTRIBUTION)) {
                const legacy = setsInput(d, "loggingConfig", (v) => v?.bucket);
                if (legacy || hasLogDelivery(d, resources)) continue;
                report(
                    "loggingConfig is not set and no aws:cloudwatch/logDeliverySource (logType ACCESS_LOGS, resourceArn = this distribution) is connected by an aws:cloudwatch/logDelivery; enable standard logging (v2).",
                    d.urn,
                );
            }
        },
    }),
    resourceRule({
        name: "cloudfront-6-waf",
        description: "CloudFront distributions in production are protected by a WAFv2 web ACL of scope CLOUDFRONT.",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "CloudFront.6", cdkNag: ["AwsSolutions-CFR2"], url: CLOUDFRONT_CONTROLS },
        productionOnly: true,
        types: [DISTRIBUTION],
        validate: (props, _args, report) => {
            if (typeof props.webAclId !== "string" || props.webAclId === "")
                report(`webAclId is ${JSON.stringify(props.webAclId)}; associate a WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1) by its ARN.`);
        },
    }),
    resourceRule({
        name: "cloudfront-1-default-root-object",
        description:
            "CloudFront distributions whose default behavior serves an S3 origin name a default root object, so `/` never lists or exposes the bucket.",
        enforcementLevel: "advisory",
        severity: "high",
        control: { fsbp: "CloudFront.1", cdkNag: [], url: CLOUDFRONT_CONTROLS },
        types: [DISTRIBUTION],
        validate: (props, args, report) => {
            const target = props.defaultCacheBehavior?.targetOriginId;
            const origin = originsOf(props).find((o) => o?.originId === target);
            if (!isS3Origin(origin)) args.notApplicable("the default behavior's origin is not an S3 bucket");
            if (typeof props.defaultRootObject !== "string" || props.defaultRootObject === "")
                report(
                    `defaultRootObject is ${JSON.stringify(props.defaultRootObject)} while the default behavior serves S3 origin ${JSON.stringify(target)}; set it (e.g. "index.html").`,
                );
        },
    }),
];
