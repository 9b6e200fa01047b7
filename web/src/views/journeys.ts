// Journeys: the Sankey of the top paths (`touchpoint paths`, docs/paths.md),
// the top paths with the conversion after them, and the touchpoint map.
import { sankeyOption } from "../charts/sankey";
import { el, notes, table } from "../dom";
import * as fmt from "../format";
import type { PathsAnswer } from "../types";
import { select } from "./controls";
import { eventNames, type View, type ViewContext } from "./view";

export function pathCell(path: string[]): HTMLElement {
  const box = el("span", "path");
  path.forEach((step, i) => {
    if (i > 0) box.append(el("span", "arrow", "\u2192"));
    box.append(el("span", "path-step", step));
  });
  return box;
}

export function topPathsTable(a: PathsAnswer, limit = 20): HTMLTableElement {
  return table(
    [
      { title: "path" },
      { title: "journeys", numeric: true },
      { title: "customers", numeric: true },
      { title: "of all customers", numeric: true },
      { title: "converted after", numeric: true },
    ],
    a.top_paths.slice(0, limit).map((p) => [pathCell(p.path), fmt.count(p.paths), fmt.count(p.customers), fmt.pct(p.share_of_customers), fmt.pct(p.conversion_after)]),
  );
}

export function sankeyHeight(a: PathsAnswer): number {
  return Math.max(360, Math.min(720, 18 * a.sankey.nodes.length));
}

export const journeysView: View = {
  id: "journeys",
  title: "Journeys",
  params: ["touchpoint", "scope", "depth", "start", "end"],
  render(ctx: ViewContext, controls: HTMLElement) {
    const touchpoint = ctx.param("touchpoint", "event");
    const scope = ctx.param("scope", "session");
    const depth = ctx.param("depth", "5");
    const start = ctx.param("start", "");
    const end = ctx.param("end", "");
    const events = eventNames(ctx);
    const anchors = touchpoint === "event" ? events : [];
    controls.append(
      select("Steps are", "touchpoint", [["event", "events"], ["channel", "channels"], ["channel:event", "channel: event"], ["page", "pages"], ["campaign", "campaigns"]], touchpoint,
        (v) => ctx.set({ touchpoint: v, start: "", end: "" })),
      select("Within", "scope", [["session", "a session"], ["customer", "a customer's history"]], scope, (v) => ctx.set({ scope: v })),
      select("Depth", "depth", ["3", "4", "5", "6", "7", "8"], depth, (v) => ctx.set({ depth: v })),
      select("Starting at", "start", [["", "anywhere"], ...anchors.map((e): [string, string] => [e, e])], start, (v) => ctx.set({ start: v, end: "" })),
      select("Ending at", "end", [["", "anywhere"], ...anchors.map((e): [string, string] => [e, e])], end, (v) => ctx.set({ end: v, start: "" })),
    );
    const sankey = ctx.page.panel({ title: "Journey map", subtitle: "the top paths, step by step; hover a flow for its journeys", span: 3, id: "sankey" });
    const paths = ctx.page.panel({ title: "Top paths", span: 2, id: "paths" });
    const map = ctx.page.panel({ title: "Touchpoints", subtitle: "exits and conversion after each", span: 1, id: "touchpoints" });
    const request = ctx.query<PathsAnswer>("paths", { touchpoint, scope, depth, start, end });
    void sankey.run(
      () => request,
      (a) => {
        if (a.sankey.links.length === 0) {
          sankey.empty("No journeys", "no paths in this range");
          return;
        }
        sankey.setSubtitle(`${fmt.count(a.journeys)} ${scope === "session" ? "sessions" : "customers' histories"}; the top ${a.top_paths.length} paths, step by step`);
        sankey.chart("sankey", sankeyOption(a), sankeyHeight(a));
        const n = notes(a);
        if (n) sankey.body.append(n);
      },
    );
    void paths.run(
      () => request,
      (a) => paths.body.append(topPathsTable(a)),
    );
    void map.run(
      () => request,
      (a) =>
        map.body.append(
          table(
            [{ title: "touchpoint" }, { title: "customers", numeric: true }, { title: "exit rate", numeric: true }, { title: "conv. after", numeric: true }],
            a.touchpoints.slice(0, 15).map((t) => [t.touchpoint, fmt.count(t.customers), fmt.pct(t.exit_rate), fmt.pct(t.conversion_after)]),
            "compact",
          ),
        ),
    );
  },
};
