// Small line charts for the KPI cards (Apache ECharts, only the parts used,
// so the bundle stays small).
import { LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const charts = new Set<echarts.ECharts>();

export function disposeSparklines(): void {
  for (const c of charts) c.dispose();
  charts.clear();
}

window.addEventListener("resize", () => {
  for (const c of charts) c.resize();
});

export function sparkline(el: HTMLElement, periods: string[], values: (number | null)[], label: (v: number) => string): void {
  const chart = echarts.init(el, undefined, { renderer: "canvas" });
  charts.add(chart);
  chart.setOption({
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: "category", data: periods, show: false, boundaryGap: false },
    yAxis: { type: "value", show: false, scale: true },
    tooltip: {
      trigger: "axis",
      confine: true,
      formatter: (params: unknown) => {
        const p = (params as { name: string; value: number | null }[])[0];
        return `${p.name}: ${p.value === null ? "n/a" : label(p.value)}`;
      },
    },
    series: [
      {
        type: "line",
        data: values,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 1.5, color: "#3b6fd8" },
        areaStyle: { color: "rgba(59,111,216,0.12)" },
      },
    ],
  });
}
