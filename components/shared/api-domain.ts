/**
 * A custom domain for an API Gateway API: an API Gateway v2 `DomainName` (Regional endpoint, TLS 1.2)
 * and an `ApiMapping` to one stage, an ACM certificate (given, or created and validated by DNS in a
 * Route 53 zone) and Route 53 alias records. API Gateway v2 domain names and API mappings also map REST
 * API stages (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html), so a
 * REST API component uses this helper as it is, with its stage name.
 */
import * as acm from "@pulumi/aws/acm";
import * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import * as route53 from "@pulumi/aws/route53";
import * as pulumi from "@pulumi/pulumi";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { ArgsError, Issues } from "./errors";
import { checkCertificateName, checkDomainName } from "./hostnames";
import { createAliasRecords } from "./alias-records";
import { createDnsCertificate } from "./dns-certificate";
import { childName } from "./naming";
import { boolean, input, object, optional, string, transform } from "./shape";
import { Transform, create } from "./transform";
import { ACM_CERTIFICATE_ARN, checkCertificateArn, checkHostedZoneId } from "./validators";

export interface ApiDomainArgs {
    /**
     * The host name clients call, lower case (RFC 1123); `*.example.com` for a wildcard custom domain.
     * @example "api.example.com"
     */
    domainName: string;
    /**
     * An ACM certificate for `domainName` in the API's Region (a Regional endpoint takes no certificate
     * from us-east-1 unless the API is there). A requested certificate's `domainName` is at most 64
     * characters (ACM's Common Name limit); a longer name needs a certificate given here. The requested
     * certificate's validation CNAME is shared with any other certificate of `domainName` (adopted if
     * present) and deleted with this component: give each name one owner, or ACM cannot renew the other.
     * @default - a certificate the component requests and validates by DNS in `hostedZoneId`
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * The Route 53 public hosted zone of `domainName`: the certificate's validation record and the alias
     * records go there.
     * @default - none: give `certificateArn`, and point DNS at `targetDomainName` yourself
     * @example "Z0123456789ABCDEFGHIJ"
     */
    hostedZoneId?: pulumi.Input<string>;
    /**
     * Whether to create A and AAAA alias records for `domainName` in `hostedZoneId`, to the domain's
     * Regional target (the domain name answers IPv4 and IPv6: `dualstack`).
     * @default - true with `hostedZoneId`, false without (there is no zone to write them in)
     */
    aliasRecords?: boolean;
    /**
     * The path under which the API is served (`v1` → `https://api.example.com/v1/...`); levels are
     * allowed (`orders/v1`). Segments of letters, digits and `$-_.+!*'()`; 300 characters at most.
     * @default - none: the API at the domain's root
     */
    basePath?: string;
    /**
     * Change a child's args (see `Transform`): `domainName`, `apiMapping`, `certificate`.
     * @default {}
     */
    transform?: {
        domainName?: Transform<apigatewayv2.DomainNameArgs>;
        apiMapping?: Transform<apigatewayv2.ApiMappingArgs>;
        certificate?: Transform<acm.CertificateArgs>;
    };
}

/** The one source of ApiDomainArgs' defaults (`aliasRecords` follows `hostedZoneId`: `normalizeApiDomain`). */
export const API_DOMAIN_DEFAULTS = { ApiDomainArgs: { transform: {} as NonNullable<ApiDomainArgs["transform"]> } };

/** ApiDomainArgs with every default applied. */
export type ResolvedApiDomain = ApiDomainArgs & { aliasRecords: boolean; transform: NonNullable<ApiDomainArgs["transform"]> };

/** Fills the domain's defaults; components call it from their `normalize`. */
export function normalizeApiDomain(d: ApiDomainArgs): ResolvedApiDomain {
    return { ...d, aliasRecords: d.aliasRecords ?? d.hostedZoneId !== undefined, transform: d.transform ?? API_DOMAIN_DEFAULTS.ApiDomainArgs.transform };
}

export const API_DOMAIN_SHAPE = object<ApiDomainArgs>()({
    domainName: string(),
    certificateArn: optional(input(string())),
    hostedZoneId: optional(input(string())),
    aliasRecords: optional(boolean()),
    basePath: optional(string()),
    transform: optional(
        object<NonNullable<ApiDomainArgs["transform"]>>()({
            domainName: optional(transform()),
            apiMapping: optional(transform()),
            certificate: optional(transform()),
        }),
    ),
});

/**
 * An API mapping key: path segments of letters, digits and `$-_.+!*'()` (what API mappings take), no
 * leading, trailing or double slash, 300 characters at most
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html, "Restrictions").
 */
export const API_MAPPING_KEY = /^[A-Za-z0-9$_.+!*'()-]+(\/[A-Za-z0-9$_.+!*'()-]+)*$/;
export const MAX_API_MAPPING_KEY_LENGTH = 300;

/**
 * The domain's value rules, after its shape: host name, certificate ARN, zone id, base path, and that a
 * certificate can be had. The certificate's Region is checked against the provider's once it is known
 * (`createApiDomain`). `path` is the
 * field's path in the component's args (`domain`).
 */
export function checkApiDomain(issues: Issues, path: string, d: ApiDomainArgs): void {
    const nameOk = checkDomainName(issues, `${path}.domainName`, d.domainName, { wildcard: true });
    if (d.certificateArn === undefined && d.hostedZoneId === undefined)
        issues.missing(`${path}.certificateArn`, "an ACM certificate ARN for the domain, or hostedZoneId for the component to request and validate one");
    if (d.certificateArn !== undefined) checkCertificateArn(issues, `${path}.certificateArn`, d.certificateArn);
    if (d.hostedZoneId !== undefined) checkHostedZoneId(issues, `${path}.hostedZoneId`, d.hostedZoneId);
    if (nameOk && d.certificateArn === undefined && d.hostedZoneId !== undefined) checkCertificateName(issues, `${path}.domainName`, d.domainName);
    if (d.aliasRecords === true && d.hostedZoneId === undefined)
        issues.add(`${path}.aliasRecords`, true, "needs hostedZoneId", "hostedZoneId, or aliasRecords false");
    const allowed = `path segments of letters, digits and $-_.+!*'() without leading or trailing "/", ${MAX_API_MAPPING_KEY_LENGTH} characters at most, e.g. "v1" or "orders/v1"`;
    if (d.basePath !== undefined && d.basePath.length > MAX_API_MAPPING_KEY_LENGTH)
        issues.add(`${path}.basePath`, d.basePath, `is ${d.basePath.length} characters long`, allowed);
    else if (d.basePath !== undefined) issues.match(`${path}.basePath`, d.basePath, API_MAPPING_KEY, allowed);
}

/**
 * With no custom domain, the execute-api endpoint is the API's only address: turning it off would leave
 * the API unreachable. The same rule for HTTP and REST APIs.
 */
export function checkExecuteApiEndpoint(issues: Issues, disableExecuteApiEndpoint: boolean, domain: ApiDomainArgs | undefined): void {
    if (disableExecuteApiEndpoint && domain === undefined)
        issues.add("disableExecuteApiEndpoint", true, "would leave the API no address (no domain)", "a domain, or disableExecuteApiEndpoint false");
}

export interface ApiDomainResources {
    /** Requested when no `certificateArn` is given. */
    certificate: acm.Certificate | undefined;
    /** The certificate's DNS validation record, in `hostedZoneId`. */
    validationRecord: route53.Record | undefined;
    /** Waits until ACM has issued the certificate: the domain name needs an issued one. */
    validation: acm.CertificateValidation | undefined;
    domainName: apigatewayv2.DomainName;
    apiMapping: apigatewayv2.ApiMapping;
    /** The A and AAAA aliases, by record type. */
    records: Record<string, route53.Record>;
}

/**
 * The domain's resources (of the component `component` named `name`), named `<name>-domain`, `<name>-domain-mapping`, `<name>-domain-certificate`, ...
 * `target` is the API and the stage (name) that the mapping serves. Call after `checkApiDomain`.
 */
export function createApiDomain(
    component: string,
    name: string,
    d: ResolvedApiDomain,
    target: { apiId: pulumi.Input<string>; stage: pulumi.Input<string> },
    opts: pulumi.CustomResourceOptions,
    tags: Record<string, string>,
): ApiDomainResources {
    const base = childName(name, "domain");
    const t = d.transform;
    let certificateArn: pulumi.Input<string>;
    let certificate: acm.Certificate | undefined;
    let validationRecord: route53.Record | undefined;
    let validation: acm.CertificateValidation | undefined;
    if (d.certificateArn !== undefined) certificateArn = inApiRegion(component, name, d.certificateArn, opts);
    else {
        ({ certificate, validationRecord, validation, certificateArn } = createDnsCertificate(
            base,
            { domainName: d.domainName, zoneId: d.hostedZoneId as pulumi.Input<string> },
            opts,
            tags,
            { certificate: t.certificate },
        ));
    }
    const domainName = create(
        apigatewayv2.DomainName,
        base,
        {
            domainName: d.domainName,
            domainNameConfiguration: {
                certificateArn,
                endpointType: "REGIONAL",
                // TLS 1.2 and up only: HTTP APIs offer no other custom-domain policy, and a REST API mapped here keeps its own
                // (a domain may differ from its APIs' policies: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html).
                securityPolicy: "TLS_1_2",
                ipAddressType: "dualstack",
            },
            tags,
        },
        opts,
        t.domainName,
    );
    const apiMapping = create(
        apigatewayv2.ApiMapping,
        childName(base, "mapping"),
        { apiId: target.apiId, domainName: domainName.id, stage: target.stage, apiMappingKey: d.basePath },
        opts,
        t.apiMapping,
    );
    const config = domainName.domainNameConfiguration;
    const records =
        d.hostedZoneId !== undefined && d.aliasRecords
            ? createAliasRecords(
                  base,
                  {
                      zoneId: d.hostedZoneId,
                      host: d.domainName,
                      target: { name: config.targetDomainName.apply((n) => n ?? ""), zoneId: config.hostedZoneId.apply((z) => z ?? "") },
                      types: ["A", "AAAA"],
                  },
                  opts,
              )
            : {};
    return { certificate, validationRecord, validation, domainName, apiMapping, records };
}

/**
 * A Regional endpoint takes a certificate of the API's own Region: checked once the provider's Region is
 * known (an explicit provider may name another Region than the stack's), failing the preview with the
 * component's ArgsError.
 */
function inApiRegion(component: string, name: string, arn: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    return pulumi.all([arn, getRegionOutput({}, opts).region]).apply(([certificate, own]) => {
        const region = ACM_CERTIFICATE_ARN.exec(certificate)?.[1];
        if (region !== undefined && region !== own)
            throw new ArgsError(component, name, [
                {
                    path: "domain.certificateArn",
                    value: certificate,
                    message: `is in ${region}, not in the API's Region ${own}`,
                    allowed: `a certificate in ${own}`,
                },
            ]);
        return certificate;
    });
}

/** `https://<domain>/<basePath>/` once the mapping exists; undefined for a wildcard domain, which has no one address. */
export function apiDomainUrl(d: ApiDomainArgs, resources: ApiDomainResources): pulumi.Output<string> | undefined {
    if (d.domainName.startsWith("*.")) return undefined;
    return resources.apiMapping.id.apply(() => `https://${d.domainName}/${d.basePath ? `${d.basePath}/` : ""}`);
}
