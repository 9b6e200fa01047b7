#include "engine/recommend_query.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "engine/analysis_scan.h"
#include "models/item_similarity.h"
#include "models/purchase_items.h"
#include "util/thread_pool.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

// Item text -> id, and back.
struct Items {
  std::unordered_map<std::string, uint32_t> id;
  std::vector<std::string> name;
  uint32_t Intern(const std::string& item) {
    auto [it, inserted] = id.try_emplace(item, static_cast<uint32_t>(name.size()));
    if (inserted) name.push_back(item);
    return it->second;
  }
};

}  // namespace

Result<models::RecommendReport> RunRecommend(std::shared_ptr<const store::Snapshot> snapshot,
                                             const RecommendRequest& req) {
  if (!req.by.empty()) return Status::InvalidArgument("recommend: --by is not supported");
  if (req.top == 0 || req.evaluate_k == 0) return Status::InvalidArgument("--top must be at least 1");
  if (req.holdout_ms <= 0) return Status::InvalidArgument("the holdout period must be positive");
  AnalysisScan analysis(snapshot, "recommend");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  models::PurchaseItemsSpec spec;
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  spec.cutoff_ms = spec.to_ms - req.holdout_ms;
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<models::PurchaseItemsConsumer>(
                                    spec, req.threads == 0 ? DefaultThreadCount() : req.threads));
  if (!spec.any_item_property) {
    return Status::InvalidArgument("recommend needs the purchased item: no `product` or `item` property in the store");
  }
  models::ItemHistories& h = run.consumer->histories();
  models::RecommendReport r;
  r.item_property = spec.item_property[0] >= 0 ? "product" : "item";
  r.customers = h.customer_id.size();
  r.purchases = h.purchases;
  r.top = req.top;
  if (h.customer_id.empty()) return Status::InvalidArgument("no purchase carries a product or item: nothing to learn from");

  Items items;
  std::vector<std::vector<uint32_t>> before(h.customer_id.size()), all(h.customer_id.size());
  for (size_t c = 0; c < h.customer_id.size(); ++c) {
    for (const auto& item : h.before[c]) before[c].push_back(items.Intern(item));
    all[c] = before[c];
    for (const auto& item : h.after[c]) {
      const uint32_t id = items.Intern(item);
      if (std::find(all[c].begin(), all[c].end(), id) == all[c].end()) all[c].push_back(id);
    }
  }
  r.items = items.name.size();

  // Holdout: trained before the cut-off, a hit when an item first bought in
  // the holdout is among the top k.
  models::RecommendEvaluation& e = r.evaluation;
  e.holdout_from = FormatTimestamp(spec.cutoff_ms);
  e.k = req.evaluate_k;
  const models::ItemSimilarity trained = models::ItemSimilarity::Build(before, items.name.size());
  for (size_t c = 0; c < h.customer_id.size(); ++c) {
    if (before[c].empty()) continue;
    std::vector<uint32_t> fresh;
    for (size_t k = before[c].size(); k < all[c].size(); ++k) fresh.push_back(all[c][k]);
    if (fresh.empty()) continue;
    ++e.customers;
    auto hit = [&](const std::vector<uint32_t>& list) {
      return std::any_of(list.begin(), list.end(),
                         [&](uint32_t i) { return std::find(fresh.begin(), fresh.end(), i) != fresh.end(); });
    };
    e.hits += hit(trained.Recommend(before[c], e.k));
    e.popular_hits += hit(trained.Popular(before[c], e.k));
  }
  if (e.customers > 0) {
    e.hit_rate = static_cast<double>(e.hits) / static_cast<double>(e.customers);
    e.popular_hit_rate = static_cast<double>(e.popular_hits) / static_cast<double>(e.customers);
    e.lift = e.popular_hit_rate > 0 ? e.hit_rate / e.popular_hit_rate : NAN;
  }

  // Recommendations from everything.
  const models::ItemSimilarity model = models::ItemSimilarity::Build(all, items.name.size());
  bool found = req.customer.empty();
  for (size_t c = 0; c < h.customer_id.size(); ++c) {
    if (!req.customer.empty() && h.customer_id[c] != req.customer) continue;
    found = true;
    std::vector<uint32_t> ids = model.Recommend(all[c], req.top);
    // Fill up from the most popular when the neighbours run out.
    if (ids.size() < req.top) {
      std::vector<uint32_t> owned = all[c];
      owned.insert(owned.end(), ids.begin(), ids.end());
      for (uint32_t i : model.Popular(owned, req.top - ids.size())) ids.push_back(i);
    }
    std::vector<std::string> names;
    for (uint32_t i : ids) names.push_back(items.name[i]);
    r.customer_id.push_back(h.customer_id[c]);
    r.recommendations.push_back(std::move(names));
  }
  if (!found) return Status::NotFound("--customer " + req.customer + ": no purchase with an item by this customer");
  r.header = analysis.Finish();
  return r;
}

}  // namespace touchpoint::engine
