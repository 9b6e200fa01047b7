// The prediction models' checks and results (docs/prediction.md): CLV's
// tracking of purchases (actual against the model, cumulative, with the
// holdout after the calibration shaded) and its holdout by frequency;
// churn risk's calibration by decile and its drivers; segment sizes.
import * as fmt from "../format";
import type { ChurnAnswer, ClvAnswer, SegmentsAnalysisAnswer } from "../types";
import { ACCENT, axisStyle, BAD, GOOD, INK, MUTED, PALETTE, type Option } from "./core";

const LEGEND = { top: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED } };

export function clvTrackingOption(clv: ClvAnswer): Option {
  const tracking = clv.validation?.tracking ?? [];
  const periods = tracking.map((t) => t.period);
  const firstHoldout = tracking.find((t) => t.holdout)?.period;
  return {
    grid: { left: 56, right: 20, top: 40, bottom: 32 },
    legend: LEGEND,
    xAxis: { type: "category", data: periods, boundaryGap: false, ...axisStyle() },
    yAxis: { type: "value", name: "purchases", ...axisStyle() },
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => fmt.fixed(v, 1) },
    series: [
      {
        name: "Actual (cumulative)",
        type: "line",
        data: tracking.map((t) => t.actual_cumulative),
        color: INK,
        showSymbol: false,
        lineStyle: { width: 2 },
        markArea: firstHoldout
          ? {
              silent: true,
              itemStyle: { color: "rgba(59,111,216,0.07)" },
              label: { color: MUTED, fontSize: 11, position: "insideTop" },
              data: [[{ xAxis: firstHoldout, name: "holdout" }, { xAxis: periods[periods.length - 1] }]],
            }
          : undefined,
      },
      {
        name: `Model (${clv.model}, cumulative)`,
        type: "line",
        data: tracking.map((t) => t.expected_cumulative),
        color: ACCENT,
        showSymbol: false,
        lineStyle: { width: 2, type: "dashed" },
      },
    ],
  };
}

export function clvFrequencyOption(clv: ClvAnswer): Option {
  const rows = clv.validation?.by_frequency ?? [];
  return {
    grid: { left: 48, right: 16, top: 40, bottom: 44 },
    legend: LEGEND,
    xAxis: { type: "category", data: rows.map((r) => r.frequency), name: "repeat purchases in the calibration", nameLocation: "middle", nameGap: 28, ...axisStyle() },
    yAxis: { type: "value", name: "holdout purchases per customer", nameTextStyle: { color: MUTED, align: "left" }, ...axisStyle() },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: number | null) => fmt.fixed(v, 2),
    },
    series: [
      { name: "Actual", type: "bar", data: rows.map((r) => r.actual), color: INK, barMaxWidth: 22 },
      { name: "Predicted", type: "bar", data: rows.map((r) => r.predicted), color: ACCENT, barMaxWidth: 22 },
    ],
  };
}

export function churnCalibrationOption(churn: ChurnAnswer): Option {
  const rows = churn.calibration;
  const asPct = (v: number | null) => (v === null ? null : v * 100);
  return {
    grid: { left: 48, right: 16, top: 40, bottom: 44 },
    legend: LEGEND,
    xAxis: { type: "category", data: rows.map((r) => String(r.decile)), name: "risk decile (1 = lowest predicted risk)", nameLocation: "middle", nameGap: 28, ...axisStyle() },
    yAxis: { type: "value", max: 100, ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${v}%` } }) },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number | null) => fmt.pct(v) },
    series: [
      { name: "Predicted churn", type: "bar", data: rows.map((r) => asPct(r.predicted)), color: ACCENT, barMaxWidth: 22 },
      { name: "Actual churn", type: "bar", data: rows.map((r) => asPct(r.actual)), color: INK, barMaxWidth: 22 },
    ],
  };
}

export function churnDriversOption(churn: ChurnAnswer, top = 12): Option {
  const rows = churn.drivers.slice(0, top);
  return {
    grid: { left: 150, right: 56, top: 8, bottom: 24 },
    xAxis: { type: "value", ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${fmt.fixed(v * 100, 0)}%` } }) },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => r.feature), ...axisStyle({ axisLabel: { color: INK, fontSize: 12 } }) },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const r = rows[p.dataIndex];
        return `<b>${r.feature}</b><br>${fmt.share(r.share)} of the model's attributions (mean |SHAP| ${fmt.fixed(r.mean_abs_shap, 3)})` +
          `<br>${r.direction > 0 ? "higher values raise the risk" : r.direction < 0 ? "higher values lower the risk" : "mixed direction"}`;
      },
    },
    series: [
      {
        type: "bar",
        data: rows.map((r) => ({ value: r.share, itemStyle: { color: r.direction > 0 ? BAD : r.direction < 0 ? GOOD : MUTED } })),
        barMaxWidth: 16,
        itemStyle: { borderRadius: 3 },
        label: { show: true, position: "right", color: INK, fontSize: 11, formatter: (p: { value: number }) => fmt.share(p.value) },
      },
    ],
  };
}

export function segmentsOption(seg: SegmentsAnalysisAnswer): Option {
  const rows = seg.segments;
  const hasRevenue = rows.some((r) => r.revenue_share !== null && r.revenue_share !== undefined);
  return {
    grid: { left: 150, right: 48, top: 36, bottom: 24 },
    legend: LEGEND,
    xAxis: { type: "value", ...axisStyle({ axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => `${fmt.fixed(v * 100, 0)}%` } }) },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => r.name.replace(/_/g, " ")), ...axisStyle({ axisLabel: { color: INK, fontSize: 12 } }) },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0].dataIndex;
        const r = rows[i];
        return `<b>${r.name.replace(/_/g, " ")}</b><br>${fmt.count(r.customers)} customers (${fmt.share(r.share)})` +
          (r.revenue !== null ? `<br>revenue ${fmt.moneyValue(r.revenue)} (${fmt.share(r.revenue_share)})` : "") +
          `<br><span style="color:${MUTED}">${r.description}</span>`;
      },
    },
    series: [
      { name: "Share of customers", type: "bar", data: rows.map((r) => r.share), color: PALETTE[0], barMaxWidth: 14 },
      ...(hasRevenue ? [{ name: "Share of revenue", type: "bar", data: rows.map((r) => r.revenue_share), color: PALETTE[1], barMaxWidth: 14 }] : []),
    ],
  };
}
