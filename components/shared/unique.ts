import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * Seven hex characters from the project, stack and component name: stable across runs, different per
 * stack. For names AWS scopes to the account and region with no auto-naming (task definition families,
 * KMS aliases), so dev and prod in one account never share them. Not derived from a URN: an input that
 * depends on the component waits for all its children.
 */
export function stackSuffix(name: string): string {
    return createHash("sha256").update(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`).digest("hex").slice(0, 7);
}
