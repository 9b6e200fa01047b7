// Cohort retention (`touchpoint retention`): the heatmap of cohorts (rows,
// with their sizes) by periods since the cohort began (columns), each cell
// the percentage of the cohort retained; and the average curve with its 95%
// interval. The colour scale runs to the highest cell after period 0, which
// is 100% by definition and would otherwise wash the rest out.
import * as fmt from "../format";
import type { RetentionAnswer } from "../types";
import { ACCENT, axisStyle, INK, MUTED, type Option } from "./core";

// [period index, cohort row, percent] for every cell with a value.
export function retentionCells(answer: RetentionAnswer): [number, number, number][] {
  const cells: [number, number, number][] = [];
  answer.cohorts.forEach((c, row) => {
    c.percent.forEach((p, k) => {
      if (p !== null && k < c.retained.length) cells.push([k, row, p]);
    });
  });
  return cells;
}

export function retentionHeatmapOption(answer: RetentionAnswer): Option {
  const cohorts = answer.cohorts;
  const columns = Math.max(0, ...cohorts.map((c) => c.percent.length));
  const cells = retentionCells(answer);
  const later = cells.filter((c) => c[0] > 0).map((c) => c[2]);
  const top = Math.max(1, ...later);
  const showLabels = columns <= 26 && cohorts.length <= 30;
  return {
    grid: { left: 120, right: 72, top: 12, bottom: 44 },
    xAxis: {
      type: "category",
      data: Array.from({ length: columns }, (_, k) => String(k)),
      name: `${answer.period}s since the cohort began`,
      nameLocation: "middle",
      nameGap: 28,
      splitArea: { show: false },
      ...axisStyle(),
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: cohorts.map((c) => `${c.cohort}  (${fmt.count(c.size)})`),
      ...axisStyle({ axisLabel: { color: INK, fontSize: 11 } }),
    },
    visualMap: {
      min: 0,
      max: top,
      calculable: false,
      orient: "vertical",
      right: 0,
      top: "middle",
      itemHeight: 160,
      text: [fmt.pct(top, 0), "0%"],
      textStyle: { color: MUTED, fontSize: 11 },
      inRange: { color: ["#f4f7fd", "#bcd0f3", "#6f97e3", "#2b5bbd", "#173a80"] },
      outOfRange: { color: ["#173a80"] },
    },
    tooltip: {
      formatter: (p: { value: [number, number, number] }) => {
        const [k, row, v] = p.value;
        const c = cohorts[row];
        return `<b>${c.cohort}</b>, ${answer.period} ${k}<br>${fmt.pct(v)} retained (${fmt.count(c.retained[k])} of ${fmt.count(c.size)})` +
          (k >= c.complete_periods ? "<br><i>period not complete yet</i>" : "");
      },
    },
    series: [
      {
        type: "heatmap",
        // Dark cells get white figures.
        data: cells.map((c) => ({ value: c, label: { color: c[2] > top * 0.55 ? "#fff" : INK } })),
        itemStyle: { borderColor: "#fff", borderWidth: 1 },
        label: {
          show: showLabels,
          fontSize: 10,
          formatter: (p: { value: [number, number, number] }) => fmt.fixed(p.value[2], 0),
        },
        emphasis: { itemStyle: { borderColor: INK, borderWidth: 1 } },
      },
    ],
  };
}

export function retentionCurveOption(answer: RetentionAnswer): Option {
  const periods = answer.average.map((_, k) => String(k));
  // The interval only where the curve has a value (the last entries have no complete cohort).
  const ci = (answer.average_ci95 ?? []).map((c, k) => (answer.average[k] === null ? null : c));
  return {
    grid: { left: 48, right: 16, top: 16, bottom: 44 },
    xAxis: { type: "category", data: periods, boundaryGap: false, name: `${answer.period}s since the cohort began`, nameLocation: "middle", nameGap: 28, ...axisStyle() },
    yAxis: { type: "value", max: 100, ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${v}%` } }) },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number; seriesName: string }[]).find((x) => x.seriesName === "average");
        if (!p) return "";
        const k = p.dataIndex;
        const c = ci[k];
        return `<b>${answer.period} ${k}</b><br>${fmt.pct(answer.average[k])} retained` +
          (c ? `<br>95% CI ${fmt.pct(c[0])} \u2013 ${fmt.pct(c[1])}` : "") +
          `<br>${fmt.count(answer.average_n[k] ?? 0)} customers in cohorts old enough`;
      },
    },
    series: [
      { name: "ci-low", type: "line", stack: "ci", data: ci.map((c) => (c ? c[0] : null)), symbol: "none", lineStyle: { opacity: 0 }, silent: true },
      {
        name: "ci",
        type: "line",
        stack: "ci",
        data: ci.map((c) => (c ? c[1] - c[0] : null)),
        symbol: "none",
        lineStyle: { opacity: 0 },
        areaStyle: { color: "rgba(59,111,216,0.12)" },
        silent: true,
      },
      { name: "average", type: "line", data: answer.average, color: ACCENT, symbolSize: 5, lineStyle: { width: 2 } },
    ],
  };
}
