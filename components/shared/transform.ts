import * as pulumi from "@pulumi/pulumi";

/**
 * Changes a child resource's args without forking the component.
 *
 * - An object is merged over the component's args **shallowly**: a key you give replaces the
 *   component's value whole (arrays and nested objects included).
 * - A function receives the component's args, the child's own copy of its options and the child's
 *   logical name, and may mutate them or return new args: use it to append to arrays such as inline
 *   policies or tags, or to set an option (`protect`, `ignoreChanges`) on that one child.
 *
 * Applied in component code, so it works under Pulumi mocks and in the offline plan.
 */
export type Transform<T> = Partial<T> | ((args: T, opts: pulumi.CustomResourceOptions, name: string) => T | void);

export function applyTransform<T extends object>(
    transform: Transform<T> | undefined,
    args: T,
    opts: pulumi.CustomResourceOptions,
    name = "",
): [T, pulumi.CustomResourceOptions] {
    if (transform === undefined) return [args, opts];
    if (typeof transform === "function") {
        // A copy: components share one options object between children, and a change meant for this
        // child must not leak into the next.
        const own = { ...opts };
        const result = transform(args, own, name);
        return [result ?? args, own];
    }
    return [{ ...args, ...transform }, opts];
}

/**
 * Creates a child resource through its transform: `create(aws.ecs.Cluster, name, args, opts, t.cluster)`.
 */
export function create<A extends object, R>(
    ctor: new (name: string, args: A, opts?: pulumi.CustomResourceOptions) => R,
    name: string,
    args: A,
    opts: pulumi.CustomResourceOptions,
    transform?: Transform<A>,
): R {
    const [a, o] = applyTransform(transform, args, opts, name);
    return new ctor(name, a, o);
}
