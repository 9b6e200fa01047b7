#include "report/metrics_table.h"

#include <cmath>
#include <cstdio>

#include "report/csv_field.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

std::string Num(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

int Decimals(const kernels::MetricValue& m) {
  if (m.kind == kernels::ValueKind::kCount && m.unit != "money" && m.unit != "days per active customer" &&
      m.name != "dau" && m.name != "mau") {
    return 0;
  }
  return m.unit == "%" || m.name == "nps" ? 2 : m.unit == "money" ? 2 : 1;
}

std::string Value(const kernels::MetricValue& m) {
  std::string v = Num(m.value, Decimals(m));
  if (m.unit == "%" && v != "-") v += "%";
  if (m.unit == "s" && v != "-") v += " s";
  return v;
}

std::string Sample(const kernels::MetricValue& m) {
  if (m.kind == kernels::ValueKind::kProportion || m.kind == kernels::ValueKind::kMean ||
      m.kind == kernels::ValueKind::kNps) {
    if (m.kind == kernels::ValueKind::kMean) return "n=" + Num(m.denominator, 0);
    if (m.kind == kernels::ValueKind::kNps) return "n=" + Num(m.denominator, 0);
    return Num(m.numerator, 0) + "/" + Num(m.denominator, 0);
  }
  return "";
}

std::string Ci(const kernels::MetricValue& m) {
  if (!m.ci95) return "";
  return "[" + Num(m.ci95->low, Decimals(m)) + ", " + Num(m.ci95->high, Decimals(m)) + "]";
}

void Pad(std::string* line, const std::string& cell, size_t width, bool right = false) {
  if (right && cell.size() < width) line->append(width - cell.size(), ' ');
  *line += cell;
  if (!right && cell.size() < width) line->append(width - cell.size(), ' ');
  *line += "  ";
}

void AppendSet(const kernels::MetricSet& set, std::string* out) {
  std::string header;
  Pad(&header, "measure", 26);
  Pad(&header, "value", 12, true);
  Pad(&header, "95% CI", 22);
  Pad(&header, "sample", 18);
  header += "verdict";
  *out += header + "\n";
  for (const auto& m : set.values) {
    std::string line;
    Pad(&line, m.name, 26);
    Pad(&line, Value(m), 12, true);
    Pad(&line, Ci(m), 22);
    Pad(&line, Sample(m), 18);
    if (m.benchmark) line += m.benchmark->band + ": " + m.benchmark->verdict;
    if (m.name == "nps" && m.parts.size() == 3) {
      line += (m.benchmark ? "; " : "") + std::string("promoters ") + Num(m.parts[0].second, 1) + "%, passives " +
              Num(m.parts[1].second, 1) + "%, detractors " + Num(m.parts[2].second, 1) + "%";
    }
    if (m.compare) {
      line += "  (was " + Num(m.compare->value, Decimals(m)) + ", change " + Num(m.compare->change, Decimals(m));
      if (m.compare->tested) {
        line += ", p=" + Num(m.compare->p_value, 3) + (m.compare->significant ? ", significant" : ", not significant");
      }
      line += ")";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    *out += line + "\n";
  }
  if (!set.features.empty()) {
    *out += "\nfeature adoption (share of active customers; uses per adopter)\n";
    for (const auto& f : set.features) {
      std::string line;
      Pad(&line, "  " + f.feature, 26);
      Pad(&line, Num(f.adoption_rate, 2) + "%", 12, true);
      Pad(&line, "[" + Num(f.ci95.low, 2) + ", " + Num(f.ci95.high, 2) + "]", 22);
      Pad(&line, std::to_string(f.adopters) + "/" + std::to_string(f.active_customers), 18);
      line += Num(f.uses_per_adopter, 1) + " uses per adopter";
      *out += line + "\n";
    }
  }
}

}  // namespace

std::string MetricsTable(const kernels::MetricsReport& r) {
  std::string out = "range " + FormatTimestamp(r.from_ms) + " .. " + FormatTimestamp(r.to_ms) + " (" + r.tz +
                    "), definitions " + r.definitions;
  if (!r.where.empty()) out += ", where " + r.where;
  out += "\n";
  for (const std::string& d : r.stale_derived) {
    out += "warning: derived column '" + d + "' was computed from older data than the store holds (stale)\n";
  }
  out += "\n";
  AppendSet(r.metrics, &out);
  for (const auto& p : r.series) {
    out += "\n== " + p.period + "\n";
    AppendSet(p.metrics, &out);
  }
  for (const auto& g : r.groups) {
    out += "\n== " + r.by + " = " + (g.key.empty() ? "(none)" : g.key) + "\n";
    AppendSet(g.metrics, &out);
    for (const auto& p : g.series) {
      out += "\n== " + r.by + " = " + (g.key.empty() ? "(none)" : g.key) + ", " + p.period + "\n";
      AppendSet(p.metrics, &out);
    }
  }
  if (!r.changes.empty()) {
    out += "\nwhat changed and why (contribution to each measure's change, by " + r.by + ")\n";
    for (const auto& c : r.changes) {
      out += "  " + c.measure + ": " + (c.segment.empty() ? "(none)" : c.segment) + " " + Num(c.total(), 2) +
             " points (own rate " + Num(c.rate_effect, 2) + ", mix " + Num(c.mix_effect, 2) + ")\n";
    }
  }
  char tail[96];
  std::snprintf(tail, sizeof(tail), "\n%llu events scanned in %.3f s\n",
                static_cast<unsigned long long>(r.scanned_events), r.seconds);
  out += tail;
  return out;
}

std::string MetricsCsv(const kernels::MetricsReport& r) {
  std::string out = "group,period,measure,value,numerator,denominator,ci95_low,ci95_high,band\n";
  const auto quote = [](const std::string& s) { return CsvField(s); };
  auto rows = [&](const std::string& group, const std::string& period, const kernels::MetricSet& set) {
    for (const auto& m : set.values) {
      out += quote(group) + "," + quote(period) + "," + m.name + "," + Num(m.value, 6) + "," + Num(m.numerator, 6) +
             "," + Num(m.denominator, 6) + "," + (m.ci95 ? Num(m.ci95->low, 6) : "") + "," +
             (m.ci95 ? Num(m.ci95->high, 6) : "") + "," + (m.benchmark ? quote(m.benchmark->band) : "") + "\n";
    }
    for (const auto& f : set.features) {
      out += quote(group) + "," + quote(period) + ",feature_adoption:" + quote(f.feature) + "," +
             Num(f.adoption_rate, 6) + "," + std::to_string(f.adopters) + "," + std::to_string(f.active_customers) +
             "," + Num(f.ci95.low, 6) + "," + Num(f.ci95.high, 6) + ",\n";
    }
  };
  rows("", "all", r.metrics);
  for (const auto& p : r.series) rows("", p.period, p.metrics);
  for (const auto& g : r.groups) {
    rows(g.key, "all", g.metrics);
    for (const auto& p : g.series) rows(g.key, p.period, p.metrics);
  }
  return out;
}

}  // namespace touchpoint::report
