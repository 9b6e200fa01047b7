// Predictions (docs/prediction.md): lifetime value (`clv`, fitted up to a
// calibration end and checked on the rest of the range: purchases tracked
// against the model, the holdout by frequency, the most valuable
// customers), churn risk (`churn`: AUC, calibration by decile, drivers) and
// segments (`segments`: sizes and revenue shares).
import { churnCalibrationOption, churnDriversOption, clvFrequencyOption, clvTrackingOption, segmentsOption } from "../charts/prediction";
import { el, notes, stats, table } from "../dom";
import * as fmt from "../format";
import type { ChurnAnswer, ClvAnswer, InfoAnswer, SegmentsAnalysisAnswer } from "../types";
import type { Filters } from "../filters";
import { select, text } from "./controls";
import { type View, type ViewContext } from "./view";

// Three quarters into the range: the last quarter is the holdout the fit is checked on.
export function defaultCalibrationEnd(f: Filters, info: InfoAnswer | null): string {
  const start = f.from ? Date.parse(`${f.from}T00:00:00Z`) : info?.min_ts;
  const end = f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86400000 : info?.max_ts;
  if (start === undefined || end === undefined || !(end > start)) return "";
  return new Date(start + (end - start) * 0.75).toISOString().slice(0, 10);
}

function warnings(list: string[]): HTMLElement | null {
  if (list.length === 0) return null;
  const box = el("ul", "notes warn");
  for (const w of list) box.append(el("li", "", w));
  return box;
}

export const predictionsView: View = {
  id: "predictions",
  title: "Predictions",
  params: ["calibration_end", "model", "horizon", "method"],
  render(ctx: ViewContext, controls: HTMLElement) {
    const calibrationEnd = ctx.param("calibration_end", defaultCalibrationEnd(ctx.filters, ctx.info));
    const model = ctx.param("model", "bgnbd");
    const horizon = ctx.param("horizon", "30d");
    const method = ctx.param("method", "rfm");
    controls.append(
      text("CLV fitted up to", "calibration_end", calibrationEnd, (v) => ctx.set({ calibration_end: v }), { placeholder: "YYYY-MM-DD" }),
      select("Model", "model", [["bgnbd", "BG/NBD"], ["mbgnbd", "MBG/NBD"], ["pareto-nbd", "Pareto/NBD"]], model, (v) => ctx.set({ model: v })),
      select("Churned after", "horizon", [["14d", "14 days"], ["30d", "30 days"], ["60d", "60 days"], ["90d", "90 days"]], horizon, (v) => ctx.set({ horizon: v })),
      select("Segments", "method", [["rfm", "RFM"], ["kmeans", "behaviour (k-means)"], ["predictive", "risk x value"]], method, (v) => ctx.set({ method: v })),
    );
    const clvSummary = ctx.page.panel({ title: "Lifetime value", span: 1, id: "clv-summary" });
    const tracking = ctx.page.panel({ title: "Purchases: actual against the model", subtitle: "cumulative; the shaded part is the holdout the model did not see", span: 2, id: "clv-tracking" });
    const frequency = ctx.page.panel({ title: "Holdout by frequency", subtitle: "purchases per customer in the holdout, actual and predicted", span: 1, id: "clv-frequency" });
    const top = ctx.page.panel({ title: "Most valuable customers", subtitle: "predicted lifetime value", span: 2, id: "clv-top" });
    const churnSummary = ctx.page.panel({ title: "Churn risk", span: 1, id: "churn-summary" });
    const calibration = ctx.page.panel({ title: "Calibration by decile", subtitle: "test customers: predicted risk against who churned", span: 1, id: "churn-calibration" });
    const drivers = ctx.page.panel({ title: "What drives the risk", subtitle: "share of the model's attributions (TreeSHAP); red raises the risk", span: 1, id: "churn-drivers" });
    const segments = ctx.page.panel({ title: "Segments", span: 2, id: "segments" });
    const segmentsTable = ctx.page.panel({ title: "Segment profiles", span: 1, id: "segments-table" });

    const clv = ctx.query<ClvAnswer>("clv", { "calibration-end": calibrationEnd, model });
    void clvSummary.run(
      () => clv,
      (a) => {
        clvSummary.setSubtitle(`${a.model}, ${fmt.count(a.customers)} purchasers, next ${fmt.fixed(a.horizon, 0)} ${a.unit}s`);
        const v = a.validation;
        clvSummary.body.append(
          stats([
            { label: "expected value, all customers", value: fmt.moneyValue(a.totals.clv) },
            { label: "expected purchases", value: fmt.fixed(a.totals.expected_purchases, 0) },
            { label: "mean P(alive)", value: fmt.share(a.totals.mean_p_alive) },
            ...(v ? [
              { label: "holdout purchases: actual", value: fmt.fixed(v.actual_total, 0) },
              { label: "predicted", value: fmt.fixed(v.predicted_total, 1) },
              { label: "correlation per customer", value: fmt.fixed(v.correlation, 2) },
            ] : []),
          ]),
        );
        const w = warnings([...(a.converged ? [] : ["the fit did not converge"]), ...a.warnings]);
        if (w) clvSummary.body.append(w);
        const n = notes(a);
        if (n) clvSummary.body.append(n);
      },
    );
    void tracking.run(
      () => clv,
      (a) => {
        if (!a.validation || a.validation.tracking.length === 0) {
          tracking.empty("No holdout", "set a calibration end inside the range to check the model on the purchases after it");
          return;
        }
        tracking.chart("clv-tracking", clvTrackingOption(a), 300);
      },
    );
    void frequency.run(
      () => clv,
      (a) => {
        if (!a.validation) {
          frequency.empty("No holdout", "set a calibration end inside the range");
          return;
        }
        frequency.chart("clv-frequency", clvFrequencyOption(a), 300);
      },
    );
    void top.run(
      () => clv,
      (a) =>
        top.body.append(
          table(
            [
              { title: "customer" },
              { title: "purchases", numeric: true },
              { title: "P(alive)", numeric: true },
              { title: "expected purchases", numeric: true },
              { title: "avg. spend", numeric: true },
              { title: "CLV", numeric: true },
            ],
            a.top_customers.map((c) => [c.customer_id, fmt.fixed(c.frequency, 0), fmt.share(c.p_alive), fmt.fixed(c.expected_purchases, 2),
                                        fmt.moneyValue(c.expected_spend), fmt.moneyValue(c.clv)]),
            "compact",
          ),
        ),
    );

    const churn = ctx.query<ChurnAnswer>("churn", { horizon });
    void churnSummary.run(
      () => churn,
      (a) => {
        churnSummary.setSubtitle(`as of ${fmt.day(a.as_of)}; churned = no activity for ${horizon}`);
        churnSummary.body.append(
          stats([
            { label: "AUC on the test customers", value: fmt.fixed(a.auc, 3), tone: (a.auc ?? 0) >= 0.7 ? "good" : "" },
            { label: "lift of the top decile", value: `${fmt.fixed(a.top_decile.lift, 2)}x` },
            { label: "precision of the top decile", value: fmt.share(a.top_decile.precision) },
            { label: "customers scored", value: fmt.count(a.scored_customers) },
            { label: "mean risk", value: fmt.share(a.mean_risk) },
            { label: "test churn rate", value: fmt.share(a.test.churn_rate) },
          ]),
        );
        const n = notes(a);
        if (n) churnSummary.body.append(n);
      },
    );
    void calibration.run(() => churn, (a) => void calibration.chart("churn-calibration", churnCalibrationOption(a), 280));
    void drivers.run(() => churn, (a) => void drivers.chart("churn-drivers", churnDriversOption(a), 320));

    const seg = ctx.query<SegmentsAnalysisAnswer>("segments", { method });
    void segments.run(
      () => seg,
      (a) => {
        segments.setSubtitle(`${fmt.count(a.customers)} customers, ${a.method}`);
        if (a.segments.length === 0) {
          segments.empty("No segments", "no customers to segment in this range");
          return;
        }
        segments.chart("segments", segmentsOption(a), Math.max(200, a.segments.length * 40 + 60));
        const n = notes(a);
        if (n) segments.body.append(n);
      },
    );
    void segmentsTable.run(
      () => seg,
      (a) =>
        segmentsTable.body.append(
          table(
            [{ title: "segment" }, { title: "customers", numeric: true }, { title: "profile" }],
            a.segments.map((s) => [s.name.replace(/_/g, " "), fmt.count(s.customers), el("span", "muted small", s.description)]),
            "compact",
          ),
        ),
    );
  },
};
