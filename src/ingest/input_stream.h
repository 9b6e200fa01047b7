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

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_INPUT_STREAM_H_
