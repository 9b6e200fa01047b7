// The overview page: a KPI card per headline measure (value, change against
// the previous equally long range, its 95% interval and sample size, the
// benchmark verdict) with a sparkline over the range. Every number is the
// API's: /api/metrics with compare=previous and an interval.
import { mountChart } from "../charts/core";
import { sparklineOption } from "../charts/sparkline";
import { el } from "../dom";
import { rangeInterval } from "../filters";
import * as fmt from "../format";
import type { Measure, MetricsAnswer } from "../types";
import type { View, ViewContext } from "./view";

interface Card {
  measure: string;
  title: string;
  lowerIsBetter?: boolean;
}

const SECTIONS: { title: string; cards: Card[] }[] = [
  {
    title: "Traffic",
    cards: [
      { measure: "events", title: "Events" },
      { measure: "customers", title: "Customers" },
      { measure: "sessions", title: "Sessions" },
      { measure: "avg_session_duration_s", title: "Avg. session duration" },
      { measure: "bounce_rate", title: "Bounce rate", lowerIsBetter: true },
      { measure: "ctr", title: "Click-through rate" },
    ],
  },
  {
    title: "Conversion and value",
    cards: [
      { measure: "conversion_rate", title: "Conversion rate" },
      { measure: "revenue", title: "Revenue" },
      { measure: "clv_historic", title: "Customer lifetime value" },
      { measure: "cart_abandonment_rate", title: "Cart abandonment", lowerIsBetter: true },
      { measure: "activation_rate", title: "Activation rate" },
      { measure: "new_customers", title: "New customers" },
    ],
  },
  {
    title: "Satisfaction",
    cards: [
      { measure: "nps", title: "Net Promoter Score" },
      { measure: "csat", title: "CSAT" },
      { measure: "ces", title: "Customer effort score" },
    ],
  },
  {
    title: "Engagement and retention",
    cards: [
      { measure: "engagement_rate", title: "Engagement rate" },
      { measure: "stickiness", title: "Stickiness (DAU/MAU)" },
      { measure: "retention_rate", title: "Retention rate" },
      { measure: "churn_rate", title: "Churn rate", lowerIsBetter: true },
    ],
  },
];

function changeLine(m: Measure, card: Card): HTMLElement {
  const line = el("div", "kpi-change");
  const c = m.compare;
  if (!c || c.change === null) {
    line.textContent = "no comparison";
    line.classList.add("muted");
    return line;
  }
  const good = card.lowerIsBetter ? c.change < 0 : c.change > 0;
  line.dataset.raw = String(c.change);
  line.classList.add(c.significant ? (good ? "up-good" : "down-bad") : "muted");
  const sig = c.p_value === null ? "" : c.significant ? ` \u00b7 significant (p=${c.p_value.toFixed(3)})` : " \u00b7 not significant";
  line.textContent = `${fmt.change(c.change, m.unit)} vs previous${sig}`;
  return line;
}

function confidenceLine(m: Measure): HTMLElement {
  const line = el("div", "kpi-ci muted");
  const parts: string[] = [];
  if (m.ci95) parts.push(`95% CI ${fmt.value(m.ci95[0], m.unit)} \u2013 ${fmt.value(m.ci95[1], m.unit)}`);
  if (m.denominator !== undefined && m.unit !== "money") parts.push(`n = ${fmt.count(m.denominator)}`);
  line.textContent = parts.join(" \u00b7 ");
  return line;
}

function renderCard(card: Card, m: Measure | undefined, answer: MetricsAnswer): HTMLElement {
  const box = el("section", "kpi");
  box.dataset.measure = card.measure;
  box.append(el("h3", "kpi-title", card.title));
  const value = el("div", "kpi-value", fmt.value(m?.value, m?.unit ?? ""));
  value.dataset.raw = m?.value === null || m?.value === undefined ? "" : String(m.value);
  box.append(value);
  if (!m) return box;
  box.append(changeLine(m, card), confidenceLine(m));
  if (m.benchmark) {
    const b = el("div", `kpi-benchmark band-${m.benchmark.band.replace(/[^a-z]+/g, "-")}`);
    b.append(el("span", "pill", m.benchmark.band), el("span", "verdict", m.benchmark.verdict));
    box.append(b);
  }
  const series = answer.series ?? [];
  if (series.length > 1) {
    const spark = el("div", "kpi-spark");
    box.append(spark);
    const values = series.map((p) => p.metrics[card.measure]?.value ?? null);
    // Charts need their box laid out first.
    requestAnimationFrame(() => {
      if (!spark.isConnected) return;
      mountChart(spark, `spark:${card.measure}`, sparklineOption(series.map((p) => p.period), values, (v) => fmt.value(v, m.unit)));
    });
  }
  return box;
}

export function drawOverview(root: HTMLElement, answer: MetricsAnswer): void {
  const head = el("div", "overview-head");
  const from = answer.range.from.slice(0, 10);
  const to = answer.range.to.slice(0, 10);
  head.append(
    el(
      "p",
      "muted",
      `${from} to ${to} (${answer.range.tz ?? "UTC"}) \u00b7 ${fmt.count(answer.scanned_events)} events scanned \u00b7 ` +
        `definitions: ${answer.definitions}` +
        (answer.compare_range ? ` \u00b7 compared with ${answer.compare_range.from.slice(0, 10)} to ${answer.compare_range.to.slice(0, 10)}` : ""),
    ),
  );
  root.append(head);
  for (const section of SECTIONS) {
    root.append(el("h2", "section-title", section.title));
    const grid = el("div", "kpi-grid");
    for (const card of section.cards) grid.append(renderCard(card, answer.metrics[card.measure], answer));
    root.append(grid);
  }
}

export const overviewView: View = {
  id: "overview",
  title: "Overview",
  params: [],
  render(ctx: ViewContext) {
    const panel = ctx.page.panel({ title: "Headline measures", span: 3, id: "overview" });
    panel.box.classList.add("bare");
    void panel.run(
      () => ctx.query<MetricsAnswer>("metrics", { compare: "previous", interval: rangeInterval(ctx.filters, ctx.info) }),
      (answer) => {
        drawOverview(panel.body, answer);
        // What the page shows, for tests and for anyone reading the DOM.
        ctx.page.root.dataset.from = answer.range.from;
        ctx.page.root.dataset.to = answer.range.to;
      },
    );
  },
};
