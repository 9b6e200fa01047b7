#include "report/metrics_json.h"

#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void WriteValue(const kernels::MetricValue& m, JsonWriter* w) {
  w->BeginObject();
  w->Key("value").Number(m.value);
  w->Key("unit").String(m.unit);
  if (m.kind != kernels::ValueKind::kCount) {
    w->Key("numerator").Number(m.numerator);
    w->Key("denominator").Number(m.denominator);
  }
  if (m.ci95) w->Key("ci95").BeginArray().Number(m.ci95->low).Number(m.ci95->high).EndArray();
  for (const auto& [name, v] : m.parts) w->Key(name).Number(v);
  if (m.benchmark) {
    w->Key("benchmark").BeginObject();
    w->Key("band").String(m.benchmark->band);
    w->Key("verdict").String(m.benchmark->verdict);
    w->EndObject();
  }
  if (m.compare) {
    w->Key("compare").BeginObject();
    w->Key("value").Number(m.compare->value);
    w->Key("change").Number(m.compare->change);
    if (m.compare->tested) {
      w->Key("p_value").Number(m.compare->p_value);
    } else {
      w->Key("p_value").Null();
    }
    w->Key("significant").Bool(m.compare->significant);
    w->EndObject();
  }
  w->EndObject();
}

void WriteSet(const kernels::MetricSet& set, JsonWriter* w) {
  w->BeginObject();
  for (const auto& m : set.values) {
    w->Key(m.name);
    WriteValue(m, w);
  }
  w->Key("feature_adoption").BeginObject();
  for (const auto& f : set.features) {
    w->Key(f.feature).BeginObject();
    w->Key("adopters").Int(static_cast<int64_t>(f.adopters));
    w->Key("active_customers").Int(static_cast<int64_t>(f.active_customers));
    w->Key("adoption_rate").Number(f.adoption_rate);
    w->Key("ci95").BeginArray().Number(f.ci95.low).Number(f.ci95.high).EndArray();
    w->Key("uses").Int(static_cast<int64_t>(f.uses));
    w->Key("uses_per_adopter").Number(f.uses_per_adopter);
    w->EndObject();
  }
  w->EndObject();
  w->EndObject();
}

void WriteSeries(const std::vector<kernels::PeriodMetrics>& series, JsonWriter* w) {
  w->BeginArray();
  for (const auto& p : series) {
    w->BeginObject();
    w->Key("period").String(p.period);
    w->Key("metrics");
    WriteSet(p.metrics, w);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

std::string MetricsJson(const kernels::MetricsReport& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("range").BeginObject();
  w.Key("from").String(FormatTimestamp(r.from_ms));
  w.Key("to").String(FormatTimestamp(r.to_ms));
  w.Key("tz").String(r.tz);
  w.EndObject();
  w.Key("definitions").String(r.definitions);
  if (!r.by.empty()) w.Key("by").String(r.by);
  if (!r.where.empty()) w.Key("where").String(r.where);
  if (!r.interval.empty()) w.Key("interval").String(r.interval);
  if (r.compare_range) {
    w.Key("compare_range").BeginObject();
    w.Key("from").String(FormatTimestamp(r.compare_range->first));
    w.Key("to").String(FormatTimestamp(r.compare_range->second));
    w.EndObject();
  }
  w.Key("metrics");
  WriteSet(r.metrics, &w);
  w.Key("series");
  WriteSeries(r.series, &w);
  w.Key("groups").BeginArray();
  for (const auto& g : r.groups) {
    w.BeginObject();
    w.Key("key").String(g.key);
    w.Key("metrics");
    WriteSet(g.metrics, &w);
    if (!g.series.empty()) {
      w.Key("series");
      WriteSeries(g.series, &w);
    }
    w.EndObject();
  }
  w.EndArray();
  if (!r.changes.empty()) {
    w.Key("changes").BeginArray();
    for (const auto& c : r.changes) {
      w.BeginObject();
      w.Key("measure").String(c.measure);
      w.Key("segment").String(c.segment);
      w.Key("contribution").Number(c.total());
      w.Key("rate_effect").Number(c.rate_effect);
      w.Key("mix_effect").Number(c.mix_effect);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!r.stale_derived.empty()) {
    w.Key("stale_derived").BeginArray();
    for (const std::string& d : r.stale_derived) w.String(d);
    w.EndArray();
  }
  w.Key("scanned_events").Int(static_cast<int64_t>(r.scanned_events));
  w.EndObject();
  return w.str();
}

}  // namespace touchpoint::report
