// WalReader: reads the records of a write-ahead log (docs/wal_format.md).
//
// The whole file is read into memory at Open (logs are bounded: the store
// flushes them into parts). ReadRecord then returns the logical records in
// order, applying the recovery rules of docs/wal_format.md:
//  - a torn tail (an incomplete record at the end of the file, or zero bytes
//    up to the end, as a crash mid-append leaves) is the clean end of the
//    log, not corruption: that record was never acknowledged;
//  - a bad checksum or length before the end is corruption: the rest of its
//    block is dropped and reading resumes at the next block; a record of an
//    unknown type, or a fragment out of sequence, is dropped alone. Every
//    drop is reported (bytes + reason) to the Reporter and remembered in
//    status().
//
// Not thread-safe. Several readers may read one log while a writer appends:
// each sees a prefix of the log, possibly ending in a torn tail.
#ifndef TOUCHPOINT_STORE_WAL_READER_H_
#define TOUCHPOINT_STORE_WAL_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "store/wal_format.h"
#include "util/status.h"

namespace touchpoint::store {

class WalReader {
 public:
  // Told of each dropped run of bytes and why (a Corruption naming the file
  // and byte offset). Called from ReadRecord, on the reader's thread.
  using Reporter = std::function<void(uint64_t bytes_dropped, const Status& reason)>;

  // Reads `path` whole. NotFound / IOError when it cannot be read.
  static Result<std::unique_ptr<WalReader>> Open(const std::string& path, Reporter reporter = nullptr);
  // Reads log bytes already in memory; `name` prefixes error messages.
  static std::unique_ptr<WalReader> FromContents(std::string contents, std::string name, Reporter reporter = nullptr);

  WalReader(const WalReader&) = delete;
  WalReader& operator=(const WalReader&) = delete;

  // Sets *record to the next logical record and returns true, or returns
  // false at the end of the log (after which it keeps returning false).
  bool ReadRecord(std::string* record);

  // OK, or the first corruption met so far. A torn tail is not an error.
  const Status& status() const { return status_; }
  // Total bytes dropped as corrupt so far (torn tails excluded).
  uint64_t dropped_bytes() const { return dropped_bytes_; }
  // File offset just past the last record ReadRecord returned (0 before
  // any). After the last record is read, bytes beyond it are a torn tail,
  // trailer padding or corruption.
  uint64_t end_of_last_record() const { return end_of_last_record_; }
  // Offset where the record last returned begins.
  uint64_t last_record_offset() const { return last_record_offset_; }
  uint64_t file_size() const { return contents_.size(); }

 private:
  // What ReadFragment found.
  enum class Fragment { kRecord, kEof, kBad };

  WalReader(std::string contents, std::string name, Reporter reporter);

  // Reads the next physical record at pos_, advancing pos_. On kRecord sets
  // *type, *data and *offset (where its header starts).
  Fragment ReadFragment(WalRecordType* type, std::string_view* data, uint64_t* offset);
  void ReportDrop(uint64_t bytes, uint64_t offset, std::string_view reason);
  std::string contents_;
  std::string name_;
  Reporter reporter_;
  uint64_t pos_ = 0;              // next unread byte
  uint64_t zero_tail_start_ = 0;  // every byte from here to the end is zero
  bool eof_ = false;
  Status status_;
  uint64_t dropped_bytes_ = 0;
  uint64_t end_of_last_record_ = 0;
  uint64_t last_record_offset_ = 0;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_WAL_READER_H_
