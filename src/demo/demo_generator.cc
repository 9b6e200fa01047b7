#include "demo/demo_generator.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

#include "demo/acquisition_plan.h"
#include "demo/calendar.h"
#include "demo/customer_simulator.h"
#include "demo/long_history.h"
#include "demo/random.h"

namespace touchpoint::demo {
namespace {

// Aim a little above the requested count so the last day is rarely short;
// the output stops at exactly `events` rows.
constexpr double kOvershoot = 0.01;
constexpr uint64_t kMinOvershoot = 20;
constexpr size_t kFlushBytes = size_t{4} << 20;
constexpr uint64_t kPlanStream = 0;  // customers use streams 1, 2, ...

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Writes the sorted rows of one day at a time and counts what was written.
class RowWriter {
 public:
  RowWriter(OutputSink& sink, DemoFormat format, uint64_t seed, uint64_t limit)
      : sink_(sink), formatter_(format, seed), limit_(limit) {
    buffer_.reserve(kFlushBytes + (kFlushBytes >> 2));
    formatter_.AppendHeader(&buffer_);
  }

  bool done() const { return rows_ == limit_; }
  uint64_t rows() const { return rows_; }
  uint64_t customers() const { return customers_; }

  // REQUIRES: `events` sorted by EarlierEvent, after every earlier call's events.
  Status WriteDay(const std::vector<DemoEvent>& events, const std::vector<CustomerTraits>& traits) {
    for (const DemoEvent& e : events) {
      if (done()) break;
      if (e.customer >= seen_.size()) seen_.resize(traits.size(), false);
      if (!seen_[e.customer]) {
        seen_[e.customer] = true;
        ++customers_;
      }
      formatter_.AppendRow(e, rows_++, traits[e.customer], &buffer_);
      if (buffer_.size() >= kFlushBytes) TP_RETURN_IF_ERROR(Flush());
    }
    return Status::OK();
  }

  Status Flush() {
    TP_RETURN_IF_ERROR(sink_.Write(buffer_));
    buffer_.clear();
    return Status::OK();
  }

 private:
  OutputSink& sink_;
  RowFormatter formatter_;
  uint64_t limit_;
  uint64_t rows_ = 0;
  uint64_t customers_ = 0;
  std::vector<bool> seen_;
  std::string buffer_;
};

}  // namespace

Result<DemoOutput> DemoOutputForPath(const std::string& path, DemoFormat stdout_format) {
  if (path == "-") return DemoOutput{stdout_format, Compression::kNone};
  DemoOutput out;
  std::string_view name = path;
  if (EndsWith(name, ".gz")) {
    out.compression = Compression::kGzip;
    name.remove_suffix(3);
  } else if (EndsWith(name, ".zst")) {
    out.compression = Compression::kZstd;
    name.remove_suffix(4);
  }
  if (EndsWith(name, ".csv")) {
    out.format = DemoFormat::kCsv;
  } else if (EndsWith(name, ".ndjson") || EndsWith(name, ".jsonl")) {
    out.format = DemoFormat::kNdjson;
  } else {
    return Status::InvalidArgument("cannot tell the output format of '" + path +
                                   "': name it .csv, .ndjson or .jsonl, optionally followed by .gz or .zst");
  }
  return out;
}

Status GenerateDemo(const DemoOptions& options, const std::string& out_path, DemoStats* stats) {
  if (options.days < 1) return Status::InvalidArgument("demo data needs at least one day of history");
  TP_ASSIGN_OR_RETURN(const DemoOutput output, DemoOutputForPath(out_path, options.format));
  TP_ASSIGN_OR_RETURN(std::unique_ptr<OutputSink> sink, OutputSink::Open(out_path, output.compression));

  const int days = options.days;
  const int64_t period_end = options.start_ms + days * kMsPerDay;
  HistoryProfile profile;
  if (options.events_per_customer > 0) {
    TP_ASSIGN_OR_RETURN(profile,
                        LongHistoryProfile(options.events_per_customer, options.seed, options.start_ms, days));
  }
  const CustomerSimulator simulator(period_end, profile);
  const uint64_t target =
      options.events + std::max(kMinOvershoot, static_cast<uint64_t>(static_cast<double>(options.events) * kOvershoot));
  AcquisitionPlan plan(target, options.seed, options.start_ms, days, simulator);
  Rng plan_rng(DeriveSeed(options.seed, kPlanStream));

  // Events by day; day d is complete once the customers acquired on day d
  // are simulated, because nobody acts before being acquired.
  std::vector<std::vector<DemoEvent>> by_day(static_cast<size_t>(days));
  std::vector<CustomerTraits> traits;
  std::vector<DemoEvent> scratch;
  uint64_t generated = 0;
  RowWriter writer(*sink, output.format, options.seed, options.events);
  auto acquire = [&](int day) {
    const auto customer = static_cast<uint32_t>(traits.size());
    const int64_t acquired = options.start_ms + day * kMsPerDay + static_cast<int64_t>(plan_rng.Below(kMsPerDay));
    scratch.clear();
    traits.push_back(
        simulator.Simulate(customer, DeriveSeed(options.seed, uint64_t{customer} + 1), acquired, &scratch));
    for (const DemoEvent& e : scratch) {
      by_day[static_cast<size_t>(FloorDiv(e.timestamp_ms - options.start_ms, kMsPerDay))].push_back(e);
    }
    generated += scratch.size();
  };
  for (int day = 0; day < days && !writer.done(); ++day) {
    const uint64_t newcomers = plan.CustomersOnDay(day, generated);
    for (uint64_t i = 0; i < newcomers; ++i) acquire(day);
    // Short of the target on the last day: more late arrivals, each of
    // whom makes at least one event before the period ends.
    if (day == days - 1) {
      while (generated < options.events) acquire(day);
    }
    std::vector<DemoEvent> today = std::move(by_day[static_cast<size_t>(day)]);
    std::sort(today.begin(), today.end(), EarlierEvent);
    TP_RETURN_IF_ERROR(writer.WriteDay(today, traits));
  }
  TP_RETURN_IF_ERROR(writer.Flush());
  TP_RETURN_IF_ERROR(sink->Close());
  if (stats != nullptr) {
    stats->events = writer.rows();
    stats->customers = writer.customers();
    stats->bytes = sink->file_bytes();
    stats->raw_bytes = sink->raw_bytes();
  }
  return Status::OK();
}

}  // namespace touchpoint::demo
