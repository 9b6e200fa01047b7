// Micro benchmarks of the hot stages on generated in-memory data: the CSV
// reader, part writing, and the per-customer scan with the measure kernel.
// Run: build/release/bench/stage_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "ingest/event_reader.h"
#include "ingest/input_stream.h"
#include "kernels/measure_consumer.h"
#include "scan/parallel_scan.h"
#include "store/load_writer.h"
#include "store/store.h"

namespace touchpoint {
namespace {

constexpr int kRows = 500'000;

std::string MakeCsv() {
  std::string csv = "timestamp,customer_id,event,channel,revenue\n";
  const char* events[] = {"page_view", "impression", "click", "purchase"};
  for (int i = 0; i < kRows; ++i) {
    csv += "2024-03-0" + std::to_string(1 + i % 9) + "T10:" + std::to_string(10 + i % 50) + ":00Z,c" +
           std::to_string(i % 20000) + "," + events[i % 4] + ",web," + (i % 4 == 3 ? "12.5" : "") + "\n";
  }
  return csv;
}

void BM_CsvRead(benchmark::State& state) {
  const std::string csv = MakeCsv();
  for (auto _ : state) {
    auto input = ingest::InputStream::FromMemory(csv, "bench.csv");
    ingest::ReadCallbacks cb;
    cb.on_batch = [](EventBatch&) { return Status::OK(); };
    ingest::ReadStats stats;
    Status s = ingest::ReadEventsFrom(std::move(input).value(), "bench.csv", ingest::ReadOptions{}, cb, &stats);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * csv.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRows);
}
BENCHMARK(BM_CsvRead)->Unit(benchmark::kMillisecond);

// A store with kRows events, built once.
const std::string& BenchStore() {
  static const std::string dir = [] {
    std::string d = (std::filesystem::temp_directory_path() / "tp_stage_bench").string();
    std::filesystem::remove_all(d);
    auto store = store::Store::Open(d, store::StoreOptions{});
    EventBatch b;
    const char* events[] = {"page_view", "impression", "click", "purchase"};
    for (int i = 0; i < kRows; ++i) {
      EventRow row;
      std::string customer = "c" + std::to_string(i % 20000);
      row.customer_id = customer;
      row.timestamp_ms = 1709280000000 + int64_t{i} * 60000;
      row.event = events[i % 4];
      row.channel = "web";
      b.Append(row);
    }
    auto load = (*store)->BeginLoad("bench", 1, 1, false);
    (void)(*load)->Add(b);
    store::LoadEntry e;
    (void)(*load)->Commit(&e);
    return d;
  }();
  return dir;
}

void BM_MeasureScan(benchmark::State& state) {
  auto store = store::Store::Open(BenchStore(), store::StoreOptions{true, true});
  auto snap = (*store)->GetSnapshot();
  scan::ParallelScan scanner(*snap);
  kernels::MeasureSpec spec;
  spec.from_ms = (*snap)->parts[0]->min_ts();
  spec.to_ms = (*snap)->parts[0]->max_ts() + 1;
  std::vector<std::string> props;
  if (!spec.Prepare(scanner.catalog(), &props).ok()) return;
  scan::ScanSpec scan_spec = spec.ScanSpecFor(props);
  scan_spec.threads = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    std::unique_ptr<scan::CustomerConsumer> out;
    Status s = scanner.Run(scan_spec, [&] { return std::make_unique<kernels::MeasureConsumer>(spec); }, &out);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRows);
}
BENCHMARK(BM_MeasureScan)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace touchpoint

BENCHMARK_MAIN();
