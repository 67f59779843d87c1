import * as assert from "node:assert";
import { ServerlessApi, ServerlessApiArgs } from "../../../components/serverless-api";
import { validate } from "../../../components/serverless-api/validate";
import { normalize as normalizeRest } from "../../../components/rest-api/defaults";
import { normalize } from "../../../components/serverless-api/defaults";
import { API_DOMAIN_DEFAULTS, normalizeApiDomain } from "../../../components/shared/api-domain";
import { ArgsError, Issues } from "../../../components/shared/errors";
import { checkDomainName } from "../../../components/shared/hostnames";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { API_CERT, DOMAIN_FIXTURES, MINIMAL, ZONE } from "./fixtures";

const API = "aws:apigatewayv2/api:Api";
const DOMAIN = "aws:apigatewayv2/domainName:DomainName";
const MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping";
const CERT = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const RECORD = "aws:route53/record:Record";

const withDomain = (domain: ServerlessApiArgs["domain"], extra: Partial<ServerlessApiArgs> = {}): ServerlessApiArgs => ({ ...MINIMAL, domain, ...extra });

describe("ServerlessApi custom domain", () => {
    describe("given a hosted zone and no certificate, with a base path and the execute-api endpoint off", () => {
        let registry: Registry;
        let result: ServerlessApi;
        before(async () => {
            ({ registry, result } = await build(
                () =>
                    new ServerlessApi(
                        "shop",
                        withDomain({ domainName: "api.example.com", hostedZoneId: ZONE, basePath: "v1" }, { disableExecuteApiEndpoint: true }),
                    ),
                { fixtures: DOMAIN_FIXTURES },
            ));
        });

        it("requests a DNS-validated ACM certificate for the domain and writes its validation record in the zone", () => {
            registry.hasInputs(CERT, "shop-domain-certificate", { domainName: "api.example.com", validationMethod: "DNS" });
            registry.hasInputs(RECORD, "shop-domain-validation", {
                zoneId: ZONE,
                name: "_0123abcd.api.example.com.",
                type: "CNAME",
                records: ["_4567efab.acm-validations.aws."],
                allowOverwrite: true,
            });
            registry.hasInputs(VALIDATION, "shop-domain-certificate-validation", {
                certificateArn: registry.one(CERT).outputs.arn,
                validationRecordFqdns: ["_0123abcd.api.example.com"],
            });
        });

        it("creates a Regional domain name with TLS 1.2 only, once ACM has issued the certificate", () => {
            registry.hasInputs(DOMAIN, "shop-domain", {
                domainName: "api.example.com",
                domainNameConfiguration: {
                    // The validation's output: the domain name waits for the issued certificate.
                    certificateArn: registry.one(VALIDATION).outputs.certificateArn,
                    endpointType: "REGIONAL",
                    securityPolicy: "TLS_1_2",
                    ipAddressType: "dualstack",
                },
            });
            assert.ok(registry.one(DOMAIN).dependencies.includes(registry.one(VALIDATION).urn));
        });

        it("maps the $default stage under the base path", () => {
            registry.hasInputs(MAPPING, "shop-domain-mapping", {
                apiId: registry.one(API).id,
                domainName: registry.one(DOMAIN).id,
                stage: "$default",
                apiMappingKey: "v1",
            });
        });

        it("aliases A and AAAA records of the domain to its Regional target", () => {
            for (const type of ["A", "AAAA"])
                registry.hasInputs(RECORD, `shop-domain-${type.toLowerCase()}`, {
                    zoneId: ZONE,
                    name: "api.example.com",
                    type,
                    aliases: [{ name: "d-abcdef0123.execute-api.us-east-1.amazonaws.com", zoneId: "Z1UJRXOUMOOFQ8", evaluateTargetHealth: false }],
                });
        });

        it("turns the execute-api endpoint off and gives the domain's URL as the API's", async () => {
            registry.hasInputs(API, undefined, { disableExecuteApiEndpoint: true });
            assert.equal(await unwrap(result.url), "https://api.example.com/v1/");
            assert.equal(await unwrap(result.domainUrl!), "https://api.example.com/v1/");
            assert.match(await unwrap(result.invokeUrl), /^https:\/\/[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com\/$/);
        });
    });

    it("uses a given certificate and creates no DNS record without a zone", async () => {
        const { registry, result } = await build(() => new ServerlessApi("shop", withDomain({ domainName: "api.example.com", certificateArn: API_CERT })), {
            fixtures: DOMAIN_FIXTURES,
        });
        assert.equal(registry.ofType(CERT).length, 0);
        assert.equal(registry.ofType(RECORD).length, 0);
        registry.hasInputs(DOMAIN, "shop-domain", { domainNameConfiguration: { certificateArn: API_CERT } });
        registry.hasInputs(MAPPING, undefined, { apiMappingKey: undefined });
        registry.hasInputs(API, undefined, { disableExecuteApiEndpoint: false });
        assert.equal(await unwrap(result.url), "https://api.example.com/");
    });

    it("creates no alias records when told not to", async () => {
        const { registry } = await build(
            () => new ServerlessApi("shop", withDomain({ domainName: "api.example.com", certificateArn: API_CERT, hostedZoneId: ZONE, aliasRecords: false })),
            { fixtures: DOMAIN_FIXTURES },
        );
        assert.equal(registry.ofType(RECORD).length, 0);
    });

    it("keeps the execute-api URL as the API's for a wildcard domain", async () => {
        const { registry, result } = await build(() => new ServerlessApi("shop", withDomain({ domainName: "*.example.com", hostedZoneId: ZONE })), {
            fixtures: DOMAIN_FIXTURES,
        });
        registry.hasInputs(CERT, undefined, { domainName: "*.example.com" });
        registry.hasInputs(RECORD, "shop-domain-validation", { name: "_0123abcd.example.com." });
        assert.equal(result.domainUrl, undefined);
        assert.match(await unwrap(result.url), /execute-api/);
    });
});

describe("ServerlessApi custom domain validation", () => {
    const cases: Array<{ title: string; args: ServerlessApiArgs; path: string; message: RegExp; config?: Record<string, string> }> = [
        {
            title: "refuses disableExecuteApiEndpoint without a domain",
            args: { ...MINIMAL, disableExecuteApiEndpoint: true },
            path: "disableExecuteApiEndpoint",
            message: /no address/,
        },
        {
            title: "refuses a domain with neither certificate nor hosted zone",
            args: withDomain({ domainName: "api.example.com" }),
            path: "domain.certificateArn",
            message: /is required/,
        },
        {
            title: "refuses an upper-case domain name",
            args: withDomain({ domainName: "API.example.com", certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /upper-case/,
        },
        {
            title: "refuses a wildcard that is not the whole leftmost label",
            args: withDomain({ domainName: "api*.example.com", certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /label "api\*"/,
        },
        {
            title: "refuses a wildcard below the leftmost label",
            args: withDomain({ domainName: "api.*.example.com", certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /label "\*"/,
        },
        {
            title: "refuses a label longer than 63 characters",
            args: withDomain({ domainName: `${"a".repeat(64)}.example.com`, certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /has the label/,
        },
        {
            title: "refuses a name longer than 253 characters",
            args: withDomain({ domainName: `${"abcdefghi.".repeat(25)}example.com`, certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /characters long/,
        },
        {
            title: "refuses a label starting with '-'",
            args: withDomain({ domainName: "-api.example.com", certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /has the label "-api"/,
        },
        {
            title: "refuses a single-label name",
            args: withDomain({ domainName: "localhost", certificateArn: API_CERT }),
            path: "domain.domainName",
            message: /single label/,
        },
        {
            title: "refuses a certificate ARN that is not ACM's",
            args: withDomain({ domainName: "api.example.com", certificateArn: "arn:aws:iam::123456789012:server-certificate/api" }),
            path: "domain.certificateArn",
            message: /is malformed; allowed: an ACM certificate ARN/,
        },
        {
            title: "refuses a malformed hosted zone id",
            args: withDomain({ domainName: "api.example.com", hostedZoneId: "example.com" }),
            path: "domain.hostedZoneId",
            message: /hosted zone id/,
        },
        {
            title: "refuses a domain name over ACM's 64 characters when the component requests the certificate",
            args: withDomain({ domainName: `${"a".repeat(55)}.example.com`, hostedZoneId: ZONE }),
            path: "domain.domainName",
            message: /is 67 characters long, and ACM refuses a certificate whose domain name exceeds 64/,
        },
        {
            title: "refuses alias records without a hosted zone",
            args: withDomain({ domainName: "api.example.com", certificateArn: API_CERT, aliasRecords: true }),
            path: "domain.aliasRecords",
            message: /needs hostedZoneId/,
        },
        {
            title: "refuses a base path with a leading slash",
            args: withDomain({ domainName: "api.example.com", certificateArn: API_CERT, basePath: "/v1" }),
            path: "domain.basePath",
            message: /leading or trailing/,
        },
        {
            title: "refuses a base path with a character API mappings do not take",
            args: withDomain({ domainName: "api.example.com", certificateArn: API_CERT, basePath: "v1~beta" }),
            path: "domain.basePath",
            message: /\$-_\.\+!\*'\(\)/,
        },
        {
            title: "refuses a base path longer than an API mapping's 300 characters",
            args: withDomain({ domainName: "api.example.com", certificateArn: API_CERT, basePath: `${"orders/".repeat(43)}v1` }),
            path: "domain.basePath",
            message: /303 characters long/,
        },
        {
            title: "refuses an unknown domain argument",
            args: withDomain({ domainName: "api.example.com", certificateArn: API_CERT, securityPolicy: "TLS_1_0" } as never),
            path: "domain.securityPolicy",
            message: /not a known argument/,
        },
    ];

    for (const c of cases) {
        it(`${c.title}, registering nothing`, async () => {
            const { error, registry } = await buildFails(() => new ServerlessApi("shop", c.args), { config: c.config });
            assert.ok(error instanceof ArgsError, String(error));
            assert.ok(
                error.issues.find((i) => i.path === c.path),
                `no issue at ${c.path}: ${error.message}`,
            );
            assert.match(error.message, c.message);
            assert.equal(registry.size, 0);
        });
    }

    it("fails the preview on a certificate from another Region than the provider's, once that Region is known", async () => {
        const { error } = await buildFails(() => new ServerlessApi("shop", withDomain({ domainName: "api.example.com", certificateArn: API_CERT })), {
            config: { "aws:region": "eu-west-1" },
        });
        assert.ok(error instanceof ArgsError, String(error));
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["domain.certificateArn"],
        );
        assert.match(
            error.message,
            /ServerlessApi "shop": domain.certificateArn=.*is in us-east-1, not in the API's Region eu-west-1; allowed: a certificate in eu-west-1/,
        );
    });

    it("accepts host names, wildcards and multi-level base paths API Gateway takes", () => {
        for (const name of ["api.example.com", "a.b-c.example.co.uk", "xn--bcher-kva.example", `${"a".repeat(63)}.example.com`]) {
            const issues = new Issues();
            assert.ok(checkDomainName(issues, "d", name), `${name}: ${JSON.stringify(issues.list)}`);
        }
        assert.deepEqual(validate(withDomain({ domainName: "*.example.com", hostedZoneId: ZONE, basePath: "orders/v1" })), []);
        assert.deepEqual(validate(withDomain({ domainName: "api.example.com", certificateArn: API_CERT, basePath: "orders/v1.0/$beta_(x)" })), []);
        // A given certificate may carry a long name as a subject alternative name: only a requested one is limited to 64.
        assert.deepEqual(validate(withDomain({ domainName: `${"a".repeat(55)}.example.com`, certificateArn: API_CERT, hostedZoneId: ZONE })), []);
        const issues = new Issues();
        assert.equal(checkDomainName(issues, "d", "*.example.com"), false, "a wildcard where none is allowed (a TLS server name)");
    });

    it("defaults aliasRecords to true with a hosted zone and to false without one", () => {
        assert.equal(normalizeApiDomain({ domainName: "api.example.com", hostedZoneId: ZONE }).aliasRecords, true);
        assert.equal(normalizeApiDomain({ domainName: "api.example.com", certificateArn: API_CERT }).aliasRecords, false);
        assert.equal(normalizeApiDomain({ domainName: "api.example.com", hostedZoneId: ZONE, aliasRecords: false }).aliasRecords, false);
    });

    it("resolves the domain in both APIs' normalize, transform included", () => {
        const domain = { domainName: "api.example.com", hostedZoneId: ZONE };
        const resolved = { ...domain, aliasRecords: true, transform: {} };
        assert.deepEqual(normalize(withDomain(domain)).domain, resolved);
        assert.deepEqual(normalizeRest({ routes: {}, domain }).domain, resolved);
    });

    it("documents every default of the domain helper", () => assertDefaultsDocumented("components/shared/api-domain.ts", API_DOMAIN_DEFAULTS));
});
