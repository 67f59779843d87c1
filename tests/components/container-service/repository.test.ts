import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import type { ContainerArgs, ContainerServiceArgs } from "../../../components/container-service/args";
import { lifecyclePolicy, createRepositories, resolveImages } from "../../../components/container-service/repository";
import { build, unwrap } from "../../../components/testing";
import { TestParent, VPC, testCtx } from "./ctx";

const REPO = "aws:ecr/repository:Repository";
const args = (extra: Partial<ContainerServiceArgs> = {}): ContainerServiceArgs => ({ vpc: VPC, repositories: { app: {} }, ...extra });

describe("ContainerService repositories (ECR)", () => {
    describe("lifecyclePolicy", () => {
        it("expires untagged images by age first, then keeps the newest images of any tag", () => {
            assert.deepEqual(lifecyclePolicy(30, 7).rules, [
                {
                    rulePriority: 1,
                    description: "Expire untagged images 7 days after push",
                    selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
                    action: { type: "expire" },
                },
                {
                    rulePriority: 2,
                    description: "Keep the newest 30 images",
                    selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 },
                    action: { type: "expire" },
                },
            ]);
        });
    });

    describe("createRepositories", () => {
        it("makes tags immutable, scans on push and encrypts with AES256 by default", async () => {
            const { registry } = await build(() => createRepositories(testCtx("web", args())));
            const repo = registry.one(REPO, "web-app-repo");
            assert.equal(repo.inputs.imageTagMutability, "IMMUTABLE");
            assert.deepEqual(repo.inputs.imageScanningConfiguration, { scanOnPush: true });
            assert.deepEqual(repo.inputs.encryptionConfigurations, [{ encryptionType: "AES256" }]);
            assert.equal(repo.inputs.tags["aws-platform:component"], "ContainerService/web");
            assert.equal(repo.parent, registry.one(TestParent.type).urn);
        });

        it("attaches a lifecycle policy with the configured counts to the repository", async () => {
            const { registry } = await build(() =>
                createRepositories(testCtx("web", args({ repositories: { app: { keepImages: 50, untaggedExpiryDays: 3 } } }))),
            );
            const repo = registry.one(REPO);
            const policy = registry.one("aws:ecr/lifecyclePolicy:LifecyclePolicy", "web-app-repo-lifecycle");
            assert.equal(policy.inputs.repository, repo.outputs.name);
            const rules = policy.inputs.policy.rules;
            assert.deepEqual(
                rules.map((r: any) => [r.rulePriority, r.selection.tagStatus, r.selection.countType, r.selection.countNumber]),
                [
                    [1, "untagged", "sinceImagePushed", 3],
                    [2, "any", "imageCountMoreThan", 50],
                ],
            );
        });

        it("refuses to delete a repository holding images, and protects it, with protectData", async () => {
            const { registry } = await build(() => createRepositories(testCtx("web", args({ protectData: true }), { protect: true })));
            const repo = registry.one(REPO);
            assert.equal(repo.inputs.forceDelete, false);
            assert.equal(repo.protect, true);
            assert.equal(registry.one("aws:ecr/lifecyclePolicy:LifecyclePolicy").protect, false);
        });

        it("lets a repository holding images be deleted, unprotected, without protectData", async () => {
            const { registry } = await build(() => createRepositories(testCtx("web", args())));
            const repo = registry.one(REPO);
            assert.equal(repo.inputs.forceDelete, true);
            assert.equal(repo.protect, false);
        });

        it("allows overwriting tags with immutableTags false", async () => {
            const { registry } = await build(() => createRepositories(testCtx("web", args({ repositories: { app: { immutableTags: false } } }))));
            assert.equal(registry.one(REPO).inputs.imageTagMutability, "MUTABLE");
        });

        it("encrypts with the given KMS key", async () => {
            const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            const { registry } = await build(() => createRepositories(testCtx("web", args({ repositories: { app: { encryption: "KMS", kmsKeyArn: key } } }))));
            assert.deepEqual(registry.one(REPO).inputs.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: key }]);
        });

        it("applies transform.repository to the repository's args", async () => {
            const { registry } = await build(() => createRepositories(testCtx("web", args({ transform: { repository: { imageTagMutability: "MUTABLE" } } }))));
            assert.equal(registry.one(REPO).inputs.imageTagMutability, "MUTABLE");
        });
    });

    describe("resolveImages", () => {
        /** Resolves the images of a service "api" whose containers have the given images. */
        const resolve = (images: Record<string, ContainerArgs["image"]>) =>
            build(() => {
                const containers = Object.fromEntries(Object.entries(images).map(([k, image]) => [k, { image }]));
                const ctx = testCtx("web", args({ services: { api: { containers } } }));
                return resolveImages(ctx, "api", ctx.cfg.services.api.containers, createRepositories(ctx));
            });

        it("keeps a public image as it is, with nothing to pull from ECR", async () => {
            const { result, registry } = await resolve({ app: "public.ecr.aws/nginx/nginx:1.27" });
            assert.equal(result.images.app, "public.ecr.aws/nginx/nginx:1.27");
            assert.deepEqual(result.pullRepositoryArns, []);
            assert.equal(registry.ofType("awsx:ecr:Image").length, 0);
        });

        it("grants pulling from the repository of a private ECR image", async () => {
            const image = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.4.2";
            const { result } = await resolve({ app: image });
            assert.equal(result.images.app, image);
            assert.deepEqual(result.pullRepositoryArns, ["arn:aws:ecr:eu-west-1:210987654321:repository/team/api"]);
        });

        it("builds { build } into the named repository and uses the pushed image's URI", async () => {
            const { result, registry } = await resolve({
                app: { build: { repository: "app", context: "./app", dockerfile: "Dockerfile.prod", platform: "linux/arm64" } },
            });
            const repo = registry.one(REPO, "web-app-repo");
            const image = registry.one("awsx:ecr:Image", "web-api-app-image");
            assert.equal(image.remote, true);
            assert.equal(image.parent, registry.one(TestParent.type).urn);
            assert.equal(image.inputs.repositoryUrl, repo.outputs.repositoryUrl);
            assert.equal(image.inputs.context, "./app");
            assert.equal(image.inputs.dockerfile, "app/Dockerfile.prod");
            assert.equal(image.inputs.platform, "linux/arm64");
            assert.equal(await unwrap(result.images.app), image.outputs.imageUri);
            assert.match(image.outputs.imageUri, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/web-app-repo-[0-9a-f]+@sha256:[0-9a-f]{64}$/);
            assert.deepEqual(await unwrap(pulumi.all(result.pullRepositoryArns)), [repo.outputs.arn]);
        });

        it("defaults a build to the context's Dockerfile for linux/amd64", async () => {
            const { registry } = await resolve({ app: { build: { repository: "app", context: "app" } } });
            const image = registry.one("awsx:ecr:Image");
            assert.equal(image.inputs.dockerfile, "app/Dockerfile");
            assert.equal(image.inputs.platform, "linux/amd64");
        });

        it("lists a repository once when several containers pull from it", async () => {
            const { result, registry } = await resolve({
                app: { build: { repository: "app", context: "app" } },
                worker: { build: { repository: "app", context: "worker" } },
                sidecar: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shared:1",
                proxy: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shared:2",
            });
            assert.deepEqual(
                registry.ofType("awsx:ecr:Image").map((i) => i.name),
                ["web-api-app-image", "web-api-worker-image"],
            );
            assert.deepEqual(await unwrap(pulumi.all(result.pullRepositoryArns)), [
                registry.one(REPO).outputs.arn,
                "arn:aws:ecr:us-east-1:123456789012:repository/shared",
            ]);
        });
    });
});
