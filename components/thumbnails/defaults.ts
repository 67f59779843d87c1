import type { BucketEncryption } from "../shared/bucket";
import type { ThumbnailFunctionArgs, ThumbnailsArgs } from "./args";

/** The one source of Thumbnails' default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    ThumbnailsArgs: {
        // One vCPU (Lambda gives a full vCPU at 1769 MiB): jimp resizes on one thread, so more buys
        // memory only; less slows the decode in proportion. 60 s bounds a 25 MiB source's decode.
        function: { entry: "functions/thumbnail/index.ts", memoryMiB: 1769, timeoutSeconds: 60 } as ThumbnailFunctionArgs,
        sourcePrefix: "uploads/",
        outputPrefix: "thumbnails/",
        width: 200,
        encryption: "sse-s3" as BucketEncryption,
        versioning: false,
        forceDestroy: false,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<ThumbnailsArgs["transform"]>,
    },
};

export interface ResolvedThumbnails {
    function: ThumbnailFunctionArgs;
    sourcePrefix: string;
    sourceSuffix?: string;
    outputPrefix: string;
    width: number;
    encryption: BucketEncryption;
    versioning: boolean;
    thumbnailExpireDays?: number;
    noncurrentVersionExpireDays?: number;
    forceDestroy: boolean;
    tags: Record<string, string>;
    transform: NonNullable<ThumbnailsArgs["transform"]>;
}

/** Fills every default. Call after the shape check. The function's own defaults are LambdaFunction's. */
export function normalize(args: ThumbnailsArgs): ResolvedThumbnails {
    const d = DEFAULTS.ThumbnailsArgs;
    const f = args.function ?? {};
    return {
        function: {
            ...f,
            entry: f.entry ?? (f.imageUri === undefined ? d.function.entry : undefined),
            memoryMiB: f.memoryMiB ?? d.function.memoryMiB,
            timeoutSeconds: f.timeoutSeconds ?? d.function.timeoutSeconds,
        },
        sourcePrefix: args.sourcePrefix ?? d.sourcePrefix,
        sourceSuffix: args.sourceSuffix,
        outputPrefix: args.outputPrefix ?? d.outputPrefix,
        width: args.width ?? d.width,
        encryption: args.encryption ?? d.encryption,
        versioning: args.versioning ?? d.versioning,
        thumbnailExpireDays: args.thumbnailExpireDays,
        noncurrentVersionExpireDays: args.noncurrentVersionExpireDays,
        forceDestroy: args.forceDestroy ?? d.forceDestroy,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
