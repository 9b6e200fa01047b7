// Apache ECharts, only the parts the dashboard and the report draw with (so
// the bundle stays small), one look for every chart, and the charts' life:
// mounted into a box, resized with it, disposed when a page is redrawn.
//
// Each mounted chart is kept on its element (`el.__chart`, the ECharts
// instance) and the element is marked `data-chart="NAME"`, so the browser
// tests read back the option a chart was drawn with and compare it with
// the API's numbers.
import { BarChart, HeatmapChart, LineChart, PieChart, SankeyChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  SankeyChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export type Option = echarts.EChartsCoreOption;

// Categorical colours: distinct, readable on white, colour-blind friendlier
// than ECharts' default (blue, orange, teal, red, purple, ochre, green, pink).
export const PALETTE = ["#3b6fd8", "#e07a2e", "#2a9d8f", "#c2412d", "#8e5cd9", "#c99a1e", "#5b8c3a", "#d6478a", "#4a5568", "#1f9bb5"];
export const INK = "#1c2330";
export const MUTED = "#6b7483";
export const LINE = "#e2e5ea";
export const ACCENT = PALETTE[0];
export const GOOD = "#1f8a4c";
export const BAD = "#c2412d";
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

// The same colour for the same name wherever it appears (a channel, an event).
const assigned = new Map<string, string>();
export function colorFor(name: string): string {
  let c = assigned.get(name);
  if (!c) {
    c = PALETTE[assigned.size % PALETTE.length];
    assigned.set(name, c);
  }
  return c;
}

// Defaults every chart shares: font, axis colours, tooltip look.
const BASE: Option = {
  animation: false,
  color: PALETTE,
  textStyle: { fontFamily: FONT, color: INK, fontSize: 12 },
  tooltip: {
    confine: true,
    backgroundColor: "rgba(255,255,255,0.97)",
    borderColor: LINE,
    textStyle: { color: INK, fontSize: 12 },
    extraCssText: "box-shadow: 0 4px 14px rgba(20,30,50,0.12); border-radius: 8px;",
  },
};

export function axisStyle(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: LINE } },
    axisTick: { show: false },
    axisLabel: { color: MUTED, fontSize: 11 },
    splitLine: { lineStyle: { color: "#eef0f3" } },
    nameTextStyle: { color: MUTED, fontSize: 11 },
    ...extra,
  };
}

type ChartElement = HTMLElement & { __chart?: echarts.ECharts };

const mounted = new Set<echarts.ECharts>();
const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
  for (const e of entries) (e.target as ChartElement).__chart?.resize();
});

// Draws `option` into `el` (which must have a height), named `name` for tests.
export function mountChart(el: HTMLElement, name: string, option: Option): echarts.ECharts {
  const box = el as ChartElement;
  box.__chart?.dispose();
  const chart = echarts.init(box, undefined, { renderer: "canvas" });
  chart.setOption({ ...BASE, ...option, tooltip: { ...(BASE.tooltip as object), ...((option.tooltip as object) ?? {}) } });
  box.__chart = chart;
  box.dataset.chart = name;
  mounted.add(chart);
  observer?.observe(box);
  return chart;
}

// Disposes every chart inside `root` (a page about to be redrawn).
export function disposeCharts(root: HTMLElement): void {
  root.querySelectorAll<ChartElement>("[data-chart]").forEach((el) => {
    if (!el.__chart) return;
    observer?.unobserve(el);
    mounted.delete(el.__chart);
    el.__chart.dispose();
    el.__chart = undefined;
  });
}
