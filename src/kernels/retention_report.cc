#include "kernels/retention_report.h"

#include <algorithm>
#include <cmath>

namespace touchpoint::kernels {

RetentionMatrix BuildRetentionMatrix(const RetentionSpec& spec, const std::unordered_map<size_t, CohortRow>& rows,
                                     std::optional<int> periods) {
  RetentionMatrix m;
  std::vector<size_t> order;
  for (const auto& [cohort, row] : rows) order.push_back(cohort);
  std::sort(order.begin(), order.end());
  std::vector<double> num, den;
  for (size_t cohort : order) {
    const CohortRow& row = rows.at(cohort);
    RetentionCohort c;
    c.cohort = spec.grid.label(cohort);
    c.size = row.retained[0];
    size_t columns = row.retained.size();
    if (periods) columns = std::min(columns, static_cast<size_t>(std::max(1, *periods)));
    c.retained.assign(row.retained.begin(), row.retained.begin() + static_cast<long>(columns));
    c.revenue.assign(row.revenue.begin(), row.revenue.begin() + static_cast<long>(columns));
    for (uint64_t r : c.retained) c.percent.push_back(100.0 * static_cast<double>(r) / static_cast<double>(c.size));
    // Entry k covers period cohort + k; it is whole when that period ends by `to`.
    while (c.complete_periods < columns && spec.grid.natural_end(cohort + c.complete_periods) <= spec.to_ms) {
      ++c.complete_periods;
    }
    if (num.size() < columns) {
      num.resize(columns, 0);
      den.resize(columns, 0);
    }
    for (size_t k = 0; k < c.complete_periods; ++k) {
      num[k] += static_cast<double>(c.retained[k]);
      den[k] += static_cast<double>(c.size);
    }
    m.cohorts.push_back(std::move(c));
  }
  for (size_t k = 0; k < num.size(); ++k) m.average.push_back(den[k] > 0 ? 100.0 * num[k] / den[k] : NAN);
  return m;
}

}  // namespace touchpoint::kernels
