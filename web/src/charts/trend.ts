// A measure over time from `metrics --interval`: one line for everyone
// (with its 95% interval as a band when the measure has one), or one line
// per group of a `--by` cut. Partial periods (the range cuts them) are
// shaded, since their values are not comparable with whole ones.
import * as fmt from "../format";
import type { MetricsAnswer } from "../types";
import { ACCENT, axisStyle, colorFor, MUTED, type Option } from "./core";

export interface TrendLine {
  name: string;
  values: (number | null)[];
}

// The periods and the lines a trend chart draws: exported so the pages'
// tables and the tests read the same numbers the chart got.
// `byGroup` false: everyone's line even when the answer has groups.
export function trendLines(answer: MetricsAnswer, measure: string, maxGroups = 8, byGroup = true): { periods: string[]; lines: TrendLine[] } {
  const groups = byGroup ? (answer.groups ?? []) : [];
  if (groups.length > 0 && groups.some((g) => g.series)) {
    // Every period of the range is in the all-customers series; a group's
    // series skips the periods it has no data in (docs/metrics.md).
    const periods = answer.series?.length
      ? answer.series.map((p) => p.period)
      : [...new Set(groups.flatMap((g) => (g.series ?? []).map((p) => p.period)))].sort();
    // The largest groups by events: a cut by page can have thousands.
    const top = [...groups]
      .sort((a, b) => (b.metrics.events?.value ?? 0) - (a.metrics.events?.value ?? 0))
      .slice(0, maxGroups);
    const lines = top.map((g) => {
      const byPeriod = new Map((g.series ?? []).map((p) => [p.period, p.metrics[measure]?.value ?? null]));
      return { name: groupName(g.key), values: periods.map((p) => byPeriod.get(p) ?? null) };
    });
    return { periods, lines };
  }
  const series = answer.series ?? [];
  return {
    periods: series.map((p) => p.period),
    lines: [{ name: "All", values: series.map((p) => p.metrics[measure]?.value ?? null) }],
  };
}

// A group's key as shown: "(none)" for customers without a value, and the
// two values of a two-column cut joined by " · " (the API joins them by U+001F).
export function groupName(key: string): string {
  if (key === "") return "(none)";
  return key.split("\u001f").join(" \u00b7 ");
}

export function trendOption(answer: MetricsAnswer, measure: string, maxGroups = 8, byGroup = true): Option {
  const { periods, lines } = trendLines(answer, measure, maxGroups, byGroup);
  const unit = answer.metrics[measure]?.unit ?? "";
  const partial = new Set(answer.partial_periods ?? []);
  const single = lines.length === 1 && lines[0].name === "All";
  const series: Record<string, unknown>[] = [];
  if (single) {
    const ci = (answer.series ?? []).map((p) => p.metrics[measure]?.ci95 ?? null);
    if (ci.some((c) => c !== null)) {
      // The band: an invisible lower line and the interval's width stacked on it.
      series.push(
        { name: "ci-low", type: "line", data: ci.map((c) => (c ? c[0] : null)), stack: "ci", symbol: "none", lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
        {
          name: "95% interval",
          type: "line",
          data: ci.map((c) => (c ? c[1] - c[0] : null)),
          stack: "ci",
          symbol: "none",
          lineStyle: { opacity: 0 },
          areaStyle: { color: "rgba(59,111,216,0.12)" },
          silent: true,
          tooltip: { show: false },
        },
      );
    }
  }
  lines.forEach((line, i) => {
    series.push({
      name: line.name,
      type: "line",
      data: line.values,
      symbol: "circle",
      symbolSize: 5,
      showSymbol: periods.length <= 40,
      connectNulls: false,
      lineStyle: { width: 2 },
      color: single ? ACCENT : colorFor(line.name),
      // The partial periods, shaded once.
      markArea:
        i === 0 && partial.size > 0
          ? {
              silent: true,
              itemStyle: { color: "rgba(107,116,131,0.08)" },
              label: { color: MUTED, fontSize: 10, position: "insideTop" },
              data: periods.filter((p) => partial.has(p)).map((p) => [{ xAxis: p, name: "partial" }, { xAxis: p }]),
            }
          : undefined,
    });
  });
  return {
    grid: { left: 56, right: 20, top: single ? 16 : 44, bottom: 32 },
    legend: single ? undefined : { top: 0, type: "scroll", icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED } },
    xAxis: { type: "category", data: periods, boundaryGap: false, ...axisStyle() },
    yAxis: {
      type: "value",
      scale: unit !== "%" && unit !== "events",
      ...(unit === "1-7" ? { min: 1, max: 7 } : unit === "%" && measure !== "new_customers_growth" ? { min: 0 } : {}),
      ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => fmt.axis(v, unit) } }),
    },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const ps = (params as { seriesName: string; name: string; value: number | null; color: string }[]).filter(
          (p) => p.seriesName !== "ci-low" && p.seriesName !== "95% interval",
        );
        if (ps.length === 0) return "";
        const head = `<b>${ps[0].name}</b>${partial.has(ps[0].name) ? " (partial)" : ""}`;
        const rows = ps.map(
          (p) => `<span style="color:${p.color}">\u25cf</span> ${single ? "" : `${p.seriesName}: `}${fmt.value(p.value, unit)}`,
        );
        return [head, ...rows].join("<br>");
      },
    },
    series,
  };
}
