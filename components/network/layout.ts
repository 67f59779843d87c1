/**
 * The subnet maths: where each AZ's public and private subnet sits in the VPC's range. Pure: no Pulumi.
 *
 * The VPC is cut into `2^ceil(log2(azs))` equal AZ blocks (a /16 with 3 AZs gives four /18 blocks,
 * the last one left free for later). In each block the public subnet starts at the block's base and
 * the private subnet at the next boundary of its own size:
 *
 * - block /19 or larger: a /24 public and a /20 private subnet at base + 4096. 10.0.0.0/16 across two
 *   AZs: 10.0.0.0/24 + 10.0.16.0/20, 10.0.128.0/24 + 10.0.144.0/20;
 * - block /20 to /25: a public /24 (or a quarter of the block when that is smaller) and the block's
 *   upper half as the private subnet. 10.0.0.0/24 across two AZs: 10.0.0.0/27 + 10.0.0.64/26,
 *   10.0.0.128/27 + 10.0.0.192/26.
 *
 * Wherever /24 + /20 fits, this is exactly what awsx's `Auto` strategy (pulumi-awsx
 * `awsx/ec2/subnetDistributorNew.ts`) made of `subnetSpecs: [Public /24, Private /20]`, so the
 * addresses of a network built with the awsx-based version stay the same. A block smaller than /25 is
 * refused: public subnets hold load balancers, and an ALB needs subnets of at least /27 with 8 free
 * addresses (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer).
 */

/** An AZ's two subnets. */
export interface AzSubnets {
    public: string;
    private: string;
}

export interface SubnetLayout {
    /** Prefix length of each AZ's block. */
    azMask: number;
    publicMask: number;
    privateMask: number;
    /** One entry per AZ, in AZ order. */
    subnets: AzSubnets[];
}

/** The smallest AZ block that holds a /27 public and a /26 private subnet. */
export const SMALLEST_AZ_BLOCK = 25;
/** Today's sizes: a /24 public subnet (load balancers, NAT) and a /20 private one (4,091 task IPs). */
const PUBLIC_MASK = 24;
const PRIVATE_MASK = 20;

function toInt(ip: string): number {
    return ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
}

function toText(n: number): string {
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Bits needed to number `count` blocks. */
function azBits(count: number): number {
    return Math.ceil(Math.log2(count));
}

/** The AZ block's prefix length for a VPC of `vpcMask` bits split across `azCount` AZs. */
export function azBlockMask(vpcMask: number, azCount: number): number {
    return vpcMask + azBits(azCount);
}

/** The largest number of AZs a VPC of `vpcMask` bits can hold (at most `max`). */
export function maxAzs(vpcMask: number, max: number): number {
    return Math.min(max, 2 ** (SMALLEST_AZ_BLOCK - vpcMask));
}

/**
 * Public and private subnets for `azCount` AZs of `cidr` (a valid network address), or `undefined`
 * when an AZ's block would be smaller than /25.
 */
export function subnetLayout(cidr: string, azCount: number): SubnetLayout | undefined {
    const [base, bits] = cidr.split("/");
    const azMask = azBlockMask(Number(bits), azCount);
    if (azMask > SMALLEST_AZ_BLOCK) return undefined;
    const roomy = 2 ** (32 - azMask) >= 2 * 2 ** (32 - PRIVATE_MASK);
    const publicMask = roomy ? PUBLIC_MASK : Math.max(PUBLIC_MASK, azMask + 2);
    const privateMask = roomy ? PRIVATE_MASK : azMask + 1;
    const subnets = Array.from({ length: azCount }, (_v, i) => {
        const block = toInt(base) + i * 2 ** (32 - azMask);
        return {
            public: `${toText(block)}/${publicMask}`,
            // The private subnet starts at the first boundary of its size after the public one.
            private: `${toText(block + 2 ** (32 - privateMask))}/${privateMask}`,
        };
    });
    return { azMask, publicMask, privateMask, subnets };
}
