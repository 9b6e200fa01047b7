#include "report/customer_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "report/csv_table.h"

namespace touchpoint::report {

std::string CustomerCsv(const std::vector<std::string>& ids, const std::vector<CustomerColumn>& columns) {
  std::string out = "customer_id";
  for (const CustomerColumn& c : columns) out += "," + CsvField(c.name);
  out += "\n";
  std::vector<size_t> order(ids.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
  char buf[40];
  for (size_t i : order) {
    out += CsvField(ids[i]);
    for (const CustomerColumn& c : columns) {
      out += ',';
      if (c.text != nullptr) {
        out += CsvField((*c.text)[i]);
        continue;
      }
      const double v = (*c.numbers)[i];
      if (!std::isfinite(v)) continue;
      std::snprintf(buf, sizeof(buf), "%.12g", v);
      out += buf;
    }
    out += '\n';
  }
  return out;
}

std::string FixedText(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
  return buf;
}

}  // namespace touchpoint::report
