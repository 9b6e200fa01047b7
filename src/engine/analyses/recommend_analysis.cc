// touchpoint recommend: item-to-item collaborative filtering from purchase
// histories, evaluated on a holdout against the most popular items
// (docs/prediction.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/recommend_query.h"
#include "report/recommend_format.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<RecommendRequest>(ctx);
  req.customer = p.Text("customer");
  req.top = static_cast<size_t>(*p.Integer("top"));
  TP_ASSIGN_OR_RETURN(req.holdout_ms, p.Duration("holdout"));
  TP_ASSIGN_OR_RETURN(models::RecommendReport report, RunRecommend(ctx.snapshot, req));
  if (p.Given("customers")) {
    TP_RETURN_IF_ERROR(WriteFileAtomic(p.Text("customers"), report::RecommendCustomersCsv(report)));
  }
  AnalysisOutput out;
  out.body = report::RecommendBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& RecommendAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "recommend";
    d.summary = "Product recommendations from purchase history (item-to-item), with holdout hit rate";
    ParamDef customers = Param("customers", ParamKind::kPath, "",
                               "Write every customer's recommendations to this CSV (customer_id,rank,item)", "recs.csv");
    customers.cli_only = true;
    d.params = {
        Param("customer", ParamKind::kText, "", "Recommend for this customer only", "C123"),
        Integer("top", 1, 1000, "10", "Items per customer", "5"),
        Param("holdout", ParamKind::kDuration, "30d", "The last part of the range held out to evaluate", "60d"),
        customers,
    };
    d.examples = {
        "touchpoint recommend --db store --top 10",
        "touchpoint recommend --db store --customer C123 --top 5",
    };
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
