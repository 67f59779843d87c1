import type { AlarmTopicArgs, AlarmTopicPublisher } from "./args";

/** The one source of AlarmTopic's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    emails: {} as Record<string, string>,
    keyDeletionWindowDays: 30,
    publishers: [] as AlarmTopicPublisher[],
    protectData: false,
    tags: {} as Record<string, string>,
    transform: {} as NonNullable<AlarmTopicArgs["transform"]>,
};

export type ResolvedAlarmTopic = Required<AlarmTopicArgs>;

/** Fills every default. Call after `validate`. */
export function normalize(args: AlarmTopicArgs): ResolvedAlarmTopic {
    return {
        emails: args.emails ?? DEFAULTS.emails,
        keyDeletionWindowDays: args.keyDeletionWindowDays ?? DEFAULTS.keyDeletionWindowDays,
        publishers: args.publishers ?? DEFAULTS.publishers,
        protectData: args.protectData ?? DEFAULTS.protectData,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
