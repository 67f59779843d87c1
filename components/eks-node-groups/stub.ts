/** CONTRACT STUB (integrator): replaced by the node-group helper. Each component exposes at least these. */
import * as pulumi from "@pulumi/pulumi";
import type { FargateProfileArgs, ManagedNodeGroupArgs, SelfManagedNodeGroupArgs } from "./args";

export class ManagedNodeGroup extends pulumi.ComponentResource {
    /** The node IAM role's ARN. */
    readonly roleArn!: pulumi.Output<string>;
    /** The `aws.eks.NodeGroup`, to wait on (add-ons that need nodes depend on it). */
    readonly nodeGroup!: pulumi.Resource;
    constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-platform:eks:ManagedNodeGroup", name, args, opts);
    }
}
export class SelfManagedNodeGroup extends pulumi.ComponentResource {
    readonly roleArn!: pulumi.Output<string>;
    /** The Auto Scaling group (and its EC2_LINUX access entry), to wait on. */
    readonly nodeGroup!: pulumi.Resource;
    constructor(name: string, args: SelfManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-platform:eks:SelfManagedNodeGroup", name, args, opts);
    }
}
export class FargateProfile extends pulumi.ComponentResource {
    readonly podExecutionRoleArn!: pulumi.Output<string>;
    readonly profile!: pulumi.Resource;
    constructor(name: string, args: FargateProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-platform:eks:FargateProfile", name, args, opts);
    }
}
