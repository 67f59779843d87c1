import * as acm from "@pulumi/aws/acm";
import * as route53 from "@pulumi/aws/route53";
import type * as pulumi from "@pulumi/pulumi";
import { childName } from "./naming";
import { Transform, create } from "./transform";

/** An ACM certificate requested for one name and validated by DNS in a Route 53 zone. */
export interface DnsCertificateResources {
    certificate: acm.Certificate;
    /** The validation CNAME, in the zone. */
    validationRecord: route53.Record;
    /** Waits until ACM has issued the certificate. */
    validation: acm.CertificateValidation;
    /** The certificate's ARN once issued: what listeners and domain names must use (they refuse a pending one). */
    certificateArn: pulumi.Output<string>;
}

/**
 * `<base>-certificate`, `<base>-validation` (the CNAME ACM asks for, in `zoneId`) and
 * `<base>-certificate-validation`, which waits for the certificate to be issued
 * (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html).
 */
export function createDnsCertificate(
    base: string,
    spec: { domainName: string; zoneId: pulumi.Input<string> },
    opts: pulumi.CustomResourceOptions,
    tags: Record<string, string>,
    transform: {
        certificate?: Transform<acm.CertificateArgs>;
        validationRecord?: Transform<route53.RecordArgs>;
        validation?: Transform<acm.CertificateValidationArgs>;
    } = {},
): DnsCertificateResources {
    const certificate = create(
        acm.Certificate,
        childName(base, "certificate"),
        { domainName: spec.domainName, validationMethod: "DNS", tags },
        opts,
        transform.certificate,
    );
    // One name, one validation option (a wildcard's record is that of its parent domain).
    const option = certificate.domainValidationOptions.apply((o) => o[0]);
    const validationRecord = create(
        route53.Record,
        childName(base, "validation"),
        {
            zoneId: spec.zoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 60,
            // The same CNAME serves every certificate for this name: a second one must not fail on it. It is still
            // deleted with its owner, which leaves another certificate of this name unable to renew (ACM needs the
            // record while the certificate is in use: https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html).
            // Not retainOnDelete: a record left behind that no stack tracks keeps its hosted zone from being deleted
            // (HostedZoneNotEmpty); the components' docs ask for one owner per name instead.
            allowOverwrite: true,
        },
        opts,
        transform.validationRecord,
    );
    const validation = create(
        acm.CertificateValidation,
        childName(base, "certificate-validation"),
        { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
        opts,
        transform.validation,
    );
    return { certificate, validationRecord, validation, certificateArn: validation.certificateArn };
}
