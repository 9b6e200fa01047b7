// MemoryCustomers: customers held in memory, handed to a kernel the way the
// scan hands them (each customer once, its events in time order, columns
// as catalog codes), so kernels are tested without a store on disk. Run
// splits the customers over two consumers and merges them, so MergeFrom is
// exercised on every test, then finalizes.
//
//   MemoryCustomers data;
//   data.Add("A", 0, "page_view", {{"channel", "web"}});
//   data.Add("A", 60000, "purchase", {{"revenue", "20"}});
//   kernels::FunnelSpec spec = ...;
//   auto consumer = data.Run<kernels::FunnelConsumer>(spec);
#ifndef TOUCHPOINT_TESTS_KERNELS_MEMORY_CUSTOMERS_H_
#define TOUCHPOINT_TESTS_KERNELS_MEMORY_CUSTOMERS_H_

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kernels/analysis_consumer.h"
#include "kernels/event_filter.h"
#include "scan/catalog.h"
#include "scan/customer_view.h"

namespace touchpoint::testing {

class MemoryCustomers {
 public:
  // One event. `fields` names columns (channel, campaign, page, survey,
  // feature, revenue, score, session_id, comment, event_id) or properties.
  void Add(const std::string& customer, int64_t ts, const std::string& event,
           const std::map<std::string, std::string>& fields = {}) {
    Row r{ts, event, fields};
    rows_[customer].push_back(std::move(r));
    catalog_built_ = false;
  }
  // A derived value of a customer (derived:NAME).
  void SetDerived(const std::string& customer, const std::string& name, const std::string& value) {
    derived_[name][customer] = value;
  }

  const scan::Catalog& catalog() {
    if (!catalog_built_) BuildCatalog();
    return catalog_;
  }

  // Prepares `spec`, binds `where` (when given), and feeds every customer to
  // two consumers alternately, merges the second into the first, finalizes.
  template <typename Consumer, typename Spec>
    requires kernels::KernelConsumer<Consumer, Spec>
  std::unique_ptr<Consumer> Run(Spec& spec, kernels::EventFilter* where = nullptr) {
    std::vector<std::string> properties;
    Status s = spec.Prepare(catalog(), &properties);
    if (!s.ok()) return nullptr;
    if (where != nullptr) where->Bind(catalog(), properties, spec.derived);
    auto a = std::make_unique<Consumer>(spec);
    auto b = std::make_unique<Consumer>(spec);
    size_t i = 0;
    for (auto& [customer, rows] : rows_) {
      Columns cols = Decode(customer, rows, properties, spec.derived);
      (i++ % 2 == 0 ? *a : *b).Consume(cols.View());
    }
    a->MergeFrom(*b);
    a->Finalize();
    return a;
  }

 private:
  struct Row {
    int64_t ts;
    std::string event;
    std::map<std::string, std::string> fields;
  };
  static constexpr const char* kDict[scan::kDictColumnCount] = {"event", "channel", "campaign",
                                                                "page",  "survey",  "feature"};

  static bool IsBuiltIn(const std::string& name) {
    for (const char* d : kDict) {
      if (name == d) return true;
    }
    return name == "revenue" || name == "score" || name == "session_id" || name == "comment" || name == "event_id";
  }

  void BuildCatalog() {
    std::vector<std::vector<std::string>> values(scan::kDictColumnCount);
    std::set<std::string> props;
    std::vector<std::set<std::string>> seen(scan::kDictColumnCount);
    auto add = [&](int col, const std::string& v) {
      if (!v.empty() && seen[col].insert(v).second) values[col].push_back(v);
    };
    for (auto& [customer, rows] : rows_) {
      std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.ts < y.ts; });
      for (const Row& r : rows) {
        add(scan::kEvent, r.event);
        for (const auto& [k, v] : r.fields) {
          bool dict = false;
          for (int c = 1; c < scan::kDictColumnCount; ++c) {
            if (k == kDict[c]) {
              add(c, v);
              dict = true;
            }
          }
          if (!dict && !IsBuiltIn(k)) props.insert(k);
        }
      }
    }
    catalog_ = scan::Catalog::FromValues(values, {props.begin(), props.end()});
    catalog_built_ = true;
  }

  // The arrays behind one CustomerView.
  struct Columns {
    std::string id;
    std::vector<int64_t> ts;
    std::vector<uint32_t> dict[scan::kDictColumnCount];
    std::vector<double> revenue, score;
    std::vector<std::string> text_store[3];  // session_id, comment, event_id
    std::vector<std::string_view> text[3];
    std::vector<std::vector<std::string>> prop_store;
    std::vector<std::vector<std::string_view>> props;
    std::vector<const std::string_view*> prop_ptrs;
    std::vector<std::string> derived_store;
    std::vector<std::string_view> derived;

    scan::CustomerView View() {
      scan::CustomerView v;
      v.customer_id = id;
      v.size = ts.size();
      v.timestamp = ts.data();
      for (int c = 0; c < scan::kDictColumnCount; ++c) v.dict[c] = dict[c].data();
      v.revenue = revenue.data();
      v.score = score.data();
      v.session_id = text[0].data();
      v.comment = text[1].data();
      v.event_id = text[2].data();
      prop_ptrs.clear();
      for (auto& p : props) prop_ptrs.push_back(p.data());
      v.properties = prop_ptrs.data();
      v.derived = derived.data();
      return v;
    }
  };

  Columns Decode(const std::string& customer, const std::vector<Row>& rows, const std::vector<std::string>& properties,
                 const std::vector<std::string>& derived) {
    Columns c;
    c.id = customer;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    c.prop_store.assign(properties.size(), {});
    for (const Row& r : rows) {
      c.ts.push_back(r.ts);
      c.dict[scan::kEvent].push_back(catalog_.Find(scan::kEvent, r.event));
      for (int col = 1; col < scan::kDictColumnCount; ++col) {
        auto it = r.fields.find(kDict[col]);
        c.dict[col].push_back(it == r.fields.end() ? 0 : catalog_.Find(static_cast<scan::DictColumn>(col), it->second));
      }
      auto number = [&](const char* name) {
        auto it = r.fields.find(name);
        return it == r.fields.end() ? nan : std::stod(it->second);
      };
      c.revenue.push_back(number("revenue"));
      c.score.push_back(number("score"));
      const char* texts[3] = {"session_id", "comment", "event_id"};
      for (int t = 0; t < 3; ++t) {
        auto it = r.fields.find(texts[t]);
        c.text_store[t].push_back(it == r.fields.end() ? "" : it->second);
      }
      for (size_t p = 0; p < properties.size(); ++p) {
        auto it = r.fields.find(properties[p]);
        c.prop_store[p].push_back(it == r.fields.end() ? "" : it->second);
      }
    }
    for (int t = 0; t < 3; ++t) c.text[t].assign(c.text_store[t].begin(), c.text_store[t].end());
    for (const auto& p : c.prop_store) c.props.emplace_back(p.begin(), p.end());
    for (const std::string& d : derived) {
      auto col = derived_.find(d);
      std::string value;
      if (col != derived_.end()) {
        auto it = col->second.find(customer);
        if (it != col->second.end()) value = it->second;
      }
      c.derived_store.push_back(value);
    }
    c.derived.assign(c.derived_store.begin(), c.derived_store.end());
    return c;
  }

  std::map<std::string, std::vector<Row>> rows_;  // by customer id: a fixed order
  std::map<std::string, std::map<std::string, std::string>> derived_;
  scan::Catalog catalog_;
  bool catalog_built_ = false;
};

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_KERNELS_MEMORY_CUSTOMERS_H_
