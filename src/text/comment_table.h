// CommentTable: the comments of an analysis and the survey answers of their
// customers, as the scan gathers them (text/comment_consumer.h) or a test
// builds them: the input of AnalyzeFeedback. Texts and event ids live in
// arenas. Not thread-safe; movable.
#ifndef TOUCHPOINT_TEXT_COMMENT_TABLE_H_
#define TOUCHPOINT_TEXT_COMMENT_TABLE_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon_sentiment.h"

namespace touchpoint::text {

inline constexpr int8_t kNoPairedLabel = -2;

class CommentTable {
 public:
  // Per customer: the last answer of each survey in the range (NaN: none).
  struct Customer {
    std::string id;
    double nps = std::numeric_limits<double>::quiet_NaN();
    double csat = std::numeric_limits<double>::quiet_NaN();
    double ces = std::numeric_limits<double>::quiet_NaN();  // 7 = easiest
  };

  // Adds a customer; returns its index.
  uint32_t AddCustomer(Customer customer) {
    customers_.push_back(std::move(customer));
    return static_cast<uint32_t>(customers_.size() - 1);
  }
  void SetAnswers(uint32_t customer, Customer answers) { customers_[customer] = std::move(answers); }
  // paired: the label from the comment's own score, or kNoPairedLabel.
  void AddComment(uint32_t customer, int64_t timestamp_ms, std::string_view event_id, std::string_view text,
                  int8_t paired) {
    customer_.push_back(customer);
    timestamp_.push_back(timestamp_ms);
    event_ids_.append(event_id);
    event_id_ends_.push_back(event_ids_.size());
    texts_.append(text);
    text_ends_.push_back(texts_.size());
    paired_.push_back(paired);
  }
  // The tables one after the other (the shards of a scan), each freed as
  // soon as it is copied, into storage reserved once.
  // REQUIRES: none is sorted yet.
  static CommentTable Concat(std::vector<CommentTable>&& parts);
  // Orders customers by id and comments by customer, each customer's in
  // the order they were added (the scan's: by time), so the analysis does
  // not depend on how the scan split the work. Moves no text: the
  // accessors read through a permutation.
  void Sort();

  size_t size() const { return customer_.size(); }
  uint32_t customer(size_t i) const { return rank_.empty() ? customer_[At(i)] : rank_[customer_[At(i)]]; }
  int64_t timestamp(size_t i) const { return timestamp_[At(i)]; }
  std::string_view event_id(size_t i) const { return Slice(event_ids_, event_id_ends_, At(i)); }
  std::string_view text(size_t i) const { return Slice(texts_, text_ends_, At(i)); }
  int8_t paired(size_t i) const { return paired_[At(i)]; }
  const std::vector<Customer>& customers() const { return customers_; }
  uint64_t text_bytes() const { return texts_.size(); }

 private:
  size_t At(size_t i) const { return order_.empty() ? i : order_[i]; }
  static std::string_view Slice(const std::string& arena, const std::vector<uint64_t>& ends, size_t i) {
    const uint64_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(arena).substr(begin, ends[i] - begin);
  }
  std::vector<Customer> customers_;
  std::vector<uint32_t> customer_;
  std::vector<int64_t> timestamp_;
  std::string event_ids_, texts_;
  std::vector<uint64_t> event_id_ends_, text_ends_;
  std::vector<int8_t> paired_;
  std::vector<uint32_t> order_;  // after Sort: position -> comment as added
  std::vector<uint32_t> rank_;   // after Sort: customer as added -> position
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_COMMENT_TABLE_H_
