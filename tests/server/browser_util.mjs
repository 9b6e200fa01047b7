// Shared by the browser tests (browser_test.mjs, dashboard_test.mjs): a
// generated store, `touchpoint serve` on a free loopback port, headless
// Debian Chromium through playwright-core (from web/node_modules), the
// query API as the tests see it, and a check counter.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = join(here, "..", "..", "web");
export const CHROMIUM = "/usr/bin/chromium";
// The flags this machine's Chromium needs headless as root, without the
// background traffic its closed network refuses.
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let failures = 0;
export function check(ok, message) {
  if (!ok) {
    failures++;
    console.error(`FAIL: ${message}`);
  }
  return ok;
}
export function fatal(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}
export function failureCount() {
  return failures;
}

export function loadChromium() {
  if (!existsSync(CHROMIUM)) fatal(`${CHROMIUM} is missing: apt-get install chromium (scripts/setup.sh does)`);
  try {
    const require = createRequire(join(webDir, "package.json"));
    return require("playwright-core").chromium;
  } catch {
    fatal("playwright-core is missing: run npm ci in web/ (scripts/test.sh does)");
  }
}

// A store of `events` generated events (seed `seed`) with a derived column
// `segment` (every third customer gold, the others silver) in a fresh
// temporary folder: { work, db }.
export function makeStore(touchpoint, events, seed) {
  const work = mkdtempSync(join(tmpdir(), "tp_browser_"));
  const db = join(work, "store");
  execFileSync(touchpoint, ["generate", "--events", String(events), "--seed", String(seed), "--out", join(work, "events.csv")]);
  execFileSync(touchpoint, ["ingest", "--db", db, join(work, "events.csv")]);
  let seg = "customer_id,value\n";
  for (let i = 0; i < 2000; i++) seg += `c${String(i).padStart(7, "0")},${i % 3 === 0 ? "gold" : "silver"}\n`;
  writeFileSync(join(work, "segment.csv"), seg);
  execFileSync(touchpoint, ["derived", "--db", db, "--import", "segment", join(work, "segment.csv")]);
  return { work, db };
}

// `touchpoint serve --db DB` with `args`; resolves to { server, base }.
export async function startServer(touchpoint, db, args) {
  const server = spawn(touchpoint, ["serve", "--db", db, "--listen", "127.0.0.1:0", ...args]);
  const port = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+) /);
      if (m) resolve(Number(m[1]));
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { server, base: `http://127.0.0.1:${port}` };
}

// GET /api/NAME?params with the query key; the parsed JSON (or the error).
export function apiClient(base, key) {
  return async (name, params = {}, expectStatus = 200) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "")).toString();
    const r = await fetch(`${base}/api/${name}?${q}`, { headers: { Authorization: `Bearer ${key}` } });
    const body = await r.json();
    if (r.status !== expectStatus) fatal(`/api/${name}?${q}: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };
}

export async function launch(chromium) {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
}
