// CustomerConsumer: the interface every analysis implements to run on the
// scan (STYLE.md habit 9: local state, combine, finalize).
//
// The scan makes one consumer per shard with the factory, feeds it the
// shard's customers (each customer exactly once, all its events in time
// order), then merges the shard consumers into one. A consumer is used by
// one thread at a time; Merge is called after both are done.
#ifndef TOUCHPOINT_SCAN_CUSTOMER_CONSUMER_H_
#define TOUCHPOINT_SCAN_CUSTOMER_CONSUMER_H_

#include <functional>
#include <memory>

#include "scan/customer_view.h"

namespace touchpoint::scan {

class CustomerConsumer {
 public:
  virtual ~CustomerConsumer() = default;
  virtual void Consume(const CustomerView& customer) = 0;
  // Folds `other` (made by the same factory) into this one.
  virtual void Merge(CustomerConsumer& other) = 0;
};

using ConsumerFactory = std::function<std::unique_ptr<CustomerConsumer>()>;

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_CUSTOMER_CONSUMER_H_
