import type * as pulumi from "@pulumi/pulumi";
import { type AlarmSpec, isPercentile } from "./metrics";

/**
 * A dashboard body holds 0 to 500 widgets
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 */
export const MAX_DASHBOARD_WIDGETS = 500;
/** The grid is 24 columns wide: two graphs a row. */
const GRID_COLUMNS = 24;
const WIDGET_WIDTH = 12;
const WIDGET_HEIGHT = 6;
const HEADER_HEIGHT = 2;

/** Widgets `dashboardBody` makes for these specs: a header, then one graph per spec (alarmed or not). */
export const dashboardWidgetCount = (specs: number): number => 1 + specs;

/**
 * The dashboard body as an object (values may be Outputs): a text header, then one metric graph per spec
 * with the same namespace, metric, dimensions, statistic and period as the alarm, its threshold drawn as
 * a horizontal annotation when the spec alarms. Metric widgets need their region
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html#CloudWatch-Dashboard-Properties-Metric-Widget-Object).
 */
export function dashboardBody(title: string, specs: AlarmSpec[], region: pulumi.Input<string>, periodSeconds: number) {
    const perRow = GRID_COLUMNS / WIDGET_WIDTH;
    const header = {
        type: "text",
        x: 0,
        y: 0,
        width: GRID_COLUMNS,
        height: HEADER_HEIGHT,
        properties: {
            markdown: `# ${title}\nManaged by Pulumi (aws-platform Monitoring): changes made in the console are overwritten on the next update. Each graph shows one metric; a line marks the threshold of this dashboard's alarm on it, and a graph without one is alarmed elsewhere or not at all.`,
        },
    };
    const graphs = specs.map((s, i) => ({
        type: "metric",
        x: (i % perRow) * WIDGET_WIDTH,
        y: HEADER_HEIGHT + Math.floor(i / perRow) * WIDGET_HEIGHT,
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        properties: {
            title: s.title,
            view: "timeSeries",
            region,
            period: periodSeconds,
            stat: s.stat,
            // [namespace, metricName, dimName, dimValue, ...]: the metric array format of the body structure page.
            metrics: [[s.namespace, s.metricName, ...Object.entries(s.dimensions).flat()]],
            // A metric graphed but alarmed elsewhere gets no line: a threshold here would not be the one that notifies.
            ...(s.alarm ? { annotations: { horizontal: [{ label: `alarm at ${s.threshold} ${s.unit}`, value: s.threshold }] } } : {}),
            yAxis: { left: { label: isPercentile(s.stat) ? `${s.stat} ${s.unit}` : s.unit, min: 0 } },
        },
    }));
    return { start: "-PT6H", periodOverride: "inherit", widgets: [header, ...graphs] };
}
