import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { ArgsError } from "../shared/errors";
import { childName } from "../shared/naming";
import type { Tags } from "../shared/tags";
import { create } from "../shared/transform";
import type { ResolvedTable } from "./defaults";
import type { ScalingResources } from "./scaling";

/**
 * One `aws.dynamodb.TableReplica` per replica region (global tables version 2019.11.21), keyed by
 * region, each created only once the table's auto scaling exists. Not the table's inline `replicas`:
 * the provider creates those in the table's own create step, before any scaling target can exist,
 * and DynamoDB refuses a replica of a provisioned table whose writes are not auto scaled yet ("Table
 * write capacity should either be Pay-Per-Request or AutoScaled";
 * https://github.com/hashicorp/terraform-provider-aws/issues/13097). The table ignores its
 * `replicas` (read back from AWS), as the provider's docs require beside this resource.
 */
export function createReplicas(
    name: string,
    cfg: ResolvedTable,
    table: dynamodb.Table,
    scaling: Record<string, ScalingResources>,
    tags: Tags,
    opts: pulumi.CustomResourceOptions,
): Record<string, dynamodb.TableReplica> {
    const out: Record<string, dynamodb.TableReplica> = {};
    if (cfg.replicaRegions.length === 0) return out;
    const keys = typeof cfg.encryption === "object" ? (cfg.encryption.replicaKmsKeyArns ?? {}) : {};
    // The table's own region is known only from the provider: checked once it is, with the same error.
    const ownRegion = getRegionOutput({}, opts).region;
    const after = Object.values(scaling).flatMap((s) => [s.target, s.policy]);
    cfg.replicaRegions.forEach((regionName, i) => {
        const region = ownRegion.apply((own) => {
            if (own === regionName)
                throw new ArgsError("Table", name, [
                    { path: `replicaRegions[${i}]`, value: regionName, message: "is the table's own region", allowed: "other regions only" },
                ]);
            return regionName;
        });
        out[regionName] = create(
            dynamodb.TableReplica,
            childName(name, regionName, "replica"),
            {
                globalTableArn: table.arn,
                region,
                pointInTimeRecovery: cfg.pointInTimeRecovery,
                deletionProtectionEnabled: cfg.deletionProtection,
                ...(keys[regionName] !== undefined ? { kmsKeyArn: keys[regionName] } : {}),
                tags,
            },
            // A replica holds the same data: protected like the table when protectData is set.
            { ...opts, dependsOn: after, ...(cfg.protectData ? { protect: true, retainOnDelete: true } : {}) },
            cfg.transform.replica,
        );
    });
    return out;
}
