/**
 * aws-platform: Pulumi components for AWS. Named re-exports only: this file is the public API.
 */
export { ArgsError, Issue } from "./shared/errors";
export { Transform } from "./shared/transform";
