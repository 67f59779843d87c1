/**
 * Valid DeploymentGroup args for each platform (a fresh copy per call, so a test may mutate it) and
 * the resource types the tests look up.
 */
import { DeploymentGroup } from "../../../components/deployment-group";
import type { DeploymentGroupArgs, EcsTargetArgs, LambdaTargetArgs, ServerTargetArgs } from "../../../components/deployment-group/args";
import { Built, build } from "../../../components/testing";

export const ACCOUNT = "123456789012";
export const LISTENER = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/shop/0123456789abcdef/0123456789abcdef`;
export const TEST_LISTENER = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/shop/0123456789abcdef/fedcba9876543210`;
export const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/web-task`;
export const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/web-execution`;
export const HOOK = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:smoke-test`;
export const HOOK2 = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:warm-up`;
export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:deployments`;
export const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

export function ecsTarget(): EcsTargetArgs {
    return {
        clusterName: "shop",
        serviceName: "web",
        targetGroupNames: ["web-tg", "web-tg-alt"],
        productionListenerArns: [LISTENER],
    };
}

export function lambdaTarget(): LambdaTargetArgs {
    return { functionName: "orders", alias: "live" };
}

export function serverTarget(): ServerTargetArgs {
    return { autoScalingGroupNames: ["shop-asg"] };
}

export const ecsArgs = (more: Partial<DeploymentGroupArgs> = {}): DeploymentGroupArgs => ({ target: { ecs: ecsTarget() }, ...more });
export const lambdaArgs = (more: Partial<DeploymentGroupArgs> = {}): DeploymentGroupArgs => ({ target: { lambda: lambdaTarget() }, ...more });
export const serverArgs = (more: Partial<DeploymentGroupArgs> = {}): DeploymentGroupArgs => ({ target: { server: serverTarget() }, ...more });

/** Builds a DeploymentGroup "web" under the mocks. */
export function buildGroup(args: DeploymentGroupArgs, name = "web"): Promise<Built<DeploymentGroup>> {
    return build(() => new DeploymentGroup(name, args));
}

export const T = {
    component: "aws-platform:cicd:DeploymentGroup",
    application: "aws:codedeploy/application:Application",
    group: "aws:codedeploy/deploymentGroup:DeploymentGroup",
    config: "aws:codedeploy/deploymentConfig:DeploymentConfig",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
};
