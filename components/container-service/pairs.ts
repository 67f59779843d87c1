import type * as pulumi from "@pulumi/pulumi";

/** `{ name, value }` (or `valueFrom`) pairs sorted by name: stable task definitions, no spurious diffs. */
export function namedPairs<K extends string>(
    rec: Record<string, pulumi.Input<string>>,
    valueKey: K,
): Array<{ name: string } & Record<K, pulumi.Input<string>>> {
    return Object.keys(rec)
        .sort()
        .map((name) => ({ name, [valueKey]: rec[name] }) as { name: string } & Record<K, pulumi.Input<string>>);
}
