import * as assert from "node:assert";
import { RestApi, RestApiArgs } from "../../../components/rest-api";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { API_CERT, DOMAIN_FIXTURES, ZONE } from "../serverless-api/fixtures";
import { MINIMAL } from "./fixtures";

const API = "aws:apigateway/restApi:RestApi";
const DOMAIN = "aws:apigatewayv2/domainName:DomainName";
const MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping";
const RECORD = "aws:route53/record:Record";

const withDomain = (domain: RestApiArgs["domain"], extra: Partial<RestApiArgs> = {}): RestApiArgs => ({ ...MINIMAL, domain, ...extra });

describe("RestApi custom domain", () => {
    describe("given a hosted zone, a base path and the execute-api endpoint off", () => {
        let registry: Registry;
        let result: RestApi;
        before(async () => {
            ({ registry, result } = await build(
                () =>
                    new RestApi("shop", withDomain({ domainName: "api.example.com", hostedZoneId: ZONE, basePath: "v1" }, { disableExecuteApiEndpoint: true })),
                { fixtures: DOMAIN_FIXTURES },
            ));
        });

        it("maps the REST API's stage on a Regional TLS 1.2 domain name", () => {
            registry.hasInputs(DOMAIN, "shop-domain", {
                domainName: "api.example.com",
                domainNameConfiguration: { endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            });
            registry.hasInputs(MAPPING, "shop-domain-mapping", {
                apiId: registry.one(API).id,
                domainName: registry.one(DOMAIN).id,
                stage: "v1",
                apiMappingKey: "v1",
            });
        });

        it("aliases A and AAAA records of the domain in the zone", () => {
            for (const type of ["A", "AAAA"]) registry.hasInputs(RECORD, `shop-domain-${type.toLowerCase()}`, { zoneId: ZONE, name: "api.example.com", type });
        });

        it("turns the execute-api endpoint off and gives the domain's URL as the API's, the stage's as invokeUrl", async () => {
            registry.hasInputs(API, undefined, { disableExecuteApiEndpoint: true });
            assert.equal(await unwrap(result.url), "https://api.example.com/v1/");
            assert.equal(await unwrap(result.domainUrl!), "https://api.example.com/v1/");
            assert.match(await unwrap(result.invokeUrl), /execute-api\..*\/v1$/);
            assert.ok(result.resources.domain);
        });
    });

    it("keeps the stage's invoke URL as the API's without a domain, and creates no domain", async () => {
        const { registry, result } = await build(() => new RestApi("shop", MINIMAL));
        assert.equal(registry.ofType(DOMAIN).length, 0);
        assert.equal(result.domainUrl, undefined);
        assert.equal(await unwrap(result.url), await unwrap(result.invokeUrl));
    });

    for (const c of [
        {
            title: "refuses disableExecuteApiEndpoint without a domain",
            args: { ...MINIMAL, disableExecuteApiEndpoint: true },
            path: "disableExecuteApiEndpoint",
        },
        {
            title: "refuses a domain with neither certificate nor hosted zone",
            args: withDomain({ domainName: "api.example.com" }),
            path: "domain.certificateArn",
        },
        {
            title: "refuses an upper-case domain name",
            args: withDomain({ domainName: "API.example.com", certificateArn: API_CERT }),
            path: "domain.domainName",
        },
        {
            title: "refuses a base path with a leading slash",
            args: withDomain({ domainName: "api.example.com", certificateArn: API_CERT, basePath: "/v1" }),
            path: "domain.basePath",
        },
    ])
        it(`${c.title}, registering nothing`, async () => {
            const { error, registry } = await buildFails(() => new RestApi("shop", c.args as RestApiArgs));
            assert.ok(error instanceof ArgsError, String(error));
            assert.ok(
                error.issues.find((i) => i.path === c.path),
                error.message,
            );
            assert.equal(registry.size, 0);
        });
});
