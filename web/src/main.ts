// The Touchpoint dashboard: a filter bar whose state lives in the address,
// and the overview of KPI cards. Served by `touchpoint serve` at /.
import "./style.css";
import { ApiError, getJson, setKey, takeKeyFromUrl } from "./api";
import { apiParams, type Filters, readFilters, writeFilters } from "./filters";
import { renderOverview } from "./overview";
import type { MetricsAnswer, SegmentsAnswer } from "./types";

takeKeyFromUrl();

const app = document.getElementById("app")!;
app.innerHTML = `
  <header class="top">
    <div class="brand">Touchpoint</div>
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
    <div id="status" class="status" role="status"></div>
    <div id="page"></div>
  </main>`;

const form = document.getElementById("filters") as HTMLFormElement;
const page = document.getElementById("page")!;
const status = document.getElementById("status")!;
const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as unknown as T;

// The end of the data, learnt from the first answer: "last N days" counts back from it.
let dataEnd = "";
let generation = 0;

function fillSelect(select: HTMLSelectElement, values: string[], current: string, label = (v: string) => v): void {
  const first = select.options[0];
  select.replaceChildren(first);
  const all = new Set(values);
  if (current) all.add(current);
  for (const v of [...all].sort()) {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = label(v);
    select.append(o);
  }
  select.value = current;
}

function showFilters(f: Filters): void {
  field<HTMLInputElement>("from").value = f.from;
  field<HTMLInputElement>("to").value = f.to;
  for (const name of ["channel", "campaign", "segment"] as const) {
    const select = field<HTMLSelectElement>(name);
    if (![...select.options].some((o) => o.value === f[name])) fillSelect(select, [], f[name]);
    select.value = f[name];
  }
  const preset = field<HTMLSelectElement>("preset");
  preset.value = !f.from && !f.to ? "" : "custom";
}

function askForKey(message: string): void {
  page.replaceChildren();
  const box = document.createElement("form");
  box.className = "key-form";
  box.innerHTML = `<p></p><label>Query key <input type="password" name="key" required /></label> <button>Open</button>`;
  box.querySelector("p")!.textContent = message;
  box.addEventListener("submit", (e) => {
    e.preventDefault();
    setKey((box.elements.namedItem("key") as HTMLInputElement).value);
    void load();
  });
  page.append(box);
}

async function loadOptions(f: Filters): Promise<void> {
  // The option lists come after the numbers: they cost scans of their own.
  const base = { from: apiParams(f).from, to: apiParams(f).to };
  try {
    const [channels, campaigns, segments] = await Promise.all([
      getJson<MetricsAnswer>("/api/metrics", { ...base, by: "channel" }),
      getJson<MetricsAnswer>("/api/metrics", { ...base, by: "campaign" }),
      getJson<SegmentsAnswer>("/api/segments"),
    ]);
    const keys = (a: MetricsAnswer) => (a.groups ?? []).map((g) => g.key).filter((k) => k && k !== "(none)");
    fillSelect(field<HTMLSelectElement>("channel"), keys(channels), f.channel);
    fillSelect(field<HTMLSelectElement>("campaign"), keys(campaigns), f.campaign);
    const segs = segments.segments.flatMap((s) => s.values.map((v) => `${s.name}:${v}`));
    fillSelect(field<HTMLSelectElement>("segment"), segs, f.segment, (v) => v.replace(":", ": "));
  } catch {
    // The filters still work by address; the lists are a convenience.
  }
}

async function load(withOptions = false): Promise<void> {
  const mine = ++generation;
  const f = readFilters();
  showFilters(f);
  status.textContent = "Loading\u2026";
  status.className = "status loading";
  try {
    const answer = await renderOverview(page, f);
    if (mine !== generation) return;
    if (!f.to) dataEnd = answer.range.to.slice(0, 10);
    status.textContent = "";
    status.className = "status";
    if (withOptions) void loadOptions(f);
  } catch (e) {
    if (mine !== generation) return;
    status.className = "status";
    status.textContent = "";
    if (e instanceof ApiError && e.status === 401) {
      askForKey(e.message);
    } else {
      status.className = "status error";
      status.textContent = `Could not load: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}

function applyForm(): void {
  const f: Filters = {
    from: field<HTMLInputElement>("from").value,
    to: field<HTMLInputElement>("to").value,
    channel: field<HTMLSelectElement>("channel").value,
    campaign: field<HTMLSelectElement>("campaign").value,
    segment: field<HTMLSelectElement>("segment").value,
  };
  writeFilters(f);
  void load();
}

form.addEventListener("change", (e) => {
  const target = e.target as HTMLInputElement | HTMLSelectElement;
  if (target.name === "preset") {
    const days = parseInt(target.value, 10);
    if (target.value === "") {
      field<HTMLInputElement>("from").value = "";
      field<HTMLInputElement>("to").value = "";
    } else if (!Number.isNaN(days) && dataEnd) {
      // The API's range ends exclusive at dataEnd's instant; its day is the last one shown.
      const end = new Date(`${dataEnd}T00:00:00Z`);
      const start = new Date(end);
      start.setUTCDate(start.getUTCDate() - days + 1);
      field<HTMLInputElement>("from").value = start.toISOString().slice(0, 10);
      field<HTMLInputElement>("to").value = end.toISOString().slice(0, 10);
    } else {
      return;
    }
  }
  applyForm();
});

field<HTMLButtonElement>("reset").addEventListener("click", () => {
  writeFilters({ from: "", to: "", channel: "", campaign: "", segment: "" });
  void load();
});

window.addEventListener("popstate", () => void load());
void load(true);
