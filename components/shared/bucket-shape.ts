import type { PrivateBucketTransforms } from "./bucket";
import { object, optional, transform } from "./shape";

/** The shape of `PrivateBucketTransforms`: one transform per companion resource. */
export const PRIVATE_BUCKET_TRANSFORMS_SHAPE = object<PrivateBucketTransforms>()({
    bucket: optional(transform()),
    ownershipControls: optional(transform()),
    publicAccessBlock: optional(transform()),
    encryption: optional(transform()),
    policy: optional(transform()),
    versioning: optional(transform()),
    lifecycle: optional(transform()),
});
