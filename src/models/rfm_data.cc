#include "models/rfm_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>

namespace touchpoint::models {
namespace {

uint64_t Bits(double v) {
  if (v == 0) v = 0;  // -0.0 and 0.0 are one value
  uint64_t b;
  std::memcpy(&b, &v, sizeof(b));
  return b;
}

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

// Distinct values in first-appearance order, with each input's index:
// open addressing with linear probing over a power-of-two table.
class Distinct {
 public:
  explicit Distinct(size_t expected) {
    size_t capacity = 16;
    while (capacity < 2 * expected) capacity <<= 1;
    slots_.assign(capacity, kEmpty);
  }
  // The index of the key made of `parts` (compared as bits).
  template <size_t N>
  uint32_t Insert(const std::array<uint64_t, N>& key) {
    uint64_t h = 0;
    for (uint64_t part : key) h = Mix(h ^ part);
    const size_t mask = slots_.size() - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
      if (slots_[s] == kEmpty) {
        slots_[s] = static_cast<uint32_t>(keys_.size() / N);
        keys_.insert(keys_.end(), key.begin(), key.end());
        return slots_[s];
      }
      if (std::memcmp(&keys_[slots_[s] * N], key.data(), N * sizeof(uint64_t)) == 0) return slots_[s];
    }
  }

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  std::vector<uint32_t> slots_;
  std::vector<uint64_t> keys_;
};

}  // namespace

double RfmData::customers() const { return std::accumulate(weight.begin(), weight.end(), 0.0); }

RfmData CompressRfm(const std::vector<double>& x, const std::vector<double>& tx, const std::vector<double>& T) {
  const size_t n = x.size();
  // Distinct rows in first-appearance order.
  Distinct rows(n / 2 + 16);
  std::vector<uint32_t> first_row;  // distinct row -> first input row
  std::vector<double> weight;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = rows.Insert(std::array<uint64_t, 3>{Bits(x[i]), Bits(tx[i]), Bits(T[i])});
    if (r == first_row.size()) {
      first_row.push_back(static_cast<uint32_t>(i));
      weight.push_back(0);
    }
    weight[r] += 1;
  }
  // Stable order by x.
  std::vector<uint32_t> order(first_row.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return x[first_row[a]] < x[first_row[b]]; });
  RfmData out;
  out.x.reserve(order.size());
  Distinct tx_values(order.size()), T_values(order.size());
  for (uint32_t r : order) {
    const size_t i = first_row[r];
    out.x.push_back(x[i]);
    out.tx.push_back(tx[i]);
    out.T.push_back(T[i]);
    out.weight.push_back(weight[r]);
    const uint32_t a = tx_values.Insert(std::array<uint64_t, 1>{Bits(tx[i])});
    if (a == out.tx_values.size()) out.tx_values.push_back(tx[i]);
    out.tx_index.push_back(a);
    const uint32_t b = T_values.Insert(std::array<uint64_t, 1>{Bits(T[i])});
    if (b == out.T_values.size()) out.T_values.push_back(T[i]);
    out.T_index.push_back(b);
  }
  return out;
}

RfmData CompressDays(const std::vector<int32_t>& x, const std::vector<int32_t>& tx_days,
                     const std::vector<int32_t>& T_days, double unit_days) {
  constexpr int kBits = 20;
  const size_t n = x.size();
  std::vector<uint64_t> keys(n), scratch(n);
  int32_t max_tx = 0, max_T = 0;
  for (size_t i = 0; i < n; ++i) {
    keys[i] = (static_cast<uint64_t>(x[i]) << (2 * kBits)) | (static_cast<uint64_t>(tx_days[i]) << kBits) |
              static_cast<uint64_t>(T_days[i]);
    max_tx = std::max(max_tx, tx_days[i]);
    max_T = std::max(max_T, T_days[i]);
  }
  // LSD radix sort, four passes of 15 bits over the 60-bit keys.
  constexpr int kDigit = 15;
  std::vector<uint32_t> count(size_t{1} << kDigit);
  for (int shift = 0; shift < 4 * kDigit; shift += kDigit) {
    std::fill(count.begin(), count.end(), 0u);
    for (uint64_t k : keys) ++count[(k >> shift) & ((1u << kDigit) - 1)];
    uint32_t sum = 0;
    for (uint32_t& c : count) {
      const uint32_t v = c;
      c = sum;
      sum += v;
    }
    for (uint64_t k : keys) scratch[count[(k >> shift) & ((1u << kDigit) - 1)]++] = k;
    keys.swap(scratch);
  }
  RfmData out;
  const uint64_t mask = (uint64_t{1} << kBits) - 1;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && keys[i] == keys[i - 1]) {
      out.weight.back() += 1;
      continue;
    }
    const uint32_t xv = static_cast<uint32_t>(keys[i] >> (2 * kBits));
    const uint32_t txv = static_cast<uint32_t>((keys[i] >> kBits) & mask), Tv = static_cast<uint32_t>(keys[i] & mask);
    out.x.push_back(xv);
    out.tx.push_back(txv / unit_days);
    out.T.push_back(Tv / unit_days);
    out.weight.push_back(1);
    out.tx_index.push_back(txv);
    out.T_index.push_back(Tv);
  }
  out.tx_values.resize(static_cast<size_t>(max_tx) + 1);
  out.T_values.resize(static_cast<size_t>(max_T) + 1);
  for (size_t d = 0; d < out.tx_values.size(); ++d) out.tx_values[d] = static_cast<double>(d) / unit_days;
  for (size_t d = 0; d < out.T_values.size(); ++d) out.T_values[d] = static_cast<double>(d) / unit_days;
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
