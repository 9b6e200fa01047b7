// Rng: the demo generator's own pseudo-random numbers and samplers.
//
// xoshiro256** seeded through splitmix64, with normal, lognormal,
// exponential, geometric and Pareto samplers written on top of the uniform
// draw. We avoid <random>'s distributions because their output differs
// between standard libraries, and the demo must give the same bytes for the
// same seed everywhere. Not thread-safe; each customer gets its own Rng.
#ifndef TOUCHPOINT_DEMO_RANDOM_H_
#define TOUCHPOINT_DEMO_RANDOM_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace touchpoint::demo {

// One step of splitmix64: a good 64-bit mixer, also used to derive seeds.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A seed for stream `stream` of generator seed `seed` (e.g. one per customer).
inline uint64_t DeriveSeed(uint64_t seed, uint64_t stream) {
  uint64_t s = seed ^ (stream * 0xd1b54a32d192ed03ULL);
  SplitMix64(&s);
  return SplitMix64(&s);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) word = SplitMix64(&seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>(Uniform() * static_cast<double>(n)); }
  bool Bernoulli(double p) { return Uniform() < p; }

  // Standard normal by Box-Muller (one value per call, no cached pair, so the
  // stream position does not depend on call history).
  double Normal() {
    const double u1 = 1.0 - Uniform();  // (0, 1]
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  // exp(N(mu, sigma)): the median is exp(mu).
  double LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }
  double Exponential(double mean) { return -mean * std::log(1.0 - Uniform()); }
  // Failures before the first success, each trial succeeding with p in (0, 1].
  uint64_t Geometric(double p) {
    if (p >= 1.0) return 0;
    return static_cast<uint64_t>(std::floor(std::log(1.0 - Uniform()) / std::log(1.0 - p)));
  }
  // Pareto with scale xm and shape alpha: P(X > x) = (xm / x)^alpha.
  double Pareto(double xm, double alpha) { return xm / std::pow(1.0 - Uniform(), 1.0 / alpha); }
  // An index drawn with probability proportional to weights[i].
  size_t Pick(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static constexpr double kTwoPi = 6.283185307179586;
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_RANDOM_H_
