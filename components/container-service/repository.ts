import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ecr from "@pulumi/aws/ecr";
import type { ecr as ecrInputs } from "@pulumi/aws/types/input";
import * as awsxEcr from "@pulumi/awsx/ecr";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { ImageBuildArgs } from "./args";
import type { Ctx } from "./context";
import { DEFAULTS, ResolvedContainer } from "./defaults";
import { pullRepositoryOf } from "./task";

/** An ECR repository and its lifecycle policy. */
export interface RepositoryResources {
    repository: ecr.Repository;
    lifecyclePolicy: ecr.LifecyclePolicy;
}

/**
 * The lifecycle policy: untagged images (layers of superseded builds) expire after
 * `untaggedExpiryDays`, and only the newest `keepImages` images are kept. ECR requires the
 * `tagStatus: "any"` rule to have the highest priority number, so it is evaluated last.
 *
 * Given as the provider's typed document (it serialises it): a plain object shows in plans as what
 * it is, not as a JSON string that readers of previews take for an IAM policy.
 */
export function lifecyclePolicy(keepImages: number, untaggedExpiryDays: number): ecrInputs.LifecyclePolicyDocument {
    return {
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images ${untaggedExpiryDays} days after push`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the newest ${keepImages} images`,
                selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
                action: { type: "expire" },
            },
        ],
    };
}

/**
 * Creates each of `repositories`: scan on push, tags immutable by default (Security Hub ECR.2),
 * encrypted, with a lifecycle policy. With `protectData` the repository is protected and ECR refuses
 * to delete it while it holds images.
 */
export function createRepositories(ctx: Ctx): Record<string, RepositoryResources> {
    const result: Record<string, RepositoryResources> = {};
    for (const [key, r] of Object.entries(ctx.cfg.repositories)) {
        const name = childName(ctx.name, key, "repo");
        const repository = create(
            ecr.Repository,
            fitName(name, ecr.Repository),
            {
                imageTagMutability: r.immutableTags ? "IMMUTABLE" : "MUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [
                    {
                        encryptionType: r.encryption,
                        // Without a key, "KMS" uses the AWS-managed aws/ecr key.
                        ...(r.encryption === "KMS" && r.kmsKeyArn !== undefined ? { kmsKey: r.kmsKeyArn } : {}),
                    },
                ],
                // Outside production a stack can be torn down even with images in it.
                forceDelete: !ctx.cfg.protectData,
                tags: ctx.tags,
            },
            { ...ctx.opts, ...ctx.dataOpts },
            ctx.cfg.transform.repository,
        );
        const policy = create(
            ecr.LifecyclePolicy,
            childName(name, "lifecycle"),
            {
                repository: repository.name,
                policy: lifecyclePolicy(r.keepImages, r.untaggedExpiryDays),
            },
            ctx.opts,
            ctx.cfg.transform.lifecyclePolicy,
        );
        result[key] = { repository, lifecyclePolicy: policy };
    }
    return result;
}

function isBuild(image: ResolvedContainer["image"]): image is { build: ImageBuildArgs } {
    return typeof image === "object" && image !== null && !pulumi.Output.isInstance(image) && !(image instanceof Promise) && "build" in image;
}

/**
 * Turns each container's `image` into a URI, and lists the ECR repositories the execution role must
 * pull from:
 * - a URI stays as it is; a private ECR URI (or an Output that resolves to one) adds its repository's
 *   ARN (see `pullRepositoryOf`).
 * - `{ build }` becomes an `awsx.ecr.Image` pushed to one of `repos`, named
 *   `${name}-${owner}-${container}-image`; the URI is the pushed digest.
 */
export function resolveImages(
    ctx: Ctx,
    owner: string,
    containers: Record<string, ResolvedContainer>,
    repos: Record<string, RepositoryResources>,
): { images: Record<string, pulumi.Input<string>>; built: Record<string, awsxEcr.Image>; pullRepositoryArns: pulumi.Input<string | undefined>[] } {
    const images: Record<string, pulumi.Input<string>> = {};
    const builtImages: Record<string, awsxEcr.Image> = {};
    // Keyed by the ARN (plain) or the repository key (built), so each repository is listed once.
    const pulls = new Map<string, pulumi.Input<string | undefined>>();
    for (const [key, c] of Object.entries(containers)) {
        const image = c.image;
        if (isBuild(image)) {
            const b = image.build;
            const repo = repos[b.repository];
            if (!repo) throw new Error(`internal: container ${key} of ${childName(ctx.name, owner)} builds into unknown repository ${b.repository}`);
            const built = create(
                awsxEcr.Image,
                childName(ctx.name, owner, key, "image"),
                {
                    repositoryUrl: repo.repository.repositoryUrl,
                    context: b.context,
                    // Our dockerfile is relative to the context; the Docker provider reads it relative to the program.
                    dockerfile: path.join(b.context, b.dockerfile ?? DEFAULTS.ImageBuildArgs.dockerfile),
                    platform: b.platform ?? DEFAULTS.ImageBuildArgs.platform,
                },
                ctx.opts,
            );
            images[key] = built.imageUri;
            builtImages[key] = built;
            pulls.set(`repository:${b.repository}`, repo.repository.arn);
        } else {
            images[key] = image;
            const arn = pullRepositoryOf(image);
            // A URI's repository is known now (listed once); an Output's once deployed (per container).
            if (typeof arn === "string") pulls.set(arn, arn);
            else if (arn !== undefined) pulls.set(`container:${key}`, arn);
        }
    }
    return { images, built: builtImages, pullRepositoryArns: [...pulls.values()] };
}
