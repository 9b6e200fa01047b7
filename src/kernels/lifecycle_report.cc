#include "kernels/lifecycle_report.h"

#include <cmath>
#include <limits>

#include "kernels/measure_catalog.h"
#include "kernels/measure_cell.h"

namespace touchpoint::kernels {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ValueOf(const MetricSet& set, std::string_view name) {
  const MetricValue* v = set.Find(name);
  return v == nullptr ? kNaN : v->value;
}

}  // namespace

LifecycleGroup SummarizeLifecycle(const LifecycleSpec& spec, const LifecycleCounts& k, const scan::Catalog& catalog) {
  LifecycleGroup out;
  const size_t periods = spec.report_periods();
  for (size_t r = 0; r < periods; ++r) {
    const size_t p = spec.first_report + r;
    LifecyclePeriod lp;
    lp.period = spec.grid.label(p);
    lp.complete = spec.grid.end(p) == spec.grid.natural_end(p);
    lp.counts = k.stages[r];
    for (uint64_t n : lp.counts) lp.customers += n;
    for (size_t s = 0; s < kLifecycleStages; ++s) {
      lp.percent[s] = lp.customers == 0 ? kNaN
                                        : 100.0 * static_cast<double>(lp.counts[s]) / static_cast<double>(lp.customers);
    }
    lp.active = k.active[r];
    lp.signups = k.signups[r];
    lp.activated = k.activated[r];
    // The catalogue's formulas on this period's counts (as metrics_query does
    // for a series cell, the period being whole here).
    MeasureCell cell;
    cell.customers = k.active[r];
    cell.active_days = k.active_days[r];
    cell.new_customers = k.signups[r];
    cell.activated = k.activated[r];
    CellContext ctx;
    ctx.days = static_cast<double>(CalendarDaysTouched(spec.grid.start(p), spec.grid.end(p), spec.zone));
    ctx.monthly = spec.period == Interval::kMonth;
    const MetricSet measures = ComputeMeasures(cell, ctx, catalog);
    lp.activation_rate = ValueOf(measures, "activation_rate");
    const MetricValue* activation = measures.Find("activation_rate");
    lp.activation_ci = activation != nullptr && activation->ci95 ? *activation->ci95 : ConfidenceInterval{kNaN, kNaN};
    lp.dau = ValueOf(measures, "dau");
    lp.mau = ValueOf(measures, "mau");
    lp.stickiness = ValueOf(measures, "stickiness");
    out.periods.push_back(std::move(lp));
  }
  for (size_t r = 1; r < periods; ++r) {
    LifecycleMovement m;
    m.from = out.periods[r - 1].period;
    m.to = out.periods[r].period;
    m.matrix = k.moves[r];
    for (size_t c = 0; c < m.matrix.size(); ++c) out.movements_total[c] += m.matrix[c];
    out.movements.push_back(std::move(m));
  }
  return out;
}

}  // namespace touchpoint::kernels
