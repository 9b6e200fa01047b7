// MeasureCatalog: turns the counts of a MeasureCell into the named measures
// of docs/metrics.md, each with numerator, denominator, a 95% interval and,
// where the seeds give one, a benchmark band. Also compares two periods.
// Pure functions; thread-safe.
#ifndef TOUCHPOINT_KERNELS_MEASURE_CATALOG_H_
#define TOUCHPOINT_KERNELS_MEASURE_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernels/benchmark_bands.h"
#include "kernels/measure_cell.h"
#include "kernels/stats.h"
#include "scan/catalog.h"

namespace touchpoint::kernels {

// How a value's uncertainty is described, for intervals and tests.
enum class ValueKind { kCount, kProportion, kNps, kMean, kDerived };

struct MetricValue {
  std::string name;
  std::string unit;  // "%", "s", "days", "customers", "money", ""
  double value = 0;  // NaN when undefined (empty denominator)
  ValueKind kind = ValueKind::kCount;
  double numerator = 0, denominator = 0;  // rates and means: the sample behind the value
  std::optional<ConfidenceInterval> ci95;
  std::optional<BenchmarkVerdict> benchmark;
  // Why the measure does not apply to this data ("" = it does); the value
  // is then NaN, never 0 (docs/metrics.md, "Not applicable").
  std::string not_applicable;
  // Raw sample for tests between periods.
  uint64_t x = 0, n = 0;               // proportions: successes, trials
  uint64_t promoters = 0, detractors = 0;  // nps
  double sum = 0, sum2 = 0;            // means
  // Extra named parts (nps shares, clv components).
  std::vector<std::pair<std::string, double>> parts;

  struct Comparison {
    double value = 0, change = 0, p_value = 1;
    bool significant = false;
    bool tested = false;
  };
  std::optional<Comparison> compare;
};

struct FeatureAdoption {
  std::string feature;
  uint64_t adopters = 0, active_customers = 0, uses = 0;
  double adoption_rate = 0, uses_per_adopter = 0;
  ConfidenceInterval ci95;
};

struct MetricSet {
  std::vector<MetricValue> values;
  std::vector<FeatureAdoption> features;
  const MetricValue* Find(std::string_view name) const;
};

// What the store holds at all, from its catalog: a measure whose inputs
// never occur is "not applicable", not 0 (docs/metrics.md).
struct MeasurePresence {
  bool page_views = true, impressions = true, social_impressions = true, activation = true;
  bool nps = true, csat = true, ces = true, subscriptions = true, add_to_cart = true, purchases = true;
  // Some active event that is not a conversion: without one, every
  // customer is known only by converting, and conversion is trivially 100%.
  bool non_conversion_activity = true;
  // Timestamps carry a time of day (not all at one clock time): without
  // one, sessions and their durations mean nothing.
  bool time_of_day = true;
};

// What a cell's measures need beyond its counts.
struct CellContext {
  double days = 1;                 // calendar days the cell spans
  double range_days = 1;           // days of the whole report range (CLV frequency)
  uint64_t known_customers = 0;    // customers first seen before the cell's end
  std::optional<uint64_t> previous_new;  // new customers one period earlier
  bool monthly = false;            // a calendar month: MAU = its active customers
  std::string channel;             // the --by channel value, for CTR bands
  bool grouped = false;            // a --by group, not everyone
  MeasurePresence presence;
};

// Observations below which no benchmark verdict is given (docs/metrics.md).
inline constexpr uint64_t kMinVerdictSample = 30;

MetricSet ComputeMeasures(const MeasureCell& cell, const CellContext& context, const scan::Catalog& catalog);

// Every measure's name, in the catalogue's order, and "feature_adoption":
// what `metrics --measures` may pick.
const std::vector<std::string>& MeasureNames();

// Fills `compare` of each value of `current` from the same value in `base`,
// with a two-proportion z-test, the NPS difference test or Welch's t-test.
void CompareMeasures(const MetricSet& base, MetricSet* current);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MEASURE_CATALOG_H_
