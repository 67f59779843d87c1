import * as pulumi from "@pulumi/pulumi";

/**
 * `value`, resolved only once every resource of `after` exists, so whatever consumes it depends on
 * them all: a role's ARN after its policies, a subnet's id after its routes, a topic's ARN after its
 * policy. Nothing then starts with a dependency that cannot yet do its job.
 */
export function readyAfter<T>(value: pulumi.Output<T>, after: pulumi.CustomResource[]): pulumi.Output<T> {
    return pulumi.all([pulumi.all(after.map((r) => r.id)), value]).apply(([, resolved]) => resolved) as pulumi.Output<T>;
}
