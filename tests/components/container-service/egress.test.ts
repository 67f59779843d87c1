/**
 * Private subnets without NAT: ContainerService refuses what could not start there, from the `egress`
 * and `interfaceEndpoints` a Network's `vpcArgs` carries.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { validate } from "../../../components/container-service/validate";
import { Network } from "../../../components/network";
import { build, buildFails } from "../../../components/testing";
import { DB_SECRET, baseArgs, web, withArgs } from "./fixtures";

const ECR_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0";
const TASK_START = ["ecr.api", "ecr.dkr", "logs"];

describe("ContainerService in subnets without NAT", () => {
    it('refuses services when the subnets reach neither NAT nor endpoints (egress "none"), before any resource', async () => {
        const { error, registry } = await buildFails(() => {
            const net = new Network("main", { natGateways: "none", interfaceEndpoints: [] });
            return new ContainerService(
                "shop",
                withArgs((a) => {
                    a.vpc = net.vpcArgs;
                }),
            );
        });
        assert.match(error.message, /^ContainerService "shop": vpc\.egress="none" leaves services\.web unable to start/);
        // Only the network (built first, by the program) exists: nothing of the service.
        assert.equal(registry.all().filter((r) => r.type.startsWith("aws-platform:ecs")).length, 0);
    });

    it("accepts a service on a private ECR image in a Network with the default endpoints", async () => {
        const { registry } = await build(() => {
            const net = new Network("main", { natGateways: "none" });
            return new ContainerService(
                "shop",
                withArgs((a) => {
                    a.vpc = net.vpcArgs;
                    web(a).containers.web.image = ECR_IMAGE;
                    web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
                    web(a).enableExecuteCommand = true;
                    web(a).containers.web.readonlyRootFilesystem = false;
                }),
            );
        });
        assert.equal(registry.ofType("aws:ecs/service:Service").length, 1);
    });

    it("refuses an image from a public registry, which needs the internet", () => {
        const issues = validate(
            withArgs((a) => {
                a.vpc = { ...a.vpc, egress: "endpoints", interfaceEndpoints: TASK_START };
            }),
        );
        assert.deepEqual(
            issues.map((i) => [i.path, i.value]),
            [["services.web.containers.web.image", "public.ecr.aws/nginx/nginx:1.27"]],
        );
    });

    it("names each missing endpoint with the feature that needs it", () => {
        const args = withArgs((a) => {
            a.vpc = { ...a.vpc, egress: "endpoints", interfaceEndpoints: ["ecr.api", "logs"] };
            web(a).containers.web.image = ECR_IMAGE;
            web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
            web(a).enableExecuteCommand = true;
            web(a).containers.web.readonlyRootFilesystem = false;
            web(a).queue = {};
            a.ec2Capacity = { instanceTypes: ["m7i.large"] };
        });
        const issues = validate(args).filter((i) => i.path === "vpc.interfaceEndpoints");
        assert.equal(issues.length, 1, JSON.stringify(validate(args)));
        assert.match(
            issues[0].message,
            /lacks "ecr.dkr" for services.web \(image pull, logs\), "secretsmanager" for services.web \(secrets\), "ssmmessages" for services.web \(ECS Exec\), "sqs" for services.web \(queue\), "ecs" for ec2Capacity \(the ECS agent\), "ecs-agent" .*"ecs-telemetry"/,
        );
    });

    it("needs the interface endpoint of each FireLens output the router sends to (Firehose, Kinesis)", () => {
        const routed = (interfaceEndpoints: string[]) =>
            validate(
                withArgs((a) => {
                    a.vpc = { ...a.vpc, egress: "endpoints", interfaceEndpoints };
                    web(a).containers.web.image = ECR_IMAGE;
                    web(a).containers.web.logging = { driver: "awsfirelens", options: { Name: "firehose", delivery_stream: "app-logs" } };
                    web(a).containers.side = {
                        image: ECR_IMAGE,
                        essential: false,
                        logging: { driver: "awsfirelens", options: { Name: "kinesis_streams", stream: "s" } },
                    };
                    web(a).logRouter = { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:3.4.14" };
                }),
            ).filter((i) => i.path === "vpc.interfaceEndpoints");
        const issues = routed(TASK_START);
        assert.equal(issues.length, 1);
        assert.match(
            issues[0].message,
            /"kinesis-firehose" for services\.web \(FireLens output firehose\), "kinesis-streams" for services\.web \(FireLens output kinesis_streams\)/,
        );
        assert.deepEqual(routed([...TASK_START, "kinesis-firehose", "kinesis-streams"]), []);
    });

    it("needs the ssm endpoint for a FireLens secret option kept in SSM, as for a container secret", () => {
        const issues = validate(
            withArgs((a) => {
                a.vpc = { ...a.vpc, egress: "endpoints", interfaceEndpoints: TASK_START };
                web(a).containers.web.image = ECR_IMAGE;
                web(a).containers.web.logging = {
                    driver: "awsfirelens",
                    options: { Name: "cloudwatch_logs", log_group_name: "g" },
                    secretOptions: { Header: "arn:aws:ssm:us-east-1:123456789012:parameter/h" },
                };
                web(a).logRouter = { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:3.4.14" };
            }),
        ).filter((i) => i.path === "vpc.interfaceEndpoints");
        assert.equal(issues.length, 1);
        assert.match(issues[0].message, /"ssm" for services\.web \(SSM parameters\)/);
    });

    it('checks nothing when egress is "nat" or not stated (your own VPC)', () => {
        assert.deepEqual(validate(baseArgs()), []);
        assert.deepEqual(
            validate(
                withArgs((a) => {
                    a.vpc = { ...a.vpc, egress: "nat", interfaceEndpoints: [] };
                }),
            ),
            [],
        );
    });

    it("rejects an unknown egress value", () => {
        const issues = validate(
            withArgs((a) => {
                a.vpc = { ...a.vpc, egress: "internet" as any };
            }),
        );
        assert.deepEqual(
            issues.map((i) => i.path),
            ["vpc.egress"],
        );
    });
});
