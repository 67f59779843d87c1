/**
 * Type-level tests: each args interface and its shape have the same keys. These are checked by `tsc`
 * (npm test runs it), so an arg added to an interface without a shape — or a shape for an arg that
 * no longer exists — fails the build; the `it` only makes the file visible in the test report.
 */
import * as assert from "node:assert";
import type * as cs from "../../components/container-service/args";
import * as S from "../../components/container-service/shape";
import type { Statement } from "../../components/shared/iam";
import { type KeysOfShape, int, object, optional, string } from "../../components/shared/shape";
import type { FlowLogArgs, NetworkArgs } from "../../components/network/args";
import { FLOW_LOG_SHAPE, NETWORK_SHAPE, NETWORK_TRANSFORM_SHAPE } from "../../components/network/validate";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type SameKeys<Sh, I> = Equal<KeysOfShape<Sh>, Extract<keyof I, string>>;

type Checks = [
    Assert<SameKeys<typeof NETWORK_SHAPE, NetworkArgs>>,
    Assert<SameKeys<typeof FLOW_LOG_SHAPE, FlowLogArgs>>,
    Assert<SameKeys<typeof NETWORK_TRANSFORM_SHAPE, NonNullable<NetworkArgs["transform"]>>>,
    Assert<SameKeys<typeof S.CONTAINER_SERVICE_SHAPE, cs.ContainerServiceArgs>>,
    Assert<SameKeys<typeof S.VPC_SHAPE, cs.VpcArgs>>,
    Assert<SameKeys<typeof S.CLUSTER_SHAPE, cs.ClusterArgs>>,
    Assert<SameKeys<typeof S.EC2_CAPACITY_SHAPE, cs.Ec2CapacityArgs>>,
    Assert<SameKeys<typeof S.LOAD_BALANCER_SHAPE, cs.LoadBalancerArgs>>,
    Assert<SameKeys<typeof S.CONTAINER_HEALTH_CHECK_SHAPE, cs.ContainerHealthCheckArgs>>,
    Assert<SameKeys<typeof S.IMAGE_BUILD_SHAPE, cs.ImageBuildArgs>>,
    Assert<SameKeys<typeof S.CONTAINER_SHAPE, cs.ContainerArgs>>,
    Assert<SameKeys<typeof S.SERVICE_LOAD_BALANCER_SHAPE, cs.ServiceLoadBalancerArgs>>,
    Assert<SameKeys<typeof S.STEP_SCALING_SHAPE, cs.StepScalingArgs>>,
    Assert<SameKeys<typeof S.SERVICE_SCALING_SHAPE, cs.ServiceScalingArgs>>,
    Assert<SameKeys<typeof S.QUEUE_SHAPE, cs.QueueArgs>>,
    Assert<SameKeys<typeof S.VOLUME_SHAPE, cs.VolumeArgs>>,
    Assert<SameKeys<typeof S.TASK_ROLE_SHAPE, cs.TaskRoleArgs>>,
    Assert<SameKeys<typeof S.TASK_SHAPE, cs.TaskArgs>>,
    Assert<SameKeys<typeof S.SERVICE_SHAPE, cs.ServiceArgs>>,
    Assert<SameKeys<typeof S.SCHEDULED_TASK_SHAPE, cs.ScheduledTaskArgs>>,
    Assert<SameKeys<typeof S.REPOSITORY_SHAPE, cs.RepositoryArgs>>,
    Assert<SameKeys<typeof S.FILE_SYSTEM_SHAPE, cs.FileSystemArgs>>,
    Assert<SameKeys<typeof S.EXPRESS_SERVICE_SHAPE, cs.ExpressServiceArgs>>,
    Assert<SameKeys<typeof S.TRANSFORM_SHAPE, NonNullable<cs.ContainerServiceArgs["transform"]>>>,
    Assert<Equal<(typeof S.STATEMENT_KEYS)[number], keyof Statement>>,
];

interface Example {
    a: string;
    b?: number;
}

// The builder itself refuses drift: each line below must fail to compile.
// @ts-expect-error a key of the interface is missing from the shape
object<Example>()({ a: string() });
// @ts-expect-error a key the interface does not have
object<Example>()({ a: string(), b: optional(int()), c: string() });
// @ts-expect-error an optional field written as required
object<Example>()({ a: string(), b: int() });
// @ts-expect-error a required field written as optional
object<Example>()({ a: optional(string()), b: optional(int()) });

describe("shapes and interfaces", () => {
    it("have the same keys for every args interface (checked by tsc)", () => {
        const checks: Checks["length"] = 25;
        assert.equal(checks, 25);
    });
});
