import * as wafv2 from "@pulumi/aws/wafv2";
import type { ManagedRuleGroup } from "./args";
import type { Ctx } from "./context";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";

/**
 * The AWS managed rule groups a web ACL may use without a subscription fee, with their web ACL capacity units
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html). Together 1975 WCUs, under
 * the 5000 a web ACL may use, so no choice of them is refused for capacity.
 */
export const MANAGED_RULE_GROUPS: Record<ManagedRuleGroup, number> = {
    AWSManagedRulesAmazonIpReputationList: 25,
    AWSManagedRulesAnonymousIpList: 50,
    AWSManagedRulesCommonRuleSet: 700,
    AWSManagedRulesKnownBadInputsRuleSet: 200,
    AWSManagedRulesAdminProtectionRuleSet: 100,
    AWSManagedRulesSQLiRuleSet: 200,
    AWSManagedRulesLinuxRuleSet: 200,
    AWSManagedRulesUnixRuleSet: 100,
    AWSManagedRulesWindowsRuleSet: 200,
    AWSManagedRulesPHPRuleSet: 100,
    AWSManagedRulesWordPressRuleSet: 100,
};

/** A rate-based rule's limit per evaluation window (https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html). */
export const RATE_LIMIT = { min: 10, max: 2_000_000_000 };

/**
 * CloudFront's web ACLs have scope CLOUDFRONT and are managed through WAF's us-east-1 endpoint whatever the stack's
 * Region (https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html). The resource's own
 * `region` argument keeps the stack's provider (its credentials and account guards), as the logging resources do.
 */
export const WEB_ACL_REGION = "us-east-1";

/** Metrics and sampled requests for a rule or the web ACL (metric names: 1–128 of `[\w#:.\-/]`). */
const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName: metricName.slice(0, 128), sampledRequestsEnabled: true });

/** The web ACL `webAcl` asks for: the managed rule groups in order (their own actions), then the per-IP rate limit (block). */
export function createWebAcl(ctx: Ctx): wafv2.WebAcl | undefined {
    const { name, cfg } = ctx;
    const w = cfg.webAcl;
    if (w === undefined) return undefined;
    const groups = w.managedRuleGroups.map((group, i) => ({
        name: group,
        priority: i,
        // `none` keeps each rule's own action (block); `count` would only observe.
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        visibilityConfig: visibility(`${name}-${group}`),
    }));
    const rate =
        w.rateLimitPer5Minutes === false
            ? []
            : [
                  {
                      name: "rate-limit-per-ip",
                      priority: groups.length,
                      action: { block: {} },
                      statement: { rateBasedStatement: { limit: w.rateLimitPer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
                      visibilityConfig: visibility(`${name}-rate-limit-per-ip`),
                  },
              ];
    return create(
        wafv2.WebAcl,
        fitName(childName(name, "web-acl"), wafv2.WebAcl),
        {
            region: WEB_ACL_REGION,
            scope: "CLOUDFRONT",
            // WAF's description pattern admits letters, digits, spaces and + = : # @ / - , . only (no parentheses).
            description: `CloudFront distribution of ${name}, aws-platform EdgeFunctions`.slice(0, 256),
            defaultAction: { allow: {} },
            rules: [...groups, ...rate],
            visibilityConfig: visibility(`${name}-web-acl`),
            tags: ctx.tags,
        },
        ctx.opts,
        cfg.transform.webAcl,
    );
}
