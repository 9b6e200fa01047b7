#include "report/csv_table.h"

#include <cassert>
#include <charconv>
#include <cmath>

#include "kernels/group_column.h"

namespace touchpoint::report {
namespace {

std::string Cell(const CsvCell& c) {
  if (std::holds_alternative<int64_t>(c)) return std::to_string(std::get<int64_t>(c));
  if (std::holds_alternative<double>(c)) {
    const double v = std::get<double>(c);
    if (!std::isfinite(v)) return "";
    char buf[32];
    // The shortest text that reads back as the same double.
    auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    return ec == std::errc() ? std::string(buf, p) : "";
  }
  if (std::holds_alternative<std::string>(c)) return CsvField(std::get<std::string>(c));
  return "";
}

std::vector<std::string> Columns(const std::vector<std::string>& by, const std::vector<std::string>& dims) {
  std::vector<std::string> cols = by;
  cols.insert(cols.end(), dims.begin(), dims.end());
  for (const char* c : {"measure", "value", "unit", "ci95_low", "ci95_high", "numerator", "denominator"}) {
    cols.emplace_back(c);
  }
  return cols;
}

}  // namespace

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvTable::Add(std::vector<CsvCell> row) {
  assert(row.size() == columns_.size());
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) body_ += ',';
    body_ += Cell(row[i]);
  }
  body_ += '\n';
}

std::string CsvTable::Render() const {
  std::string out;
  for (size_t i = 0; i < columns_.size(); ++i) out += (i > 0 ? "," : "") + CsvField(columns_[i]);
  return out + "\n" + body_;
}

TidyCsv::TidyCsv(const std::vector<std::string>& by, std::vector<std::string> dims)
    : by_count_(by.size()), dim_count_(dims.size()), table_(Columns(by, dims)) {}

void TidyCsv::Add(const std::string* group, const std::vector<CsvCell>& dims, const Measure& m) {
  assert(dims.size() == dim_count_);
  std::vector<CsvCell> row;
  row.reserve(by_count_ + dim_count_ + 7);
  if (group == nullptr) {
    row.resize(by_count_);
  } else {
    const std::vector<std::string_view> parts = kernels::GroupKeyParts(*group);
    for (size_t i = 0; i < by_count_; ++i) {
      const std::string_view part = i < parts.size() ? parts[i] : std::string_view();
      row.emplace_back(part.empty() ? std::string("(none)") : std::string(part));
    }
  }
  row.insert(row.end(), dims.begin(), dims.end());
  row.emplace_back(std::string(m.name));
  row.push_back(m.value);
  row.emplace_back(std::string(m.unit));
  if (m.ci95) {
    row.emplace_back(m.ci95->first);
    row.emplace_back(m.ci95->second);
  } else {
    row.resize(row.size() + 2);
  }
  if (m.fraction) {
    row.emplace_back(m.fraction->first);
    row.emplace_back(m.fraction->second);
  } else {
    row.resize(row.size() + 2);
  }
  table_.Add(std::move(row));
}

}  // namespace touchpoint::report
