// The labelled women's clothing reviews of ../shared/data (see its
// PROVENANCE.md), read for the sentiment and theme quality tests: title and
// text joined, stars, and the label the issue fixes (1-2 stars negative,
// 3 neutral, 4-5 positive). Rows without text are skipped.
#ifndef TOUCHPOINT_TESTS_TEXT_REVIEW_DATA_H_
#define TOUCHPOINT_TESTS_TEXT_REVIEW_DATA_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"
#include "text/lexicon_sentiment.h"

namespace touchpoint::testing {

struct Review {
  std::string text;  // "Title. Review Text" (or the text alone)
  int stars = 0;
  std::string department, class_name;
  text::SentimentLabel label = text::SentimentLabel::kNeutral;
};

inline std::string ReviewsPath() {
  return SharedDataDir() + "/womens-clothing-reviews/womens_clothing_ecommerce_reviews.csv";
}

// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& data) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Empty when the file is absent.
inline std::vector<Review> LoadReviews() {
  std::ifstream in(ReviewsPath(), std::ios::binary);
  if (!in) return {};
  std::stringstream buffer;
  buffer << in.rdbuf();
  const auto rows = ParseCsv(buffer.str());
  std::vector<Review> reviews;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 11 || row[4].empty()) continue;
    Review review;
    review.text = row[3].empty() ? row[4] : row[3] + ". " + row[4];
    review.stars = std::stoi(row[5]);
    review.department = row[9];
    review.class_name = row[10];
    review.label = review.stars <= 2   ? text::SentimentLabel::kNegative
                   : review.stars == 3 ? text::SentimentLabel::kNeutral
                                       : text::SentimentLabel::kPositive;
    reviews.push_back(std::move(review));
  }
  return reviews;
}

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_TEXT_REVIEW_DATA_H_
