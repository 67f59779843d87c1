/**
 * Child resource names are `${parent}-${role}` in kebab-case: the role is the same word in the logical
 * name, the `transform` key and the `resources` key, so a reader can find a child from any of them.
 */
export function childName(parent: string, ...roles: string[]): string {
    return [parent, ...roles].join("-");
}

/** The component's type token, `aws-platform:<module>:<Name>`: never changed once published. */
export function typeToken(module: string, name: string): string {
    return `aws-platform:${module}:${name}`;
}
