// touchpoint clv: customer lifetime value from purchase histories, with
// BG/NBD, MBG/NBD or Pareto/NBD and the Gamma-Gamma spend model, validated
// on a holdout (docs/prediction.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/clv_query.h"
#include "report/clv_format.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<ClvRequest>(ctx);
  TP_ASSIGN_OR_RETURN(req.calibration_end_ms, DateParam(ctx, "calibration-end"));
  TP_ASSIGN_OR_RETURN(req.horizon_ms, p.Duration("horizon"));
  req.annual_discount_rate = *p.Number("annual-discount-rate");
  req.model = p.Text("model");
  req.unit = p.Text("unit");
  TP_ASSIGN_OR_RETURN(models::ClvReport report, RunClv(ctx.snapshot, req));
  if (p.Given("customers")) TP_RETURN_IF_ERROR(WriteFileAtomic(p.Text("customers"), report::ClvCustomersCsv(report)));
  AnalysisOutput out;
  if (p.Given("save")) {
    const models::ClvCustomers& rows = report.rows;
    SavedColumn clv{"clv", {}}, alive{"p_alive", {}}, purchases{"expected_purchases", {}};
    for (size_t i = 0; i < rows.customer_id.size(); ++i) {
      clv.values.emplace(rows.customer_id[i], SavedNumber(rows.clv[i]));
      alive.values.emplace(rows.customer_id[i], SavedNumber(rows.p_alive[i]));
      purchases.values.emplace(rows.customer_id[i], SavedNumber(rows.expected_purchases[i]));
    }
    out.saved = {std::move(clv), std::move(alive), std::move(purchases)};
  }
  out.body = report::ClvBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& ClvAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "clv";
    d.summary = "Customer lifetime value: purchase-count and spend models fitted, validated and scored per customer";
    ParamDef customers = Param("customers", ParamKind::kPath, "",
                               "Write every customer's summary and predictions to this CSV", "clv.csv");
    customers.cli_only = true;
    d.params = {
        Described(Param("calibration-end", ParamKind::kDate, "",
                        "Last day of the fit; the rest of the range is the holdout the fit is checked on",
                        "1997-09-30"),
                  "the range's last day (no holdout)"),
        Param("horizon", ParamKind::kDuration, "52w", "How far ahead expected purchases and CLV look", "26w"),
        Param("annual-discount-rate", ParamKind::kNumber, "0.10", "Yearly discount rate of future revenue", "0.08"),
        Choice("model", {"bgnbd", "mbgnbd", "pareto-nbd"}, "bgnbd", "The purchase-count model", "pareto-nbd"),
        Choice("unit", {"week", "day"}, "week", "The time unit of the fit and its parameters", "day"),
        customers,
    };
    d.examples = {
        "touchpoint clv --db store",
        "touchpoint clv --db store --calibration-end 1997-09-30 --model pareto-nbd --customers clv.csv",
        "touchpoint clv --db store --save value && touchpoint metrics --db store --where \"derived:value_clv > 100\"",
    };
    d.save_help = "NAME_clv, NAME_p_alive and NAME_expected_purchases per customer";
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
