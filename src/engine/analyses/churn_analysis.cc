// touchpoint churn: each active customer's risk of churning, from
// gradient-boosted trees on behaviour features, validated on a later
// window (docs/prediction.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/churn_query.h"
#include "report/churn_format.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<ChurnRequest>(ctx);
  TP_ASSIGN_OR_RETURN(req.as_of_ms, DateParam(ctx, "as-of"));
  TP_ASSIGN_OR_RETURN(req.horizon_ms, p.Duration("horizon"));
  TP_ASSIGN_OR_RETURN(req.lookback_ms, p.Duration("lookback"));
  TP_ASSIGN_OR_RETURN(models::ChurnReport report, RunChurn(ctx.snapshot, req));
  if (p.Given("customers")) TP_RETURN_IF_ERROR(WriteFileAtomic(p.Text("customers"), report::ChurnCustomersCsv(report)));
  AnalysisOutput out;
  if (p.Given("save")) {
    SavedColumn risk;
    for (size_t i = 0; i < report.customer_id.size(); ++i) {
      risk.values.emplace(report.customer_id[i], SavedNumber(report.risk[i]));
    }
    out.saved.push_back(std::move(risk));
  }
  out.body = report::ChurnBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& ChurnAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "churn";
    d.summary = "Churn risk per active customer (gradient-boosted trees), with AUC, calibration and drivers";
    ParamDef customers =
        Param("customers", ParamKind::kPath, "", "Write every scored customer's risk to this CSV", "risk.csv");
    customers.cli_only = true;
    d.params = {
        Described(Param("as-of", ParamKind::kDate, "", "Score the customers active at this instant", "2024-11-01"),
                  "the end of the range"),
        Param("horizon", ParamKind::kDuration, "30d", "Churned = no activity this long after the cut-off", "60d"),
        Param("lookback", ParamKind::kDuration, "90d", "Active = some activity this long before the cut-off", "60d"),
        customers,
    };
    d.examples = {
        "touchpoint churn --db store --horizon 30d",
        "touchpoint churn --db store --save risk && touchpoint metrics --db store --where \"derived:risk >= 0.5\"",
    };
    d.save_help = "each active customer's churn risk (0-1)";
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
