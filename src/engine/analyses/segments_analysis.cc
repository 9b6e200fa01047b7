// touchpoint segments: RFM segments, behavioural k-means segments or
// predictive segments (churn risk x predicted value) (docs/prediction.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/segments_query.h"
#include "report/segments_format.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<SegmentsRequest>(ctx);
  req.method = p.Text("method");
  TP_ASSIGN_OR_RETURN(req.as_of_ms, DateParam(ctx, "as-of"));
  req.max_k = static_cast<size_t>(*p.Integer("max-k"));
  req.seed = static_cast<uint64_t>(*p.Integer("seed"));
  TP_ASSIGN_OR_RETURN(models::SegmentsReport report, RunSegments(ctx.snapshot, req));
  if (p.Given("customers")) TP_RETURN_IF_ERROR(WriteFileAtomic(p.Text("customers"), report::SegmentsCustomersCsv(report)));
  AnalysisOutput out;
  if (p.Given("save")) {
    SavedColumn segment;
    for (size_t i = 0; i < report.customer_id.size(); ++i) segment.values.emplace(report.customer_id[i], report.segment[i]);
    out.saved.push_back(std::move(segment));
  }
  out.body = report::SegmentsBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& SegmentsAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "segments";
    d.summary = "Customer segments: RFM, behavioural (k-means) or predictive (churn risk x value)";
    ParamDef customers = Param("customers", ParamKind::kPath, "", "Write every customer's segment to this CSV",
                               "segments.csv");
    customers.cli_only = true;
    d.params = {
        Choice("method", {"rfm", "kmeans", "predictive"}, "rfm",
               "rfm (quintile scores, named segments), kmeans (behaviour) or predictive (churn risk x CLV)",
               "kmeans"),
        Described(Param("as-of", ParamKind::kDate, "", "Segment the customers as they were at this instant",
                        "2024-11-01"),
                  "the end of the range"),
        Integer("max-k", 2, 20, "8", "kmeans: the most segments tried (k chosen by silhouette)", "6"),
        Integer("seed", 0, INT64_MAX, "1", "kmeans: the random seed (same seed, same segments)", "7"),
        customers,
    };
    d.examples = {
        "touchpoint segments --db store --method rfm",
        "touchpoint segments --db store --method kmeans --save behaviour && touchpoint metrics --db store --by "
        "derived:behaviour",
    };
    d.save_help = "each customer's segment";
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
