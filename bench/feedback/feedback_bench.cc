// feedback_bench: the feedback analysis end to end on a store, the way
// `touchpoint feedback --db DIR --format json` will run it once the CLI has
// the command: open the store, RunFeedback (scan, tokenize, sentiment,
// themes, drivers, trend), format the JSON. Prints one summary line; with a
// truth file (feedback_corpus's) also the NMI of the main themes against
// the true themes.
//
//   feedback_bench DIR [truth.txt]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>

#include "engine/feedback_query.h"
#include "report/feedback_format.h"
#include "store/store.h"

namespace {

template <typename A, typename B>
double Nmi(const std::vector<A>& a, const std::vector<B>& b) {
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
  return ha + hb == 0 ? 1 : mi / ((ha + hb) / 2);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace touchpoint;
  if (argc < 2) {
    std::fprintf(stderr, "usage: feedback_bench DIR [truth.txt]\n");
    return 2;
  }
  auto store = store::Store::Open(argv[1], store::StoreOptions{});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto snapshot = (*store)->GetSnapshot();
  if (!snapshot.ok()) {
    std::fprintf(stderr, "%s\n", snapshot.status().ToString().c_str());
    return 1;
  }
  auto report = engine::RunFeedback(*snapshot, engine::FeedbackRequest{});
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
    return 1;
  }
  const std::string json = report::FeedbackJson(*report);
  std::printf("%llu comments, %zu themes, sentiment %s, json %zu bytes, %.3f s\n",
              static_cast<unsigned long long>(report->comments), report->themes.size(),
              report->sentiment.method.c_str(), json.size(), report->seconds);
  if (argc > 2) {
    std::unordered_map<std::string, int> truth;
    std::ifstream in(argv[2]);
    std::string id;
    int theme;
    while (in >> id >> theme) truth[id] = theme;
    std::vector<int> t;
    std::vector<int32_t> found;
    for (const auto& row : report->comment_rows) {
      t.push_back(truth[row.event_id]);
      found.push_back(row.theme);
    }
    std::printf("NMI of the main themes with the true themes: %.4f\n", Nmi(t, found));
  }
  return 0;
}
