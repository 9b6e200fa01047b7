#include "kernels/benchmark_bands.h"

#include <cstdio>

namespace touchpoint::kernels {
namespace {

std::string Fmt(const char* format, double v) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), format, v);
  return buf;
}

}  // namespace

std::optional<BenchmarkVerdict> Benchmark(std::string_view measure, double v, std::string_view channel) {
  if (measure == "bounce_rate") {
    // Seeds: below 26 unusually low, [26,41) excellent, [41,56) average, [56,70] high, above 70 poor.
    if (v < 26) return BenchmarkVerdict{"unusually low", Fmt("%.1f%% is below 26%%: check for double-firing page views", v)};
    if (v < 41) return BenchmarkVerdict{"excellent", Fmt("%.1f%% is in the excellent band (26-41%%)", v)};
    if (v < 56) return BenchmarkVerdict{"average", Fmt("%.1f%% is average (41-56%%)", v)};
    if (v <= 70) return BenchmarkVerdict{"high", Fmt("%.1f%% is high (56-70%%): landing pages may not match intent", v)};
    return BenchmarkVerdict{"poor", Fmt("%.1f%% is above 70%%: most visits leave at once", v)};
  }
  if (measure == "ctr") {
    // Seeds: 2-5% display (channel ads), 3-5% search (channel search).
    const bool search = channel == "search";
    const double low = search ? 3 : 2, high = 5;
    const char* kind = search ? "search" : "display";
    if (channel != "" && channel != "ads" && channel != "search") return std::nullopt;
    if (v < low) return BenchmarkVerdict{"below", Fmt("%.2f%% is below the seeds' ", v) + kind + " band (" + Fmt("%.0f", low) + "-5%)"};
    if (v <= high) return BenchmarkVerdict{"good", Fmt("%.2f%% is within the seeds' ", v) + kind + " band (" + Fmt("%.0f", low) + "-5%)"};
    return BenchmarkVerdict{"above", Fmt("%.2f%% beats the seeds' ", v) + kind + " band (" + Fmt("%.0f", low) + "-5%)"};
  }
  if (measure == "conversion_rate") {
    // Seeds: average 2.35%, top performers 5.31% and above.
    if (v >= 5.31) return BenchmarkVerdict{"top", Fmt("%.2f%% is top-performer level (5.31%%+)", v)};
    if (v >= 2.35) return BenchmarkVerdict{"above average", Fmt("%.2f%% is above the 2.35%% average", v)};
    return BenchmarkVerdict{"below average", Fmt("%.2f%% is below the 2.35%% average", v)};
  }
  if (measure == "avg_session_duration_s") {
    // Seeds: 2-3 minutes is excellent.
    if (v >= 120 && v <= 180) return BenchmarkVerdict{"excellent", Fmt("%.0f s is in the excellent 2-3 minute band", v)};
    if (v < 120) return BenchmarkVerdict{"short", Fmt("%.0f s is under the 2-3 minute band", v)};
    return BenchmarkVerdict{"long", Fmt("%.0f s is over 3 minutes: engaged, or lost", v)};
  }
  if (measure == "csat") {
    // Seeds: 75-85% is good.
    if (v > 85) return BenchmarkVerdict{"excellent", Fmt("%.1f%% is above the good band (75-85%%)", v)};
    if (v >= 75) return BenchmarkVerdict{"good", Fmt("%.1f%% is in the good band (75-85%%)", v)};
    return BenchmarkVerdict{"below", Fmt("%.1f%% is below the good band (75-85%%)", v)};
  }
  if (measure == "nps") {
    // Seeds: > 0 good, > 50 excellent, > 70 world-class.
    if (v > 70) return BenchmarkVerdict{"world-class", Fmt("%+.1f is world-class (> 70)", v)};
    if (v > 50) return BenchmarkVerdict{"excellent", Fmt("%+.1f is excellent (> 50)", v)};
    if (v > 0) return BenchmarkVerdict{"good", Fmt("%+.1f is good (> 0): more promoters than detractors", v)};
    if (v == 0) return BenchmarkVerdict{"poor", "0.0: as many detractors as promoters (good is above 0)"};
    return BenchmarkVerdict{"poor", Fmt("%+.1f: detractors outnumber promoters", v)};
  }
  return std::nullopt;
}

}  // namespace touchpoint::kernels
