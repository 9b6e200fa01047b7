#include "models/simulate.h"

#include <random>

namespace touchpoint::models {
namespace {

// Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
double Beta(std::mt19937_64& rng, double a, double b) {
  const double x = std::gamma_distribution<double>(a, 1.0)(rng);
  const double y = std::gamma_distribution<double>(b, 1.0)(rng);
  return x + y > 0 ? x / (x + y) : 0.5;
}

}  // namespace

SimulatedPurchases SimulatePurchases(const SimulationSpec& spec, size_t customers) {
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const CountParams& p = spec.params;
  SimulatedPurchases out;
  out.customers = customers;
  for (size_t c = 0; c < customers; ++c) {
    // Gamma(shape, rate) is std::gamma_distribution(shape, 1 / rate).
    const double lambda = std::gamma_distribution<double>(p[0], 1.0 / p[1])(rng);
    const double nu = std::gamma_distribution<double>(spec.spend.q, 1.0 / spec.spend.v)(rng);
    auto add = [&](double t) {
      out.customer.push_back(static_cast<uint32_t>(c));
      out.time.push_back(t);
      out.value.push_back(std::gamma_distribution<double>(spec.spend.p, 1.0 / nu)(rng));
    };
    const double first = uniform(rng) * spec.acquisition_span;
    add(first);
    std::exponential_distribution<double> gap(lambda);
    if (spec.kind == CountModelKind::kParetoNbd) {
      const double mu = std::gamma_distribution<double>(p[2], 1.0 / p[3])(rng);
      const double death = first + std::exponential_distribution<double>(mu)(rng);
      for (double t = first + gap(rng); t < spec.end && t < death; t += gap(rng)) add(t);
      continue;
    }
    // BG/NBD: after each repeat purchase the customer drops out with
    // probability q_drop; MBG/NBD also right after the first purchase.
    const double q_drop = Beta(rng, p[2], p[3]);
    if (spec.kind == CountModelKind::kMbgNbd && uniform(rng) < q_drop) continue;
    for (double t = first + gap(rng); t < spec.end; t += gap(rng)) {
      add(t);
      if (uniform(rng) < q_drop) break;
    }
  }
  return out;
}

RfmData SimulatedRfm(const SimulatedPurchases& s, double end) {
  std::vector<double> x(s.customers, 0), tx(s.customers, 0), T(s.customers, 0), first(s.customers, -1);
  for (size_t i = 0; i < s.customer.size(); ++i) {
    const uint32_t c = s.customer[i];
    if (first[c] < 0) {
      first[c] = s.time[i];
      T[c] = end - s.time[i];
    } else {
      x[c] += 1;
      tx[c] = s.time[i] - first[c];
    }
  }
  return CompressRfm(x, tx, T);
}

}  // namespace touchpoint::models
