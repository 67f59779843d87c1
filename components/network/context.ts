import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../shared/tags";
import type { ResolvedNetwork } from "./defaults";

/** What every builder of the Network receives: the component (parent of every child), its name, config and tags. */
export interface NetworkContext {
    parent: pulumi.ComponentResource;
    name: string;
    cfg: ResolvedNetwork;
    tags: Tags;
}

/** The component's tags plus a `Name` (what the EC2 console shows in its Name column). */
export function named(ctx: NetworkContext, name: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return { ...ctx.tags, Name: name };
}
