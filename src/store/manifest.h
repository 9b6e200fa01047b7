// Manifest: the store's list of live parts, completed loads and log state.
//
// It is a small text file (MANIFEST) replaced atomically (write temp, fsync,
// rename, fsync dir) on every change, so a crash leaves either the old or the
// new list and never a mix. A writer reserves ids (`reserved`) in a commit
// before it creates files under them, and a merge names the parts it
// replaced (`garbage`) in the commit that swaps them out; the next writer
// to open the store deletes the files of those ids that are not live, and
// nothing else (docs/store.md). A trailing checksum line detects a damaged
// file. Not thread-safe.
#ifndef TOUCHPOINT_STORE_MANIFEST_H_
#define TOUCHPOINT_STORE_MANIFEST_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/part_writer.h"
#include "util/status.h"

namespace touchpoint::store {

struct PartEntry {
  uint64_t id = 0;
  PartInfo info;
};

// One completed load: a file (or stream) whose rows became visible together.
struct LoadEntry {
  uint64_t id = 0;
  uint64_t content_hash = 0;  // XXH3 of the input bytes; 0 for stdin
  uint64_t input_bytes = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t duplicates = 0;  // rows skipped because their event_id was already stored
  uint64_t erased = 0;      // rows of erased (suppressed) customers, dropped
  int64_t loaded_at_ms = 0;
  std::string source;
};

struct Manifest {
  uint64_t generation = 0;    // bumped on every change
  uint64_t data_version = 0;  // bumped when the events change (not by compaction)
  uint64_t next_id = 1;       // ids of parts, loads and log files
  uint64_t log_number = 0;    // the live write-ahead log; older logs are flushed
  std::vector<PartEntry> parts;
  std::vector<LoadEntry> loads;
  // [first, end) id ranges handed to writers that may have created files
  // under them (parts, rejected rows, logs) without committing them.
  std::vector<std::pair<uint64_t, uint64_t>> reserved;
  // Ids of parts and logs replaced by a commit, whose files are deleted.
  std::vector<uint64_t> garbage;

  bool IsReserved(uint64_t id) const;

  std::string Encode() const;
  static Result<Manifest> Decode(std::string_view text, const std::string& path);
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_MANIFEST_H_
