#include "models/rfm_data.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>

namespace touchpoint::models {

double RfmData::customers() const { return std::accumulate(weight.begin(), weight.end(), 0.0); }

RfmData CompressRfm(const std::vector<double>& x, const std::vector<double>& tx, const std::vector<double>& T) {
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), size_t{0});
  auto key = [&](size_t i) { return std::tuple(x[i], tx[i], T[i]); };
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  RfmData out;
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    if (!out.x.empty() && out.x.back() == x[i] && out.tx.back() == tx[i] && out.T.back() == T[i]) {
      out.weight.back() += 1;
      continue;
    }
    out.x.push_back(x[i]);
    out.tx.push_back(tx[i]);
    out.T.push_back(T[i]);
    out.weight.push_back(1);
  }
  return out;
}

Status ValidateRfm(const RfmData& d) {
  if (d.size() == 0) return Status::InvalidArgument("no customers to fit");
  for (size_t i = 0; i < d.size(); ++i) {
    auto bad = [&](const char* what) {
      return Status::InvalidArgument("customer row " + std::to_string(i) + ": " + what + " (frequency " +
                                     std::to_string(d.x[i]) + ", recency " + std::to_string(d.tx[i]) + ", T " +
                                     std::to_string(d.T[i]) + ")");
    };
    if (!std::isfinite(d.x[i]) || !std::isfinite(d.tx[i]) || !std::isfinite(d.T[i])) return bad("a value is not finite");
    if (d.x[i] < 0 || d.x[i] != std::floor(d.x[i])) return bad("frequency must be a whole number >= 0");
    if (d.tx[i] < 0 || d.tx[i] > d.T[i]) return bad("recency must be between 0 and T");
    if (d.x[i] == 0 && d.tx[i] != 0) return bad("recency must be 0 without repeat purchases");
    if (!(d.weight[i] > 0)) return bad("weight must be positive");
  }
  return Status::OK();
}

}  // namespace touchpoint::models
