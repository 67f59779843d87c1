export { Thumbnails, ThumbnailsResources } from "./thumbnails";
export { ThumbnailsArgs, ThumbnailFunctionArgs } from "./args";
export { DEFAULTS as THUMBNAILS_DEFAULTS } from "./defaults";
export { THUMBNAIL_ENVIRONMENT_KEYS, THUMBNAIL_LIMITS } from "./validate";
export {
    BucketEncryption,
    BucketLifecycleRule,
    PrivateBucket,
    PrivateBucketSpec,
    PrivateBucketTransforms,
    createPrivateBucket,
    tlsOnlyStatement,
} from "../shared/bucket";
