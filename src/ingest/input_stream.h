// InputStream: the bytes of one input, a file or stdin, decompressed on the
// fly when they start with a gzip (1f 8b) or zstd (28 b5 2f fd) magic number,
// whatever the file is called. Not thread-safe.
#ifndef TOUCHPOINT_INGEST_INPUT_STREAM_H_
#define TOUCHPOINT_INGEST_INPUT_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace touchpoint::ingest {

class InputStream {
 public:
  // `path` is a file or "-" for standard input.
  static Result<std::unique_ptr<InputStream>> Open(const std::string& path);
  // Bytes already in memory (tests, fuzzing), decompressed like a file.
  static Result<std::unique_ptr<InputStream>> FromMemory(std::string bytes, std::string name);
  virtual ~InputStream() = default;

  // Reads up to `n` decompressed bytes; 0 at the end. Errors name the input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Bytes of the underlying file consumed so far, and its size (0 = unknown).
  virtual uint64_t raw_bytes_done() const = 0;
  virtual uint64_t raw_bytes_total() const = 0;
  // A display name: the path, or "stdin".
  virtual const std::string& name() const = 0;
};

// A stream that yields `head` first, then the rest of `rest` (for bytes read
// ahead to sniff the format).
std::unique_ptr<InputStream> PrependBytes(std::unique_ptr<InputStream> rest, std::string head);

// Passes the bytes of `inner` through, hashing them (XXH3-64) on the way:
// the content's identity, known once the input has been read, without
// reading it twice (a pipe can only be read once).
class HashingStream : public InputStream {
 public:
  explicit HashingStream(std::unique_ptr<InputStream> inner);
  ~HashingStream() override;
  Result<size_t> Read(char* buf, size_t n) override;
  uint64_t raw_bytes_done() const override { return inner_->raw_bytes_done(); }
  uint64_t raw_bytes_total() const override { return inner_->raw_bytes_total(); }
  const std::string& name() const override { return inner_->name(); }
  // The hash of every byte read so far (never 0: 0 means "not known").
  uint64_t digest() const;

 private:
  std::unique_ptr<InputStream> inner_;
  void* state_;  // XXH3_state_t
};

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_INPUT_STREAM_H_
