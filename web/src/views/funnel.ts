// Funnel: the user's steps (`touchpoint funnel --steps`), each an event
// with an optional condition in brackets, entered one per field with the
// store's events suggested; window, mode, what an entry counts, and an
// optional cut.
import { funnelGroupsOption, funnelOption, stepLabel } from "../charts/funnel";
import { el, notes, stats, table } from "../dom";
import * as fmt from "../format";
import type { FunnelAnswer, InfoAnswer } from "../types";
import { select } from "./controls";
import { cutColumns, eventNames, type View, type ViewContext } from "./view";

// The usual path to a purchase, as far as the store has its events.
const USUAL_STEPS = ["page_view", "signup", "add_to_cart", "checkout", "purchase"];

export function defaultSteps(info: InfoAnswer | null): string[] {
  const present = Object.keys(info?.events_by_type ?? {});
  const usual = USUAL_STEPS.filter((s) => present.includes(s));
  if (usual.length >= 2) return usual;
  return present.slice(0, 3);
}

// Splits "a[x IN ('1','2')],b" at the commas outside brackets and quotes.
export function splitSteps(steps: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let cur = "";
  for (const ch of steps) {
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "[") {
      depth++;
    } else if (ch === "]") {
      depth--;
    } else if (ch === "," && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function stepsEditor(steps: string[], events: string[], apply: (steps: string[]) => void): HTMLElement {
  const box = el("div", "control steps");
  box.append(el("span", "", "Steps"));
  const list = el("datalist");
  list.id = "funnel-events";
  for (const e of events) {
    const o = el("option");
    o.value = e;
    list.append(o);
  }
  box.append(list);
  const inputs: HTMLInputElement[] = [];
  const current = () => inputs.map((i) => i.value.trim()).filter((v) => v);
  steps.forEach((s, k) => {
    if (k > 0) box.append(el("span", "arrow", "\u2192"));
    const chip = el("span", "step-chip");
    const input = el("input");
    input.name = `step${k + 1}`;
    input.value = s;
    input.size = Math.max(8, s.length);
    input.setAttribute("list", list.id);
    input.spellcheck = false;
    input.addEventListener("change", () => apply(current()));
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") apply(current());
    });
    inputs.push(input);
    const remove = el("button", "chip-remove", "\u00d7");
    remove.type = "button";
    remove.title = "Remove this step";
    remove.disabled = steps.length <= 2;
    remove.addEventListener("click", () => apply(steps.filter((_, j) => j !== k)));
    chip.append(input, remove);
    box.append(chip);
  });
  const add = el("button", "add-step", "+ step");
  add.type = "button";
  add.name = "add-step";
  add.addEventListener("click", () => {
    const next = events.find((e) => !steps.includes(e)) ?? "purchase";
    apply([...current(), next]);
  });
  box.append(add);
  return box;
}

export const funnelView: View = {
  id: "funnel",
  title: "Funnel",
  params: ["steps", "window", "mode", "count", "by"],
  render(ctx: ViewContext, controls: HTMLElement) {
    const stepsText = ctx.param("steps", defaultSteps(ctx.info).join(","));
    const steps = splitSteps(stepsText);
    const window = ctx.param("window", "7d");
    const mode = ctx.param("mode", "ordered");
    const count = ctx.param("count", "customers");
    const by = ctx.param("by", "");
    controls.append(
      stepsEditor(steps, eventNames(ctx), (s) => ctx.set({ steps: s.join(",") })),
      select("Within", "window", [["1d", "1 day"], ["7d", "7 days"], ["14d", "14 days"], ["30d", "30 days"], ["90d", "90 days"]], window, (v) => ctx.set({ window: v })),
      select("Order", "mode", ["ordered", "strict", "unordered"], mode, (v) => ctx.set({ mode: v })),
      select("Count", "count", ["customers", "sessions", "totals"], count, (v) => ctx.set({ count: v })),
      select("Cut by", "by", [["", "nothing"], ...cutColumns(ctx).map((c): [string, string] => [c, c])], by, (v) => ctx.set({ by: v })),
    );
    const chartPanel = ctx.page.panel({ title: "Funnel", subtitle: `${steps.length} steps, ${mode}, within ${window}`, span: 3, id: "funnel" });
    const tablePanel = ctx.page.panel({ title: "Step by step", span: by ? 2 : 3, id: "funnel-table" });
    const groupPanel = by ? ctx.page.panel({ title: `Conversion by ${by}`, subtitle: "share of the first step reaching each step", span: 1, id: "funnel-groups" }) : null;
    if (steps.length < 1) {
      for (const p of [chartPanel, tablePanel]) p.empty("No steps", "Enter the funnel's steps above (events, e.g. page_view, signup, purchase).");
      groupPanel?.empty("No steps", "");
      return;
    }
    const request = ctx.query<FunnelAnswer>("funnel", { steps: steps.join(","), window, mode, count, by });
    void chartPanel.run(
      () => request,
      (a) => {
        const first = a.steps[0]?.count ?? 0;
        const last = a.steps[a.steps.length - 1];
        chartPanel.body.append(
          stats([
            { label: `entered (${a.count})`, value: fmt.count(first) },
            { label: "converted", value: fmt.count(last?.count ?? 0) },
            { label: "overall conversion", value: fmt.pct(last?.conversion_from_first ?? null) },
            ...(a.excluded ? [{ label: "excluded", value: fmt.count(a.excluded) }] : []),
          ]),
        );
        chartPanel.chart("funnel", funnelOption(a), 340);
        const n = notes(a);
        if (n) chartPanel.body.append(n);
      },
    );
    void tablePanel.run(
      () => request,
      (a) => {
        const rows = a.steps.map((s, i) => [
          stepLabel(s, i),
          fmt.count(s.count),
          i === 0 ? "" : fmt.pct(s.conversion_from_previous),
          i === 0 || !s.conversion_from_previous_ci95 ? "" : `${fmt.pct(s.conversion_from_previous_ci95[0])} \u2013 ${fmt.pct(s.conversion_from_previous_ci95[1])}`,
          fmt.pct(s.conversion_from_first),
          i === 0 ? "" : fmt.count(s.dropped),
          s.median_time_to_convert_s === null ? "" : fmt.duration(s.median_time_to_convert_s),
        ]);
        tablePanel.body.append(
          table(
            [
              { title: "step" },
              { title: a.count, numeric: true },
              { title: "from previous", numeric: true },
              { title: "95% CI", numeric: true },
              { title: "from first", numeric: true },
              { title: "dropped", numeric: true },
              { title: "median time", numeric: true },
            ],
            rows,
          ),
        );
      },
    );
    if (groupPanel) {
      void groupPanel.run(
        () => request,
        (a) => {
          if (!a.groups?.length) {
            groupPanel.empty("No groups", `no values of ${by} among the entries`);
            return;
          }
          groupPanel.chart("funnel-groups", funnelGroupsOption(a), 320);
        },
      );
    }
  },
};
