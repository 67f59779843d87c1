import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy, createInstanceProfile, createRole } from "../../../components/shared/iam";
import { asgTags } from "../../../components/shared/launch-tags";
import { type LaunchTemplateSpec, createLaunchTemplate } from "../../../components/shared/launch-template";
import { build, unwrap } from "../../../components/testing";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";

const spec = (extra: Partial<LaunchTemplateSpec> = {}): LaunchTemplateSpec => ({
    family: "al2023",
    diskSizeGiB: 50,
    instanceTags: pulumi.output<Record<string, string>>({ team: "a" }),
    instanceName: "app-instance",
    tags: { team: "a" },
    ...extra,
});

describe("createLaunchTemplate", () => {
    it("requires IMDSv2 with one hop and keeps instance tags out of the metadata", async () => {
        const { registry } = await build(() => createLaunchTemplate("app", spec(), {}));
        registry.hasInputs(LT, "app-launch-template", {
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        });
    });

    it("gives the instances an encrypted gp3 root volume of diskSizeGiB", async () => {
        const { registry } = await build(() => createLaunchTemplate("app", spec(), {}));
        registry.hasInputs(LT, "app-launch-template", {
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
        });
    });

    it("turns detailed monitoring on only when asked", async () => {
        const on = await build(() => createLaunchTemplate("app", spec({ monitoring: true }), {}));
        assert.deepEqual(on.registry.one(LT).inputs.monitoring, { enabled: true });
        const absent = await build(() => createLaunchTemplate("app", spec(), {}));
        assert.equal(absent.registry.one(LT).inputs.monitoring, undefined);
    });

    it("names the instances and tags instances, volumes and ENIs", async () => {
        const { registry } = await build(() => createLaunchTemplate("app", spec(), {}));
        const specs = registry.one(LT).inputs.tagSpecifications as Array<{ resourceType: string; tags: Record<string, string> }>;
        assert.deepEqual(
            specs.map((s) => [s.resourceType, s.tags]),
            [
                ["instance", { team: "a", Name: "app-instance" }],
                ["volume", { team: "a" }],
                ["network-interface", { team: "a" }],
            ],
        );
    });
});

describe("createInstanceProfile", () => {
    it("creates the profile of the role after every managed policy attachment", async () => {
        const { registry } = await build(() => {
            const role = createRole(
                "app-role",
                {
                    description: "app instances",
                    assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
                    managedPolicies: { a: "arn:aws:iam::aws:policy/A", b: "arn:aws:iam::aws:policy/B" },
                },
                {},
            );
            createInstanceProfile("app", role, { team: "a" }, {});
        });
        const profile = registry.one("aws:iam/instanceProfile:InstanceProfile", "app-instance-profile");
        const attachments = registry.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.equal(attachments.length, 2);
        for (const a of attachments) assert.ok(profile.dependsOn.includes(a.urn), a.name);
        assert.deepEqual(profile.inputs.tags, { team: "a" });
    });
});

describe("asgTags", () => {
    it("propagates every tag at launch, the extra ones first", async () => {
        assert.deepEqual(await unwrap(asgTags(pulumi.output<Record<string, string>>({ team: "a" }), { AmazonECSManaged: "true" })), [
            { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
            { key: "team", value: "a", propagateAtLaunch: true },
        ]);
    });
});
