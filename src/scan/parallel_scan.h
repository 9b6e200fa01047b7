// ParallelScan: the one read path of every analysis. It hands each
// customer's events, in time order, to a CustomerConsumer, in parallel over
// shards of the customer-hash space, reading only the requested columns and
// the blocks that overlap the requested time range.
//
// Customers spread over several parts (several loads) are merged; aliases
// (store/alias_table.h) are resolved so a stitched person is one customer.
// Thread-safe: Run may be called from several threads on one ParallelScan.
#ifndef TOUCHPOINT_SCAN_PARALLEL_SCAN_H_
#define TOUCHPOINT_SCAN_PARALLEL_SCAN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scan/catalog.h"
#include "scan/customer_consumer.h"
#include "scan/scan_spec.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::scan {

struct ScanStats {
  uint64_t customers = 0;     // customers handed to consumers
  uint64_t rows = 0;          // events handed to consumers
  uint64_t blocks_read = 0;
  uint64_t blocks_pruned = 0;  // skipped by time range
  // Requested derived columns computed from other data than the snapshot's.
  std::vector<std::string> stale_derived;
};

class ParallelScan {
 public:
  explicit ParallelScan(std::shared_ptr<const store::Snapshot> snapshot);

  const Catalog& catalog() const { return catalog_; }
  const store::Snapshot& snapshot() const { return *snapshot_; }

  // Runs the scan; `*result` receives the merged consumer.
  Status Run(const ScanSpec& spec, const ConsumerFactory& factory, std::unique_ptr<CustomerConsumer>* result,
             ScanStats* stats = nullptr) const;

 private:
  std::shared_ptr<const store::Snapshot> snapshot_;
  Catalog catalog_;
};

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_PARALLEL_SCAN_H_
