// GenerateDemo: realistic, deterministic demo interaction data for
// `touchpoint generate`, in the canonical schema (CSV or NDJSON).
//
// Writes exactly `events` rows sorted by timestamp, as a real export would
// be, of customers acquired over `days` days from `start_ms` (acquisition
// grows over the period). Each customer's behaviour is simulated by
// CustomerSimulator (customer_simulator.h lists what the data holds and the
// shares behind it); the number of customers is derived from `events`.
// Conventions a reader must know:
//  - refund rows carry the refunded amount as a positive revenue value;
//  - subscription_start carries the monthly plan price as revenue;
//  - email CTR is email_click / email_sent; ads, search and social CTR are
//    click / impression on that channel;
//  - device and country are extra properties (one value per customer);
//  - event_id is "e" + the seed in hex + "-" + the row number in hex: unique
//    within a file and across seeds (the same seed's CSV and NDJSON share them).
// The same options give the same bytes. Memory: the events of customers
// already acquired that fall after the current day are held (40 bytes
// each), at most a few hundred MB for ten million events.
// `events_per_customer` asks for long histories: the same behaviour, but
// every customer comes back until the period ends, at a visit rate set so
// the customers average that many events (fewer customers for the rows).
// Thread-compatible: calls share no state.
#ifndef TOUCHPOINT_DEMO_DEMO_GENERATOR_H_
#define TOUCHPOINT_DEMO_DEMO_GENERATOR_H_

#include <cstdint>
#include <string>

#include "demo/output_sink.h"
#include "demo/row_formatter.h"
#include "util/status.h"

namespace touchpoint::demo {

inline constexpr int64_t kDefaultDemoStartMs = 1704067200000;  // 2024-01-01T00:00:00Z

struct DemoOptions {
  using Format = DemoFormat;
  uint64_t events = 100000;  // rows to write, exactly
  uint64_t seed = 42;
  int64_t start_ms = kDefaultDemoStartMs;
  int days = 365;  // REQUIRES: >= 1
  // 0: the default mix of customers (heavy tailed, many short histories);
  // otherwise long histories, every customer a regular, this many events
  // per customer on average (customer_traits.h, long_history.h).
  double events_per_customer = 0;
  // The format when writing to stdout ("-"); a file's format comes from its name.
  Format format = Format::kCsv;
};

struct DemoStats {
  uint64_t events = 0;     // rows written
  uint64_t customers = 0;  // distinct customer_id values in the rows
  uint64_t bytes = 0;      // bytes written to the output (after compression)
  uint64_t raw_bytes = 0;  // bytes of text before compression
};

struct DemoOutput {
  DemoFormat format = DemoFormat::kCsv;
  Compression compression = Compression::kNone;
};

// The format and compression for `path`: .csv, .ndjson or .jsonl, optionally
// followed by .gz (gzip) or .zst (zstd). "-" is stdout: `stdout_format`,
// uncompressed. InvalidArgument for any other name.
Result<DemoOutput> DemoOutputForPath(const std::string& path, DemoFormat stdout_format);

// Writes the demo data to `out_path` ("-" = stdout). `stats` may be null.
Status GenerateDemo(const DemoOptions& options, const std::string& out_path, DemoStats* stats);

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_DEMO_GENERATOR_H_
