import * as cloudfront from "@pulumi/aws/cloudfront";
import { CLOUDFRONT_LIMITS } from "../shared/limits/cloudfront";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";

export interface FunctionResources {
    /** The KeyValueStore, when a function asks for it. */
    keyValueStore?: cloudfront.KeyValueStore;
    /** The keys the component manages, by key. */
    keyValueStoreKeys: Record<string, cloudfront.KeyvaluestoreKey>;
    /** The CloudFront Functions, by key. */
    functions: Record<string, cloudfront.Function>;
}

/** The runtime of every CloudFront Function: 2.0 has KeyValueStore access, async/await and more of ES (1.0 neither). */
export const CLOUDFRONT_FUNCTION_RUNTIME = "cloudfront-js-2.0";

/**
 * The KeyValueStore (when a function reads it) with its managed keys, and the CloudFront Functions, published: only
 * the LIVE stage serves viewers, and a distribution associates only a published function
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/publish-function.html).
 */
export function createFunctions(ctx: Ctx): FunctionResources {
    const { name, cfg } = ctx;
    const t = cfg.transform;
    const wanted = Object.values(cfg.functions).some((f) => f.keyValueStore);
    const keyValueStore = wanted
        ? create(
              cloudfront.KeyValueStore,
              fitName(childName(name, "kvs"), cloudfront.KeyValueStore),
              // CreateKeyValueStore: a comment of at most 128 characters; KVS and functions take tags (pulumi-aws 7).
              { comment: `Data the edge functions of ${name} read`.slice(0, CLOUDFRONT_LIMITS.commentChars), tags: ctx.tags },
              ctx.opts,
              t.keyValueStore,
          )
        : undefined;
    const keyValueStoreKeys: Record<string, cloudfront.KeyvaluestoreKey> = {};
    if (keyValueStore)
        for (const [key, value] of Object.entries(cfg.keyValueStore.keys))
            keyValueStoreKeys[key] = create(
                cloudfront.KeyvaluestoreKey,
                childName(name, "kvs-key", key),
                { keyValueStoreArn: keyValueStore.arn, key, value },
                ctx.opts,
                t.keyValueStoreKey,
            );
    const functions = Object.fromEntries(
        Object.entries(cfg.functions).map(([key, f]) => [
            key,
            create(
                cloudfront.Function,
                fitName(childName(name, "function", key), cloudfront.Function),
                {
                    runtime: CLOUDFRONT_FUNCTION_RUNTIME,
                    code: f.code,
                    comment: f.comment ?? `${key} of ${name}`.slice(0, CLOUDFRONT_LIMITS.commentChars),
                    publish: true,
                    tags: ctx.tags,
                    // A function reads at most one KeyValueStore.
                    keyValueStoreAssociations: f.keyValueStore && keyValueStore ? [keyValueStore.arn] : undefined,
                },
                ctx.opts,
                t.function,
            ),
        ]),
    );
    return { keyValueStore, keyValueStoreKeys, functions };
}
