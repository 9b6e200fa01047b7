// ResultBody: one analysis result, ready to write in every format: the
// common header (kernels/result_header.h) and the analysis's own body. Each
// analysis's format file (report/<name>_format.h) makes one from its report;
// Render writes it as a table, JSON or CSV, the same way for all of them:
//
//   JSON   {"analysis":..,"range":{"from","to","tz"},"definitions":..,"by":[..],
//           "where":[..],"scanned_events":..,"stale_derived":[..],"notes":[..],
//           "seconds":.., <the body's fields>}
//   CSV    the tidy long table of report/csv_table.h
//   table  a heading line, the body's tables fitted to the width, the notes,
//          and "N events scanned in S s"
//
// Immutable once made; thread-safe to render.
#ifndef TOUCHPOINT_REPORT_RESULT_BODY_H_
#define TOUCHPOINT_REPORT_RESULT_BODY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "kernels/result_header.h"
#include "report/json_writer.h"
#include "report/text_table.h"
#include "util/status.h"

namespace touchpoint::report {

enum class OutputFormat { kTable, kJson, kCsv };
// "table", "json" or "csv".
Result<OutputFormat> ParseOutputFormat(std::string_view name);

struct TableOptions {
  size_t width = kDefaultWidth;  // terminal columns
};

class ResultBody {
 public:
  virtual ~ResultBody() = default;
  virtual const kernels::ResultHeader& header() const = 0;
  // The body's fields, inside the top-level object, after the header.
  virtual void WriteJson(JsonWriter& w) const = 0;
  // The whole CSV text, header line included.
  virtual std::string Csv() const = 0;
  // The tables between the heading line and the footer.
  virtual std::string Table(const TableOptions& options) const = 0;
};

// The full output in `format`, ending in a newline.
std::string Render(const ResultBody& body, OutputFormat format, const TableOptions& options = {});

// The header's fields (JSON), for bodies that write a header of their own
// shape (info, loads) through the same writer.
void WriteHeader(const kernels::ResultHeader& header, JsonWriter& w);

// A ResultBody over a report value and three functions that format it.
template <typename Report>
class ReportBody : public ResultBody {
 public:
  using JsonFn = void (*)(const Report&, JsonWriter&);
  using CsvFn = std::string (*)(const Report&);
  using TableFn = std::string (*)(const Report&, const TableOptions&);

  ReportBody(Report report, JsonFn json, CsvFn csv, TableFn table)
      : report_(std::move(report)), json_(json), csv_(csv), table_(table) {}
  const kernels::ResultHeader& header() const override { return report_.header; }
  void WriteJson(JsonWriter& w) const override { json_(report_, w); }
  std::string Csv() const override { return csv_(report_); }
  std::string Table(const TableOptions& options) const override { return table_(report_, options); }
  const Report& report() const { return report_; }

 private:
  Report report_;
  JsonFn json_;
  CsvFn csv_;
  TableFn table_;
};

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_RESULT_BODY_H_
