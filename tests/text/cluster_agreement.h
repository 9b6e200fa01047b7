// Agreement between two labelings of the same items, for the theme tests:
// normalised mutual information (arithmetic-mean normalisation, as
// scikit-learn's normalized_mutual_info_score), computed here from the
// contingency table, independently of text/.
#ifndef TOUCHPOINT_TESTS_TEXT_CLUSTER_AGREEMENT_H_
#define TOUCHPOINT_TESTS_TEXT_CLUSTER_AGREEMENT_H_

#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace touchpoint::testing {

template <typename A, typename B>
double NormalizedMutualInformation(const std::vector<A>& a, const std::vector<B>& b) {
  std::map<A, double> pa;
  std::map<B, double> pb;
  std::map<std::pair<A, B>, double> pab;
  const double n = static_cast<double>(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    pa[a[i]] += 1 / n;
    pb[b[i]] += 1 / n;
    pab[{a[i], b[i]}] += 1 / n;
  }
  double mi = 0, ha = 0, hb = 0;
  for (const auto& [k, p] : pab) mi += p * std::log(p / (pa[k.first] * pb[k.second]));
  for (const auto& [k, p] : pa) ha -= p * std::log(p);
  for (const auto& [k, p] : pb) hb -= p * std::log(p);
  if (ha + hb == 0) return 1;
  return mi / ((ha + hb) / 2);
}

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_TEXT_CLUSTER_AGREEMENT_H_
