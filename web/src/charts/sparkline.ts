// The KPI cards' small line over the range (no axes; a tooltip per point).
import { ACCENT, type Option } from "./core";

export function sparklineOption(periods: string[], values: (number | null)[], label: (v: number) => string): Option {
  return {
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: "category", data: periods, show: false, boundaryGap: false },
    yAxis: { type: "value", show: false, scale: true },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const p = (params as { name: string; value: number | null }[])[0];
        return `${p.name}: ${p.value === null || p.value === undefined ? "n/a" : label(p.value)}`;
      },
    },
    series: [
      {
        type: "line",
        data: values,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 1.5, color: ACCENT },
        areaStyle: { color: "rgba(59,111,216,0.12)" },
      },
    ],
  };
}
