import * as assert from "node:assert";
import type { ComputePlatform } from "../../../components/deployment-group/args";
import { PREDEFINED, resolveConfig } from "../../../components/deployment-group/configs";
import { validate } from "../../../components/deployment-group/validate";
import { ecsArgs, lambdaArgs, serverArgs } from "./fixtures";

const ARGS = { ECS: ecsArgs, Lambda: lambdaArgs, Server: serverArgs };

describe("DeploymentGroup predefined configurations", () => {
    for (const platform of ["ECS", "Lambda"] as ComputePlatform[]) {
        it(`resolves canary and linear settings to exactly ${platform}'s predefined spelling of each`, () => {
            for (const name of PREDEFINED[platform].filter((n) => /Canary|Linear/.test(n))) {
                const [, kind, percent, minutes] = /(Canary|Linear)(\d+)Percent(?:Every)?(\d+)Minutes?$/.exec(name)!;
                const steps = { percent: Number(percent), intervalMinutes: Number(minutes) };
                const config = kind === "Canary" ? { canary: steps } : { linear: steps };
                assert.deepEqual(resolveConfig(platform, config), { predefined: name }, name);
            }
        });
    }

    for (const platform of ["ECS", "Lambda", "Server"] as ComputePlatform[]) {
        it(`accepts every predefined ${platform} name, and only on ${platform}`, () => {
            for (const name of PREDEFINED[platform]) {
                assert.deepEqual(validate(ARGS[platform]({ config: { name } })), [], name);
                for (const other of (["ECS", "Lambda", "Server"] as ComputePlatform[]).filter((p) => p !== platform))
                    assert.deepEqual(
                        validate(ARGS[other]({ config: { name } })).map((i) => i.path),
                        ["config.name"],
                        `${name} on ${other}`,
                    );
            }
        });
    }

    it("resolves all-at-once to each platform's own name", () => {
        assert.deepEqual(
            (["ECS", "Lambda", "Server"] as ComputePlatform[]).map((p) => resolveConfig(p, "all-at-once")),
            [
                { predefined: "CodeDeployDefault.ECSAllAtOnce" },
                { predefined: "CodeDeployDefault.LambdaAllAtOnce" },
                { predefined: "CodeDeployDefault.AllAtOnce" },
            ],
        );
    });
});
