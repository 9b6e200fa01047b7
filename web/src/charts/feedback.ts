// Feedback (`touchpoint feedback`, docs/feedback.md): the themes by how
// many comments they hold, coloured by their mean sentiment; the split of
// the comments' sentiment; the themes' effect on the survey score
// (drivers); and themes and sentiment period by period.
import * as fmt from "../format";
import type { FeedbackAnswer } from "../types";
import { axisStyle, BAD, colorFor, GOOD, INK, MUTED, type Option } from "./core";

const LEGEND = { top: 0, type: "scroll", icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED } };

// Sentiment on -1..1 as a colour from red through grey to green.
function sentimentColor(s: number | null): string {
  if (s === null) return "#b8bec8";
  if (s < -0.15) return BAD;
  if (s > 0.15) return GOOD;
  return "#8a93a3";
}

export function themesOption(fb: FeedbackAnswer, top = 15): Option {
  const rows = fb.themes.slice(0, top);
  return {
    grid: { left: 170, right: 64, top: 8, bottom: 24 },
    xAxis: { type: "value", ...axisStyle() },
    yAxis: { type: "category", inverse: true, data: rows.map((t) => t.theme), ...axisStyle({ axisLabel: { color: INK, fontSize: 12, width: 160, overflow: "truncate" } }) },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const t = rows[p.dataIndex];
        return `<b>${t.theme}</b> (${t.category})<br>${fmt.count(t.comments)} comments, ${fmt.share(t.share)}` +
          `<br>mean sentiment ${fmt.fixed(t.sentiment, 2)}<br><span style="color:${MUTED}">${t.phrases.join(", ")}</span>`;
      },
    },
    series: [
      {
        type: "bar",
        data: rows.map((t) => ({ value: t.comments, itemStyle: { color: sentimentColor(t.sentiment) } })),
        barMaxWidth: 16,
        itemStyle: { borderRadius: 3 },
        label: { show: true, position: "right", color: INK, fontSize: 11, formatter: (p: { dataIndex: number }) => fmt.share(rows[p.dataIndex].share, 0) },
      },
    ],
  };
}

export function sentimentOption(fb: FeedbackAnswer): Option {
  const s = fb.sentiment;
  const data = [
    { name: "Negative", value: s.negative, itemStyle: { color: BAD } },
    { name: "Neutral", value: s.neutral, itemStyle: { color: "#b8bec8" } },
    { name: "Positive", value: s.positive, itemStyle: { color: GOOD } },
  ];
  return {
    legend: { bottom: 0, icon: "roundRect", itemWidth: 10, itemHeight: 8, textStyle: { color: MUTED } },
    tooltip: { trigger: "item", formatter: (p: { name: string; value: number; percent: number }) => `${p.name}: ${fmt.count(p.value)} (${fmt.fixed(p.percent, 1)}%)` },
    series: [
      {
        type: "pie",
        radius: ["48%", "74%"],
        center: ["50%", "45%"],
        data,
        label: { show: true, color: INK, formatter: (p: { percent: number }) => `${fmt.fixed(p.percent, 0)}%` },
        itemStyle: { borderColor: "#fff", borderWidth: 2 },
      },
    ],
  };
}

// Each theme's effect on the survey score: the score of the respondents
// whose comment has the theme minus that of the others.
export function driversOption(fb: FeedbackAnswer): Option {
  const rows = fb.themes.filter((t) => t.effect !== null).sort((a, b) => (a.effect ?? 0) - (b.effect ?? 0));
  const survey = (fb.drivers.survey ?? fb.survey ?? "score").toUpperCase();
  return {
    grid: { left: 170, right: 56, top: 8, bottom: 32 },
    xAxis: { type: "value", name: `${survey} with the theme minus without`, nameLocation: "middle", nameGap: 22, ...axisStyle() },
    yAxis: { type: "category", data: rows.map((t) => t.theme), ...axisStyle({ axisLabel: { color: INK, fontSize: 12, width: 160, overflow: "truncate" } }) },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const t = rows[p.dataIndex];
        return `<b>${t.theme}</b><br>effect on ${survey}: ${fmt.fixed(t.effect, 1)}` +
          (t.p_value !== null ? `<br>p = ${fmt.fixed(t.p_value, 3)}${t.p_value < 0.05 ? " (significant)" : ""}` : "");
      },
    },
    series: [
      {
        type: "bar",
        data: rows.map((t) => ({
          value: t.effect,
          itemStyle: { color: (t.effect ?? 0) < 0 ? BAD : GOOD, opacity: t.p_value !== null && t.p_value < 0.05 ? 1 : 0.45 },
        })),
        barMaxWidth: 16,
        label: { show: true, position: "right", color: INK, fontSize: 11, formatter: (p: { value: number }) => fmt.fixed(p.value, 1) },
      },
    ],
  };
}

// Theme shares (lines) and mean sentiment (dashed, right axis) by period.
export function feedbackTrendOption(fb: FeedbackAnswer, top = 6): Option {
  const periods = fb.trend.map((t) => t.period);
  const themes = fb.themes.slice(0, top).map((t) => t.theme);
  return {
    grid: { left: 48, right: 48, top: 44, bottom: 32 },
    legend: LEGEND,
    xAxis: { type: "category", data: periods, ...axisStyle() },
    yAxis: [
      { type: "value", ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${fmt.fixed(v * 100, 0)}%` } }) },
      { type: "value", min: -1, max: 1, ...axisStyle({ splitLine: { show: false } }) },
    ],
    tooltip: { trigger: "axis" },
    series: [
      ...themes.map((name) => ({
        name,
        type: "line",
        data: fb.trend.map((t) => (t.comments > 0 ? (t.themes[name] ?? 0) : null)),
        color: colorFor(`theme:${name}`),
        symbolSize: 4,
        tooltip: { valueFormatter: (v: number | null) => fmt.share(v) },
      })),
      {
        name: "Sentiment",
        type: "line",
        yAxisIndex: 1,
        data: fb.trend.map((t) => t.sentiment),
        color: INK,
        lineStyle: { type: "dashed", width: 2 },
        symbolSize: 5,
        tooltip: { valueFormatter: (v: number | null) => fmt.fixed(v, 2) },
      },
    ],
  };
}
