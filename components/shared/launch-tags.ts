import * as pulumi from "@pulumi/pulumi";
import { getDefaultTagsOutput } from "@pulumi/aws/getDefaultTags";
import { ArgsError } from "./errors";
import type { Tags } from "./tags";
import { MAX_TAGS } from "./validators";

/** Who launches the instances, for the error message: `ContainerService "shop"` and what gets the tags. */
export interface LaunchTagsOwner {
    /** The component class (`ContainerService`, `SelfManagedNodeGroup`). */
    component: string;
    /** The component instance's name. */
    instance: string;
    /** What carries the tags, in words: "the EC2 group and its instances". */
    target: string;
    /** Tags the caller adds on top of the merged ones (a `Name`, `AmazonECSManaged`, a cluster tag). */
    added: number;
}

/**
 * The provider's default tags merged with the component's, for what an Auto Scaling group (or an EKS
 * managed node group) launches. The provider's default tags skip Auto Scaling groups ("supported in
 * all resources that implement tags, with the exception of the aws_autoscaling_group resource":
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs#default_tags-configuration-block)
 * and never reach what a group launches: instances, volumes and ENIs get only the group's propagated
 * tags and the launch template's tag specifications. So both carry them explicitly.
 *
 * AWS allows 50 tags a resource. The default tags are known only here, so this is the first place the
 * sum can be checked: it fails with an `ArgsError` on `tags` when default + component + `added` tags
 * exceed 50.
 */
export function launchTags(owner: LaunchTagsOwner, tags: Tags, opts: { parent?: pulumi.Resource }): pulumi.Output<Tags> {
    return getDefaultTagsOutput({}, { parent: opts.parent }).tags.apply((defaults) => {
        const merged = { ...(defaults ?? {}), ...tags };
        const count = Object.keys(merged).length;
        if (count + owner.added > MAX_TAGS) {
            throw new ArgsError(owner.component, owner.instance, [
                {
                    path: "tags",
                    value: count,
                    message: `with the provider's default tags, gives ${owner.target} ${count + owner.added} tags`,
                    allowed: `at most ${MAX_TAGS} in all (default tags + component tags + ${owner.added})`,
                },
            ]);
        }
        return merged;
    });
}

/**
 * An Auto Scaling group's tags, each propagated to the instances it launches: `extra` first (tags the
 * service itself requires, such as `AmazonECSManaged`), then `tags` (see {@link launchTags}).
 */
export function asgTags(
    tags: pulumi.Output<Tags>,
    extra: Record<string, string> = {},
): pulumi.Output<Array<{ key: string; value: string; propagateAtLaunch: boolean }>> {
    return tags.apply((t) => [...Object.entries(extra), ...Object.entries(t)].map(([key, value]) => ({ key, value, propagateAtLaunch: true })));
}

/** A launch template's tag specification (the shape pulumi-aws takes). */
export interface LaunchTagSpecification {
    resourceType: string;
    tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Tag specifications of a launch template: instances (with their `Name`), their volumes and their
 * network interfaces, each with `tags` (see {@link launchTags}).
 */
export function launchTagSpecifications(tags: pulumi.Output<Tags>, instanceName: pulumi.Input<string>): LaunchTagSpecification[] {
    return [
        { resourceType: "instance", tags: pulumi.all([tags, instanceName]).apply(([t, n]) => ({ ...t, Name: n })) },
        { resourceType: "volume", tags },
        { resourceType: "network-interface", tags },
    ];
}
