#include "engine/metrics_query.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "engine/analysis_scan.h"
#include "engine/request_dates.h"
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

Status RunRange(AnalysisScan& analysis, const MetricsRequest& req, int64_t from, int64_t to, RangeResult* out) {
  kernels::MeasureSpec& spec = out->spec;
  spec.defs = req.definitions;
  spec.zone = analysis.zone();
  spec.from_ms = from;
  spec.to_ms = to;
  spec.interval = req.interval;
  spec.by = req.by;
  spec.scope = req.by_scope;
  spec.where = analysis.where();
  TP_ASSIGN_OR_RETURN(out->run, analysis.Run<kernels::MeasureConsumer>(spec, req.threads));
  return Status::OK();
}

// The measures of one group (or of everyone, group 0).
void Fill(const RangeResult& r, size_t group, const scan::Catalog& catalog, const std::string& group_name,
          MetricSet* overall, std::vector<kernels::PeriodMetrics>* series) {
  const kernels::MeasureConsumer& consumer = *r.run.consumer;
  const kernels::MeasureSpec& spec = r.spec;
  const auto& cells = consumer.groups()[static_cast<uint32_t>(group)].cells;
  kernels::MeasurePresence presence = spec.presence;
  presence.time_of_day = consumer.has_time_of_day();
  const auto& everyone = consumer.groups()[0].cells;
  // What every cell of this group shares.
  kernels::CellContext base;
  base.range_days = static_cast<double>(spec.to_ms - spec.from_ms) / 86400000.0;
  base.presence = presence;
  base.grouped = group > 0;
  if (spec.by.size() == 1 && spec.by[0] == "channel") base.channel = group_name;
  // Customers known by a period's end: those first seen before the range,
  // plus the new ones of each period so far (period 0 is the look-back).
  uint64_t known = consumer.known_before_range();
  for (size_t p = 1; p < spec.series.size() && spec.has_series(); ++p) {
    known += everyone[p].new_customers;
    // A group's series skips the periods it has no data in: memory and
    // output follow the data, not the calendar span x groups.
    if (group > 0 && !cells[p].HasData()) continue;
    kernels::CellContext ctx = base;
    ctx.days = static_cast<double>(
        kernels::CalendarDaysTouched(std::max(spec.series.start(p), spec.from_ms), spec.series.end(p), spec.zone));
    ctx.known_customers = known;
    ctx.previous_new = cells[p - 1].new_customers;  // p >= 1
    ctx.monthly = spec.interval == kernels::Interval::kMonth;
    series->push_back({spec.series.label(p), kernels::ComputeMeasures(cells[p], ctx, catalog)});
  }
  MeasureCell whole = cells[spec.all_index()];
  whole.months = spec.months.size() - 1;
  kernels::CellContext ctx = base;
  ctx.days = static_cast<double>(kernels::CalendarDaysTouched(spec.from_ms, spec.to_ms, spec.zone));
  ctx.known_customers = consumer.known_before_range() + everyone[spec.all_index()].new_customers;
  ctx.previous_new = consumer.groups()[static_cast<uint32_t>(group)].prev_window_new;
  *overall = kernels::ComputeMeasures(whole, ctx, catalog);
}

Result<std::pair<int64_t, int64_t>> ParseRange(std::string_view text, const date::time_zone* zone) {
  size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    return Status::Usage("--compare must be 'previous' or FROM..TO, not '" + std::string(text) + "'");
  }
  const int64_t now = NowMs();
  TP_ASSIGN_OR_RETURN(int64_t a, ParseRequestTime("--compare", text.substr(0, dots), zone, now));
  TP_ASSIGN_OR_RETURN(int64_t b, ParseRequestTime("--compare", text.substr(dots + 2), zone, now));
  if (b <= a) return Status::Usage("--compare range is empty: '" + std::string(text) + "'");
  return std::make_pair(a, b);
}

// Shift-share decomposition of each proportion's change over the segments:
// rate effect 0.5 (w1 + w2)(r2 - r1) plus mix effect (w2 - w1) 0.5 (r1 + r2),
// which add up to the total's change only when the groups split the total's
// denominator exactly, so a measure whose groups do not is left out.
std::vector<kernels::ChangeContribution> Decompose(const kernels::MetricsReport& cur, const MetricSet& base_overall,
                                                   const std::map<std::string, const MetricSet*>& base_groups) {
  std::vector<kernels::ChangeContribution> out;
  for (const kernels::MetricValue& total : cur.metrics.values) {
    if (total.kind != kernels::ValueKind::kProportion) continue;
    const kernels::MetricValue* base_total = base_overall.Find(total.name);
    if (base_total == nullptr) continue;
    double n_cur = 0, n_base = 0, num_cur = 0, num_base = 0;
    for (const auto& g : cur.groups) {
      const auto* v = g.metrics.Find(total.name);
      if (v && v->not_applicable.empty()) n_cur += static_cast<double>(v->n), num_cur += v->numerator;
    }
    for (const auto& [key, set] : base_groups) {
      const auto* v = set->Find(total.name);
      if (v && v->not_applicable.empty()) n_base += static_cast<double>(v->n), num_base += v->numerator;
    }
    if (n_cur == 0 || n_base == 0 || n_cur != static_cast<double>(total.n) || num_cur != total.numerator ||
        n_base != static_cast<double>(base_total->n) || num_base != base_total->numerator) {
      continue;
    }
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
  AnalysisScan analysis(snapshot, "metrics");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  const scan::Catalog& catalog = analysis.catalog();
  const date::time_zone* zone = analysis.zone();

  kernels::MetricsReport report;
  const auto [from_ms, to_ms] = analysis.range();
  static const char* kIntervals[] = {"", "day", "week", "month"};
  report.interval = kIntervals[static_cast<int>(req.interval)];

  RangeResult cur;
  TP_RETURN_IF_ERROR(RunRange(analysis, req, from_ms, to_ms, &cur));
  Fill(cur, 0, catalog, "", &report.metrics, &report.series);
  for (size_t p = 1; p < cur.spec.series.size() && cur.spec.has_series(); ++p) {
    if (std::max(cur.spec.series.start(p), from_ms) != cur.spec.series.start(p) ||
        cur.spec.series.end(p) != cur.spec.series.natural_end(p)) {
      report.partial_periods.push_back(cur.spec.series.label(p));
    }
  }
  const kernels::MeasureConsumer& consumer = *cur.run.consumer;
  for (uint32_t g = 1; g < consumer.groups().size(); ++g) {
    kernels::GroupMetrics gm;
    gm.key = cur.spec.group.Name(catalog, consumer.groups().key(g));
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
      range = {from_ms - (to_ms - from_ms), from_ms};
    } else {
      TP_ASSIGN_OR_RETURN(range, ParseRange(req.compare, zone));
    }
    report.compare_range = range;
    MetricsRequest base_req = req;
    base_req.interval = kernels::Interval::kNone;
    RangeResult base;
    TP_RETURN_IF_ERROR(RunRange(analysis, base_req, range.first, range.second, &base));
    MetricSet base_overall;
    std::vector<kernels::PeriodMetrics> unused;
    Fill(base, 0, catalog, "", &base_overall, &unused);
    kernels::CompareMeasures(base_overall, &report.metrics);
    const kernels::MeasureConsumer& bc = *base.run.consumer;
    std::map<std::string, MetricSet> base_groups;
    for (uint32_t g = 1; g < bc.groups().size(); ++g) {
      std::string key = base.spec.group.Name(catalog, bc.groups().key(g));
      Fill(base, g, catalog, key, &base_groups[key], &unused);
    }
    std::map<std::string, const MetricSet*> base_ptrs;
    for (auto& [k, v] : base_groups) base_ptrs[k] = &v;
    for (auto& g : report.groups) {
      auto it = base_groups.find(g.key);
      if (it != base_groups.end()) kernels::CompareMeasures(it->second, &g.metrics);
    }
    if (!req.by.empty()) report.changes = Decompose(report, base_overall, base_ptrs);
  }
  report.header = analysis.Finish();
  return report;
}

}  // namespace touchpoint::engine
