#include "demo/output_sink.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>

namespace touchpoint::demo {
namespace {

// Fast settings: demo files are large and read once; ratio matters less than speed.
constexpr int kZstdLevel = 3;
constexpr int kGzipLevel = 1;
constexpr int kGzipWindowBits = 15 + 16;  // +16: gzip header and trailer instead of zlib's
constexpr int kGzipMemLevel = 8;
constexpr size_t kOutChunk = 1 << 18;

}  // namespace

struct OutputSink::Codec {
  ZSTD_CCtx* zstd = nullptr;
  z_stream gzip{};
  bool gzip_open = false;
  ~Codec() {
    if (zstd != nullptr) ZSTD_freeCCtx(zstd);
    if (gzip_open) deflateEnd(&gzip);
  }
};

OutputSink::OutputSink(int fd, std::string path, Compression compression)
    : fd_(fd),
      owns_fd_(path != "-"),
      path_(std::move(path)),
      compression_(compression),
      codec_(std::make_unique<Codec>()) {}

OutputSink::~OutputSink() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<OutputSink>> OutputSink::Open(const std::string& path, Compression compression) {
  int fd = STDOUT_FILENO;
  if (path != "-") {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Status::FromErrno("open", path, errno);
  }
  std::unique_ptr<OutputSink> sink(new OutputSink(fd, path, compression));
  Codec& c = *sink->codec_;
  if (compression == Compression::kZstd) {
    c.zstd = ZSTD_createCCtx();
    if (c.zstd == nullptr) return Status::IOError("zstd: cannot create a compression context for " + path);
    size_t rc = ZSTD_CCtx_setParameter(c.zstd, ZSTD_c_compressionLevel, kZstdLevel);
    if (ZSTD_isError(rc)) return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(rc));
  } else if (compression == Compression::kGzip) {
    if (deflateInit2(&c.gzip, kGzipLevel, Z_DEFLATED, kGzipWindowBits, kGzipMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
      return Status::IOError("zlib: cannot start a gzip stream for " + path);
    }
    c.gzip_open = true;
  }
  sink->out_buffer_.resize(kOutChunk);
  return sink;
}

Status OutputSink::WriteFd(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("write", path_, errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
    file_bytes_ += static_cast<uint64_t>(n);
  }
  return Status::OK();
}

Status OutputSink::Compress(std::string_view data, bool finish) {
  Codec& c = *codec_;
  if (compression_ == Compression::kZstd) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    const ZSTD_EndDirective mode = finish ? ZSTD_e_end : ZSTD_e_continue;
    while (true) {
      ZSTD_outBuffer out{out_buffer_.data(), out_buffer_.size(), 0};
      const size_t remaining = ZSTD_compressStream2(c.zstd, &out, &in, mode);
      if (ZSTD_isError(remaining)) return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(remaining));
      TP_RETURN_IF_ERROR(WriteFd(out_buffer_.data(), out.pos));
      if (finish ? remaining == 0 : in.pos == in.size) return Status::OK();
    }
  }
  c.gzip.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  c.gzip.avail_in = static_cast<uInt>(data.size());
  while (true) {
    c.gzip.next_out = reinterpret_cast<Bytef*>(out_buffer_.data());
    c.gzip.avail_out = static_cast<uInt>(out_buffer_.size());
    const int rc = deflate(&c.gzip, finish ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_STREAM_ERROR) return Status::IOError("zlib: deflate failed for " + path_);
    TP_RETURN_IF_ERROR(WriteFd(out_buffer_.data(), out_buffer_.size() - c.gzip.avail_out));
    if (finish ? rc == Z_STREAM_END : (c.gzip.avail_in == 0 && c.gzip.avail_out != 0)) return Status::OK();
  }
}

Status OutputSink::Write(std::string_view data) {
  if (closed_) return Status::InvalidArgument("write after close: " + path_);
  raw_bytes_ += data.size();
  if (compression_ == Compression::kNone) return WriteFd(data.data(), data.size());
  // zlib counts input in 32-bit uInt; feed very large buffers in pieces.
  constexpr size_t kMaxPiece = size_t{1} << 30;
  while (data.size() > kMaxPiece) {
    TP_RETURN_IF_ERROR(Compress(data.substr(0, kMaxPiece), false));
    data.remove_prefix(kMaxPiece);
  }
  return Compress(data, false);
}

Status OutputSink::Close() {
  if (closed_) return Status::OK();
  closed_ = true;
  if (compression_ != Compression::kNone) TP_RETURN_IF_ERROR(Compress({}, true));
  if (owns_fd_) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return Status::FromErrno("close", path_, errno);
  }
  return Status::OK();
}

}  // namespace touchpoint::demo
