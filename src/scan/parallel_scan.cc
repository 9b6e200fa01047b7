#include "scan/parallel_scan.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <numeric>
#include <set>

#include "scan/part_cursor.h"
#include "store/derived_table.h"
#include "util/thread_pool.h"

namespace touchpoint::scan {
namespace {

// Shards per thread: enough to balance uneven shards, few enough that blocks
// straddling two shards (decoded twice) stay rare.
constexpr size_t kShardsPerThread = 2;

// Events of aliased customers, held until every shard is done, because a
// person's ids hash to different shards.
struct DeferredRows {
  ColumnArrays rows;
  std::deque<std::string> strings;  // owns the bytes behind rows' string views
};

std::string_view Own(std::deque<std::string>* arena, std::string_view s) {
  if (s.empty()) return s;
  arena->emplace_back(s);
  return arena->back();
}

void AppendOwned(const ColumnArrays& from, size_t r, uint32_t columns, DeferredRows* to) {
  to->rows.AppendRow(from, r, columns);
  auto own_last = [&](std::vector<std::string_view>& v) {
    if (!v.empty()) v.back() = Own(&to->strings, v.back());
  };
  if (columns & kColumnEventId) own_last(to->rows.event_id);
  if (columns & kColumnSessionId) own_last(to->rows.session_id);
  if (columns & kColumnComment) own_last(to->rows.comment);
  for (auto& p : to->rows.properties) own_last(p);
}

// Puts rows of `in` in time order (stable) into `out`.
void SortByTime(const ColumnArrays& in, uint32_t columns, size_t properties, ColumnArrays* out) {
  std::vector<uint32_t> order(in.timestamp.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return in.timestamp[a] < in.timestamp[b]; });
  out->Clear(columns, properties);
  for (uint32_t r : order) out->AppendRow(in, r, columns);
}

// Narrows a view to [from, to); its timestamps are sorted.
CustomerView ClipToRange(CustomerView v, const ScanSpec& spec) {
  const int64_t* b = std::lower_bound(v.timestamp, v.timestamp + v.size, spec.from_ms);
  const int64_t* e = std::lower_bound(b, v.timestamp + v.size, spec.to_ms);
  const size_t off = static_cast<size_t>(b - v.timestamp);
  const size_t n = static_cast<size_t>(e - b);
  if (off == 0 && n == v.size) return v;
  v.timestamp += off;
  for (auto& d : v.dict) {
    if (d) d += off;
  }
  if (v.revenue) v.revenue += off;
  if (v.score) v.score += off;
  if (v.event_id) v.event_id += off;
  if (v.session_id) v.session_id += off;
  if (v.comment) v.comment += off;
  v.size = n;
  return v;
}

}  // namespace

ParallelScan::ParallelScan(std::shared_ptr<const store::Snapshot> snapshot)
    : snapshot_(std::move(snapshot)), catalog_(Catalog::Build(*snapshot_)) {}

Status ParallelScan::Run(const ScanSpec& spec, const ConsumerFactory& factory,
                         std::unique_ptr<CustomerConsumer>* result, ScanStats* stats) const {
  const size_t threads = spec.threads == 0 ? DefaultThreadCount() : spec.threads;
  const size_t shards = threads * kShardsPerThread;
  const uint64_t step = UINT64_MAX / shards;
  const auto& aliases = snapshot_->aliases;
  std::set<std::string, std::less<>> canonical_ids;
  if (spec.resolve_aliases) {
    for (const auto& [alias, canonical] : aliases) canonical_ids.insert(canonical);
  }
  const size_t nprops = spec.properties.size();
  const bool view_ids = spec.ViewsNeedIds();
  const bool check_aliases = spec.resolve_aliases && !aliases.empty();
  // Most queries cover all the data: then no view needs clipping.
  const auto [data_from, data_to] = snapshot_->TimeRange();
  const bool clip = spec.from_ms > data_from || spec.to_ms < data_to;
  // The cursors' spec: clipping reads every customer's times, so a clipped
  // scan decodes them block by block rather than customer by customer.
  ScanSpec cursor_spec = spec;
  cursor_spec.lazy_timestamps = spec.lazy_timestamps && !clip;
  // Derived columns: customer -> value maps, read once for all shards.
  std::vector<store::DerivedColumn> derived;
  std::vector<std::string> stale;
  for (const std::string& name : spec.derived) {
    TP_ASSIGN_OR_RETURN(store::DerivedColumn col, store::DerivedTable::Read(snapshot_->dir, name));
    if (col.data_stamp != snapshot_->data_stamp) stale.push_back(name);
    derived.push_back(std::move(col));
  }
  auto attach_derived = [&](CustomerView* v, std::vector<std::string_view>* values) {
    if (derived.empty()) return;
    values->resize(derived.size());
    for (size_t k = 0; k < derived.size(); ++k) {
      auto it = derived[k].values.find(v->customer_id);
      (*values)[k] = it == derived[k].values.end() ? std::string_view() : std::string_view(it->second);
    }
    v->derived = values->data();
  };
  // Property view pointers must account for clipping offsets too.
  std::vector<std::unique_ptr<CustomerConsumer>> consumers(shards);
  std::vector<Status> statuses(shards);
  std::vector<std::map<std::string, DeferredRows, std::less<>>> deferred(shards);
  std::atomic<uint64_t> total_customers{0}, total_rows{0}, blocks_read{0}, blocks_pruned{0};
  // Decoding buffers handed from shard to shard (one set per part in use).
  std::mutex scratch_mu;
  std::vector<std::unique_ptr<CursorScratch>> spare_scratch;
  auto take_scratch = [&] {
    std::lock_guard<std::mutex> lock(scratch_mu);
    if (spare_scratch.empty()) return std::make_unique<CursorScratch>();
    std::unique_ptr<CursorScratch> s = std::move(spare_scratch.back());
    spare_scratch.pop_back();
    return s;
  };

  RunParallel(shards, threads, [&](size_t s) {
    const uint64_t lo = s * step;
    const uint64_t hi = s + 1 == shards ? UINT64_MAX : (s + 1) * step - 1;
    std::vector<std::unique_ptr<CursorScratch>> scratch;
    std::vector<std::unique_ptr<PartCursor>> cursors;
    for (size_t p = 0; p < snapshot_->parts.size(); ++p) {
      scratch.push_back(take_scratch());
      cursors.push_back(
          std::make_unique<PartCursor>(*snapshot_->parts[p], p, catalog_, cursor_spec, lo, hi, scratch.back().get()));
    }
    std::unique_ptr<CustomerConsumer> consumer = factory();
    ColumnArrays merged;
    std::vector<ColumnArrays::Run> runs;
    std::vector<PartCursor*> same;
    std::vector<const std::string_view*> clipped_props(nprops);
    std::vector<std::string_view> derived_values;
    uint64_t customers = 0, rows = 0;
    auto deliver = [&](CustomerView v) {
      attach_derived(&v, &derived_values);
      const size_t before = v.size;
      const int64_t* first = v.timestamp;
      if (clip) v = ClipToRange(v, spec);
      if (v.size == 0) return;
      if (nprops > 0 && (v.size != before || v.timestamp != first)) {
        const size_t off = static_cast<size_t>(v.timestamp - first);
        for (size_t p = 0; p < nprops; ++p) clipped_props[p] = v.properties[p] + off;
        v.properties = clipped_props.data();
      }
      ++customers;
      rows += v.size;
      consumer->Consume(v);
    };
    while (true) {
      PartCursor* min = nullptr;
      for (auto& c : cursors) {
        if (!c->Valid()) continue;
        if (min == nullptr || c->hash() < min->hash() || (c->hash() == min->hash() && c->id() < min->id())) {
          min = c.get();
        }
      }
      if (min == nullptr) break;
      same.clear();
      for (auto& c : cursors) {
        // Ids are compared only between cursors on one hash: they may still
        // be compressed (ScanSpec::customer_ids).
        if (c.get() == min || (c->Valid() && c->hash() == min->hash() && c->id() == min->id())) same.push_back(c.get());
      }
      std::string_view id = view_ids || check_aliases ? min->id() : std::string_view();
      std::string_view canonical = id;
      bool aliased = false;
      if (check_aliases) {
        auto it = aliases.find(id);
        if (it != aliases.end()) {
          canonical = it->second;
          aliased = true;
        } else if (canonical_ids.count(id) > 0) {
          aliased = true;
        }
      }
      // Lazy timestamps stay undecoded only for a customer handed over as
      // stored: merging and holding back read them.
      if (cursor_spec.lazy_timestamps && (aliased || same.size() > 1)) {
        for (PartCursor* c : same) c->DecodeTimestamps();
      }
      if (aliased) {
        auto [it, inserted] = deferred[s].try_emplace(std::string(canonical));
        if (inserted) it->second.rows.Clear(spec.columns, nprops);
        for (PartCursor* c : same) {
          for (size_t r = c->row_begin(); r < c->row_end(); ++r) AppendOwned(c->arrays(), r, spec.columns, &it->second);
        }
      } else if (same.size() == 1) {
        CustomerView v = min->arrays().View(min->row_begin(), min->row_end(), spec.columns);
        v.customer_id = id;
        v.customer_hash = min->hash();
        if (min->TimestampsPending()) {
          v.timestamp = nullptr;
          v.timestamp_loader = min;
        }
        deliver(v);
      } else {
        runs.clear();
        for (PartCursor* c : same) runs.push_back({&c->arrays(), c->row_begin(), c->row_end()});
        merged.Merge(runs, spec.columns, nprops);
        CustomerView v = merged.View(0, merged.timestamp.size(), spec.columns);
        v.customer_id = id;
        v.customer_hash = min->hash();
        deliver(v);
      }
      for (PartCursor* c : same) c->Next();
    }
    for (auto& c : cursors) {
      if (!c->status().ok()) statuses[s] = c->status();
      blocks_read += c->blocks_read();
      blocks_pruned += c->blocks_pruned();
    }
    total_customers += customers;
    total_rows += rows;
    consumers[s] = std::move(consumer);
    cursors.clear();
    std::lock_guard<std::mutex> lock(scratch_mu);
    for (auto& one : scratch) spare_scratch.push_back(std::move(one));
  });
  for (const Status& st : statuses) TP_RETURN_IF_ERROR(st);

  // Stitched people: every shard's rows of one canonical id, in time order.
  std::map<std::string, std::vector<DeferredRows*>, std::less<>> people;
  for (auto& shard : deferred) {
    for (auto& [canonical, rows] : shard) people[canonical].push_back(&rows);
  }
  if (!people.empty()) {
    std::unique_ptr<CustomerConsumer> consumer = factory();
    ColumnArrays gathered, merged;
    std::vector<const std::string_view*> clipped_props(nprops);
    std::vector<std::string_view> derived_values;
    for (auto& [canonical, parts] : people) {
      gathered.Clear(spec.columns, nprops);
      for (DeferredRows* d : parts) {
        for (size_t r = 0; r < d->rows.timestamp.size(); ++r) gathered.AppendRow(d->rows, r, spec.columns);
      }
      SortByTime(gathered, spec.columns, nprops, &merged);
      CustomerView v = merged.View(0, merged.timestamp.size(), spec.columns);
      v.customer_id = canonical;
      v.customer_hash = 0;
      attach_derived(&v, &derived_values);
      const int64_t* first = v.timestamp;
      v = ClipToRange(v, spec);
      if (v.size == 0) continue;
      const size_t off = static_cast<size_t>(v.timestamp - first);
      for (size_t p = 0; p < nprops; ++p) clipped_props[p] = v.properties[p] + off;
      v.properties = clipped_props.data();
      ++total_customers;
      total_rows += v.size;
      consumer->Consume(v);
    }
    consumers.push_back(std::move(consumer));
  }
  for (size_t i = 1; i < consumers.size(); ++i) consumers[0]->Merge(*consumers[i]);
  *result = std::move(consumers[0]);
  if (stats != nullptr) {
    stats->customers = total_customers;
    stats->rows = total_rows;
    stats->blocks_read = blocks_read;
    stats->blocks_pruned = blocks_pruned;
    stats->stale_derived = stale;
  }
  return Status::OK();
}

}  // namespace touchpoint::scan
