// IngestFile: the `touchpoint ingest` pipeline for one input. Reads it with
// ingest::ReadEvents, writes accepted rows through a store::LoadWriter and
// rejected rows to the load's rejected-rows file, and commits: the input is
// one load, visible as a whole or not at all.
//
// Parsing and part writing overlap: the parser fills the next part while a
// background thread sorts, encodes and writes the last one, within the
// request's memory budget. An input with no rows, or whose every row was
// rejected, is an error and is not recorded as loaded; so is a repeat of a
// loaded input's content (found by the hash taken while parsing), unless
// forced.
#ifndef TOUCHPOINT_ENGINE_INGEST_JOB_H_
#define TOUCHPOINT_ENGINE_INGEST_JOB_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ingest/event_reader.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "util/status.h"

namespace touchpoint::engine {

struct IngestRequest {
  std::string path;  // or "-" for stdin
  ingest::ReadOptions read;
  bool force = false;  // load even if the same bytes were loaded before
  uint64_t memory_bytes = store::kDefaultLoadMemory;  // [ingest] memory
  std::function<void(const ingest::Progress&)> on_progress;
};

struct IngestResult {
  store::LoadEntry load;
  uint64_t bytes_read = 0;
  std::map<std::string, uint64_t> reject_reasons;  // reason kind -> count
  std::vector<uint64_t> part_ids;  // the parts the load wrote, in manifest order
  std::vector<std::string> warnings;
};

Status IngestFile(store::Store* store, const IngestRequest& request, IngestResult* result);

// The rejected-row JSON line stored in rejected/load-N.ndjson: valid JSON
// and UTF-8 whatever the row's bytes (util/json_string.h).
std::string RejectedRowJson(const ingest::RejectedRow& row);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_INGEST_JOB_H_
