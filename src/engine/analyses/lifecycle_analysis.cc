// touchpoint lifecycle: customers per lifecycle stage per period, and their
// movements (docs/lifecycle.md); --save writes each customer's stage.
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/lifecycle_query.h"
#include "report/lifecycle_format.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<LifecycleRequest>(ctx);
  req.period = p.Text("period");
  if (p.Given("churn-after")) req.churn_after = static_cast<int>(*p.Integer("churn-after"));
  req.collect_stages = p.Given("save");
  TP_ASSIGN_OR_RETURN(kernels::LifecycleReport report, RunLifecycle(ctx.snapshot, req));
  AnalysisOutput out;
  if (req.collect_stages) {
    SavedColumn stage;
    for (const kernels::CustomerStage& s : report.stages) {
      stage.values.emplace(s.customer_id, std::string(kernels::LifecycleStageName(s.stage)));
    }
    out.saved.push_back(std::move(stage));
    report.stages.clear();
  }
  out.body = report::LifecycleBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& LifecycleAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "lifecycle";
    d.summary = "Customers per lifecycle stage (new, engaged, loyal, advocate, at risk, lost) and their movements";
    d.params = {
        Choice("period", {"day", "week", "month"}, "month", "day, week (ISO, Monday) or month", "week"),
        Described(Integer("churn-after", 1, 10000, "", "Periods without activity after which a customer is lost", "2"),
                  "3 months, 13 weeks or 90 days"),
        ActivationParam(),
        ActivationWindowParam(),
    };
    d.examples = {
        "touchpoint lifecycle --db store --period month",
        "touchpoint lifecycle --db store --save stage && touchpoint metrics --db store --by derived:stage",
    };
    d.save_help = "each customer's stage in the last period (new, reactivated, engaged, loyal, advocate, at_risk, lost)";
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
