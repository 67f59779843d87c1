import * as pulumi from "@pulumi/pulumi";
import * as appautoscaling from "@pulumi/aws/appautoscaling";
import { childName, fitName } from "../shared/naming";
import type { Tags } from "../shared/tags";
import { create } from "../shared/transform";
import type { ResolvedAutoScaling, ResolvedTable } from "./defaults";

export interface ScalingResources {
    target: appautoscaling.Target;
    policy: appautoscaling.Policy;
}

const METRIC = { read: "DynamoDBReadCapacityUtilization", write: "DynamoDBWriteCapacityUtilization" } as const;
const UNITS = { read: "ReadCapacityUnits", write: "WriteCapacityUnits" } as const;

/**
 * Target tracking on the table's and each global index's provisioned capacity: one scalable target
 * and one policy per scaled dimension, keyed `table-read`, `table-write`, `<index>-read`, `<index>-write`.
 * Application Auto Scaling uses its service-linked role for DynamoDB
 * (AWSServiceRoleForApplicationAutoScaling_DynamoDBTable) when no role is given, so none is created
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html).
 */
export function createScaling(
    name: string,
    cfg: ResolvedTable,
    tableName: pulumi.Output<string>,
    tags: Tags,
    opts: pulumi.CustomResourceOptions,
): Record<string, ScalingResources> {
    const out: Record<string, ScalingResources> = {};
    if (cfg.billingMode !== "PROVISIONED") return out;
    const scaled: Array<{ key: string; index?: string; scaling: ResolvedAutoScaling }> = [
        { key: "table", scaling: cfg.autoScaling },
        ...Object.entries(cfg.globalIndexes).map(([index, g]) => ({ key: index, index, scaling: g.autoScaling })),
    ];
    for (const { key, index, scaling } of scaled) {
        for (const dim of ["read", "write"] as const) {
            const s = scaling[dim];
            if (s === undefined) continue;
            // Application Auto Scaling names DynamoDB resources `table/<name>` and `table/<name>/index/<index>`
            // (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
            const resourceId = index === undefined ? pulumi.interpolate`table/${tableName}` : pulumi.interpolate`table/${tableName}/index/${index}`;
            const scalableDimension = `dynamodb:${index === undefined ? "table" : "index"}:${UNITS[dim]}`;
            const role = index === undefined ? [dim] : [index, dim];
            const target = create(
                appautoscaling.Target,
                childName(name, ...role, "scaling-target"),
                { serviceNamespace: "dynamodb", resourceId, scalableDimension, minCapacity: s.minCapacity, maxCapacity: s.maxCapacity, tags },
                opts,
                cfg.transform.scalingTarget,
            );
            const policy = create(
                appautoscaling.Policy,
                fitName(childName(name, ...role, "scaling-policy"), appautoscaling.Policy),
                {
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: target.serviceNamespace,
                    resourceId: target.resourceId,
                    scalableDimension: target.scalableDimension,
                    targetTrackingScalingPolicyConfiguration: {
                        predefinedMetricSpecification: { predefinedMetricType: METRIC[dim] },
                        targetValue: s.targetUtilizationPercent,
                    },
                },
                opts,
                cfg.transform.scalingPolicy,
            );
            out[`${key}-${dim}`] = { target, policy };
        }
    }
    return out;
}
