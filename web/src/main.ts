// The Touchpoint dashboard, served by `touchpoint serve` at /: a header
// with the pages and the filters, a settings bar for the page, and the
// page's panels. Everything a view shows lives in the address
// (?view=funnel&steps=...&from=...&channel=...), so a view can be
// bookmarked and shared; back and forward work.
import "./style.css";
import { ApiError, download, getJson, setKey, takeKeyFromUrl } from "./api";
import { el } from "./dom";
import { apiParams, type Filters, readFilters, writeFilters } from "./filters";
import { Page } from "./page";
import type { DerivedColumnsAnswer, InfoAnswer } from "./types";
import { feedbackView } from "./views/feedback";
import { funnelView } from "./views/funnel";
import { journeysView } from "./views/journeys";
import { overviewView } from "./views/overview";
import { predictionsView } from "./views/predictions";
import { retentionView } from "./views/retention";
import { surveysView } from "./views/surveys";
import { trendsView } from "./views/trends";
import { makeQuery, type View, type ViewContext } from "./views/view";

const VIEWS: View[] = [overviewView, trendsView, funnelView, retentionView, journeysView, surveysView, predictionsView, feedbackView];

takeKeyFromUrl();

const app = document.getElementById("app")!;
app.innerHTML = `
  <header class="top">
    <div class="top-row">
      <div class="brand"><span class="logo" aria-hidden="true"></span>Touchpoint</div>
      <nav class="tabs" id="tabs"></nav>
      <span class="range-note" id="range-note"></span>
      <button type="button" name="report" class="primary" form="filters" title="One HTML file with the overview, trends, funnel, retention, journeys and surveys for these filters; opens offline">Download report</button>
    </div>
    <form class="filters" id="filters" autocomplete="off">
      <label>Range
        <select name="preset">
          <option value="">All data</option>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
          <option value="365">Last 365 days</option>
          <option value="custom">Custom</option>
        </select>
      </label>
      <label>From <input type="date" name="from" /></label>
      <label>To <input type="date" name="to" /></label>
      <label>Channel <select name="channel"><option value="">All</option></select></label>
      <label>Campaign <select name="campaign"><option value="">All</option></select></label>
      <label>Segment <select name="segment"><option value="">Everyone</option></select></label>
      <button type="button" name="reset">Reset</button>
    </form>
  </header>
  <main>
    <div class="controls" id="controls"></div>
    <div id="page"></div>
  </main>`;

const form = document.getElementById("filters") as HTMLFormElement;
const tabs = document.getElementById("tabs")!;
const controls = document.getElementById("controls")!;
const root = document.getElementById("page")!;
const rangeNote = document.getElementById("range-note")!;
const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as unknown as T;

let info: InfoAnswer | null = null;
let derived: DerivedColumnsAnswer | null = null;
let current: Page | null = null;

function currentView(): View {
  const id = new URLSearchParams(window.location.search).get("view") ?? "overview";
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}

function fillSelect(select: HTMLSelectElement, values: string[], value: string, label = (v: string) => v): void {
  const first = select.options[0];
  select.replaceChildren(first);
  const all = [...new Set([...values, ...(value ? [value] : [])])];
  for (const v of all) {
    const o = el("option", "", label(v));
    o.value = v;
    select.append(o);
  }
  select.value = value;
}

function showFilters(f: Filters): void {
  field<HTMLInputElement>("from").value = f.from;
  field<HTMLInputElement>("to").value = f.to;
  const names = (counts: Record<string, number> | undefined) => Object.keys(counts ?? {}).filter((k) => k !== "");
  fillSelect(field<HTMLSelectElement>("channel"), names(info?.events_by_channel), f.channel);
  fillSelect(field<HTMLSelectElement>("campaign"), names(info?.events_by_campaign).sort(), f.campaign);
  const segs = (derived?.segments ?? []).flatMap((s) => s.values.map((v) => `${s.name}:${v}`));
  fillSelect(field<HTMLSelectElement>("segment"), segs, f.segment, (v) => v.replace(":", ": "));
  field<HTMLSelectElement>("preset").value = !f.from && !f.to ? "" : "custom";
  if (info && info.events > 0) {
    const first = new Date(info.min_ts).toISOString().slice(0, 10);
    const last = new Date(info.max_ts).toISOString().slice(0, 10);
    rangeNote.textContent = `data: ${first} to ${last}`;
  }
}

function showTabs(active: View): void {
  tabs.replaceChildren();
  for (const v of VIEWS) {
    const a = el("a", v === active ? "tab active" : "tab", v.title);
    a.href = viewHref(v);
    a.dataset.view = v.id;
    a.addEventListener("click", (e) => {
      e.preventDefault();
      window.history.pushState(null, "", viewHref(v));
      render();
    });
    tabs.append(a);
  }
}

// The address of `view` with the current filters (its own settings dropped
// for the other pages', which mean nothing there).
function viewHref(view: View): string {
  const p = new URLSearchParams(window.location.search);
  const keep = new URLSearchParams();
  for (const name of ["from", "to", "channel", "campaign", "segment"]) {
    const v = p.get(name);
    if (v) keep.set(name, v);
  }
  if (view.id === currentView().id) for (const name of view.params) if (p.get(name)) keep.set(name, p.get(name)!);
  if (view.id !== "overview") keep.set("view", view.id);
  const q = keep.toString();
  return window.location.pathname + (q ? `?${q}` : "");
}

function askForKey(message: string): void {
  current?.close();
  controls.replaceChildren();
  root.replaceChildren();
  const box = el("form", "key-form");
  box.innerHTML = `<p></p><label>Query key <input type="password" name="key" required /></label> <button>Open</button>`;
  box.querySelector("p")!.textContent = message;
  box.addEventListener("submit", (e) => {
    e.preventDefault();
    setKey((box.elements.namedItem("key") as HTMLInputElement).value);
    void start();
  });
  root.append(box);
}

function render(): void {
  const view = currentView();
  const f = readFilters();
  current?.close();
  showTabs(view);
  showFilters(f);
  controls.replaceChildren();
  root.replaceChildren();
  root.dataset.view = view.id;
  const page = new Page(root, askForKey);
  current = page;
  root.append(page.grid);
  const api = apiParams(f);
  root.dataset.where = api.where;
  const params = new URLSearchParams(window.location.search);
  const ctx: ViewContext = {
    page,
    filters: f,
    api,
    info,
    derived,
    param: (name, fallback = "") => params.get(name) ?? fallback,
    set: (updates) => {
      const p = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(updates)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      window.history.pushState(null, "", `${window.location.pathname}?${p.toString()}`);
      render();
    },
    query: makeQuery(page, api),
  };
  view.render(ctx, controls);
  page.settle();
}

// What the store holds, for the filters' lists and the pages' pickers;
// fetched once (the server caches it by the data's stamp).
async function start(): Promise<void> {
  root.dataset.ready = "false";
  try {
    [info, derived] = await Promise.all([
      getJson<InfoAnswer>("/api/info"),
      getJson<DerivedColumnsAnswer>("/api/derived").catch(() => null),
    ]);
    if (info) {
      info.min_ts = info.first_event ? Date.parse(info.first_event) : 0;
      info.max_ts = info.last_event ? Date.parse(info.last_event) : 0;
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      askForKey(e.message);
      return;
    }
    info = null; // the pages still work; their pickers are shorter
  }
  render();
}

function applyForm(): void {
  writeFilters({
    from: field<HTMLInputElement>("from").value,
    to: field<HTMLInputElement>("to").value,
    channel: field<HTMLSelectElement>("channel").value,
    campaign: field<HTMLSelectElement>("campaign").value,
    segment: field<HTMLSelectElement>("segment").value,
  });
  render();
}

form.addEventListener("change", (e) => {
  const target = e.target as HTMLInputElement | HTMLSelectElement;
  if (target.name === "preset") {
    const days = parseInt(target.value, 10);
    if (target.value === "") {
      field<HTMLInputElement>("from").value = "";
      field<HTMLInputElement>("to").value = "";
    } else if (!Number.isNaN(days) && info && info.events > 0) {
      // "Last N days" of the data: its last day and the N-1 before.
      const end = new Date(new Date(info.max_ts).toISOString().slice(0, 10) + "T00:00:00Z");
      const begin = new Date(end);
      begin.setUTCDate(begin.getUTCDate() - days + 1);
      field<HTMLInputElement>("from").value = begin.toISOString().slice(0, 10);
      field<HTMLInputElement>("to").value = end.toISOString().slice(0, 10);
    } else {
      return;
    }
  }
  applyForm();
});

field<HTMLButtonElement>("reset").addEventListener("click", () => {
  writeFilters({ from: "", to: "", channel: "", campaign: "", segment: "" });
  render();
});

// The shareable report for the current filters (and the funnel page's steps).
field<HTMLButtonElement>("report").addEventListener("click", async () => {
  const button = field<HTMLButtonElement>("report");
  const p = new URLSearchParams(window.location.search);
  const params = { ...apiParams(readFilters()), steps: currentView().id === "funnel" ? (p.get("steps") ?? "") : "", window: p.get("window") ?? "" };
  button.disabled = true;
  button.textContent = "Preparing\u2026";
  try {
    await download("/api/report", params, "touchpoint-report.html");
  } catch (e) {
    window.alert(`The report could not be made: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    button.disabled = false;
    button.textContent = "Download report";
  }
});

window.addEventListener("popstate", () => render());
void start();
