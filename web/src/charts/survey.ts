// Survey measures from `touchpoint metrics` (docs/metrics.md): how the
// answers split (NPS: detractors 0-6, passives 7-8, promoters 9-10; CSAT:
// satisfied at csat_min and above, the rest), NPS's split period by period,
// and a measure across the groups of a cut.
import * as fmt from "../format";
import type { Measure, MetricsAnswer } from "../types";
import { ACCENT, axisStyle, BAD, GOOD, INK, MUTED, type Option } from "./core";
import { groupName } from "./trend";

export interface Part {
  name: string;
  value: number; // percent of the answers
  color: string;
}

const PASSIVE = "#b8bec8";

export function npsParts(m: Measure | undefined): Part[] {
  if (!m || m.value === null || m.denominator === undefined || m.denominator === 0) return [];
  return [
    { name: "Detractors (0-6)", value: m.detractors ?? 0, color: BAD },
    { name: "Passives (7-8)", value: m.passives ?? 0, color: PASSIVE },
    { name: "Promoters (9-10)", value: m.promoters ?? 0, color: GOOD },
  ];
}

export function csatParts(m: Measure | undefined): Part[] {
  if (!m || m.value === null || !m.denominator) return [];
  return [
    { name: "Not satisfied", value: 100 - m.value, color: BAD },
    { name: "Satisfied", value: m.value, color: GOOD },
  ];
}

// One bar of 100%, split into the parts, labelled inside.
export function compositionOption(parts: Part[]): Option {
  return {
    grid: { left: 4, right: 4, top: 4, bottom: 26 },
    xAxis: { type: "value", max: 100, show: false },
    yAxis: { type: "category", data: ["answers"], show: false },
    legend: { bottom: 0, icon: "roundRect", itemWidth: 10, itemHeight: 8, textStyle: { color: MUTED, fontSize: 11 } },
    tooltip: { trigger: "item", formatter: (p: { seriesName: string; value: number }) => `${p.seriesName}: ${fmt.pct(p.value)}` },
    series: parts.map((part, i) => ({
      name: part.name,
      type: "bar",
      stack: "all",
      barWidth: 28,
      data: [part.value],
      color: part.color,
      itemStyle: { borderRadius: i === 0 ? [6, 0, 0, 6] : i === parts.length - 1 ? [0, 6, 6, 0] : 0 },
      label: {
        show: part.value >= 8,
        color: part.color === PASSIVE ? INK : "#fff",
        fontWeight: 600,
        formatter: () => fmt.pct(part.value, 0),
      },
    })),
  };
}

// NPS period by period: the split as stacked bars, the score as a line.
export function npsTrendOption(answer: MetricsAnswer): Option {
  const series = answer.series ?? [];
  const periods = series.map((p) => p.period);
  const get = (k: "detractors" | "passives" | "promoters") =>
    series.map((p) => (p.metrics.nps && p.metrics.nps.value !== null ? (p.metrics.nps[k] ?? null) : null));
  return {
    grid: { left: 48, right: 48, top: 40, bottom: 32 },
    legend: { top: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED } },
    xAxis: { type: "category", data: periods, ...axisStyle() },
    yAxis: [
      { type: "value", max: 100, ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${v}%` } }) },
      { type: "value", min: -100, max: 100, ...axisStyle({ splitLine: { show: false }, axisLabel: { color: MUTED, fontSize: 11 } }) },
    ],
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: number | null) => (v === null || v === undefined ? "n/a" : fmt.fixed(v, 1)),
    },
    series: [
      { name: "Detractors", type: "bar", stack: "split", data: get("detractors"), color: BAD, barMaxWidth: 36 },
      { name: "Passives", type: "bar", stack: "split", data: get("passives"), color: PASSIVE, barMaxWidth: 36 },
      { name: "Promoters", type: "bar", stack: "split", data: get("promoters"), color: GOOD, barMaxWidth: 36 },
      {
        name: "NPS",
        type: "line",
        yAxisIndex: 1,
        data: series.map((p) => p.metrics.nps?.value ?? null),
        color: INK,
        symbolSize: 6,
        lineStyle: { width: 2 },
      },
    ],
  };
}

// A measure for each group of a cut (largest groups first), with its
// answers and interval in the tooltip.
export function groupBarsOption(answer: MetricsAnswer, measure: string, maxGroups = 10): Option {
  const groups = (answer.groups ?? [])
    .filter((g) => g.metrics[measure] && g.metrics[measure].value !== null)
    .sort((a, b) => (b.metrics[measure].denominator ?? 0) - (a.metrics[measure].denominator ?? 0))
    .slice(0, maxGroups);
  const unit = answer.metrics[measure]?.unit ?? "";
  return {
    grid: { left: 96, right: 56, top: 8, bottom: 24 },
    xAxis: { type: "value", ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => fmt.axis(v, unit) } }) },
    yAxis: { type: "category", inverse: true, data: groups.map((g) => groupName(g.key)), ...axisStyle({ axisLabel: { color: INK, fontSize: 12 } }) },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const m = groups[p.dataIndex].metrics[measure];
        return `<b>${groupName(groups[p.dataIndex].key)}</b><br>${fmt.value(m.value, unit)}` +
          (m.ci95 ? `<br>95% CI ${fmt.value(m.ci95[0], unit)} \u2013 ${fmt.value(m.ci95[1], unit)}` : "") +
          (m.denominator !== undefined ? `<br>${fmt.count(m.denominator)} answers` : "");
      },
    },
    series: [
      {
        type: "bar",
        data: groups.map((g) => g.metrics[measure].value),
        color: ACCENT,
        barMaxWidth: 18,
        itemStyle: { borderRadius: 3 },
        label: { show: true, position: "right", color: INK, fontSize: 11, formatter: (p: { value: number }) => fmt.value(p.value, unit) },
      },
    ],
  };
}

// The effort score on its 1-7 scale: the mean as a bar, its interval shaded.
export function cesScaleOption(m: Measure): Option {
  const ci = m.ci95;
  return {
    grid: { left: 4, right: 12, top: 4, bottom: 22 },
    xAxis: { type: "value", min: 1, max: 7, interval: 1, ...axisStyle({ splitLine: { show: false } }) },
    yAxis: { type: "category", data: ["CES"], show: false },
    tooltip: { trigger: "item", formatter: () => `mean ${fmt.fixed(m.value, 2)} on 1-7` + (ci ? `<br>95% CI ${fmt.fixed(ci[0], 2)} \u2013 ${fmt.fixed(ci[1], 2)}` : "") },
    series: [
      {
        type: "bar",
        barWidth: 24,
        data: [m.value],
        color: ACCENT,
        itemStyle: { borderRadius: [0, 6, 6, 0] },
        markArea: ci ? { silent: true, itemStyle: { color: "rgba(28,35,48,0.10)" }, data: [[{ xAxis: ci[0] }, { xAxis: ci[1] }]] } : undefined,
        label: { show: true, position: "insideRight", color: "#fff", fontWeight: 600, formatter: () => fmt.fixed(m.value, 1) },
      },
    ],
  };
}
