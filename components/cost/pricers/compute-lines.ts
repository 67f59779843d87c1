/**
 * Helpers the network and compute pricers share: booleans and lists read from plan inputs, the resource an input
 * came from, EBS prices by volume type, and EC2 capacity (on-demand and Spot instance hours with their EBS volumes)
 * as Auto Scaling groups, managed node groups and single instances declare it. Lines and numbers: ./lines.ts.
 */
import { type CostLine, HOURS_PER_MONTH, type PlanResource, type PricingContext } from "../types";
import { fmt, line, num } from "./lines";

/** A plan input as a boolean ("true"/"false" strings included); undefined when absent or unknown. */
export function bool(value: unknown): boolean | undefined {
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    return undefined;
}

/** A known array input, else undefined. */
export function list<T = any>(value: unknown): T[] | undefined {
    return Array.isArray(value) ? (value as T[]) : undefined;
}

/** The first resource of `type` an input came from, else the one resource of that type beside `resource` (same parent). */
export function related(ctx: PricingContext, resource: PlanResource, properties: string[], type: string): PlanResource | undefined {
    for (const property of properties) {
        const found = ctx.plan.referenced(resource, property, type);
        if (found.length > 0) return found[0];
    }
    if (resource.parent === undefined) return undefined;
    const siblings = ctx.plan.children(resource.parent).filter((r) => r.type === type);
    return siblings.length === 1 ? siblings[0] : undefined;
}

/** EC2 capacity to price: how many instances of which type, and how many of them are Spot. */
export interface Ec2Capacity {
    /** What the instances are, for the lines' items (e.g. "ASG saas-on-demand-asg"). */
    what: string;
    instanceType: string | undefined;
    onDemand: number;
    spot: number;
    /** The launch template that gives the EBS volumes, if any. */
    launchTemplate?: PlanResource;
    /** Root volume size (GiB) when no launch template gives one (managed node groups' diskSize). */
    diskGiB?: number;
    /** The EBS volume type of `diskGiB`. @default "gp3" */
    diskType?: string;
    /** Whether each instance has a public IPv4 address. */
    publicIp: boolean;
    notes: string[];
}

/** EBS volume types the table prices storage for (https://aws.amazon.com/ebs/pricing/); others are priced as gp3. */
const EBS_PRICED = new Set(["gp3", "gp2", "io1", "io2", "st1", "sc1"]);

/** The price key and the type it prices for an EBS volume type: its own where the table has it, else gp3's. */
export function ebsPrice(volumeType: string): { key: string; type: string; note: string } {
    const type = EBS_PRICED.has(volumeType) ? volumeType : "gp3";
    return { key: `ebs.${type}.gbMonth`, type, note: type === volumeType ? "" : `; volume type ${volumeType} priced as gp3` };
}

/** On-demand and Spot instance hours, EBS volumes and public IPv4 of EC2 capacity. */
export function ec2CapacityLines(ctx: PricingContext, c: Ec2Capacity): CostLine[] {
    const lines: CostLine[] = [];
    const instances = c.onDemand + c.spot;
    const notes = c.notes.join("; ");
    const hourly = c.instanceType !== undefined ? ctx.prices.instanceHour(c.instanceType) : undefined;
    const typeName = c.instanceType ?? "unknown type";
    const missing = hourly === undefined ? `no hourly price for ${typeName} in prices/instances.ts: priced at $0` : undefined;
    const usd = hourly?.usd ?? 0;
    const unit = hourly?.unit ?? "hour";
    const key = `instance.${typeName}`;
    const join = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== "").join("; ");
    if (c.onDemand > 0 || instances === 0) {
        const quantity = c.onDemand * HOURS_PER_MONTH;
        lines.push({
            item: `EC2 on-demand instance hours (${typeName})`,
            price: key,
            quantity,
            unit,
            unitPrice: usd,
            monthly: quantity * usd,
            usage: false,
            note: join(`${fmt(c.onDemand)} on-demand instance(s) × ${HOURS_PER_MONTH} h (${c.what})`, missing),
        });
    }
    if (c.spot > 0) {
        const discount = ctx.prices.get("ec2.spotDiscount").usd;
        const quantity = c.spot * HOURS_PER_MONTH;
        const unitPrice = usd * (1 - discount);
        lines.push({
            item: `EC2 Spot instance hours (${typeName})`,
            price: key,
            quantity,
            unit,
            unitPrice,
            monthly: quantity * unitPrice,
            usage: false,
            note: join(
                `${fmt(c.spot)} Spot instance(s) × ${HOURS_PER_MONTH} h (${c.what}) at the on-demand price less an ASSUMED ${fmt(discount * 100)}% (ec2.spotDiscount; Spot prices vary)`,
                missing,
            ),
        });
    }
    // The capacity's assumptions (how the count was found, which type) belong to whichever hours line comes first.
    if (notes !== "") lines[0] = { ...lines[0], note: join(lines[0].note, notes) };
    if (instances > 0) lines.push(...ebsLines(ctx, c, instances));
    if (instances > 0 && c.publicIp) {
        lines.push(
            line(
                ctx,
                "Public IPv4 addresses of instances",
                "ipv4.hour",
                instances * HOURS_PER_MONTH,
                false,
                `${fmt(instances)} instance(s) with a public IP × ${HOURS_PER_MONTH} h`,
            ),
        );
    }
    return lines;
}

function ebsLines(ctx: PricingContext, c: Ec2Capacity, instances: number): CostLine[] {
    const mappings = list<any>(c.launchTemplate?.inputs?.blockDeviceMappings);
    const volumes: { sizeGiB: number; type: string }[] = [];
    if (mappings !== undefined && mappings.length > 0) {
        for (const m of mappings) {
            const size = num(m?.ebs?.volumeSize);
            if (size !== undefined) volumes.push({ sizeGiB: size, type: typeof m.ebs.volumeType === "string" ? m.ebs.volumeType : "gp2" });
        }
    } else if (c.diskGiB !== undefined) {
        volumes.push({ sizeGiB: c.diskGiB, type: c.diskType ?? "gp3" });
    }
    if (volumes.length === 0) return [];
    return volumes.map((v) => {
        const { key, type, note: other } = ebsPrice(v.type);
        return line(ctx, `EBS ${type} volumes of instances`, key, v.sizeGiB * instances, false, `${fmt(instances)} instance(s) × ${v.sizeGiB} GiB${other}`);
    });
}
