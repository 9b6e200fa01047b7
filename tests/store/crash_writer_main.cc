// The victim of crash_test: writes to a store forever and reports on stdout
// each batch the store has acknowledged. crash_test SIGKILLs it at random
// points. Modes: "append" (write-ahead log), "load" (whole-file loads),
// "mixed" (both, with log flushes, compactions and merges of the last parts
// in between).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "store/load_writer.h"
#include "store/store.h"

using touchpoint::EventBatch;
using touchpoint::EventRow;

namespace {

constexpr int kRowsPerBatch = 50;

// Batch n: rows with ids "n-k", customers spread so parts interleave.
EventBatch MakeBatch(long n) {
  EventBatch b;
  for (int k = 0; k < kRowsPerBatch; ++k) {
    std::string customer = "c" + std::to_string((n * 7 + k) % 97);
    std::string id = std::to_string(n) + "-" + std::to_string(k);
    EventRow row;
    row.customer_id = customer;
    row.timestamp_ms = n * 1000 + k;
    row.event = "page_view";
    row.event_id = id;
    b.Append(row);
  }
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: crash_writer DIR MODE FIRST_BATCH\n");
    return 2;
  }
  const std::string dir = argv[1], mode = argv[2];
  long n = std::atol(argv[3]);
  auto store = touchpoint::store::Store::Open(dir, touchpoint::store::StoreOptions{});
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
    return 1;
  }
  for (;; ++n) {
    EventBatch batch = MakeBatch(n);
    touchpoint::Status s;
    bool use_log = mode == "append" || (mode == "mixed" && n % 3 != 0);
    if (use_log) {
      uint64_t dups = 0;
      s = (*store)->Append(batch, &dups);
    } else {
      auto load = (*store)->BeginLoad("batch-" + std::to_string(n), static_cast<uint64_t>(n + 1), 1, false);
      s = load.status();
      if (s.ok()) s = (*load)->Add(batch);
      touchpoint::store::LoadEntry entry;
      if (s.ok()) s = (*load)->Commit(&entry);
      if (s.ok()) s = (*store)->MaybeMerge();  // as ingest's background merge does
    }
    if (!s.ok()) {
      std::fprintf(stderr, "batch %ld: %s\n", n, s.ToString().c_str());
      return 1;
    }
    std::printf("ack %ld\n", n);
    std::fflush(stdout);
    if (mode == "mixed") {
      if (n % 7 == 0) s = (*store)->FlushLog();
      if (s.ok() && n % 11 == 0) {
        touchpoint::store::CompactStats stats;
        s = (*store)->Compact(&stats);
      }
      if (s.ok() && n % 5 == 0) {
        // As the background merge after a load does: the last parts merged in place.
        const auto& parts = (*store)->manifest().parts;
        if (parts.size() >= 3) {
          std::vector<uint64_t> run;
          for (size_t i = parts.size() - 3; i < parts.size(); ++i) run.push_back(parts[i].id);
          touchpoint::store::CompactStats stats;
          s = (*store)->MergeRun(run, &stats);
        }
      }
      if (!s.ok()) {
        std::fprintf(stderr, "maintenance: %s\n", s.ToString().c_str());
        return 1;
      }
    }
  }
}
