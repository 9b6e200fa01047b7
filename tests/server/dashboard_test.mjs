// Every page of the dashboard and the report in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core from web/node_modules), on a
// generated store served by `touchpoint serve`:
// - each page's panels all settle, every chart is drawn (a canvas) with
//   exactly the numbers the query API returns for the same request (read
//   back from the ECharts instance, `el.__chart.getOption()`);
// - the page's own settings (funnel steps typed in, a measure, a cut) and
//   the filters (channel, segment, dates) change those numbers to the
//   API's for the new request, and stay in the address;
// - an analysis the data cannot answer shows the API's message as an
//   empty state, not an error;
// - the report written by `touchpoint report` opens offline (no request
//   at all), draws every section from the answers it holds, and the
//   dashboard's Download report button gives the same report;
// - the console has no errors. Screenshots go to the folder given.
//
// usage: node dashboard_test.mjs path/to/touchpoint SCREENSHOT_DIR
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { apiClient, check, ensureDir, failureCount, launch, loadChromium, makeStore, startServer } from "./browser_util.mjs";

const [touchpoint, shotDir] = process.argv.slice(2);
const KEY = "sk_dashboard_test";
const chromium = loadChromium();
ensureDir(shotDir);
const { work, db } = makeStore(touchpoint, 80000, 7);
const { server, base } = await startServer(touchpoint, db, ["--query-key", KEY]);
const api = apiClient(base, KEY);
const info = await api("info");
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The series a chart was drawn with: name, type and data (values of data
// items), Sankey links' values.
async function chartSeries(page, name) {
  const el = await page.$(`[data-chart="${name}"]`);
  if (!check(el !== null, `chart ${name} is not on the page`)) return [];
  const drawn = await el.evaluate((e) => {
    const c = e.querySelector("canvas");
    return c !== null && c.width > 0 && c.height > 0;
  });
  check(drawn, `chart ${name} has no canvas`);
  return el.evaluate((e) =>
    e.__chart.getOption().series.map((s) => ({
      name: s.name,
      type: s.type,
      data: (s.data ?? []).map((d) => (d !== null && typeof d === "object" && "value" in d ? d.value : d)),
      links: (s.links ?? []).map((l) => [l.source, l.target, l.value]),
    })),
  );
}

async function seriesNamed(page, chart, name) {
  return (await chartSeries(page, chart)).find((s) => s.name === name)?.data;
}

// Opens the dashboard at `query` and waits for every panel to settle.
async function open(page, query) {
  const t0 = Date.now();
  await page.goto(`${base}/?${query}`);
  await settled(page);
  return Date.now() - t0;
}

async function settled(page) {
  await page.waitForSelector("#page[data-ready=true]", { timeout: 120000 });
  await page.waitForTimeout(150); // sparklines draw on the next frame
}

// A change made in the page (a select, a field): waits for the redraw.
async function redraw(page, action) {
  await page.evaluate(() => (document.querySelector("#page").dataset.ready = "stale"));
  const t0 = Date.now();
  await action();
  await settled(page);
  return Date.now() - t0;
}

async function panelStates(page) {
  return page.$$eval("[data-panel]", (els) => Object.fromEntries(els.map((e) => [e.dataset.panel, e.dataset.state])));
}

async function expectAllReady(page, label, except = []) {
  const states = await panelStates(page);
  for (const [panel, state] of Object.entries(states)) {
    if (except.includes(panel)) continue;
    check(state === "ready", `${label}: panel ${panel} is ${state}`);
  }
  return states;
}

const params = (page) => new URL(page.url()).searchParams;
const timings = [];

const browser = await launch(chromium);
const consoleErrors = [];
let allow400 = false;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // A 400 is how the API says the data cannot answer; it is expected only where the test asks for one.
    if (allow400 && m.text().includes("status of 400")) return;
    consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("requestfailed", (r) => {
    if (!r.failure()?.errorText.includes("ERR_ABORTED")) consoleErrors.push(`request failed: ${r.url()}`);
  });
  await page.goto(`${base}/?key=${KEY}`);
  await settled(page);

  // Trends: the measure's series for everyone, then another measure, then a cut.
  timings.push(["trends", await open(page, "view=trends")]);
  let a = await api("metrics", { interval: "week", measures: "customers,events" });
  check(same(await seriesNamed(page, "trend", "All"), a.series.map((p) => p.metrics.customers.value)), "trends: customers by week");
  const rows = await page.$$eval("[data-panel=trend-table] tbody tr", (r) => r.length);
  check(rows === a.series.length + 1, `trends: ${rows} table rows for ${a.series.length} weeks`);
  await redraw(page, () => page.selectOption("select[name=measure]", "conversion_rate"));
  a = await api("metrics", { interval: "week", measures: "conversion_rate,events" });
  check(same(await seriesNamed(page, "trend", "All"), a.series.map((p) => p.metrics.conversion_rate.value)), "trends: conversion by week");
  check(params(page).get("measure") === "conversion_rate", "trends: the measure is not in the address");
  await redraw(page, () => page.selectOption("select[name=by]", "channel"));
  a = await api("metrics", { interval: "week", by: "channel", measures: "conversion_rate,events" });
  const lines = await chartSeries(page, "trend");
  const web = a.groups.find((g) => g.key === "web");
  const webLine = lines.find((s) => s.name === "web");
  check(webLine && same(webLine.data, web.series.map((p) => p.metrics.conversion_rate.value)), "trends: web's line");
  check(lines.length === Math.min(8, a.groups.length), `trends: ${lines.length} lines for ${a.groups.length} channels`);
  await page.screenshot({ path: join(shotDir, "dashboard_trends.png"), fullPage: true });

  // Funnel: the default steps, then steps typed in, then a filter.
  timings.push(["funnel", await open(page, "view=funnel")]);
  const steps = ["page_view", "signup", "add_to_cart", "checkout", "purchase"].filter((e) => info.events_by_type[e]);
  let f = await api("funnel", { steps: steps.join(","), window: "7d", mode: "ordered", count: "customers" });
  let bars = await chartSeries(page, "funnel");
  check(same(bars[0].data, f.steps.map((s) => s.count)), `funnel: reached ${bars[0].data} vs ${f.steps.map((s) => s.count)}`);
  check(same(bars[1].data, f.steps.map((s, i) => (i === 0 ? 0 : s.dropped))), "funnel: dropped");
  await redraw(page, async () => {
    await page.fill("input[name=step2]", "activation");
    await page.press("input[name=step2]", "Enter");
  });
  const typed = [steps[0], "activation", ...steps.slice(2)];
  check(params(page).get("steps") === typed.join(","), `funnel: steps in the address: ${params(page).get("steps")}`);
  f = await api("funnel", { steps: typed.join(","), window: "7d", mode: "ordered", count: "customers" });
  bars = await chartSeries(page, "funnel");
  check(same(bars[0].data, f.steps.map((s) => s.count)), "funnel: typed steps");
  const before = bars[0].data;
  const filterMs = await redraw(page, () => page.selectOption("select[name=channel]", "web"));
  timings.push(["funnel: channel filter", filterMs]);
  check(params(page).get("channel") === "web", "funnel: the channel filter is not in the address");
  f = await api("funnel", { steps: typed.join(","), window: "7d", mode: "ordered", count: "customers", where: "channel = 'web'" });
  bars = await chartSeries(page, "funnel");
  check(same(bars[0].data, f.steps.map((s) => s.count)), "funnel: filtered by channel");
  check(!same(bars[0].data, before), "funnel: the channel filter changed nothing");
  await page.screenshot({ path: join(shotDir, "dashboard_funnel.png"), fullPage: true });
  // A step the store does not know: the API's message, as an empty state.
  allow400 = true;
  await redraw(page, async () => {
    await page.fill("input[name=step2]", "add_to_crat");
    await page.press("input[name=step2]", "Enter");
  });
  const states = await panelStates(page);
  check(states.funnel === "empty", `funnel: an unknown step gives ${states.funnel}`);
  const message = await page.textContent("[data-panel=funnel] .panel-message");
  check(message.includes("unknown event 'add_to_crat'") && message.includes("did you mean 'add_to_cart'?"), `funnel: ${message}`);
  await page.screenshot({ path: join(shotDir, "dashboard_funnel_unknown_step.png"), fullPage: true });
  allow400 = false;

  // Retention: the heatmap's cells, the curve; a segment filter changes them.
  timings.push(["retention", await open(page, "view=retention")]);
  let r = await api("retention", { period: "month", cohort: "first_seen", return: "any" });
  const cells = (ans) => ans.cohorts.flatMap((c, row) => c.percent.map((p, k) => (p === null ? null : [k, row, p]))).filter((x) => x);
  check(same((await chartSeries(page, "retention"))[0].data, cells(r)), "retention: heatmap cells");
  check(same(await seriesNamed(page, "retention-curve", "average"), r.average), "retention: average curve");
  await redraw(page, () => page.selectOption("select[name=segment]", "segment:gold"));
  r = await api("retention", { period: "month", cohort: "first_seen", return: "any", where: "derived:segment = 'gold'" });
  check(same((await chartSeries(page, "retention"))[0].data, cells(r)), "retention: gold segment's cells");
  await expectAllReady(page, "retention");
  await page.screenshot({ path: join(shotDir, "dashboard_retention.png"), fullPage: true });

  // Journeys: the Sankey is the API's, link for link.
  timings.push(["journeys", await open(page, "view=journeys")]);
  const p = await api("paths", { touchpoint: "event", scope: "session", depth: "5" });
  const links = (await chartSeries(page, "sankey"))[0].links;
  check(same(links, p.sankey.links.map((l) => [p.sankey.nodes[l.source].name, p.sankey.nodes[l.target].name, l.value])), "journeys: Sankey links");
  await expectAllReady(page, "journeys");
  await page.screenshot({ path: join(shotDir, "dashboard_journeys.png"), fullPage: true });

  // Surveys: scores, NPS's split, trends; a date range from the address.
  timings.push(["surveys", await open(page, "view=surveys&from=2024-04-01&to=2024-09-30")]);
  const range = { from: "2024-04-01", to: "2024-10-01" };
  const s = await api("metrics", { ...range, interval: "month", by: "channel", measures: "nps,csat,ces" });
  const nps = s.metrics.nps;
  const split = await chartSeries(page, "nps-split");
  check(same(split.map((x) => x.data[0]), [nps.detractors, nps.passives, nps.promoters]), "surveys: NPS split");
  check((await page.getAttribute("[data-panel=survey-nps] .kpi-value", "data-raw")) === String(nps.value), "surveys: NPS value");
  check(same(await seriesNamed(page, "nps-trend", "NPS"), s.series.map((x) => x.metrics.nps.value)), "surveys: NPS by month");
  check(same(await seriesNamed(page, "csat-trend", "All"), s.series.map((x) => x.metrics.csat.value)), "surveys: CSAT by month");
  const npsBy = (await chartSeries(page, "nps-by"))[0].data;
  const answeredGroups = s.groups.filter((g) => g.metrics.nps.value !== null).sort((x, y) => y.metrics.nps.denominator - x.metrics.nps.denominator);
  check(same(npsBy, answeredGroups.map((g) => g.metrics.nps.value).slice(0, 10)), "surveys: NPS by channel");
  await expectAllReady(page, "surveys");
  await page.screenshot({ path: join(shotDir, "dashboard_surveys.png"), fullPage: true });
  // A channel without survey answers: empty states, not errors.
  await redraw(page, () => page.selectOption("select[name=channel]", "ads"));
  const adsStates = await panelStates(page);
  check(adsStates["survey-nps"] === "empty" && adsStates["nps-trend"] === "empty", `surveys on ads: ${JSON.stringify(adsStates)}`);

  // Predictions: CLV tracking and top customers, churn calibration and drivers, segments.
  timings.push(["predictions", await open(page, "view=predictions&calibration_end=2024-09-30")]);
  const clv = await api("clv", { "calibration-end": "2024-09-30", model: "bgnbd" });
  check(same(await seriesNamed(page, "clv-tracking", "Actual (cumulative)"), clv.validation.tracking.map((t) => t.actual_cumulative)), "predictions: CLV actual");
  check(same(await seriesNamed(page, "clv-tracking", "Model (bgnbd, cumulative)"), clv.validation.tracking.map((t) => t.expected_cumulative)), "predictions: CLV model");
  const topIds = await page.$$eval("[data-panel=clv-top] tbody tr td:first-child", (tds) => tds.map((t) => t.textContent));
  check(same(topIds, clv.top_customers.map((c) => c.customer_id)), "predictions: top customers");
  const churn = await api("churn", { horizon: "30d" });
  check(same(await seriesNamed(page, "churn-calibration", "Actual churn"), churn.calibration.map((c) => (c.actual === null ? null : c.actual * 100))), "predictions: churn calibration");
  check(same((await chartSeries(page, "churn-drivers"))[0].data, churn.drivers.slice(0, 12).map((d) => d.share)), "predictions: churn drivers");
  const seg = await api("segments", { method: "rfm" });
  check(same(await seriesNamed(page, "segments", "Share of customers"), seg.segments.map((x) => x.share)), "predictions: segments");
  await expectAllReady(page, "predictions");
  await page.screenshot({ path: join(shotDir, "dashboard_predictions.png"), fullPage: true });

  // Feedback: themes, sentiment, drivers, trend.
  timings.push(["feedback", await open(page, "view=feedback")]);
  const fb = await api("feedback", { source: "all", interval: "month" });
  check(same((await chartSeries(page, "themes"))[0].data, fb.themes.slice(0, 15).map((t) => t.comments)), "feedback: themes");
  check(same((await chartSeries(page, "sentiment"))[0].data, [fb.sentiment.negative, fb.sentiment.neutral, fb.sentiment.positive]), "feedback: sentiment");
  check(same(await seriesNamed(page, "feedback-trend", "Sentiment"), fb.trend.map((t) => t.sentiment)), "feedback: sentiment by month");
  const withEffect = fb.themes.filter((t) => t.effect !== null).sort((x, y) => x.effect - y.effect).map((t) => t.effect);
  check(same((await chartSeries(page, "drivers"))[0].data, withEffect), "feedback: drivers");
  await expectAllReady(page, "feedback");
  await page.screenshot({ path: join(shotDir, "dashboard_feedback.png"), fullPage: true });

  // The overview last (its own test is browser_test.mjs): first render timing.
  timings.push(["overview", await open(page, "")]);
  await page.screenshot({ path: join(shotDir, "dashboard_overview.png"), fullPage: true });

  // The Download report button: the report of the current filters.
  await open(page, "view=retention&channel=email");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.click("button[name=report]")]);
  const downloaded = readFileSync(await download.path(), "utf8");
  check(download.suggestedFilename() === "touchpoint-report.html", `download named ${download.suggestedFilename()}`);
  check(downloaded.includes('"where":["channel = \'email\'"]'), "the downloaded report is not filtered by the page's channel");

  // The report from the CLI, opened offline: no request at all, every
  // section drawn from the answers it holds.
  const file = join(work, "report.html");
  execFileSync(touchpoint, ["report", "--db", db, "-o", file, "--from", "2024-02-01"]);
  const data = JSON.parse(readFileSync(file, "utf8").match(/<script type="application\/json" id="touchpoint-data">(.*?)<\/script>/s)[1]);
  const offline = await browser.newContext({ viewport: { width: 1280, height: 1000 }, offline: true });
  const rp = await offline.newPage();
  const requests = [];
  rp.on("request", (q) => requests.push(q.url()));
  rp.on("console", (m) => m.type() === "error" && consoleErrors.push(`report: ${m.text()}`));
  rp.on("pageerror", (e) => consoleErrors.push(`report: ${e.message}`));
  await rp.goto(`file://${file}`);
  await rp.waitForSelector("#report[data-ready=true]", { timeout: 30000 });
  await rp.waitForTimeout(200);
  check(requests.every((u) => u.startsWith("file://")), `the report made requests: ${requests.filter((u) => !u.startsWith("file://"))}`);
  const sec = data.sections;
  for (const id of ["overview", "trends", "funnel", "retention", "journeys", "surveys"]) {
    check((await rp.$(`section#${id}`)) !== null, `report: no ${id} section`);
  }
  check(same((await chartSeries(rp, "funnel"))[0].data, sec.funnel.steps.map((x) => x.count)), "report: funnel");
  check(same((await chartSeries(rp, "retention"))[0].data, cells(sec.retention)), "report: retention");
  check(same((await chartSeries(rp, "sankey"))[0].links.map((l) => l[2]), sec.journeys.sankey.links.map((l) => l.value)), "report: journeys");
  check(same(await seriesNamed(rp, "trend:customers", "All"), sec.overview.series.map((x) => x.metrics.customers.value)), "report: customers trend");
  check(same(await seriesNamed(rp, "nps-trend", "NPS"), sec.surveys.series.map((x) => x.metrics.nps.value)), "report: NPS trend");
  const kpiEvents = await rp.getAttribute("#overview .kpi[data-measure=events] .kpi-value", "data-raw");
  check(kpiEvents === String(sec.overview.metrics.events.value), `report: events card ${kpiEvents}`);
  const apiOverview = await api("metrics", { from: "2024-02-01", compare: "previous", interval: "week" });
  check(sec.overview.metrics.customers.value === apiOverview.metrics.customers.value, "report: its overview is not the API's");
  await rp.screenshot({ path: join(shotDir, "report.png"), fullPage: true });
  await offline.close();
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
for (const [what, ms] of timings) console.log(`${what}: ${ms} ms`);
check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
if (failureCount() > 0) {
  console.error(`${failureCount()} check(s) failed`);
  process.exit(1);
}
console.log(`dashboard pages and report checks passed; screenshots in ${shotDir}`);
