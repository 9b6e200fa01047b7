#include "kernels/retention_report.h"

#include <algorithm>
#include <cmath>

namespace touchpoint::kernels {

namespace {

double Percent(double num, double den) { return den > 0 ? 100.0 * num / den : NAN; }

}  // namespace

RetentionMatrix BuildRetentionMatrix(const RetentionSpec& spec, const std::unordered_map<size_t, CohortRow>& rows,
                                     std::optional<int> periods) {
  RetentionMatrix m;
  std::vector<size_t> order;
  for (const auto& [cohort, row] : rows) order.push_back(cohort);
  std::sort(order.begin(), order.end());
  // Sums over complete entries for the average curves.
  std::vector<uint64_t> num, den, churned, churn_base, sub_lost, sub_base;
  for (size_t cohort : order) {
    const CohortRow& row = rows.at(cohort);
    RetentionCohort c;
    c.cohort = spec.grid.label(cohort);
    c.size = row.retained[0];
    size_t columns = row.retained.size();
    if (periods) columns = std::min(columns, static_cast<size_t>(std::max(1, *periods)));
    const auto cut = [&](const auto& v) { return std::vector(v.begin(), v.begin() + static_cast<long>(columns)); };
    c.retained = cut(row.retained);
    c.revenue = cut(row.revenue);
    c.subscribed = cut(row.subscribed);
    for (size_t k = 0; k < columns; ++k) {
      const double r = static_cast<double>(c.retained[k]);
      c.percent.push_back(Percent(r, static_cast<double>(c.size)));
      c.percent_ci.push_back(WilsonPercent(c.retained[k], c.size));
      c.churn.push_back(k == 0 ? NAN : Percent(static_cast<double>(row.retained[k - 1] - row.kept[k]),
                                               static_cast<double>(row.retained[k - 1])));
      c.net_revenue_retention.push_back(row.revenue[0] > 0 ? Percent(row.revenue[k], row.revenue[0]) : NAN);
      c.gross_revenue_retention.push_back(row.revenue[0] > 0 ? Percent(row.gross_revenue[k], row.revenue[0]) : NAN);
      c.contractual_churn.push_back(
          k == 0 ? NAN
                 : Percent(static_cast<double>(row.subscribed[k - 1] - row.subscribed_kept[k]),
                           static_cast<double>(row.subscribed[k - 1])));
      if (row.subscribed[k] > 0) m.has_subscriptions = true;
    }
    // Entry k covers period cohort + k; it is whole when that period ends by `to`.
    while (c.complete_periods < columns && spec.grid.natural_end(cohort + c.complete_periods) <= spec.to_ms) {
      ++c.complete_periods;
    }
    if (num.size() < columns) {
      for (auto* v : {&num, &den, &churned, &churn_base, &sub_lost, &sub_base}) v->resize(columns, 0);
    }
    for (size_t k = 0; k < c.complete_periods; ++k) {
      num[k] += c.retained[k];
      den[k] += c.size;
      if (k == 0) continue;
      churned[k] += row.retained[k - 1] - row.kept[k];
      churn_base[k] += row.retained[k - 1];
      sub_lost[k] += row.subscribed[k - 1] - row.subscribed_kept[k];
      sub_base[k] += row.subscribed[k - 1];
    }
    m.cohorts.push_back(std::move(c));
  }
  for (size_t k = 0; k < num.size(); ++k) {
    m.average.push_back(Percent(static_cast<double>(num[k]), static_cast<double>(den[k])));
    m.average_ci.push_back(WilsonPercent(num[k], den[k]));
    m.average_n.push_back(den[k]);
    m.average_churn.push_back(k == 0 ? NAN : Percent(static_cast<double>(churned[k]), static_cast<double>(churn_base[k])));
    m.average_contractual_churn.push_back(
        k == 0 ? NAN : Percent(static_cast<double>(sub_lost[k]), static_cast<double>(sub_base[k])));
  }
  return m;
}

}  // namespace touchpoint::kernels
