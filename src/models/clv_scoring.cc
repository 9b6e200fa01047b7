#include "models/clv_scoring.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <algorithm>
#include <limits>
#include <unordered_map>

#include "util/thread_pool.h"

namespace touchpoint::models {
namespace {

// Work items per parallel task.
constexpr size_t kChunk = 4096;

uint64_t Bits(double v) {
  uint64_t b;
  std::memcpy(&b, &v, sizeof(b));
  return b;
}

struct PairHash {
  size_t operator()(const std::pair<uint64_t, uint64_t>& k) const {
    return static_cast<size_t>(k.first * 0x9E3779B97F4A7C15ull ^ (k.second + 0x632BE59BD9B4E019ull));
  }
};

void ForChunks(size_t n, size_t threads, const std::function<void(size_t, size_t)>& fn) {
  const size_t chunks = (n + kChunk - 1) / kChunk;
  auto run = [&](size_t c) { fn(c * kChunk, std::min(n, (c + 1) * kChunk)); };
  if (threads <= 1 || chunks <= 1) {
    for (size_t c = 0; c < chunks; ++c) run(c);
  } else {
    RunParallel(chunks, threads, run);
  }
}

}  // namespace

ClvScores ScoreCustomers(const CountModel& model, const CountParams& params, const GammaGammaParams* spend,
                         const std::vector<double>& x, const std::vector<double>& tx, const std::vector<double>& T,
                         const std::vector<double>& m, const ClvScoringSpec& spec) {
  const size_t n = x.size();
  // Distinct (x, T) and each customer's index among them.
  std::unordered_map<std::pair<uint64_t, uint64_t>, uint32_t, PairHash> index;
  index.reserve(n / 4 + 16);
  std::vector<uint32_t> key_of(n);
  std::vector<double> kx, kT;
  for (size_t i = 0; i < n; ++i) {
    auto [it, inserted] = index.try_emplace({Bits(x[i]), Bits(T[i])}, static_cast<uint32_t>(kx.size()));
    if (inserted) {
      kx.push_back(x[i]);
      kT.push_back(T[i]);
    }
    key_of[i] = it->second;
  }
  // Per distinct (x, T): K(horizon) and the discounted sum of K's steps.
  std::vector<double> alive_total(kx.size()), alive_discounted(kx.size());
  const double log_discount = std::log1p(spec.annual_discount_rate) / spec.units_per_year;
  ForChunks(kx.size(), spec.threads, [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      double previous = 0, discounted = 0;
      for (double t = spec.step;; t += spec.step) {
        const double tk = std::fmin(t, spec.horizon);
        const double current = model.AliveExpected(params, kx[k], kT[k], tk);
        discounted += (current - previous) * std::exp(-log_discount * tk);
        previous = current;
        if (tk >= spec.horizon) break;
      }
      alive_total[k] = previous;
      alive_discounted[k] = discounted;
    }
  });
  ClvScores out;
  out.p_alive.resize(n);
  out.expected_purchases.resize(n);
  out.expected_spend.resize(n);
  out.clv.resize(n);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ForChunks(n, spec.threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const double alive = model.PAlive(params, x[i], tx[i], T[i]);
      const double value = spend != nullptr ? ExpectedSpend(*spend, x[i], m[i]) : nan;
      out.p_alive[i] = alive;
      out.expected_purchases[i] = alive * alive_total[key_of[i]];
      out.expected_spend[i] = value;
      out.clv[i] = value * alive * alive_discounted[key_of[i]];
    }
  });
  return out;
}

}  // namespace touchpoint::models
