import type * as pulumi from "@pulumi/pulumi";
import type { DaxClusterArgs, DaxTableRef, DaxVpcArgs } from "./args";
import type { Table } from "../table/table";

/** The one source of DaxCluster's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    DaxClusterArgs: {
        nodeType: "dax.t3.small",
        nodes: 1,
        recordTtlSeconds: 300,
        queryTtlSeconds: 300,
        allowFrom: [] as pulumi.Input<string>[],
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<DaxClusterArgs["transform"]>,
    },
};

/** Every field filled: optional only where an absence means "none" (window, topic). */
export interface ResolvedDaxCluster {
    table: Table | DaxTableRef;
    vpc: DaxVpcArgs;
    nodeType: string;
    nodes: number;
    recordTtlSeconds: number;
    queryTtlSeconds: number;
    allowFrom: pulumi.Input<string>[];
    maintenanceWindow?: string;
    notificationTopicArn?: pulumi.Input<string>;
    tags: Record<string, string>;
    transform: NonNullable<DaxClusterArgs["transform"]>;
}

/** Fills every default. Call after the shape check (see `validate`). */
export function normalize(args: DaxClusterArgs): ResolvedDaxCluster {
    const d = DEFAULTS.DaxClusterArgs;
    const out: ResolvedDaxCluster = {
        table: args.table,
        vpc: args.vpc,
        nodeType: args.nodeType ?? d.nodeType,
        nodes: args.nodes ?? d.nodes,
        recordTtlSeconds: args.recordTtlSeconds ?? d.recordTtlSeconds,
        queryTtlSeconds: args.queryTtlSeconds ?? d.queryTtlSeconds,
        allowFrom: args.allowFrom ?? d.allowFrom,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
    if (args.maintenanceWindow !== undefined) out.maintenanceWindow = args.maintenanceWindow;
    if (args.notificationTopicArn !== undefined) out.notificationTopicArn = args.notificationTopicArn;
    return out;
}
