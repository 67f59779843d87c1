/**
 * `architecture.mmd`: the plan as a reader draws it, a Mermaid flowchart (GitHub renders it) with
 * one box per component the stack wires and arrows where one component uses another's resources.
 * Individual resources are summarised as kinds with counts so that a stack of hundreds stays legible.
 */
import { PreviewState, ROOT_STACK_TYPE, nameOfUrn } from "./preview-json";
import { countBy } from "./tree";

const OUR_PREFIX = "aws-platform:";

/** `Name` of `pkg:module:Name`. */
function typeName(type: string): string {
    return type.split(":").pop() ?? type;
}

/** `ecs Service` for `aws:ecs/service:Service`; `eks Cluster` for `eks:index:Cluster`. */
export function resourceKind(type: string): string {
    const [pkg, mod = "", name = type] = type.split(":");
    const module = mod.split("/")[0];
    return `${module === "" || module === "index" ? pkg : module} ${name}`;
}

/** A Mermaid id: alphanumerics and underscores, prefixed so that no id is a keyword (`end`). */
function sanitize(prefix: string, text: string): string {
    return `${prefix}_${text.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** A quoted Mermaid label; `"` is the one character a quoted label cannot hold. */
function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

/**
 * Resources a reader draws on an architecture diagram: where traffic enters, what runs, where data
 * lives. Each is its own node; everything else (roles, alarms, rules, policies) is summarised.
 */
const KEY_TYPES = new Set([
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:ecs/cluster:Cluster",
    "aws:ecs/service:Service",
    "aws:ecs/expressGatewayService:ExpressGatewayService",
    "aws:autoscaling/group:Group",
    "aws:scheduler/schedule:Schedule",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:sqs/queue:Queue",
    "aws:sns/topic:Topic",
    "aws:efs/fileSystem:FileSystem",
    "aws:ecr/repository:Repository",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/flowLog:FlowLog",
    "aws:lambda/function:Function",
    "aws:apigatewayv2/api:Api",
    "aws:apigateway/restApi:RestApi",
    "aws:dynamodb/table:Table",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:cloudfront/distribution:Distribution",
    "aws:eks/cluster:Cluster",
    "aws:codepipeline/pipeline:Pipeline",
]);

/**
 * Arrows between key resources of one component: A → B when B depends on A directly or through
 * resources that are not key (a service reaches its load balancer through a listener rule and a
 * target group).
 */
function keyEdges(keys: PreviewState[], within: PreviewState[]): Array<[string, string]> {
    const dependents = new Map<string, string[]>();
    for (const s of within) for (const d of s.dependencies ?? []) dependents.set(d, [...(dependents.get(d) ?? []), s.urn]);
    const isKey = new Set(keys.map((k) => k.urn));
    const edges: Array<[string, string]> = [];
    for (const k of keys) {
        const seen = new Set<string>([k.urn]);
        const queue = [...(dependents.get(k.urn) ?? [])];
        while (queue.length) {
            const u = queue.shift()!;
            if (seen.has(u)) continue;
            seen.add(u);
            if (isKey.has(u)) edges.push([k.urn, u]);
            else queue.push(...(dependents.get(u) ?? []));
        }
    }
    return edges;
}

const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

/**
 * Where each subnet's default route leads: `[subnet, target]` for every route whose table is
 * associated with the subnet and whose target (internet or NAT gateway) is in `within`. Read from the
 * property dependencies, which hold URNs in a preview (ids are unknown there).
 */
function routeFlows(within: PreviewState[]): Array<[string, string, string]> {
    const dep = (s: PreviewState, prop: string) => s.propertyDependencies?.[prop]?.[0];
    const subnetsOf = new Map<string, string[]>();
    for (const a of within.filter((s) => s.type === ROUTE_TABLE_ASSOCIATION)) {
        const table = dep(a, "routeTableId");
        const subnet = dep(a, "subnetId");
        if (table && subnet) subnetsOf.set(table, [...(subnetsOf.get(table) ?? []), subnet]);
    }
    const flows: Array<[string, string, string]> = [];
    for (const r of within.filter((s) => s.type === ROUTE)) {
        const table = dep(r, "routeTableId");
        const target = dep(r, "natGatewayId") ?? dep(r, "gatewayId");
        if (table === undefined || target === undefined) continue;
        for (const subnet of subnetsOf.get(table) ?? []) flows.push([subnet, target, String(r.inputs.destinationCidrBlock ?? "")]);
    }
    return flows;
}

/** What a key resource's node says besides its name: a subnet's AZ and range. */
function detail(s: PreviewState): string {
    if (s.type === "aws:ec2/subnet:Subnet" && s.inputs.cidrBlock) return ` ${[s.inputs.availabilityZone, s.inputs.cidrBlock].filter(Boolean).join(" ")}`;
    return "";
}

/** `ecs Service ×3`: a kind of resource and how many there are; the count is left out for one. */
function kindLabels(states: PreviewState[]): Array<{ kind: string; text: string }> {
    return countBy(states, (s) => resourceKind(s.type)).map(({ key, count }) => ({ kind: key, text: count > 1 ? `${key} ×${count}` : key }));
}

/**
 * Renders the plan's resources as a Mermaid flowchart: a subgraph per top-level component of ours
 * (its child components as nodes, its resources as kinds with counts), a node per remote component
 * and per kind of resource created outside components, and an arrow from a component to each
 * component whose resources depend on its resources.
 */
export function renderMermaid(states: PreviewState[]): string {
    const root = states.find((s) => s.type === ROOT_STACK_TYPE);
    const children = new Map<string, PreviewState[]>();
    for (const s of states) if (s.parent !== undefined) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
    const descendants = (urn: string): PreviewState[] => (children.get(urn) ?? []).flatMap((c) => [c, ...descendants(c.urn)]);
    const topLevel = root === undefined ? [] : (children.get(root.urn) ?? []);

    const used = new Set<string>();
    const uniqueId = (prefix: string, text: string) => {
        const base = sanitize(prefix, text);
        let id = base;
        for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
        used.add(id);
        return id;
    };

    const lines = ["flowchart LR"];
    /** URN of a top-level resource → the Mermaid id that stands for it. */
    const entity = new Map<string, string>();
    const looseResources: PreviewState[] = [];
    for (const top of topLevel) {
        if (top.custom) {
            looseResources.push(top);
            continue;
        }
        const below = descendants(top.urn);
        const name = nameOfUrn(top.urn);
        const title = `${typeName(top.type)}: ${name}`;
        // Our components open up; remote components (awsx, eks) hide their children from the mock
        // engine, and an empty subgraph renders badly, so both are shown as a single node.
        if (!top.type.startsWith(OUR_PREFIX) || below.length === 0) {
            const id = uniqueId("c", name);
            entity.set(top.urn, id);
            lines.push(`    ${id}[${label(title)}]`);
            continue;
        }
        const id = uniqueId("sg", name);
        entity.set(top.urn, id);
        lines.push(`    subgraph ${id}[${label(title)}]`);
        for (const child of (children.get(top.urn) ?? []).filter((c) => !c.custom)) {
            const childName = nameOfUrn(child.urn);
            lines.push(`        ${uniqueId(id, childName)}[${label(`${typeName(child.type)}: ${childName}`)}]`);
        }
        const resources = below.filter((s) => s.custom);
        const keys = resources.filter((s) => KEY_TYPES.has(s.type));
        const keyIds = new Map<string, string>();
        for (const k of keys) {
            // `saas-web` is shown as `Service: web` inside the box titled `ContainerService: saas`.
            const short = nameOfUrn(k.urn).replace(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-`), "");
            const kid = uniqueId(id, nameOfUrn(k.urn));
            keyIds.set(k.urn, kid);
            lines.push(`        ${kid}[${label(`${typeName(k.type)}: ${short}${detail(k)}`)}]`);
        }
        const rest = kindLabels(resources.filter((s) => !KEY_TYPES.has(s.type)));
        if (keys.length === 0) {
            for (const k of rest) lines.push(`        ${uniqueId(id, k.kind)}[${label(k.text)}]`);
        } else if (rest.length > 0) {
            lines.push(`        ${uniqueId(id, "supporting")}[${label(`supporting: ${rest.map((k) => k.text).join(", ")}`)}]`);
        }
        for (const [from, to] of keyEdges(keys, resources)) lines.push(`        ${keyIds.get(from)} --> ${keyIds.get(to)}`);
        // Traffic, dotted: each subnet's routes to its internet or NAT gateway.
        for (const [from, to, destination] of routeFlows(resources)) {
            if (keyIds.has(from) && keyIds.has(to)) lines.push(`        ${keyIds.get(from)} -.->|${label(destination)}| ${keyIds.get(to)}`);
        }
        lines.push("    end");
    }
    // Resources the program creates outside any component: one node per kind.
    for (const k of kindLabels(looseResources)) {
        const id = uniqueId("r", k.kind);
        for (const s of looseResources.filter((r) => resourceKind(r.type) === k.kind)) entity.set(s.urn, id);
        lines.push(`    ${id}[${label(k.text)}]`);
    }

    // An arrow from the component that owns a dependency to the component that uses it.
    const parentOf = new Map(states.map((s) => [s.urn, s.parent]));
    const topOf = (urn: string): string | undefined => {
        for (let u: string | undefined = urn; u !== undefined; u = parentOf.get(u)) if (entity.has(u)) return entity.get(u);
        return undefined;
    };
    const edges = new Set<string>();
    for (const s of states) {
        for (const dep of s.dependencies ?? []) {
            const from = topOf(dep);
            const to = topOf(s.urn);
            if (from !== undefined && to !== undefined && from !== to) edges.add(`    ${from} --> ${to}`);
        }
    }
    lines.push(...edges);
    return `${lines.join("\n")}\n`;
}
