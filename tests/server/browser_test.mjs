// The dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core from web/node_modules): it loads the overview of a
// generated store through `touchpoint serve`, checks that every KPI card
// shows the number /api/metrics returns, that the channel, segment and date
// filters change the numbers to the API's filtered ones and stay in the
// address, that the console has no errors, and that the tracking script on
// another site's page stores its page view and a marked click. Screenshots
// go to the folder given as the second argument.
//
// usage: node browser_test.mjs path/to/touchpoint SCREENSHOT_DIR
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:http";
import { apiClient, check, ensureDir, failureCount, launch, loadChromium, makeStore, startServer } from "./browser_util.mjs";

const [touchpoint, shotDir] = process.argv.slice(2);
const KEY = "sk_browser_test";
const INGEST_KEY = "pk_browser_test";
const chromium = loadChromium();
ensureDir(shotDir);
const { work, db } = makeStore(touchpoint, 60000, 5);
const { server, base } = await startServer(touchpoint, db, ["--query-key", KEY, "--ingest-key", INGEST_KEY]);
const metrics = apiClient(base, KEY);
const api = (params) => metrics("metrics", params);

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

// Every card's raw number equals the API's; counts also read the same.
async function compareCards(page, answer, label) {
  const cards = await page.$$eval("#page .kpi", (els) =>
    els.map((e) => ({
      measure: e.dataset.measure,
      raw: e.querySelector(".kpi-value").dataset.raw,
      text: e.querySelector(".kpi-value").textContent,
      change: e.querySelector(".kpi-change")?.dataset.raw ?? null,
    })),
  );
  check(cards.length >= 15, `${label}: ${cards.length} KPI cards`);
  for (const c of cards) {
    const m = answer.metrics[c.measure];
    check(m !== undefined, `${label}: ${c.measure} is not in the API's answer`);
    if (!m) continue;
    const want = m.value === null ? "" : String(m.value);
    check(c.raw === want, `${label}: ${c.measure} shows ${c.raw}, the API says ${want}`);
    if (["events", "customers", "sessions", "new_customers"].includes(c.measure) && m.value !== null) {
      check(c.text === countFormat.format(m.value), `${label}: ${c.measure} reads "${c.text}"`);
    }
    if (m.compare && m.compare.change !== null) {
      check(c.change === String(m.compare.change), `${label}: ${c.measure} change ${c.change} vs ${m.compare.change}`);
    }
  }
  return Object.fromEntries(cards.map((c) => [c.measure, c.raw]));
}

const browser = await launch(chromium);
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("requestfailed", (r) => consoleErrors.push(`request failed: ${r.url()}`));

  // 1. The overview, opened with the query key in the address.
  const t0 = Date.now();
  await page.goto(`${base}/?key=${KEY}`);
  await page.waitForSelector("#page[data-ready=true]", { timeout: 20000 });
  console.log(`overview rendered in ${Date.now() - t0} ms`);
  check(!page.url().includes("key="), `the key stays in the address: ${page.url()}`);
  const all = await api({ compare: "previous", interval: "week" });
  const before = await compareCards(page, all, "overview");
  await page.screenshot({ path: join(shotDir, "overview.png"), fullPage: true });

  // 2. A channel filter: the options arrive, the numbers follow, the address keeps it.
  await page.waitForSelector("select[name=channel] option[value=web]", { state: "attached", timeout: 20000 });
  await page.selectOption("select[name=channel]", "web");
  await page.waitForSelector(`#page[data-where="channel = 'web'"]`, { timeout: 20000 });
  check(new URL(page.url()).searchParams.get("channel") === "web", `channel not in the address: ${page.url()}`);
  const web = await api({ compare: "previous", interval: "week", where: "channel = 'web'" });
  const afterChannel = await compareCards(page, web, "channel=web");
  check(afterChannel.events !== before.events, "the channel filter did not change the events count");
  await page.screenshot({ path: join(shotDir, "overview_channel_web.png"), fullPage: true });

  // 3. A segment on top of it (a derived column), then back.
  await page.waitForSelector("select[name=segment] option[value='segment:gold']", { state: "attached" });
  await page.selectOption("select[name=segment]", "segment:gold");
  const both = "channel = 'web' AND derived:segment = 'gold'";
  await page.waitForSelector(`#page[data-where="${both}"]`, { timeout: 20000 });
  const gold = await api({ compare: "previous", interval: "week", where: both });
  const afterSegment = await compareCards(page, gold, "web + gold");
  check(afterSegment.customers !== afterChannel.customers, "the segment filter did not change the customers");

  // 4. A date range from the address alone (a shared link), sparklines by day.
  await page.goto(`${base}/?from=2024-03-01&to=2024-03-31`);
  await page.waitForSelector("#page[data-ready=true]");
  await page.waitForFunction(() => document.querySelector("#page").dataset.from === "2024-03-01T00:00:00.000Z");
  const march = await api({ compare: "previous", interval: "day", from: "2024-03-01", to: "2024-04-01" });
  const marchCards = await compareCards(page, march, "March");
  check(marchCards.events !== before.events, "the date range did not change the events count");
  check((await page.inputValue("input[name=from]")) === "2024-03-01", "the from field does not show the range");
  await page.waitForTimeout(300);  // sparklines draw on the next frame
  const canvases = await page.$$eval("#page .kpi-spark canvas", (c) => c.length);
  check(canvases >= 10, `only ${canvases} sparklines drawn`);
  await page.screenshot({ path: join(shotDir, "overview_march.png"), fullPage: true });

  // 5. The tracking script on another site: a page view with the campaign
  // of its address, and a click on a marked button, reach the store.
  // The site is another origin (its own port) on loopback: Chromium blocks
  // a public page's requests to loopback, which a real deployment avoids
  // by serving touchpoint on a public address.
  const site = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<!doctype html><html><head><title>Pricing</title>
      <script async src="${base}/touchpoint.js" data-key="${INGEST_KEY}"></script></head>
      <body><button id="buy" data-tp-event="signup" data-tp-plan="pro"><span>Start</span></button></body></html>`);
  });
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  const shop = await browser.newPage();
  shop.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`shop: ${m.text()}`); });
  shop.on("pageerror", (e) => consoleErrors.push(`shop: ${e.message}`));
  await shop.goto(`http://localhost:${site.address().port}/pricing?utm_campaign=spring&utm_medium=email`);
  await shop.waitForFunction(() => window.touchpoint && window.touchpoint.loaded);
  await shop.click("#buy span");  // inside the marked element
  await shop.evaluate(() => window.touchpoint.flush());
  const tracked = async (where) => (await api({ where })).metrics.events.value;
  let pageViews = 0;
  let signups = 0;
  for (let i = 0; i < 50 && (pageViews < 1 || signups < 1); i++) {
    await new Promise((r) => setTimeout(r, 200));
    pageViews = await tracked("event = 'page_view' AND page = '/pricing' AND campaign = 'spring' AND channel = 'email' AND title = 'Pricing'");
    signups = await tracked("event = 'signup' AND plan = 'pro' AND element = 'buy' AND page = '/pricing'");
  }
  check(pageViews === 1, `the tracker's page view: ${pageViews} stored`);
  check(signups === 1, `the tracker's click on the marked button: ${signups} stored`);
  const sessions = (await api({ where: "page = '/pricing' AND campaign = 'spring'" })).metrics.sessions.value;
  check(sessions === 1, `the tracker's two events make ${sessions} sessions`);
  await shop.close();
  site.close();

  // 6. Without the key the page asks for it instead of failing.
  const fresh = await browser.newPage();
  fresh.on("console", (m) => {
    // The 401 itself is logged by Chromium as a failed resource; nothing else may be.
    if (m.type() === "error" && !m.text().includes("401")) consoleErrors.push(m.text());
  });
  await fresh.goto(`${base}/`);
  await fresh.waitForSelector(".key-form input[name=key]", { timeout: 20000 });
  await fresh.fill(".key-form input[name=key]", KEY);
  await fresh.click(".key-form button");
  await fresh.waitForSelector("#page[data-ready=true]", { timeout: 20000 });
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
if (failureCount() > 0) {
  console.error(`${failureCount()} check(s) failed`);
  process.exit(1);
}
console.log(`dashboard checks passed; screenshots in ${shotDir}`);
