// Trends: any measure of the catalogue over time (`metrics --interval`),
// for everyone or cut by a column (`--by`), with the whole range's value
// per group beside it.
import { groupName, trendLines, trendOption } from "../charts/trend";
import { type Cell, el, notes, table } from "../dom";
import { rangeInterval } from "../filters";
import * as fmt from "../format";
import { MEASURES, measureTitle } from "../measures";
import type { MetricsAnswer } from "../types";
import { select } from "./controls";
import { cutColumns, type View, type ViewContext } from "./view";

function valueCell(m: { value: number | null; unit: string; ci95?: [number, number] } | undefined): string {
  if (!m) return "n/a";
  return fmt.value(m.value, m.unit);
}

function ciCell(m: { unit: string; ci95?: [number, number] } | undefined): string {
  return m?.ci95 ? `${fmt.value(m.ci95[0], m.unit)} \u2013 ${fmt.value(m.ci95[1], m.unit)}` : "";
}

export const trendsView: View = {
  id: "trends",
  title: "Trends",
  params: ["measure", "interval", "by"],
  render(ctx: ViewContext, controls: HTMLElement) {
    const measure = ctx.param("measure", "customers");
    const interval = ctx.param("interval", rangeInterval(ctx.filters, ctx.info));
    const by = ctx.param("by", "");
    controls.append(
      select("Measure", "measure", Object.keys(MEASURES).map((k) => [k, measureTitle(k)]), measure, (v) => ctx.set({ measure: v })),
      select("Every", "interval", ["day", "week", "month"], interval, (v) => ctx.set({ interval: v })),
      select("Cut by", "by", [["", "nothing"], ...cutColumns(ctx).map((c): [string, string] => [c, c])], by, (v) => ctx.set({ by: v })),
    );
    const chartPanel = ctx.page.panel({ title: measureTitle(measure), subtitle: by ? `by ${by}, every ${interval}` : `every ${interval}`, span: 3, id: "trend" });
    const tablePanel = ctx.page.panel({ title: by ? `${measureTitle(measure)} by ${by}, whole range` : "Period by period", span: 3, id: "trend-table" });
    tablePanel.box.classList.add("scroll");
    // Only the measure (and events, which ranks the groups): a cut by page over
    // weeks is megabytes with the whole catalogue.
    const request = ctx.query<MetricsAnswer>("metrics", { interval, by, measures: measure === "events" ? "events" : `${measure},events` });
    void chartPanel.run(
      () => request,
      (answer) => {
        if (!answer.metrics[measure]) {
          chartPanel.empty("Not available", `the answer has no measure '${measure}'`);
          return;
        }
        chartPanel.chart("trend", trendOption(answer, measure), 360);
        const n = notes(answer);
        if (n) chartPanel.body.append(n);
      },
    );
    void tablePanel.run(
      () => request,
      (answer) => {
        const total = answer.metrics[measure];
        if (by) {
          const groups = [...(answer.groups ?? [])].sort((a, b) => (b.metrics.events?.value ?? 0) - (a.metrics.events?.value ?? 0));
          const rows: Cell[][] = groups.map((g) => [groupName(g.key), valueCell(g.metrics[measure]), ciCell(g.metrics[measure]),
                                          g.metrics[measure]?.denominator !== undefined ? fmt.count(g.metrics[measure].denominator!) : ""]);
          rows.push([el("strong", "", "All"), valueCell(total), ciCell(total), total?.denominator !== undefined ? fmt.count(total.denominator) : ""]);
          tablePanel.body.append(table([{ title: by }, { title: measureTitle(measure), numeric: true }, { title: "95% CI", numeric: true }, { title: "n", numeric: true }], rows));
          return;
        }
        const { periods } = trendLines(answer, measure);
        const series = answer.series ?? [];
        const partial = new Set(answer.partial_periods ?? []);
        const rows: Cell[][] = periods.map((p, i) => {
          const m = series[i]?.metrics[measure];
          return [p + (partial.has(p) ? " (partial)" : ""), valueCell(m), ciCell(m), m?.denominator !== undefined ? fmt.count(m.denominator) : ""];
        });
        rows.push([el("strong", "", "Whole range"), valueCell(total), ciCell(total), total?.denominator !== undefined ? fmt.count(total.denominator) : ""]);
        tablePanel.body.append(table([{ title: "period" }, { title: measureTitle(measure), numeric: true }, { title: "95% CI", numeric: true }, { title: "n", numeric: true }], rows));
      },
    );
  },
};
