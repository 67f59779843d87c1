/**
 * Who writes Elastic Load Balancing access logs into a bucket: in the Regions opened before August 2022, the Region's
 * ELB account (the bucket policy names `arn:<partition>:iam::<account>:root`); in the later ones, the service principal
 * `logdelivery.elasticloadbalancing.amazonaws.com`, which those older Regions do not use.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    // Jakarta opened in December 2021: in the documented list of ELB accounts, not a service-principal Region.
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-south-1": "635631232127",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * Who writes Network Load Balancer access logs (TLS listeners only): CloudWatch Logs' log delivery, in every Region,
 * never the ELB accounts above (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logging.html).
 */
export const NLB_LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

/** The bucket-policy principal that delivers a Region's ALB access logs. */
export function elbLogDeliveryPrincipal(region: string, partition: string): { AWS: string } | { Service: string } {
    const account = ELB_LOG_ACCOUNTS[region];
    return account === undefined ? { Service: ELB_LOG_DELIVERY_SERVICE } : { AWS: `arn:${partition}:iam::${account}:root` };
}
