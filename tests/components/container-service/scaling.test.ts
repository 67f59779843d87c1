import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, buildFails } from "../../../components/testing";
import { T, web, withArgs, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

const LAG = { namespace: "App", metricName: "QueueLag", dimensions: { Queue: "jobs" } };

describe("ContainerService: predictive scaling and step scaling in both directions", () => {
    let b: Built;
    const transformed: string[] = [];
    before(async () => {
        b = await buildShop((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 10,
                predictive: {
                    metric: "memory",
                    targetPercent: 40,
                    mode: "ForecastAndScale",
                    schedulingBufferSeconds: 300,
                    maxCapacityBehavior: "IncreaseMaxCapacity",
                    maxCapacityBufferPercent: 20,
                },
                steps: {
                    busy: {
                        metric: LAG,
                        threshold: 100,
                        adjustmentType: "PercentChangeInCapacity",
                        metricAggregation: "Maximum",
                        cooldownSeconds: 60,
                        steps: [
                            { lower: 50, change: 50 },
                            { lower: 0, upper: 50, change: 20 },
                        ],
                    },
                    idle: {
                        metric: { ...LAG, statistic: "Maximum", periodSeconds: 300 },
                        threshold: 5,
                        comparison: "LessThanThreshold",
                        evaluationPeriods: 3,
                        steps: [{ upper: 0, change: -1 }],
                    },
                },
            };
            a.transform = {
                scalingPolicy: (args, _opts, name) => {
                    transformed.push(name);
                    return args;
                },
                scalingAlarm: { treatMissingData: "notBreaching" },
            };
        });
    });

    it("adds a predictive scaling policy on the memory metric pair with its mode, buffer and max-capacity behaviour", () => {
        const p = b.registry.one(T.scalingPolicy, "shop-web-predictive-scaling").inputs;
        assert.equal(p.policyType, "PredictiveScaling");
        assert.equal(p.resourceId, b.registry.one(T.scalingTarget, "shop-web-scaling").inputs.resourceId);
        assert.deepEqual(p.predictiveScalingPolicyConfiguration, {
            mode: "ForecastAndScale",
            schedulingBufferTime: 300,
            maxCapacityBreachBehavior: "IncreaseMaxCapacity",
            maxCapacityBuffer: 20,
            metricSpecifications: [{ targetValue: "40", predefinedMetricPairSpecification: { predefinedMetricType: "ECSServiceMemoryUtilization" } }],
        });
    });

    it("adds a scale-out step policy with the given adjustment type, aggregation, cooldown and steps", () => {
        const cfg = b.registry.one(T.scalingPolicy, "shop-web-busy-step-scaling").inputs.stepScalingPolicyConfiguration;
        assert.equal(cfg.adjustmentType, "PercentChangeInCapacity");
        assert.equal(cfg.metricAggregationType, "Maximum");
        assert.equal(cfg.cooldown, 60);
        assert.deepEqual(cfg.stepAdjustments, [
            { metricIntervalLowerBound: "50", scalingAdjustment: 50 },
            { metricIntervalLowerBound: "0", metricIntervalUpperBound: "50", scalingAdjustment: 20 },
        ]);
    });

    it("adds a scale-in step policy whose open lower bound is left unset (minus infinity)", () => {
        const cfg = b.registry.one(T.scalingPolicy, "shop-web-idle-step-scaling").inputs.stepScalingPolicyConfiguration;
        assert.equal(cfg.adjustmentType, "ChangeInCapacity");
        assert.equal(cfg.metricAggregationType, "Average");
        assert.deepEqual(cfg.stepAdjustments, [{ metricIntervalUpperBound: "0", scalingAdjustment: -1 }]);
    });

    it("fires the scale-in policy from a below-threshold alarm over the given periods", () => {
        const alarm = b.registry.one(T.alarm, "shop-web-idle-step-alarm").inputs;
        assert.deepEqual(alarm.alarmActions, [b.registry.one(T.scalingPolicy, "shop-web-idle-step-scaling").outputs.arn]);
        assert.equal(alarm.comparisonOperator, "LessThanThreshold");
        assert.equal(alarm.evaluationPeriods, 3);
        assert.equal(alarm.threshold, 5);
        assert.equal(alarm.statistic, "Maximum");
        assert.equal(alarm.period, 300);
        assert.match(alarm.alarmDescription, /Scales shop-web in/);
    });

    it("fires the scale-out policy from an at-or-above alarm by default", () => {
        const alarm = b.registry.one(T.alarm, "shop-web-busy-step-alarm").inputs;
        assert.deepEqual(alarm.alarmActions, [b.registry.one(T.scalingPolicy, "shop-web-busy-step-scaling").outputs.arn]);
        assert.equal(alarm.comparisonOperator, "GreaterThanOrEqualToThreshold");
        assert.equal(alarm.evaluationPeriods, 1);
        assert.deepEqual(alarm.dimensions, { Queue: "jobs" });
    });

    it("passes every scaling policy through transform.scalingPolicy with its name", () => {
        assert.deepEqual([...transformed].sort(), ["shop-web-busy-step-scaling", "shop-web-idle-step-scaling", "shop-web-predictive-scaling"]);
    });

    it("applies transform.scalingAlarm to the step alarms", () => {
        for (const role of ["busy", "idle"]) assert.equal(b.registry.one(T.alarm, `shop-web-${role}-step-alarm`).inputs.treatMissingData, "notBreaching");
    });

    it("exposes the predictive policy and both step policies and alarms in resources", () => {
        const s = b.result.resources.services.web.scaling!;
        assert.deepEqual(Object.keys(s.policies).sort(), ["predictive", "step-busy", "step-idle"]);
        assert.deepEqual(Object.keys(s.alarms).sort(), ["busy", "idle"]);
    });

    it("defaults predictive scaling to ForecastOnly, no scheduling buffer and HonorMaxCapacity", async () => {
        const d = await buildShop((a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, predictive: { metric: "cpu", targetPercent: 60 } };
        });
        assert.deepEqual(d.registry.one(T.scalingPolicy, "shop-web-predictive-scaling").inputs.predictiveScalingPolicyConfiguration, {
            mode: "ForecastOnly",
            schedulingBufferTime: 0,
            maxCapacityBreachBehavior: "HonorMaxCapacity",
            metricSpecifications: [{ targetValue: "60", predefinedMetricPairSpecification: { predefinedMetricType: "ECSServiceCPUUtilization" } }],
        });
    });

    it("reports a bad step range and a bad predictive setting together in one ArgsError, registering nothing", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        web(a).scaling = {
                            minCount: 1,
                            maxCount: 4,
                            predictive: { metric: "cpu", targetPercent: 60, mode: "Forecast" as never },
                            steps: {
                                busy: {
                                    metric: LAG,
                                    threshold: 10,
                                    steps: [
                                        { lower: 0, upper: 10, change: 1 },
                                        { lower: 20, change: 2 },
                                    ],
                                },
                            },
                        };
                    }),
                ),
        );
        assert.ok(error instanceof ArgsError, String(error));
        assert.match(error.message, /services\.web\.scaling\.steps\.busy\.steps=.*has a gap from 10 to 20/);
        assert.match(error.message, /services\.web\.scaling\.predictive\.mode="Forecast"/);
        assert.equal(registry.size, 0);
    });
});
