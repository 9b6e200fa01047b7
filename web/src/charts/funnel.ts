// The funnel (`touchpoint funnel`): a bar per step of the entries that
// reached it, with the drop-off from the step before stacked above in a
// light red, and each bar labelled with its share of the first step. With a
// `--by` cut: each group's conversion from the first step, grouped by step.
import * as fmt from "../format";
import type { FunnelAnswer, FunnelStep } from "../types";
import { ACCENT, axisStyle, BAD, colorFor, INK, MUTED, type Option } from "./core";
import { groupName } from "./trend";

export function stepLabel(s: FunnelStep, i: number): string {
  return `${i + 1}. ${s.step}`;
}

function stepTooltip(s: FunnelStep, i: number, count: string): string {
  const lines = [
    `<b>${stepLabel(s, i)}</b>`,
    `${fmt.count(s.count)} ${count}`,
    `from the first step: ${fmt.pct(s.conversion_from_first)}`,
  ];
  if (i > 0) {
    const ci = s.conversion_from_previous_ci95;
    lines.push(
      `from the step before: ${fmt.pct(s.conversion_from_previous)}` +
        (ci ? ` (95% CI ${fmt.pct(ci[0])} \u2013 ${fmt.pct(ci[1])})` : ""),
      `dropped: ${fmt.count(s.dropped)}`,
    );
    if (s.median_time_to_convert_s !== null) lines.push(`median time from the step before: ${fmt.duration(s.median_time_to_convert_s)}`);
  }
  return lines.join("<br>");
}

export function funnelOption(answer: FunnelAnswer): Option {
  const steps = answer.steps;
  const labels = steps.map(stepLabel);
  return {
    grid: { left: 56, right: 16, top: 28, bottom: 52 },
    xAxis: {
      type: "category",
      data: labels,
      ...axisStyle({
        axisLabel: {
          interval: 0,
          formatter: (label: string, i: number) => `{name|${label}}\n{share|${fmt.pct(steps[i].conversion_from_first)} of the first}`,
          rich: {
            name: { color: INK, fontSize: 12, fontWeight: 600, lineHeight: 18 },
            share: { color: MUTED, fontSize: 11, lineHeight: 16 },
          },
        },
      }),
    },
    yAxis: { type: "value", ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => fmt.axis(v, "") } }) },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0].dataIndex;
        return stepTooltip(steps[i], i, answer.count);
      },
    },
    series: [
      {
        name: "reached",
        type: "bar",
        stack: "funnel",
        barMaxWidth: 96,
        data: steps.map((s) => s.count),
        itemStyle: { color: ACCENT, borderRadius: [0, 0, 4, 4] },
      },
      {
        name: "dropped",
        type: "bar",
        stack: "funnel",
        data: steps.map((s, i) => (i === 0 ? 0 : s.dropped)),
        itemStyle: { color: "rgba(194,65,45,0.16)", borderColor: "rgba(194,65,45,0.35)", borderType: "dashed", borderRadius: [4, 4, 0, 0] },
        label: {
          show: true,
          position: "top",
          color: BAD,
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => {
            const s = steps[p.dataIndex];
            return p.dataIndex === 0 || s.conversion_from_previous === null ? "" : `\u2212${fmt.pct(100 - s.conversion_from_previous)}`;
          },
        },
      },
    ],
  };
}

// Conversion from the first step per group of a --by cut (the largest groups).
export function funnelGroupsOption(answer: FunnelAnswer, maxGroups = 8): Option {
  const groups = [...(answer.groups ?? [])].sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0)).slice(0, maxGroups);
  const labels = answer.steps.map(stepLabel);
  return {
    grid: { left: 48, right: 16, top: 40, bottom: 40 },
    legend: { top: 0, type: "scroll", icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED } },
    xAxis: { type: "category", data: labels, ...axisStyle({ axisLabel: { color: INK, fontSize: 12, interval: 0 } }) },
    yAxis: { type: "value", max: 100, ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${v}%` } }) },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: number | null) => fmt.pct(v),
    },
    series: groups.map((g) => ({
      name: groupName(g.key),
      type: "bar",
      data: g.steps.map((s) => s.conversion_from_first),
      color: colorFor(groupName(g.key)),
      barMaxWidth: 28,
    })),
  };
}
