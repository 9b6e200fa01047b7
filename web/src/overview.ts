// The overview page: a KPI card per headline measure (value, change against
// the previous equally long range, its 95% interval and sample size, the
// benchmark verdict) with a sparkline over the range. Every number is the
// API's: /api/metrics with compare=previous and an interval.
import { getJson } from "./api";
import { apiParams, daysBetween, type Filters, intervalFor } from "./filters";
import * as fmt from "./format";
import { disposeSparklines, sparkline } from "./sparkline";
import type { Measure, MetricsAnswer } from "./types";

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

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text = ""): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

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
    requestAnimationFrame(() =>
      sparkline(
        spark,
        series.map((p) => p.period),
        values,
        (v) => fmt.value(v, m.unit),
      ),
    );
  }
  return box;
}

export async function renderOverview(root: HTMLElement, filters: Filters): Promise<MetricsAnswer> {
  const params = apiParams(filters);
  // Without a range the span is unknown until the answer: weeks suit most.
  const days = filters.from && filters.to ? daysBetween(filters.from, filters.to) + 1 : 200;
  const answer = await getJson<MetricsAnswer>("/api/metrics", {
    ...params,
    compare: "previous",
    interval: intervalFor(days),
  });
  disposeSparklines();
  root.replaceChildren();
  const head = el("div", "overview-head");
  const from = answer.range.from.slice(0, 10);
  const to = answer.range.to.slice(0, 10);
  head.append(
    el("h2", "", "Overview"),
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
  // What the page shows, for tests and for anyone reading the DOM.
  root.dataset.where = params.where;
  root.dataset.from = answer.range.from;
  root.dataset.to = answer.range.to;
  root.dataset.ready = "true";
  return answer;
}
