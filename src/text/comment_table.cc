#include "text/comment_table.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace touchpoint::text {

void CommentTable::Append(CommentTable&& o) {
  const uint32_t base = static_cast<uint32_t>(customers_.size());
  for (auto& c : o.customers_) customers_.push_back(std::move(c));
  for (size_t i = 0; i < o.size(); ++i) {
    AddComment(base + o.customer_[i], o.timestamp_[i], o.event_id(i), o.text(i), o.paired_[i]);
  }
  o = CommentTable();
}

void CommentTable::Sort() {
  // Customers by id, then comments by (customer, time, event id, text).
  std::vector<uint32_t> by_id(customers_.size());
  std::iota(by_id.begin(), by_id.end(), 0u);
  std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) { return customers_[a].id < customers_[b].id; });
  std::vector<uint32_t> rank(customers_.size());
  for (uint32_t r = 0; r < by_id.size(); ++r) rank[by_id[r]] = r;
  std::vector<uint32_t> order(size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::make_tuple(rank[customer_[a]], timestamp_[a], event_id(a), text(a)) <
           std::make_tuple(rank[customer_[b]], timestamp_[b], event_id(b), text(b));
  });
  CommentTable sorted;
  for (uint32_t c : by_id) sorted.customers_.push_back(std::move(customers_[c]));
  sorted.customer_.reserve(size());
  sorted.texts_.reserve(texts_.size());
  for (uint32_t i : order) sorted.AddComment(rank[customer_[i]], timestamp_[i], event_id(i), text(i), paired_[i]);
  *this = std::move(sorted);
}

}  // namespace touchpoint::text
