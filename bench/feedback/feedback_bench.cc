// feedback_bench: the feedback analysis end to end on a store, the way
// `touchpoint feedback --db DIR --format json` will run it once the CLI has
// the command: open the store, RunFeedback (scan, tokenize, sentiment,
// themes, drivers, trend), format the JSON. Prints one summary line; with
// OUT also writes each comment's event id and main theme index (-1: none),
// one per line, for run_feedback_bench.sh to score against the truth.
//
//   feedback_bench DIR [OUT]
#include <cstdio>
#include <string>

#include "engine/feedback_query.h"
#include "report/feedback_format.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace touchpoint;
  if (argc < 2) {
    std::fprintf(stderr, "usage: feedback_bench DIR [OUT]\n");
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
  const std::string json = report::Render(*report::FeedbackBody(*report), report::OutputFormat::kJson);
  std::printf("%llu comments, %zu themes, sentiment %s, json %zu bytes, %.3f s\n",
              static_cast<unsigned long long>(report->comments), report->themes.size(),
              report->sentiment.method.c_str(), json.size(), report->header.seconds);
  if (argc > 2) {
    FILE* out = std::fopen(argv[2], "w");
    if (out == nullptr) {
      std::fprintf(stderr, "cannot write %s\n", argv[2]);
      return 1;
    }
    for (const auto& row : report->comment_rows) std::fprintf(out, "%s\t%d\n", row.event_id.c_str(), row.theme);
    std::fclose(out);
  }
  return 0;
}
