// OutputSink: where the demo generator's text goes: a file or stdout,
// plain, gzip (zlib) or zstd (streaming API), chosen by the caller.
//
// Write() hands bytes to the compressor (or the file) straight away; callers
// batch rows into large buffers first. Close() finishes the compressed
// stream and closes the file and must be called for a complete output; the
// destructor only releases resources. Move-only; not thread-safe.
#ifndef TOUCHPOINT_DEMO_OUTPUT_SINK_H_
#define TOUCHPOINT_DEMO_OUTPUT_SINK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/status.h"

namespace touchpoint::demo {

enum class Compression { kNone, kGzip, kZstd };

class OutputSink {
 public:
  // "-" writes to stdout (left open by Close). Creates or truncates a file.
  static Result<std::unique_ptr<OutputSink>> Open(const std::string& path, Compression compression);

  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;
  ~OutputSink();

  Status Write(std::string_view data);
  Status Close();

  uint64_t raw_bytes() const { return raw_bytes_; }    // bytes given to Write
  uint64_t file_bytes() const { return file_bytes_; }  // bytes written out (compressed)

 private:
  struct Codec;  // zlib / zstd state
  OutputSink(int fd, std::string path, Compression compression);
  Status WriteFd(const char* data, size_t size);
  Status Compress(std::string_view data, bool finish);

  int fd_;
  bool owns_fd_;
  std::string path_;
  Compression compression_;
  std::unique_ptr<Codec> codec_;
  std::string out_buffer_;  // compressor output
  uint64_t raw_bytes_ = 0;
  uint64_t file_bytes_ = 0;
  bool closed_ = false;
};

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_OUTPUT_SINK_H_
