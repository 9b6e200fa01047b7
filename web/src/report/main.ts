// The shareable report (`touchpoint report`): one HTML file that holds its
// data (each section's analysis answer, exactly the API's JSON, in a
// <script type="application/json" id="touchpoint-data">) and this script,
// built by Vite into one file (vite.report.config.ts) that the binary
// embeds and inlines. No network: the charts are drawn here, offline, with
// the dashboard's own chart builders.
import css from "../style.css?inline";
import reportCss from "./report.css?inline";
import { mountChart, type Option } from "../charts/core";
import { funnelOption, stepLabel } from "../charts/funnel";
import { retentionCurveOption, retentionHeatmapOption } from "../charts/retention";
import { sankeyOption } from "../charts/sankey";
import { cesScaleOption, compositionOption, csatParts, groupBarsOption, npsParts, npsTrendOption } from "../charts/survey";
import { trendOption } from "../charts/trend";
import { el, notes, table } from "../dom";
import * as fmt from "../format";
import { measureTitle } from "../measures";
import type { FunnelAnswer, MetricsAnswer, PathsAnswer, RetentionAnswer } from "../types";
import { heatmapHeight, retentionStats } from "../views/retention";
import { sankeyHeight, topPathsTable } from "../views/journeys";
import { drawOverview } from "../views/overview";
import { answered, SURVEYS } from "../views/surveys";

// What the binary writes (src/server/html_report.cc).
interface ReportData {
  title: string;
  generated: string;
  store: string;
  request: { from: string; to: string; tz: string; where: string[]; steps: string };
  sections: Record<string, unknown>;
}

type Failed = { error: string };
const failed = (x: unknown): x is Failed => typeof x === "object" && x !== null && "error" in x && !("analysis" in x);

const TREND_MEASURES = ["customers", "sessions", "conversion_rate", "revenue", "bounce_rate", "avg_session_duration_s"];

function section(root: HTMLElement, id: string, title: string, lead: string): HTMLElement {
  const s = el("section", "report-section");
  s.id = id;
  s.dataset.section = id;
  s.append(el("h2", "", title));
  s.append(el("p", "lead", lead));
  root.append(s);
  return s;
}

function card(parent: HTMLElement, title: string, sub = "", span: 1 | 2 | 3 = 3): HTMLElement {
  const c = el("div", `panel span-${span}`);
  c.append(el("h3", "", title));
  if (sub) c.append(el("p", "panel-sub", sub));
  parent.append(c);
  return c;
}

function chart(parent: HTMLElement, name: string, option: Option, height: number): void {
  const box = el("div", "chart");
  box.style.height = `${height}px`;
  parent.append(box);
  mountChart(box, name, option);
}

function unavailable(parent: HTMLElement, message: string): void {
  parent.dataset.state = "empty";
  const box = el("div", "panel-message");
  box.append(el("strong", "", "Cannot answer this request"), el("span", "", message));
  parent.append(box);
}

function grid(parent: HTMLElement): HTMLElement {
  const g = el("div", "panel-grid");
  parent.append(g);
  return g;
}

function overview(root: HTMLElement, a: unknown): void {
  const s = section(root, "overview", "Overview", "Every headline measure over the range, its change against the previous range of the same length, its 95% interval and its benchmark verdict.");
  if (failed(a)) return unavailable(s, a.error);
  drawOverview(s, a as MetricsAnswer);
}

function trends(root: HTMLElement, a: unknown, byChannel: unknown): void {
  const s = section(root, "trends", "Trends", "");
  if (failed(a)) return unavailable(s, a.error);
  const m = a as MetricsAnswer;
  s.querySelector(".lead")!.textContent = `Every ${m.interval ?? "period"}; shaded periods are cut by the range and not comparable with whole ones.`;
  const g = grid(s);
  for (const measure of TREND_MEASURES) {
    if (!m.metrics[measure]) continue;
    const c = card(g, measureTitle(measure), fmt.value(m.metrics[measure].value, m.metrics[measure].unit) + " over the range", 1);
    chart(c, `trend:${measure}`, trendOption(m, measure), 220);
  }
  if (byChannel && !failed(byChannel)) {
    const b = byChannel as MetricsAnswer;
    const c = card(g, "Customers by channel", "each customer in the channel of their first event in the range", 3);
    chart(c, "trend:customers-by-channel", trendOption(b, "customers"), 280);
  }
}

function funnel(root: HTMLElement, a: unknown): void {
  const s = section(root, "funnel", "Funnel", "");
  if (failed(a)) return unavailable(s, a.error);
  const f = a as FunnelAnswer;
  s.querySelector(".lead")!.textContent = `${f.steps.map((x) => x.step).join(" \u2192 ")}, ${f.mode}, within ${fmt.duration(f.window_s)}, counting ${f.count}.`;
  const c = card(s, "Conversion step by step", "blue: reached the step; red: dropped since the step before");
  chart(c, "funnel", funnelOption(f), 320);
  c.append(
    table(
      [{ title: "step" }, { title: f.count, numeric: true }, { title: "from previous", numeric: true }, { title: "from first", numeric: true }, { title: "median time", numeric: true }],
      f.steps.map((x, i) => [stepLabel(x, i), fmt.count(x.count), i ? fmt.pct(x.conversion_from_previous) : "", fmt.pct(x.conversion_from_first),
                             x.median_time_to_convert_s === null ? "" : fmt.duration(x.median_time_to_convert_s)]),
    ),
  );
  const n = notes(f);
  if (n) c.append(n);
}

function retention(root: HTMLElement, a: unknown): void {
  const s = section(root, "retention", "Retention", "");
  if (failed(a)) return unavailable(s, a.error);
  const r = a as RetentionAnswer;
  s.querySelector(".lead")!.textContent = `Cohorts by ${r.cohort === "first_seen" ? "first activity" : `first ${r.cohort}`}, returning with ${r.return === "any" ? "any activity" : r.return}, by ${r.period}.`;
  if (r.cohorts.length === 0) return unavailable(s, "no customer starts a cohort in this range");
  s.append(retentionStats(r));
  const c = card(s, "Cohort retention", `share of each cohort active in each ${r.period} since it began`);
  chart(c, "retention", retentionHeatmapOption(r), heatmapHeight(r));
  const curve = card(s, "Average retention curve", "cohorts weighted by size, complete periods only");
  chart(curve, "retention-curve", retentionCurveOption(r), 240);
}

function journeys(root: HTMLElement, a: unknown): void {
  const s = section(root, "journeys", "Journeys", "");
  if (failed(a)) return unavailable(s, a.error);
  const p = a as PathsAnswer;
  s.querySelector(".lead")!.textContent = `${fmt.count(p.journeys)} ${p.scope === "session" ? "sessions" : "customer histories"}, steps by ${p.touchpoint}; the top ${p.top_paths.length} paths.`;
  if (p.sankey.links.length === 0) return unavailable(s, "no paths in this range");
  const c = card(s, "Journey map", "the top paths, step by step");
  chart(c, "sankey", sankeyOption(p), sankeyHeight(p));
  const t = card(s, "Top paths");
  t.append(topPathsTable(p, 12));
}

function surveys(root: HTMLElement, a: unknown): void {
  const s = section(root, "surveys", "Surveys", "NPS, CSAT and customer effort: the scores with their intervals and how the answers split, and how they moved.");
  if (failed(a)) return unavailable(s, a.error);
  const m = a as MetricsAnswer;
  if (!SURVEYS.some((x) => answered(m.metrics[x.measure]))) return unavailable(s, "no survey answers in this range");
  const g = grid(s);
  for (const x of SURVEYS) {
    const c = card(g, x.title, x.what, 1);
    const v = m.metrics[x.measure];
    if (!answered(v)) {
      unavailable(c, `no ${x.measure.toUpperCase()} answers in this range`);
      continue;
    }
    const head = el("div", "survey-head");
    const value = el("div", "kpi-value", fmt.value(v.value, v.unit));
    value.dataset.raw = String(v.value);
    head.append(value, el("div", "survey-facts muted", `${fmt.count(v.denominator ?? 0)} answers` + (v.ci95 ? ` \u00b7 95% CI ${fmt.value(v.ci95[0], v.unit)} \u2013 ${fmt.value(v.ci95[1], v.unit)}` : "")));
    c.append(head);
    if (v.benchmark) c.append(el("div", "verdict muted", v.benchmark.verdict));
    if (x.measure === "ces") chart(c, "ces-scale", cesScaleOption(v), 64);
    else chart(c, `${x.measure}-split`, compositionOption(x.measure === "nps" ? npsParts(v) : csatParts(v)), 64);
  }
  if (answered(m.metrics.nps)) chart(card(g, "NPS over time", "detractors, passives and promoters (left), NPS (right)", 3), "nps-trend", npsTrendOption(m), 280);
  for (const x of SURVEYS.slice(1)) {
    if (answered(m.metrics[x.measure])) chart(card(g, `${x.title} over time`, "with its 95% interval", x.measure === "csat" ? 2 : 1), `${x.measure}-trend`, trendOption(m, x.measure, 8, false), 240);
  }
  for (const x of SURVEYS) {
    if (answered(m.metrics[x.measure]) && m.groups?.length) {
      chart(card(g, `${x.measure.toUpperCase()} by channel`, "", 1), `${x.measure}-by`, groupBarsOption(m, x.measure), 200);
    }
  }
}

function header(root: HTMLElement, d: ReportData, a: MetricsAnswer | null): void {
  const h = el("header", "report-head");
  const brand = el("div", "brand");
  brand.append(el("span", "logo"), document.createTextNode("Touchpoint"));
  h.append(brand, el("h1", "", d.title));
  const range = a ? `${fmt.day(a.range.from)} to ${fmt.day(a.range.to)} (${a.range.tz ?? "UTC"}, the end exclusive)` : "";
  const facts = [range, d.request.where.length ? `filtered: ${d.request.where.join(" AND ")}` : "all events", a ? `${fmt.count(a.scanned_events)} events` : "",
                 `generated ${d.generated.replace("T", " ").slice(0, 16)} UTC from ${d.store}`].filter((x) => x);
  h.append(el("p", "muted", facts.join(" \u00b7 ")));
  const nav = el("nav", "report-nav");
  for (const [id, title] of [["overview", "Overview"], ["trends", "Trends"], ["funnel", "Funnel"], ["retention", "Retention"], ["journeys", "Journeys"], ["surveys", "Surveys"]]) {
    const link = el("a", "", title);
    link.href = `#${id}`;
    nav.append(link);
  }
  h.append(nav);
  root.append(h);
}

function main(): void {
  const style = document.createElement("style");
  style.textContent = css + reportCss;
  document.head.append(style);
  const data = JSON.parse(document.getElementById("touchpoint-data")!.textContent!) as ReportData;
  const root = document.getElementById("report")!;
  const s = data.sections;
  const overviewAnswer = failed(s.overview) ? null : (s.overview as MetricsAnswer);
  header(root, data, overviewAnswer);
  const body = el("main", "report-body");
  root.append(body);
  overview(body, s.overview);
  trends(body, s.overview, s.trends_by_channel);
  funnel(body, s.funnel);
  retention(body, s.retention);
  journeys(body, s.journeys);
  surveys(body, s.surveys);
  root.dataset.ready = "true";
}

main();
