// CsvTable: RFC 4180 output with typed cells, so integers print as
// integers, doubles round-trip, and a missing value is an empty field
// (never "-"), which pandas reads as NaN without options.
//
// TidyCsv: the long layout every analysis's --format csv shares (docs/api.md,
// "CSV"): one row per group x dimension x measure, with the --by columns
// under their real names first, then the analysis's own dimensions, then
//   measure, value, unit, ci95_low, ci95_high, numerator, denominator.
// Rows of everyone (no group) leave the --by columns empty; a group whose
// value is empty reads "(none)". Not thread-safe.
#ifndef TOUCHPOINT_REPORT_CSV_TABLE_H_
#define TOUCHPOINT_REPORT_CSV_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace touchpoint::report {

using CsvCell = std::variant<std::monostate, int64_t, double, std::string>;

// An integer cell from any unsigned count.
inline CsvCell CsvInt(uint64_t v) { return static_cast<int64_t>(v); }

// One field of RFC 4180 CSV, quoted only when it holds a comma, a quote or
// a line break.
std::string CsvField(std::string_view s);

class CsvTable {
 public:
  explicit CsvTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  // REQUIRES: row.size() == the number of columns.
  void Add(std::vector<CsvCell> row);
  std::string Render() const;

 private:
  std::vector<std::string> columns_;
  std::string body_;
};

class TidyCsv {
 public:
  // `by`: the --by column names; `dims`: the analysis's dimension columns.
  TidyCsv(const std::vector<std::string>& by, std::vector<std::string> dims);

  struct Measure {
    std::string_view name;
    CsvCell value;
    std::string_view unit = "";
    std::optional<std::pair<double, double>> ci95;
    std::optional<std::pair<double, double>> fraction;  // numerator, denominator
  };
  // `group`: nullptr for everyone, else the group's key (kernels/group_column.h).
  // REQUIRES: dims.size() == the number of dimension columns.
  void Add(const std::string* group, const std::vector<CsvCell>& dims, const Measure& m);
  std::string Render() const { return table_.Render(); }

 private:
  size_t by_count_;
  size_t dim_count_;
  CsvTable table_;
};

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_CSV_TABLE_H_
