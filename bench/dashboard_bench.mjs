// The dashboard's speed on a real store, in headless Chromium (Debian's
// chromium, playwright-core from web/node_modules), as a person sees it:
//
// - first render: from the start of the navigation to /?view=PAGE (the
//   page's clock) until every panel of the page has settled
//   (#page[data-ready=true], the charts drawn), on a server started fresh for the
//   run, so nothing is cached (the store's files are in the page cache:
//   warm, as in the other benchmarks); best and median of RUNS;
// - filter change: on a page already drawn, from just before a filter is
//   picked in the bar until the page has settled again (a new request: not
//   cached);
// - the same view again (the server's answer cache);
// - `touchpoint report -o report.html` on the whole store (wall time).
//
// Prints a Markdown table with the 1-minute load average at each
// measurement (the machine is shared), for bench/RESULTS.md.
//
// usage: node bench/dashboard_bench.mjs path/to/touchpoint STORE [RUNS]
//   STORE: e.g. `touchpoint generate --events 10000000 --seed 1 --out
//   ev.csv` then `touchpoint ingest --db STORE ev.csv`.
//   A derived column `tier` (RFM segments, for the segment filter) is saved
//   when missing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { launch, loadChromium, startServer as serve } from "../tests/server/browser_util.mjs";

const [touchpoint, db, runsArg] = process.argv.slice(2);
if (!touchpoint || !db) {
  console.error("usage: node bench/dashboard_bench.mjs path/to/touchpoint STORE [RUNS]");
  process.exit(2);
}
const RUNS = Number(runsArg ?? 3);
const PAGES = ["overview", "trends", "funnel", "retention", "journeys", "surveys", "predictions", "feedback"];

const info = JSON.parse(execFileSync(touchpoint, ["info", "--db", db, "--format", "json"]).toString());
// The segment filter needs a derived column: RFM segments, saved as `tier`.
const derived = execFileSync(touchpoint, ["derived", "--db", db, "--list"]).toString();
if (!/^tier\s/m.test(derived)) execFileSync(touchpoint, ["segments", "--db", db, "--save", "tier"]);
const tiers = JSON.parse(execFileSync(touchpoint, ["segments", "--db", db, "--format", "json"]).toString()).segments.map((x) => x.name);

const startServer = () => serve(touchpoint, db, []);

async function stop(server) {
  await new Promise((resolve) => {
    server.on("exit", resolve);
    server.kill("SIGTERM");
  });
}

// When the page last settled, in the page's own clock (milliseconds since
// its navigation began): a MutationObserver installed before the page's
// scripts notes the moment #page gets data-ready="true". Playwright's
// waitForSelector only says that it happened: it polls at up to 500 ms.
const READY_CLOCK = () => {
  new MutationObserver(() => {
    if (document.getElementById("page")?.dataset.ready === "true") window.__readyAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
};

async function settled(page) {
  await page.waitForSelector("#page[data-ready=true]", { timeout: 600000 });
  return page.evaluate(() => window.__readyAt);
}

// The API requests of the page so far: path and milliseconds.
async function apiTimes(page) {
  return page.evaluate(() =>
    performance.getEntriesByType("resource")
      .filter((e) => e.name.includes("/api/"))
      .map((e) => `${new URL(e.name).pathname.slice(5)} ${Math.round(e.duration)}`),
  );
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0], median: s[Math.floor(s.length / 2)], worst: s[s.length - 1] };
};
const rows = [];
const chromium = loadChromium();
const browser = await launch(chromium);

// RUNS runs of `run(page, base)` (which returns { ms, requests }), each on
// a fresh server and a fresh browser context; one row of the table.
async function measure(label, run) {
  const times = [];
  const loads = [];
  let requests = [];
  for (let i = 0; i < RUNS; i++) {
    const { server, base } = await startServer();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.addInitScript(READY_CLOCK);
    try {
      loads.push(loadavg()[0]);
      const r = await run(page, base);
      times.push(r.ms);
      requests = r.requests;
    } finally {
      await page.close();
      await stop(server);
    }
  }
  const s = stats(times);
  rows.push([label, s.best, s.median, s.worst, loads.map((l) => l.toFixed(1)).join(", "), requests.join("; ")]);
  console.error(rows[rows.length - 1].join(" | "));
}

try {
  for (const view of PAGES) {
    await measure(`first render: ${view}`, async (page, base) => {
      await page.goto(`${base}/?view=${view}`);
      const readyAt = await settled(page);
      return { ms: Math.round(readyAt), requests: await apiTimes(page) };
    });
  }

  // Filter changes: each a new request on a drawn page.
  const channels = Object.keys(info.events_by_channel).filter((c) => c);
  const campaigns = Object.keys(info.events_by_campaign).filter((c) => c);
  const changes = [
    ["overview", "channel", channels[1]],
    ["overview", "campaign", campaigns[0]],
    ["overview", "preset", "30"],
    ["overview", "segment", `tier:${tiers[0]}`],
    ["trends", "channel", channels[2]],
    ["funnel", "channel", channels[1]],
    ["retention", "channel", channels[0]],
    ["journeys", "preset", "90"],
    ["surveys", "preset", "90"],
  ];
  for (const [view, field, value] of changes) {
    await measure(`filter change: ${view}, ${field} = ${value}`, async (page, base) => {
      await page.goto(`${base}/?view=${view}`);
      await settled(page);
      const before = (await apiTimes(page)).length;
      const t0 = await page.evaluate(() => {
        document.querySelector("#page").dataset.ready = "stale";
        return performance.now();
      });
      await page.selectOption(`select[name=${field}]`, value);
      const readyAt = await settled(page);
      return { ms: Math.round(readyAt - t0), requests: (await apiTimes(page)).slice(before) };
    });
  }

  // The same view again on the same server: answered from its cache.
  await measure("overview again (cached answers)", async (page, base) => {
    await page.goto(`${base}/`);
    await settled(page);
    await page.reload();
    const readyAt = await settled(page);
    return { ms: Math.round(readyAt), requests: await apiTimes(page) };
  });
} finally {
  await browser.close();
}

// The shareable report of the whole store: the command's wall time.
{
  const work = mkdtempSync(join(tmpdir(), "tp_report_bench_"));
  const times = [];
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    loads.push(loadavg()[0]);
    const t0 = Date.now();
    execFileSync(touchpoint, ["report", "--db", db, "-o", join(work, "report.html")]);
    times.push(Date.now() - t0);
  }
  rmSync(work, { recursive: true, force: true });
  const s = stats(times);
  rows.push(["touchpoint report -o report.html", s.best, s.median, s.worst, loads.map((l) => l.toFixed(1)).join(", "), ""]);
}

console.log(`Store: ${db}: ${info.events.toLocaleString("en-US")} events, ${info.customers.toLocaleString("en-US")} customers; ${RUNS} runs each, ${new Date().toISOString()}`);
console.log("");
console.log("| what | best ms | median ms | worst ms | load average (1 min) at each run | API requests of the last run (ms) |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
