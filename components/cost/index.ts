/**
 * `aws-platform/cost`: what a Pulumi program costs a month, from its plan. Price a plan (the mock engine's records
 * or `pulumi preview --json`) at idle and at a load profile, with the repository's dated us-east-1 list prices or a
 * table of your own, and compare a ServerlessApi with a ContainerService.
 *
 * @example
 * import { IDLE_LOAD, estimateCost, fromPreview, resolveLoad } from "aws-platform/cost";
 * const resources = fromPreview(JSON.parse(fs.readFileSync("preview.json", "utf8")));
 * const idle = estimateCost(resources, { load: IDLE_LOAD });
 * const busy = estimateCost(resources, { load: resolveLoad({ httpApi: { requestsPerMonth: 5_000_000 } }) });
 */
export * from "./types";
export { type EstimateOptions, estimateCost, freeTierCredits } from "./estimate";
export { CORE_FREE_TYPES, FREE_TYPES, FREE_WHEN, isFree } from "./free";
export { IDLE_LOAD, LOAD_PROFILE_SHAPE, type PartialLoadProfile, checkLoadProfile, resolveLoad } from "./profile";
export { type PreviewLike, ROOT_STACK_TYPE, type RecordLike, fromPreview, fromRecords, indexPlan, nameOfUrn, topLevelOf } from "./plan-index";
export {
    FREE_TIER,
    type FreeTierAllowance,
    LAMBDA_FREE_TIER,
    PRICES,
    PRICES_AS_OF,
    REGION,
    type PriceTableOptions,
    priceTable,
} from "./prices";
export { GROUPS, PRICERS, type PricerGroup, mergePricers } from "./pricers/groups";
export {
    type ApiSettings,
    BYTES_PER_REQUEST,
    type CrossoverOptions,
    type CrossoverPoint,
    type CrossoverReport,
    MAX_RATE,
    MIN_TASKS,
    type NotesFigure,
    REQUESTS_PER_SECOND_PER_QUARTER_VCPU,
    type ServiceSettings,
    crossover,
} from "./crossover";
export { type CostJson, type RenderOptions, costJson, renderCost, renderCrossover, usd } from "./report";
