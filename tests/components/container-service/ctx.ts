/**
 * A hand-built `Ctx` for testing the ContainerService builders alone, without the component class:
 * call `testCtx` inside `build(() => ...)` so the parent registers with the mock engine.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import type { Ctx } from "../../../components/container-service/context";
import { normalize } from "../../../components/container-service/defaults";
import { componentTags } from "../../../components/shared/tags";
import { DEFAULT_CONTEXT } from "../../../components/testing";

/** Stands in for the component: the builders' children are parented to it. */
export class TestParent extends pulumi.ComponentResource {
    static readonly type = "aws-platform:test:Parent";

    constructor(name: string) {
        super(TestParent.type, name, {}, {});
        this.registerOutputs({});
    }
}

/** A VPC given as plain arrays, the way EFS mount targets need it. */
export const VPC = {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    publicSubnetIds: ["subnet-0ccccccccccccccc3", "subnet-0ddddddddddddddd4"],
};

export interface TestCtxOptions {
    /** Put `protect: true` in `dataOpts`, as the component does with `protectData`. */
    protect?: boolean;
}

/** Builds a TestParent and the Ctx the component would pass to its builders. */
export function testCtx(name: string, args: ContainerServiceArgs, options: TestCtxOptions = {}): Ctx & { parent: TestParent } {
    const parent = new TestParent(name);
    const cfg = normalize(name, args);
    return {
        name,
        cfg,
        opts: { parent },
        tags: componentTags("aws-platform:ecs:ContainerService", name, cfg.tags),
        region: pulumi.output(DEFAULT_CONTEXT.region),
        accountId: pulumi.output(DEFAULT_CONTEXT.accountId),
        partition: pulumi.output(DEFAULT_CONTEXT.partition),
        dataOpts: options.protect ? { parent, protect: true } : { parent },
        uniqueSuffix: "abc1234",
        parent,
    };
}
