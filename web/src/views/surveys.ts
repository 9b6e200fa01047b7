// Surveys: NPS, CSAT and CES from `touchpoint metrics` (docs/metrics.md):
// each score with its interval, benchmark and how the answers split, the
// scores period by period (NPS's split too), and the scores across the
// groups of a cut.
import { mountChart } from "../charts/core";
import { cesScaleOption, compositionOption, csatParts, groupBarsOption, npsParts, npsTrendOption } from "../charts/survey";
import { trendOption } from "../charts/trend";
import { el } from "../dom";
import { rangeInterval } from "../filters";
import * as fmt from "../format";
import type { Measure, MetricsAnswer } from "../types";
import type { Panel } from "../page";
import { select } from "./controls";
import { cutColumns, type View, type ViewContext } from "./view";

export const SURVEYS: { measure: "nps" | "csat" | "ces"; title: string; what: string }[] = [
  { measure: "nps", title: "Net Promoter Score", what: "% promoters (9-10) minus % detractors (0-6)" },
  { measure: "csat", title: "CSAT", what: "share of satisfied answers (4-5 of 5)" },
  { measure: "ces", title: "Customer effort score", what: "mean effort on 1-7" },
];

export const SURVEY_MEASURES = "nps,csat,ces";

export function answered(m: Measure | undefined): boolean {
  return !!m && m.value !== null && (m.denominator ?? 0) > 0;
}

// The score card: value, interval, answers, verdict and the split of the answers.
export function surveyCard(body: HTMLElement, survey: (typeof SURVEYS)[number], m: Measure): void {
  const head = el("div", "survey-head");
  const value = el("div", "kpi-value", fmt.value(m.value, m.unit));
  value.dataset.raw = String(m.value);
  head.append(value);
  const facts = el("div", "survey-facts");
  if (m.ci95) facts.append(el("div", "", `95% CI ${fmt.value(m.ci95[0], m.unit)} \u2013 ${fmt.value(m.ci95[1], m.unit)}`));
  facts.append(el("div", "muted", `${fmt.count(m.denominator ?? 0)} answers \u00b7 ${survey.what}`));
  head.append(facts);
  body.append(head);
  if (m.benchmark) {
    const b = el("div", `kpi-benchmark band-${m.benchmark.band.replace(/[^a-z]+/g, "-")}`);
    b.append(el("span", "pill", m.benchmark.band), el("span", "verdict", m.benchmark.verdict));
    body.append(b);
  }
  const parts = survey.measure === "nps" ? npsParts(m) : survey.measure === "csat" ? csatParts(m) : [];
  const box = el("div", "chart");
  box.style.height = "64px";
  body.append(box);
  if (survey.measure === "ces") mountChart(box, "ces-scale", cesScaleOption(m));
  else if (parts.length > 0) mountChart(box, `${survey.measure}-split`, compositionOption(parts));
}

function drawCard(panel: Panel, s: (typeof SURVEYS)[number], a: MetricsAnswer): void {
  const m = a.metrics[s.measure];
  if (!answered(m)) {
    panel.empty(`No ${s.measure.toUpperCase()} answers`, `no survey_response events with survey = '${s.measure}' in this range`);
    return;
  }
  surveyCard(panel.body, s, m);
}

export const surveysView: View = {
  id: "surveys",
  title: "Surveys",
  params: ["interval", "by"],
  render(ctx: ViewContext, controls: HTMLElement) {
    // Answers are few next to events: a step coarser than the other pages'.
    const natural = rangeInterval(ctx.filters, ctx.info);
    const interval = ctx.param("interval", natural === "day" ? "week" : "month");
    const by = ctx.param("by", "channel");
    controls.append(
      select("Every", "interval", ["day", "week", "month"], interval, (v) => ctx.set({ interval: v })),
      select("Cut by", "by", cutColumns(ctx), by, (v) => ctx.set({ by: v })),
    );
    const cards = SURVEYS.map((s) => ctx.page.panel({ title: s.title, span: 1, id: `survey-${s.measure}` }));
    const npsTrend = ctx.page.panel({ title: "NPS over time", subtitle: "detractors, passives and promoters (left), NPS (right)", span: 3, id: "nps-trend" });
    const trends = SURVEYS.slice(1).map((s) =>
      ctx.page.panel({ title: `${s.title} over time`, subtitle: "with its 95% interval", span: s.measure === "csat" ? 2 : 1, id: `${s.measure}-trend` }),
    );
    const groups = SURVEYS.map((s) => ctx.page.panel({ title: `${s.measure.toUpperCase()} by ${by}`, span: 1, id: `${s.measure}-by` }));
    // One scan for all of it: with --by and --interval the answer holds the
    // whole range's scores, their series and each group's.
    const overall = ctx.query<MetricsAnswer>("metrics", { interval, by, measures: SURVEY_MEASURES });
    cards.forEach((p, i) => void p.run(() => overall, (a) => drawCard(p, SURVEYS[i], a)));
    void npsTrend.run(
      () => overall,
      (a) => {
        if (!answered(a.metrics.nps)) {
          npsTrend.empty("No NPS answers", "no survey_response events with survey = 'nps' in this range");
          return;
        }
        npsTrend.chart("nps-trend", npsTrendOption(a), 300);
      },
    );
    SURVEYS.slice(1).forEach((s, i) => {
      const p = trends[i];
      void p.run(
        () => overall,
        (a) => {
          if (!answered(a.metrics[s.measure])) {
            p.empty(`No ${s.measure.toUpperCase()} answers`, "");
            return;
          }
          p.chart(`${s.measure}-trend`, trendOption(a, s.measure, 8, false), 260);
        },
      );
    });
    SURVEYS.forEach((s, i) => {
      const p = groups[i];
      void p.run(
        () => overall,
        (a) => {
          if (!answered(a.metrics[s.measure])) {
            p.empty(`No ${s.measure.toUpperCase()} answers`, "");
            return;
          }
          const n = (a.groups ?? []).filter((g) => answered(g.metrics[s.measure])).length;
          p.chart(`${s.measure}-by`, groupBarsOption(a, s.measure), Math.max(160, Math.min(10, n) * 30 + 40));
        },
      );
    });
  },
};
