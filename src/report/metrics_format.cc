#include "report/metrics_format.h"

#include <algorithm>
#include <cmath>

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

struct Picked {
  kernels::MetricsReport report;
  std::vector<std::string> measures;  // empty = all
};

bool IsPicked(const std::vector<std::string>& picked, const std::string& name) {
  return picked.empty() || std::find(picked.begin(), picked.end(), name) != picked.end();
}

// ---- JSON -------------------------------------------------------------------

void WriteValue(const kernels::MetricValue& m, JsonWriter& w) {
  w.BeginObject();
  w.Key("value").Number(m.value);
  w.Key("unit").String(m.unit);
  if (m.kind != kernels::ValueKind::kCount) {
    w.Key("numerator").Number(m.numerator);
    w.Key("denominator").Number(m.denominator);
  }
  if (m.ci95) w.Key("ci95").BeginArray().Number(m.ci95->low).Number(m.ci95->high).EndArray();
  for (const auto& [name, v] : m.parts) w.Key(name).Number(v);
  if (m.benchmark) {
    w.Key("benchmark").BeginObject();
    w.Key("band").String(m.benchmark->band);
    w.Key("verdict").String(m.benchmark->verdict);
    w.EndObject();
  }
  if (m.compare) {
    w.Key("compare").BeginObject();
    w.Key("value").Number(m.compare->value);
    w.Key("change").Number(m.compare->change);
    if (m.compare->tested) {
      w.Key("p_value").Number(m.compare->p_value);
    } else {
      w.Key("p_value").Null();
    }
    w.Key("significant").Bool(m.compare->significant);
    w.EndObject();
  }
  w.EndObject();
}

void WriteSet(const kernels::MetricSet& set, const std::vector<std::string>& picked, JsonWriter& w) {
  w.BeginObject();
  for (const auto& m : set.values) {
    if (!IsPicked(picked, m.name)) continue;
    w.Key(m.name);
    WriteValue(m, w);
  }
  if (IsPicked(picked, "feature_adoption")) {
    w.Key("feature_adoption").BeginObject();
    for (const auto& f : set.features) {
      w.Key(f.feature).BeginObject();
      w.Key("adopters").Int(static_cast<int64_t>(f.adopters));
      w.Key("active_customers").Int(static_cast<int64_t>(f.active_customers));
      w.Key("adoption_rate").Number(f.adoption_rate);
      w.Key("ci95").BeginArray().Number(f.ci95.low).Number(f.ci95.high).EndArray();
      w.Key("uses").Int(static_cast<int64_t>(f.uses));
      w.Key("uses_per_adopter").Number(f.uses_per_adopter);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject();
}

void WriteSeries(const std::vector<kernels::PeriodMetrics>& series, const std::vector<std::string>& picked,
                 JsonWriter& w) {
  w.BeginArray();
  for (const auto& p : series) {
    w.BeginObject();
    w.Key("period").String(p.period);
    w.Key("metrics");
    WriteSet(p.metrics, picked, w);
    w.EndObject();
  }
  w.EndArray();
}

void Json(const Picked& p, JsonWriter& w) {
  const kernels::MetricsReport& r = p.report;
  if (!r.interval.empty()) {
    w.Key("interval").String(r.interval);
    w.Key("partial_periods").BeginArray();
    for (const std::string& label : r.partial_periods) w.String(label);
    w.EndArray();
  }
  if (r.compare_range) {
    w.Key("compare_range").BeginObject();
    w.Key("from").String(FormatTimestamp(r.compare_range->first));
    w.Key("to").String(FormatTimestamp(r.compare_range->second));
    w.EndObject();
  }
  w.Key("metrics");
  WriteSet(r.metrics, p.measures, w);
  w.Key("series");
  WriteSeries(r.series, p.measures, w);
  w.Key("groups").BeginArray();
  for (const auto& g : r.groups) {
    w.BeginObject();
    w.Key("key").String(g.key);
    w.Key("metrics");
    WriteSet(g.metrics, p.measures, w);
    if (!g.series.empty()) {
      w.Key("series");
      WriteSeries(g.series, p.measures, w);
    }
    w.EndObject();
  }
  w.EndArray();
  if (!r.changes.empty()) {
    w.Key("changes").BeginArray();
    for (const auto& c : r.changes) {
      if (!IsPicked(p.measures, c.measure)) continue;
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
}

// ---- CSV --------------------------------------------------------------------

std::string Csv(const Picked& p) {
  const kernels::MetricsReport& r = p.report;
  TidyCsv csv(r.header.by, {"period"});
  auto rows = [&](const std::string* group, const std::string& period, const kernels::MetricSet& set) {
    for (const auto& m : set.values) {
      if (!IsPicked(p.measures, m.name)) continue;
      TidyCsv::Measure out{m.name, m.value, m.unit};
      if (m.ci95) out.ci95 = {{m.ci95->low, m.ci95->high}};
      if (m.kind != kernels::ValueKind::kCount) out.fraction = {{m.numerator, m.denominator}};
      csv.Add(group, {period}, out);
    }
    if (!IsPicked(p.measures, "feature_adoption")) return;
    for (const auto& f : set.features) {
      const std::string name = "feature_adoption:" + f.feature;
      TidyCsv::Measure out{name, f.adoption_rate, "%"};
      out.ci95 = {{f.ci95.low, f.ci95.high}};
      out.fraction = {{static_cast<double>(f.adopters), static_cast<double>(f.active_customers)}};
      csv.Add(group, {period}, out);
    }
  };
  rows(nullptr, "all", r.metrics);
  for (const auto& s : r.series) rows(nullptr, s.period, s.metrics);
  for (const auto& g : r.groups) {
    rows(&g.key, "all", g.metrics);
    for (const auto& s : g.series) rows(&g.key, s.period, s.metrics);
  }
  return csv.Render();
}

// ---- tables -----------------------------------------------------------------

int Decimals(const kernels::MetricValue& m) {
  if (m.kind == kernels::ValueKind::kCount && m.unit != "money" && m.unit != "days per active customer" &&
      m.name != "dau" && m.name != "mau") {
    return 0;
  }
  return m.unit == "%" || m.name == "nps" || m.unit == "money" ? 2 : 1;
}

std::string Value(const kernels::MetricValue& m) {
  if (m.unit == "s") return HumanDuration(m.value);
  if (m.unit == "%") return Percent(m.value, Decimals(m));
  if (m.kind == kernels::ValueKind::kCount && Decimals(m) == 0 && std::isfinite(m.value) && m.value >= 0) {
    return Thousands(static_cast<uint64_t>(std::llround(m.value)));
  }
  return Fixed(m.value, Decimals(m));
}

std::string Ci(const kernels::MetricValue& m) {
  if (!m.ci95) return "";
  if (m.unit == "s") return "[" + HumanDuration(m.ci95->low) + ", " + HumanDuration(m.ci95->high) + "]";
  return Interval(m.ci95->low, m.ci95->high, Decimals(m));
}

std::string Sample(const kernels::MetricValue& m) {
  switch (m.kind) {
    case kernels::ValueKind::kProportion: return Fixed(m.numerator, 0) + "/" + Fixed(m.denominator, 0);
    case kernels::ValueKind::kMean:
    case kernels::ValueKind::kNps: return "n=" + Fixed(m.denominator, 0);
    default: return "";
  }
}

std::string Verdict(const kernels::MetricValue& m) {
  std::string line;
  if (m.benchmark) line += m.benchmark->band + ": " + m.benchmark->verdict;
  if (m.name == "nps" && m.parts.size() == 3) {
    line += (m.benchmark ? "; " : "") + std::string("promoters ") + Fixed(m.parts[0].second, 1) + "%, passives " +
            Fixed(m.parts[1].second, 1) + "%, detractors " + Fixed(m.parts[2].second, 1) + "%";
  }
  if (m.compare) {
    line += std::string(line.empty() ? "" : "  ") + "(was " + Fixed(m.compare->value, Decimals(m)) + ", change " +
            Fixed(m.compare->change, Decimals(m));
    if (m.compare->tested) {
      line += ", p=" + Fixed(m.compare->p_value, 3) + (m.compare->significant ? ", significant" : ", not significant");
    }
    line += ")";
  }
  return line;
}

using Align = TextTable::Align;

std::string MeasureTable(const kernels::MetricSet& set, const std::vector<std::string>& picked, size_t width) {
  TextTable t({{"measure", Align::kLeft}, {"value"}, {"95% CI", Align::kLeft}, {"sample"}, {"verdict", Align::kLeft}});
  for (const auto& m : set.values) {
    if (IsPicked(picked, m.name)) t.AddRow({m.name, Value(m), Ci(m), Sample(m), Verdict(m)});
  }
  std::string out = t.Render(width);
  if (!set.features.empty() && IsPicked(picked, "feature_adoption")) {
    TextTable f({{"feature adoption", Align::kLeft}, {"of active"}, {"95% CI", Align::kLeft}, {"adopters"},
                 {"uses per adopter"}});
    for (const auto& a : set.features) {
      f.AddRow({a.feature, Percent(a.adoption_rate), Interval(a.ci95.low, a.ci95.high, 2),
                Thousands(a.adopters) + "/" + Thousands(a.active_customers), Fixed(a.uses_per_adopter, 1)});
    }
    out += "\n" + f.Render(width);
  }
  return out;
}

// The grid's measures: the picked ones, or the default set.
std::vector<std::string> GridMeasures(const std::vector<std::string>& picked) {
  std::vector<std::string> out;
  for (const std::string& m : picked.empty() ? DefaultGridMeasures() : picked) {
    if (m != "feature_adoption") out.push_back(m);
  }
  return out;
}

void GridRow(const kernels::MetricSet& set, const std::vector<std::string>& measures, std::vector<std::string> keys,
             TextTable* t) {
  for (const std::string& name : measures) {
    const kernels::MetricValue* m = set.Find(name);
    keys.push_back(m == nullptr ? std::string(kMissing) : Value(*m));
  }
  t->AddRow(std::move(keys));
}

std::string By(const kernels::ResultHeader& h) {
  std::string out;
  for (size_t i = 0; i < h.by.size(); ++i) out += (i ? " / " : "") + h.by[i];
  return out;
}

std::string Table(const Picked& p, const TableOptions& options) {
  const kernels::MetricsReport& r = p.report;
  const size_t width = options.width;
  std::string out;
  const std::vector<std::string> grid = GridMeasures(p.measures);
  auto partial = [&](const std::string& label) {
    return std::find(r.partial_periods.begin(), r.partial_periods.end(), label) != r.partial_periods.end()
               ? label + "*"
               : label;
  };
  if (!r.series.empty()) {
    std::vector<TextTable::Column> cols = {{r.interval, Align::kLeft}};
    for (const std::string& m : grid) cols.push_back({m});
    TextTable t(cols);
    for (const auto& s : r.series) GridRow(s.metrics, grid, {partial(s.period)}, &t);
    out += t.Render(width);
    if (!r.partial_periods.empty()) out += "* partial period: the range covers only part of it\n";
    out += "\n";
  }
  if (!r.groups.empty()) {
    const bool with_series = !r.groups.front().series.empty();
    std::vector<TextTable::Column> cols = {{By(r.header), Align::kLeft}};
    if (with_series) cols.push_back({r.interval, Align::kLeft});
    for (const std::string& m : grid) cols.push_back({m});
    TextTable t(cols, with_series ? 2 : 1);
    for (const auto& g : r.groups) {
      if (with_series) {
        for (const auto& s : g.series) GridRow(s.metrics, grid, {DisplayKey(g.key), partial(s.period)}, &t);
      } else {
        GridRow(g.metrics, grid, {DisplayKey(g.key)}, &t);
      }
    }
    out += t.Render(width) + "\n";
  }
  if (!r.series.empty() || !r.groups.empty()) out += "whole range, everyone\n";
  out += MeasureTable(r.metrics, p.measures, width);
  if (!r.changes.empty()) {
    TextTable t({{"measure", Align::kLeft}, {By(r.header), Align::kLeft}, {"contribution"}, {"own rate"}, {"mix"}}, 2);
    for (const auto& c : r.changes) {
      if (!IsPicked(p.measures, c.measure)) continue;
      t.AddRow({c.measure, DisplayKey(c.segment), Fixed(c.total(), 2), Fixed(c.rate_effect, 2), Fixed(c.mix_effect, 2)});
    }
    out += "\nwhat changed and why (points of each measure's change, by " + By(r.header) + ")\n" + t.Render(width);
  }
  return out;
}

void JsonFn(const Picked& p, JsonWriter& w) { Json(p, w); }

}  // namespace

const std::vector<std::string>& DefaultGridMeasures() {
  static const std::vector<std::string> kDefault = {"customers", "sessions", "conversion_rate", "bounce_rate",
                                                    "avg_session_duration_s", "revenue", "churn_rate", "nps"};
  return kDefault;
}

std::unique_ptr<ResultBody> MetricsBody(kernels::MetricsReport report, std::vector<std::string> measures) {
  struct Body : ResultBody {
    Picked p;
    const kernels::ResultHeader& header() const override { return p.report.header; }
    void WriteJson(JsonWriter& w) const override { JsonFn(p, w); }
    std::string Csv() const override { return report::Csv(p); }
    std::string Table(const TableOptions& o) const override { return report::Table(p, o); }
  };
  auto body = std::make_unique<Body>();
  body->p = Picked{std::move(report), std::move(measures)};
  return body;
}

}  // namespace touchpoint::report
