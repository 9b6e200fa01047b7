// feedback_corpus: writes N survey comments for the feedback benchmark
// (bench/feedback/run_feedback_bench.sh), from the demo generator's comment
// templates (demo/comment_templates.h): one survey_response row per comment
// with an NPS answer that follows its theme (praise 9-10, mixed 7-8,
// complaints 0-6), about 1.5 comments per customer over a year; a third of
// the comments add a second sentence of another theme, and a third are
// phrased as tickets. Also writes the comments alone, one per line (for the
// scikit-learn peer), and each comment's true theme.
//
//   feedback_corpus N events.csv comments.txt truth.txt
#include <cstdio>
#include <cstdlib>
#include <string>

#include "demo/comment_templates.h"
#include "demo/random.h"
#include "report/csv_table.h"
#include "util/time.h"

int main(int argc, char** argv) {
  using namespace touchpoint;
  if (argc != 5) {
    std::fprintf(stderr, "usage: feedback_corpus N events.csv comments.txt truth.txt\n");
    return 2;
  }
  const uint64_t n = std::strtoull(argv[1], nullptr, 10);
  FILE* events = std::fopen(argv[2], "w");
  FILE* comments = std::fopen(argv[3], "w");
  FILE* truth = std::fopen(argv[4], "w");
  if (events == nullptr || comments == nullptr || truth == nullptr) {
    std::fprintf(stderr, "feedback_corpus: cannot write the outputs\n");
    return 1;
  }
  constexpr int64_t kStart = 1704067200000;  // 2024-01-01
  constexpr int64_t kYearMs = 365LL * 86400 * 1000;
  demo::Rng rng(20240101);
  std::fprintf(events, "event_id,timestamp,customer_id,event,survey,score,comment\n");
  std::string text, line;
  for (uint64_t i = 0; i < n; ++i) {
    const auto theme = static_cast<demo::CommentTheme>(1 + rng.Below(8));  // praise .. refund problem
    text.clear();
    demo::ComposeComment(theme, rng.Bernoulli(1.0 / 3), static_cast<uint32_t>(rng.Below(1u << 31)), &text);
    if (rng.Bernoulli(1.0 / 3)) {
      text += ' ';
      demo::ComposeComment(static_cast<demo::CommentTheme>(1 + rng.Below(8)), false,
                           static_cast<uint32_t>(rng.Below(1u << 31)), &text);
    }
    const int score = theme == demo::CommentTheme::kPraise  ? 9 + static_cast<int>(rng.Below(2))
                      : theme == demo::CommentTheme::kMixed ? 7 + static_cast<int>(rng.Below(2))
                                                            : static_cast<int>(rng.Below(7));
    const uint64_t customer = rng.Below(n * 2 / 3 + 1);
    const int64_t ts = kStart + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(kYearMs)));
    std::fprintf(events, "c%llu,%s,u%llu,survey_response,nps,%d,%s\n", static_cast<unsigned long long>(i),
                 FormatTimestamp(ts).c_str(), static_cast<unsigned long long>(customer), score,
                 report::CsvField(text).c_str());
    line = text;
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    std::fprintf(comments, "%s\n", line.c_str());
    std::fprintf(truth, "c%llu\t%d\n", static_cast<unsigned long long>(i), static_cast<int>(theme));
  }
  std::fclose(events);
  std::fclose(comments);
  std::fclose(truth);
  return 0;
}
