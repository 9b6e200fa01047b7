// CsvField: one field of RFC 4180 CSV output, quoted only when it holds a
// comma, a quote or a line break. Shared by every CSV the CLI writes.
#ifndef TOUCHPOINT_REPORT_CSV_FIELD_H_
#define TOUCHPOINT_REPORT_CSV_FIELD_H_

#include <string>
#include <string_view>

namespace touchpoint::report {

std::string CsvField(std::string_view s);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_CSV_FIELD_H_
