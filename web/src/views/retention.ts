// Retention: the cohort heatmap and the average curve of `touchpoint
// retention` (docs/retention.md), by day, week or month, with the cohort
// and return events to choose.
import { retentionCurveOption, retentionHeatmapOption } from "../charts/retention";
import { notes, stats } from "../dom";
import * as fmt from "../format";
import type { RetentionAnswer } from "../types";
import { checkbox, select } from "./controls";
import { eventNames, type View, type ViewContext } from "./view";

// Rows of the heatmap: enough to read, the rest scroll out of the API's answer.
export function heatmapHeight(a: RetentionAnswer): number {
  return Math.max(220, Math.min(900, 24 * a.cohorts.length + 64));
}

export function retentionStats(a: RetentionAnswer) {
  const at = (k: number) => (a.average.length > k ? a.average[k] : null);
  return stats([
    { label: "cohorts", value: fmt.count(a.cohorts.length) },
    { label: "customers", value: fmt.count(a.cohorts.reduce((s, c) => s + c.size, 0)) },
    { label: `retained after 1 ${a.period}`, value: fmt.pct(at(1)) },
    { label: `after 4 ${a.period}s`, value: fmt.pct(at(4)) },
    { label: `after 12 ${a.period}s`, value: fmt.pct(at(12)) },
  ]);
}

export const retentionView: View = {
  id: "retention",
  title: "Retention",
  params: ["period", "cohort", "return", "unbounded"],
  render(ctx: ViewContext, controls: HTMLElement) {
    const period = ctx.param("period", "month");
    const cohort = ctx.param("cohort", "first_seen");
    const ret = ctx.param("return", "any");
    const unbounded = ctx.param("unbounded", "") === "true";
    const events = eventNames(ctx);
    controls.append(
      select("Period", "period", ["day", "week", "month"], period, (v) => ctx.set({ period: v })),
      select("Cohort by", "cohort", [["first_seen", "first activity"], ...events.map((e): [string, string] => [e, `first ${e}`])], cohort, (v) => ctx.set({ cohort: v })),
      select("Returning with", "return", [["any", "any activity"], ...events.map((e): [string, string] => [e, e])], ret, (v) => ctx.set({ return: v })),
      checkbox("in that period or later", "unbounded", unbounded, (v) => ctx.set({ unbounded: v ? "true" : "" })),
    );
    const heat = ctx.page.panel({ title: "Cohort retention", subtitle: `share of each cohort active ${unbounded ? "in or after" : "in"} each ${period} since it began`, span: 3, id: "retention" });
    const curve = ctx.page.panel({ title: "Average retention curve", subtitle: "cohorts weighted by size, complete periods only", span: 2, id: "retention-curve" });
    const summary = ctx.page.panel({ title: "Summary", span: 1, id: "retention-summary" });
    const request = ctx.query<RetentionAnswer>("retention", { period, cohort, return: ret, unbounded: unbounded ? "true" : "" });
    void heat.run(
      () => request,
      (a) => {
        if (a.cohorts.length === 0) {
          heat.empty("No cohorts", "no customer starts a cohort in this range");
          return;
        }
        heat.chart("retention", retentionHeatmapOption(a), heatmapHeight(a));
        const n = notes(a);
        if (n) heat.body.append(n);
      },
    );
    void curve.run(
      () => request,
      (a) => {
        if (a.average.length === 0) {
          curve.empty("No cohorts", "");
          return;
        }
        curve.chart("retention-curve", retentionCurveOption(a), 280);
      },
    );
    void summary.run(
      () => request,
      (a) => summary.body.append(retentionStats(a)),
    );
  },
};
