#include "text/comment_table.h"

#include <algorithm>
#include <numeric>

namespace touchpoint::text {

CommentTable CommentTable::Concat(std::vector<CommentTable>&& parts) {
  CommentTable t;
  size_t customers = 0, comments = 0, texts = 0, ids = 0;
  for (const CommentTable& p : parts) {
    customers += p.customers_.size();
    comments += p.size();
    texts += p.texts_.size();
    ids += p.event_ids_.size();
  }
  t.customers_.reserve(customers);
  t.customer_.reserve(comments);
  t.timestamp_.reserve(comments);
  t.event_id_ends_.reserve(comments);
  t.text_ends_.reserve(comments);
  t.paired_.reserve(comments);
  t.texts_.reserve(texts);
  t.event_ids_.reserve(ids);
  for (CommentTable& p : parts) {
    const uint32_t base = static_cast<uint32_t>(t.customers_.size());
    for (auto& c : p.customers_) t.customers_.push_back(std::move(c));
    for (size_t i = 0; i < p.size(); ++i) {
      t.AddComment(base + p.customer_[i], p.timestamp_[i], p.event_id(i), p.text(i), p.paired_[i]);
    }
    p = CommentTable();
  }
  parts.clear();
  return t;
}

void CommentTable::Sort() {
  std::vector<uint32_t> by_id(customers_.size());
  std::iota(by_id.begin(), by_id.end(), 0u);
  std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) { return customers_[a].id < customers_[b].id; });
  rank_.assign(customers_.size(), 0);
  for (uint32_t r = 0; r < by_id.size(); ++r) rank_[by_id[r]] = r;
  std::vector<Customer> sorted;
  sorted.reserve(customers_.size());
  for (uint32_t c : by_id) sorted.push_back(std::move(customers_[c]));
  customers_ = std::move(sorted);
  // A counting sort of the comments by their customer's rank keeps each
  // customer's comments in the order they came.
  std::vector<uint32_t> start(customers_.size() + 1, 0);
  for (uint32_t c : customer_) ++start[rank_[c] + 1];
  for (size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
  order_.assign(customer_.size(), 0);
  for (uint32_t i = 0; i < customer_.size(); ++i) order_[start[rank_[customer_[i]]]++] = i;
}

}  // namespace touchpoint::text
