/**
 * EC2 instance type names and their CPU architecture, read from the name as AWS's naming conventions
 * define it (https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html): the
 * series (`m`, `c`, `r`, `g`, `inf`…), the generation, then attribute letters; `g` among the
 * attributes means an AWS Graviton (arm64) processor (`m7g`, `c7gn`, `r6gd`, `t4g`, `g5g`, `im4gn`),
 * and `a1` is the first Graviton. Pure: no Pulumi.
 */
import type { Issues } from "./errors";

/** `family.size`: `m7i.large`, `m7i-flex.xlarge`, `u-6tb1.metal`, `c7gn.16xlarge`. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/;
/** Series letters, generation digits, attribute letters (before any `-` option such as `-flex`). */
const FAMILY = /^([a-z]+)(\d+)([a-z]*)/;

/** The architecture an instance type's name implies, or undefined when the name does not say. */
export function architectureOf(instanceType: string): "x86_64" | "arm64" | undefined {
    const family = instanceType.split(".")[0];
    if (family === "a1") return "arm64";
    const m = FAMILY.exec(family);
    if (!m) return undefined;
    // Mac instances are Apple silicon or x86 and run only macOS: EKS cannot use them either way.
    if (m[1] === "mac") return undefined;
    return m[3].includes("g") ? "arm64" : "x86_64";
}

/**
 * Instance types: at least one, each of the `family.size` form, no repeats, and each of the group's
 * architecture (an arm64 AMI does not boot on x86 and the reverse). An `architecture` of undefined
 * (itself invalid, reported by the caller) skips only the architecture rule.
 */
export function checkInstanceTypes(issues: Issues, path: string, types: string[], architecture: "x86_64" | "arm64" | undefined): void {
    if (types.length === 0) {
        issues.add(path, types, "is empty", 'one or more EC2 instance types, e.g. ["m7i.large", "m6i.large"]');
        return;
    }
    const seen = new Set<string>();
    types.forEach((t, i) => {
        const p = `${path}[${i}]`;
        if (!INSTANCE_TYPE.test(t)) {
            issues.add(p, t, "is not an EC2 instance type", 'a family and a size, e.g. "m7i.large" or "c7g.xlarge"');
            return;
        }
        if (seen.has(t)) issues.add(p, t, "is listed twice", "each instance type once");
        seen.add(t);
        const arch = architectureOf(t);
        if (arch !== undefined && architecture !== undefined && arch !== architecture) {
            const why =
                arch === "arm64"
                    ? `is a Graviton (arm64) type: the 'g' after the generation in "${t.split(".")[0]}" means an AWS Graviton processor, which cannot boot the ${architecture} AMI`
                    : `is an x86_64 type, which cannot boot the arm64 AMI`;
            issues.add(p, t, why, `${architecture} instance types, or set architecture: "${arch}"`);
        }
    });
}
