export type Tags = Record<string, string>;

/**
 * Tags for a child: the component's tags, then the child's own. Provider `defaultTags` are added by
 * AWS on top (and do not appear in the inputs), so stacks put project-wide tags there.
 */
export function withTags(base: Tags, extra?: Tags): Tags {
    return { ...base, ...(extra ?? {}) };
}

/** Tags every component adds so a resource found in the console leads back to its component. */
export function componentTags(type: string, name: string, user: Tags | undefined): Tags {
    return { "aws-platform:component": `${type.split(":").pop()}/${name}`, ...(user ?? {}) };
}
