// CustomerCsv: one row per customer, as the per-customer results of the
// prediction analyses are exported (clv --customers, churn and segment
// scores): a header, then rows sorted by customer id. Numbers with up to 12
// significant digits; missing values (NaN) as empty fields.
#ifndef TOUCHPOINT_REPORT_CUSTOMER_CSV_H_
#define TOUCHPOINT_REPORT_CUSTOMER_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::report {

// A column: its header and either numbers or text, one per customer.
struct CustomerColumn {
  std::string_view name;
  const std::vector<double>* numbers = nullptr;
  const std::vector<std::string>* text = nullptr;
};

// REQUIRES: every column has ids.size() values.
std::string CustomerCsv(const std::vector<std::string>& ids, const std::vector<CustomerColumn>& columns);

// A number as text for tables: fixed decimals, "-" when not finite.
std::string FixedText(double value, int decimals);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_CUSTOMER_CSV_H_
