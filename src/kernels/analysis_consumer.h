// The contract every analysis kernel follows (STYLE.md habit 9: local
// state, combine, finalize), checked by the compiler where the engine runs a
// kernel (engine/analysis_scan.h):
//
//   struct XSpec {                       // what to compute; read-only once prepared
//     std::vector<std::string> derived;  // derived columns the scan hands along
//     Status Prepare(const scan::Catalog&, std::vector<std::string>* properties);
//     scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
//   };
//   class XConsumer : public AnalysisConsumer<XConsumer> {
//     explicit XConsumer(const XSpec&);
//     void Consume(const scan::CustomerView&) override;  // one customer, all its events
//     void MergeFrom(XConsumer& other);                   // another shard's state
//     void Finalize();                                    // once, on the merged consumer
//   };
//
// Prepare resolves names against the catalog and may refuse the request
// (Status); Merge is typed, so a kernel never casts; Finalize turns the
// merged state into what the report reads.
#ifndef TOUCHPOINT_KERNELS_ANALYSIS_CONSUMER_H_
#define TOUCHPOINT_KERNELS_ANALYSIS_CONSUMER_H_

#include <concepts>
#include <string>
#include <vector>

#include "scan/catalog.h"
#include "scan/customer_consumer.h"
#include "scan/scan_spec.h"
#include "util/status.h"

namespace touchpoint::kernels {

// The scan's CustomerConsumer with a typed merge: Derived::MergeFrom gets
// the other shard's consumer as a Derived (the scan only merges consumers
// made by one factory).
template <typename Derived>
class AnalysisConsumer : public scan::CustomerConsumer {
 public:
  void Merge(scan::CustomerConsumer& other) final {
    static_cast<Derived*>(this)->MergeFrom(static_cast<Derived&>(other));
  }
  // Kernels without a finalize step inherit this one.
  void Finalize() {}
};

template <typename Spec>
concept KernelSpec = requires(Spec& spec, const Spec& prepared, const scan::Catalog& catalog,
                              std::vector<std::string>* properties, const std::vector<std::string>& names) {
  { spec.Prepare(catalog, properties) } -> std::same_as<Status>;
  { prepared.ScanSpecFor(names) } -> std::same_as<scan::ScanSpec>;
  { prepared.derived } -> std::convertible_to<std::vector<std::string>>;
};

template <typename Consumer, typename Spec>
concept KernelConsumer = KernelSpec<Spec> && std::derived_from<Consumer, AnalysisConsumer<Consumer>> &&
                         std::constructible_from<Consumer, const Spec&> && requires(Consumer& consumer) {
                           consumer.MergeFrom(consumer);
                           consumer.Finalize();
                         };

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_ANALYSIS_CONSUMER_H_
