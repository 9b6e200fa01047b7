#include "engine/metrics_query.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/measure_consumer.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using kernels::MeasureCell;
using kernels::MetricSet;

struct RangeResult {
  kernels::MeasureSpec spec;  // the consumer refers to it
  AnalysisRun<kernels::MeasureConsumer> run;
};

Status RunRange(AnalysisScan& analysis, const MetricsRequest& req, const date::time_zone* zone, int64_t from,
                int64_t to, RangeResult* out) {
  kernels::MeasureSpec& spec = out->spec;
  spec.defs = req.definitions;
  spec.zone = zone;
  spec.from_ms = from;
  spec.to_ms = to;
  spec.interval = req.interval;
  spec.by = req.by;
  spec.where = analysis.where();
  TP_ASSIGN_OR_RETURN(out->run, analysis.Run<kernels::MeasureConsumer>(spec, req.threads));
  out->run.consumer->Finalize();
  return Status::OK();
}

// The measures of one group (or of everyone, group 0).
void Fill(const RangeResult& r, size_t group, const scan::Catalog& catalog, const std::string& group_name,
          MetricSet* overall, std::vector<kernels::PeriodMetrics>* series) {
  const kernels::MeasureConsumer& consumer = *r.run.consumer;
  const kernels::MeasureSpec& spec = r.spec;
  const auto& cells = consumer.groups()[group].cells;
  const auto& everyone = consumer.groups()[0].cells;
  const double range_days = static_cast<double>(spec.to_ms - spec.from_ms) / 86400000.0;
  // Customers known by a period's end: those first seen before the range,
  // plus the new ones of each period so far (period 0 is the look-back).
  uint64_t known = consumer.known_before_range();
  for (size_t p = 1; p < spec.series.size() && spec.has_series(); ++p) {
    known += everyone[p].new_customers;
    kernels::CellContext ctx;
    ctx.days = static_cast<double>(
        kernels::CalendarDaysTouched(std::max(spec.series.start(p), spec.from_ms), spec.series.end(p), spec.zone));
    ctx.range_days = range_days;
    ctx.known_customers = known;
    ctx.previous_new = p > 0 ? std::optional<uint64_t>(cells[p - 1].new_customers) : std::nullopt;
    ctx.monthly = spec.interval == kernels::Interval::kMonth;
    if (spec.by == "channel") ctx.channel = group_name;
    series->push_back({spec.series.label(p), kernels::ComputeMeasures(cells[p], ctx, catalog)});
  }
  MeasureCell whole = cells[spec.all_index()];
  whole.months = spec.months.size() - 1;
  kernels::CellContext ctx;
  ctx.days = static_cast<double>(kernels::CalendarDaysTouched(spec.from_ms, spec.to_ms, spec.zone));
  ctx.range_days = range_days;
  ctx.known_customers = consumer.known_before_range() + everyone[spec.all_index()].new_customers;
  ctx.previous_new = consumer.new_in_previous_window(group);
  if (spec.by == "channel") ctx.channel = group_name;
  *overall = kernels::ComputeMeasures(whole, ctx, catalog);
}

Result<std::pair<int64_t, int64_t>> ParseRange(std::string_view text, const date::time_zone* zone) {
  size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    return Status::InvalidArgument("--compare must be 'previous' or FROM..TO, not '" + std::string(text) + "'");
  }
  TP_ASSIGN_OR_RETURN(int64_t a, ParseTimestamp(text.substr(0, dots), zone));
  TP_ASSIGN_OR_RETURN(int64_t b, ParseTimestamp(text.substr(dots + 2), zone));
  if (b <= a) return Status::InvalidArgument("--compare range is empty: '" + std::string(text) + "'");
  return std::make_pair(a, b);
}

// Shift-share decomposition of each proportion's change over the segments.
std::vector<kernels::ChangeContribution> Decompose(const kernels::MetricsReport& cur,
                                                   const std::map<std::string, const MetricSet*>& base_groups) {
  std::vector<kernels::ChangeContribution> out;
  for (const kernels::MetricValue& total : cur.metrics.values) {
    if (total.kind != kernels::ValueKind::kProportion) continue;
    const kernels::MetricValue* base_total = nullptr;
    double n_cur = 0, n_base = 0;
    for (const auto& g : cur.groups) {
      if (const auto* v = g.metrics.Find(total.name)) n_cur += static_cast<double>(v->n);
    }
    for (const auto& [key, set] : base_groups) {
      if (const auto* v = set->Find(total.name)) n_base += static_cast<double>(v->n);
    }
    (void)base_total;
    if (n_cur == 0 || n_base == 0) continue;
    std::map<std::string, std::pair<const kernels::MetricValue*, const kernels::MetricValue*>> segs;
    for (const auto& g : cur.groups) segs[g.key].first = g.metrics.Find(total.name);
    for (const auto& [key, set] : base_groups) segs[key].second = set->Find(total.name);
    for (const auto& [key, pair] : segs) {
      const double w1 = pair.second ? static_cast<double>(pair.second->n) / n_base : 0;
      const double w2 = pair.first ? static_cast<double>(pair.first->n) / n_cur : 0;
      const double r1 = pair.second && pair.second->n ? pair.second->value : 0;
      const double r2 = pair.first && pair.first->n ? pair.first->value : 0;
      kernels::ChangeContribution c;
      c.measure = total.name;
      c.segment = key;
      c.rate_effect = 0.5 * (w1 + w2) * (r2 - r1);
      c.mix_effect = (w2 - w1) * 0.5 * (r1 + r2);
      if (c.rate_effect != 0 || c.mix_effect != 0) out.push_back(c);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.measure != b.measure) return a.measure < b.measure;
    return std::fabs(a.total()) > std::fabs(b.total());
  });
  return out;
}

}  // namespace

Result<kernels::MetricsReport> RunMetrics(std::shared_ptr<const store::Snapshot> snapshot,
                                          const MetricsRequest& req) {
  AnalysisScan analysis(snapshot);
  TP_ASSIGN_OR_RETURN(const date::time_zone* zone, FindTimeZone(req.tz));
  TP_RETURN_IF_ERROR(analysis.ParseWhere(req.where));
  const scan::Catalog& catalog = analysis.catalog();

  kernels::MetricsReport report;
  std::tie(report.from_ms, report.to_ms) = analysis.Range(req);
  if (report.to_ms <= report.from_ms) {
    return Status::InvalidArgument("--from must be before --to (from is inclusive, to exclusive)");
  }
  report.tz = req.tz.empty() ? "UTC" : req.tz;
  report.definitions = std::string(kernels::PresetName(req.definitions.preset));
  report.by = req.by;
  report.where = req.where;
  static const char* kIntervals[] = {"", "day", "week", "month"};
  report.interval = kIntervals[static_cast<int>(req.interval)];

  RangeResult cur;
  TP_RETURN_IF_ERROR(RunRange(analysis, req, zone, report.from_ms, report.to_ms, &cur));
  report.scanned_events = cur.run.stats.rows;
  report.stale_derived = cur.run.stats.stale_derived;
  Fill(cur, 0, catalog, "", &report.metrics, &report.series);
  const kernels::MeasureConsumer& consumer = *cur.run.consumer;
  for (size_t g = 1; g < consumer.groups().size(); ++g) {
    kernels::GroupMetrics gm;
    gm.key = cur.spec.group.Name(catalog, consumer.groups()[g].key);
    Fill(cur, g, catalog, gm.key, &gm.metrics, &gm.series);
    report.groups.push_back(std::move(gm));
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const auto& a, const auto& b) {
    const double ea = a.metrics.Find("events")->value, eb = b.metrics.Find("events")->value;
    return ea != eb ? ea > eb : a.key < b.key;
  });

  if (!req.compare.empty()) {
    std::pair<int64_t, int64_t> range;
    if (req.compare == "previous") {
      range = {report.from_ms - (report.to_ms - report.from_ms), report.from_ms};
    } else {
      TP_ASSIGN_OR_RETURN(range, ParseRange(req.compare, zone));
    }
    report.compare_range = range;
    MetricsRequest base_req = req;
    base_req.interval = kernels::Interval::kNone;
    RangeResult base;
    TP_RETURN_IF_ERROR(RunRange(analysis, base_req, zone, range.first, range.second, &base));
    MetricSet base_overall;
    std::vector<kernels::PeriodMetrics> unused;
    Fill(base, 0, catalog, "", &base_overall, &unused);
    kernels::CompareMeasures(base_overall, &report.metrics);
    const kernels::MeasureConsumer& bc = *base.run.consumer;
    std::map<std::string, MetricSet> base_groups;
    for (size_t g = 1; g < bc.groups().size(); ++g) {
      std::string key = base.spec.group.Name(catalog, bc.groups()[g].key);
      Fill(base, g, catalog, key, &base_groups[key], &unused);
    }
    std::map<std::string, const MetricSet*> base_ptrs;
    for (auto& [k, v] : base_groups) base_ptrs[k] = &v;
    for (auto& g : report.groups) {
      auto it = base_groups.find(g.key);
      if (it != base_groups.end()) kernels::CompareMeasures(it->second, &g.metrics);
    }
    if (!req.by.empty()) report.changes = Decompose(report, base_ptrs);
  }
  report.seconds = analysis.seconds();
  return report;
}

}  // namespace touchpoint::engine
