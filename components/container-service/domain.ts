import type * as lb from "@pulumi/aws/lb";
import type * as route53 from "@pulumi/aws/route53";
import * as pulumi from "@pulumi/pulumi";
import { createAliasRecords } from "../shared/alias-records";
import { DnsCertificateResources, createDnsCertificate } from "../shared/dns-certificate";
import { childName } from "../shared/naming";
import type { LoadBalancerDomainArgs } from "./args";
import type { Ctx } from "./context";

/** A load balancer's custom domain: the certificate requested for it (none when one is given) and the alias record. */
export interface LoadBalancerDomainResources {
    certificate?: DnsCertificateResources;
    records: Partial<Record<"A" | "AAAA", route53.Record>>;
}

/**
 * `<base>-domain-certificate` (ACM, validated by DNS in the zone) unless `certificateArn` is given, and
 * `<base>-domain-a`, the alias from the name to the load balancer. Only `A`: the load balancers are
 * IPv4, and an `AAAA` alias to an IPv4 load balancer answers nothing.
 */
export function createLoadBalancerDomain(
    ctx: Ctx,
    base: string,
    d: LoadBalancerDomainArgs,
    certificateArn: pulumi.Input<string> | undefined,
    loadBalancer: lb.LoadBalancer,
): LoadBalancerDomainResources {
    const t = ctx.cfg.transform;
    const domainBase = childName(base, "domain");
    const certificate =
        certificateArn === undefined
            ? createDnsCertificate(domainBase, { domainName: d.name, zoneId: d.hostedZoneId }, ctx.opts, ctx.tags, {
                  certificate: t.certificate,
                  validationRecord: t.dnsRecord,
                  validation: t.certificateValidation,
              })
            : undefined;
    // The alias target is the load balancer's DNS name with `dualstack.` (what the Route 53 console
    // writes; it answers A, and AAAA once the load balancer is dualstack) in the load balancer's
    // canonical hosted zone (`zoneId`), not the record's zone
    // (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-elb-load-balancer.html).
    const records = createAliasRecords(
        domainBase,
        {
            zoneId: d.hostedZoneId,
            host: d.name,
            target: { name: pulumi.interpolate`dualstack.${loadBalancer.dnsName}`, zoneId: loadBalancer.zoneId },
            types: ["A"],
        },
        ctx.opts,
        t.dnsRecord,
    );
    return { certificate, records };
}
