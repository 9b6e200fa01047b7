#include "report/attribution_format.h"

#include <cmath>
#include <cstdio>

#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

using kernels::AttributionModel;
using kernels::AttributionModelName;
using kernels::kAttributionModelCount;

AttributionModel Model(size_t m) { return static_cast<AttributionModel>(m); }

void PerModel(std::string_view key, const double* values, JsonWriter* w) {
  w->Key(key).BeginObject();
  for (size_t m = 0; m < kAttributionModelCount; ++m) w->Key(AttributionModelName(Model(m))).Number(values[m]);
  w->EndObject();
}

std::string Num(double v, const char* fmt) {
  if (!std::isfinite(v)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof(buf), fmt, v);
  return buf;
}

// 30d, 12h, 90m or seconds: the largest unit that divides the duration.
std::string Duration(int64_t ms) {
  constexpr int64_t kUnits[] = {86400000, 3600000, 60000, 1000};
  constexpr const char* kNames[] = {"d", "h", "m", "s"};
  for (size_t i = 0; i < 4; ++i) {
    if (ms > 0 && ms % kUnits[i] == 0) return std::to_string(ms / kUnits[i]) + kNames[i];
  }
  return Num(static_cast<double>(ms) / 1000.0, "%.3f") + "s";
}

void TableHeader(const char* first, std::string* out) {
  char line[256];
  std::snprintf(line, sizeof(line), "%-24s %8s %8s", first, "touches", "paths");
  *out += line;
  for (size_t m = 0; m < kAttributionModelCount; ++m) {
    std::snprintf(line, sizeof(line), " %14s", std::string(AttributionModelName(Model(m))).c_str());
    *out += line;
  }
}

}  // namespace

std::string AttributionJson(const kernels::AttributionReport& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("range")
      .BeginObject()
      .Key("from")
      .String(FormatTimestamp(r.from_ms))
      .Key("to")
      .String(FormatTimestamp(r.to_ms))
      .EndObject();
  w.Key("conversion").String(r.conversion);
  w.Key("window_s").Number(static_cast<double>(r.window_ms) / 1000.0);
  w.Key("half_life_s").Number(static_cast<double>(r.half_life_ms) / 1000.0);
  w.Key("value").String(kernels::AttributionValueName(r.value));
  w.Key("by").String(r.by);
  w.Key("conversions").Int(static_cast<int64_t>(r.conversions));
  w.Key("revenue").Number(r.revenue);
  w.Key("attributed").BeginObject();
  w.Key("conversions").Int(static_cast<int64_t>(r.attributed_conversions()));
  w.Key("revenue").Number(r.attributed_revenue());
  w.EndObject();
  w.Key("unattributed").BeginObject();
  w.Key("key").String(r.unattributed_key);
  w.Key("conversions").Int(static_cast<int64_t>(r.unattributed_conversions));
  w.Key("revenue").Number(r.unattributed_revenue);
  w.EndObject();
  w.Key("channels").BeginArray();
  for (const auto& row : r.rows) {
    w.BeginObject();
    w.Key("channel").String(row.key);
    w.Key("touchpoints").Int(static_cast<int64_t>(row.touchpoints));
    w.Key("null_touchpoints").Int(static_cast<int64_t>(row.null_touchpoints));
    w.Key("paths").Int(static_cast<int64_t>(row.paths));
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      w.Key(AttributionModelName(Model(m))).Number(row.value(Model(m), r.value));
    }
    w.Key("removal_effect").Number(row.removal_effect);
    PerModel("share_pct", row.share_pct, &w);
    PerModel("attributed_conversions", row.conversions, &w);
    PerModel("attributed_revenue", row.revenue, &w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("markov").BeginObject();
  w.Key("conversion_probability").Number(r.conversion_probability);
  w.Key("converting_paths").Int(static_cast<int64_t>(r.converting_paths));
  w.Key("null_paths").Int(static_cast<int64_t>(r.null_paths));
  w.Key("transitions").BeginArray();
  for (const auto& t : r.transitions) {
    w.BeginObject().Key("from").String(t.from).Key("to").String(t.to);
    w.Key("count").Int(static_cast<int64_t>(t.count)).Key("probability").Number(t.probability).EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Key("scanned_events").Int(static_cast<int64_t>(r.scanned_events));
  w.EndObject();
  return w.str();
}

std::string AttributionTable(const kernels::AttributionReport& r) {
  const bool revenue = r.value == kernels::AttributionValue::kRevenue;
  std::string out = "attribution of " + r.conversion + " " + std::string(kernels::AttributionValueName(r.value)) +
                    " by " + r.by + ", lookback " + Duration(r.window_ms) + ", time-decay half-life " +
                    Duration(r.half_life_ms) + "\n" + FormatTimestamp(r.from_ms) + " .. " + FormatTimestamp(r.to_ms) +
                    "\n";
  char line[512];
  std::snprintf(line, sizeof(line),
                "conversions %llu, revenue %.2f; no touchpoint %s: %llu conversions, %.2f revenue\n"
                "Markov P(conversion) %s over %llu converting and %llu non-converting paths\n\n",
                static_cast<unsigned long long>(r.conversions), r.revenue, r.unattributed_key.c_str(),
                static_cast<unsigned long long>(r.unattributed_conversions), r.unattributed_revenue,
                Num(r.conversion_probability, "%.4f").c_str(), static_cast<unsigned long long>(r.converting_paths),
                static_cast<unsigned long long>(r.null_paths));
  out += line;
  const char* fmt = "%.2f";
  TableHeader(r.by.c_str(), &out);
  out += "  removal\n";
  for (const auto& row : r.rows) {
    std::snprintf(line, sizeof(line), "%-24s %8llu %8llu", row.key.c_str(),
                  static_cast<unsigned long long>(row.touchpoints), static_cast<unsigned long long>(row.paths));
    out += line;
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      std::snprintf(line, sizeof(line), " %14s", Num(row.value(Model(m), r.value), fmt).c_str());
      out += line;
    }
    out += "  " + Num(row.removal_effect, "%.4f") + "\n";
  }
  const double unattributed = revenue ? r.unattributed_revenue : static_cast<double>(r.unattributed_conversions);
  std::snprintf(line, sizeof(line), "%-24s %8s %8s", r.unattributed_key.c_str(), "-", "-");
  out += line;
  for (size_t m = 0; m < kAttributionModelCount; ++m) {
    std::snprintf(line, sizeof(line), " %14s", Num(unattributed, fmt).c_str());
    out += line;
  }
  out += "\n\nshare of attributed " + std::string(kernels::AttributionValueName(r.value)) + " (%)\n";
  TableHeader(r.by.c_str(), &out);
  out += "\n";
  for (const auto& row : r.rows) {
    std::snprintf(line, sizeof(line), "%-24s %8llu %8llu", row.key.c_str(),
                  static_cast<unsigned long long>(row.touchpoints), static_cast<unsigned long long>(row.paths));
    out += line;
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      std::snprintf(line, sizeof(line), " %14s", Num(row.share_pct[m], "%.1f").c_str());
      out += line;
    }
    out += "\n";
  }
  std::snprintf(line, sizeof(line), "\n%llu events scanned in %.3f s\n",
                static_cast<unsigned long long>(r.scanned_events), r.seconds);
  return out + line;
}

}  // namespace touchpoint::report
