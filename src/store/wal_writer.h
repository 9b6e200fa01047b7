// WalWriter: appends records to a write-ahead log file (docs/wal_format.md).
//
// A record is any byte string, from empty to many megabytes; it is split into
// checksummed fragments that never cross a 32 KiB block boundary. AddRecord
// only hands bytes to the kernel: nothing is durable, and no caller may
// acknowledge a record, until Sync() returns OK.
//
// Opening an existing log appends to it. A torn tail left by a crash during
// an earlier append (an incomplete record, never acknowledged) is cut off
// first, so the new records start where the reader's clean end is; a log
// with corruption before its end is refused, since appending after damage
// could put new records inside a block the reader will skip.
//
// Owns its file. Not thread-safe: one writer per log, serialized by the
// caller (the store's write lock guarantees one writing process).
#ifndef TOUCHPOINT_STORE_WAL_WRITER_H_
#define TOUCHPOINT_STORE_WAL_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/wal_format.h"
#include "util/file.h"
#include "util/status.h"

namespace touchpoint::store {

class WalWriter {
 public:
  // Creates `path` or opens it for appending (see above). Corruption when an
  // existing log is damaged before its tail; IOError when it cannot be read,
  // truncated or opened.
  static Result<std::unique_ptr<WalWriter>> Open(const std::string& path);

  WalWriter(const WalWriter&) = delete;
  WalWriter& operator=(const WalWriter&) = delete;
  ~WalWriter() = default;

  // Appends one record. After an error the log's tail may hold a partial
  // record, which readers drop as a torn tail; every later call returns the
  // same error, and the caller should discard the writer (reopening cuts
  // the partial record off).
  Status AddRecord(std::string_view record);

  // fdatasync: every record added so far is durable when this returns OK.
  // A failed sync is sticky too: the kernel may have dropped the dirty pages.
  Status Sync();

  // Bytes in the file, including block trailers and headers.
  uint64_t file_size() const { return file_size_; }
  const std::string& path() const { return file_.path(); }

 private:
  WalWriter(AppendFile file, uint64_t file_size);

  // Appends the header and payload of one physical record to buf_.
  void EmitFragment(WalRecordType type, const char* data, size_t n);

  AppendFile file_;
  uint64_t file_size_;
  size_t block_offset_;  // invariant: == file_size_ % kWalBlockSize
  std::string buf_;      // physical bytes of the record being added, not yet appended
  Status error_;         // sticky: after a failed append or sync the tail is unknown
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_WAL_WRITER_H_
