#include "models/churn_drivers.h"

#include <algorithm>
#include <cmath>

namespace touchpoint::models {

std::vector<ChurnDriver> ChurnDrivers(const std::vector<float>& contributions, const std::vector<float>& x, size_t rows,
                                      const std::vector<std::string>& names) {
  const size_t cols = names.size(), width = cols + 1;
  std::vector<ChurnDriver> drivers;
  double total = 0;
  for (size_t f = 0; f < cols; ++f) {
    // Mean |SHAP|, and the Pearson correlation of value and SHAP over the
    // rows where the value is present.
    double abs_sum = 0, n = 0, sv = 0, ss = 0, svv = 0, sss = 0, svs = 0;
    for (size_t r = 0; r < rows; ++r) {
      const double s = contributions[r * width + f];
      abs_sum += std::fabs(s);
      const double v = x[r * cols + f];
      if (std::isnan(v)) continue;
      n += 1;
      sv += v;
      ss += s;
      svv += v * v;
      sss += s * s;
      svs += v * s;
    }
    if (abs_sum == 0) continue;
    ChurnDriver d;
    d.feature = names[f];
    d.mean_abs_shap = abs_sum / static_cast<double>(rows);
    const double cov = svs - sv * ss / std::max(n, 1.0);
    const double var_v = svv - sv * sv / std::max(n, 1.0), var_s = sss - ss * ss / std::max(n, 1.0);
    d.direction = n > 2 && var_v > 0 && var_s > 0 ? (cov > 0 ? 1 : -1) : 0;
    total += d.mean_abs_shap;
    drivers.push_back(d);
  }
  for (ChurnDriver& d : drivers) d.share = total > 0 ? d.mean_abs_shap / total : 0;
  std::sort(drivers.begin(), drivers.end(), [](const ChurnDriver& a, const ChurnDriver& b) {
    return a.mean_abs_shap != b.mean_abs_shap ? a.mean_abs_shap > b.mean_abs_shap : a.feature < b.feature;
  });
  return drivers;
}

}  // namespace touchpoint::models
