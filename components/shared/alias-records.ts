import * as route53 from "@pulumi/aws/route53";
import type * as pulumi from "@pulumi/pulumi";
import { childName } from "./naming";
import { Transform, create } from "./transform";

/** Where alias records point: a CloudFront distribution's, an API Gateway domain's or a load balancer's name and hosted zone. */
export interface AliasTarget {
    name: pulumi.Input<string>;
    zoneId: pulumi.Input<string>;
}

/**
 * Route 53 alias records for `host` in the zone, one per type (`A`, and `AAAA` where the target answers IPv6), each a
 * child named `<base>-a` / `<base>-aaaa`. Alias queries to AWS targets are free. `evaluateTargetHealth` is false:
 * CloudFront and API Gateway report no health, and a load balancer's would change nothing here, since each name has a
 * single record and Route 53 answers with it anyway when no record of a name is healthy
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html).
 */
export function createAliasRecords(
    base: string,
    spec: { zoneId: pulumi.Input<string>; host: string; target: AliasTarget; types: readonly ("A" | "AAAA")[] },
    opts: pulumi.CustomResourceOptions,
    transform?: Transform<route53.RecordArgs>,
): Partial<Record<"A" | "AAAA", route53.Record>> {
    const records: Partial<Record<"A" | "AAAA", route53.Record>> = {};
    for (const type of spec.types)
        records[type] = create(
            route53.Record,
            childName(base, type.toLowerCase()),
            { zoneId: spec.zoneId, name: spec.host, type, aliases: [{ name: spec.target.name, zoneId: spec.target.zoneId, evaluateTargetHealth: false }] },
            opts,
            transform,
        );
    return records;
}

/**
 * A logical-name part for a host name, one per host: `-` doubled, `.` as `-` (a label never starts or ends with `-`,
 * so the two cannot meet), a leading `*` as `_wildcard` (no host name holds `_`): `a-b.example.com` → `a--b-example-com`,
 * `*.example.com` → `_wildcard-example-com`.
 */
export function hostSlug(host: string): string {
    return host.replace(/-/g, "--").replace(/\./g, "-").replace(/^\*/, "_wildcard");
}
