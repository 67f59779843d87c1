import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedEdgeFunctions } from "./defaults";

/** What every builder of the component needs: the instance name, the resolved args, the children's options, tags. */
export interface Ctx {
    name: string;
    cfg: ResolvedEdgeFunctions;
    /** `{ parent: component }`: every child's options. */
    opts: pulumi.CustomResourceOptions;
    tags: Record<string, string>;
    /** The component, for warnings (`pulumi.log.warn(msg, ctx.component)`). */
    component: pulumi.Resource;
}
