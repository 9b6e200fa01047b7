#include "ingest/input_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <xxhash.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace touchpoint::ingest {
namespace {

constexpr size_t kRawChunk = 1 << 20;

// Reads the raw bytes of a file descriptor, with a small look-ahead buffer
// for sniffing the compression magic.
class RawFile {
 public:
  RawFile(int fd, std::string name, uint64_t size) : fd_(fd), name_(std::move(name)), size_(size) {}
  // Reads from `memory` instead of a descriptor.
  RawFile(std::string memory, std::string name)
      : fd_(-1), name_(std::move(name)), size_(memory.size()), memory_(std::move(memory)) {}
  ~RawFile() {
    if (fd_ > STDERR_FILENO) ::close(fd_);
  }
  Result<size_t> Read(char* buf, size_t n) {
    if (!peeked_.empty()) {
      size_t k = std::min(n, peeked_.size() - peek_pos_);
      std::memcpy(buf, peeked_.data() + peek_pos_, k);
      peek_pos_ += k;
      if (peek_pos_ == peeked_.size()) peeked_.clear();
      return k;
    }
    if (fd_ < 0) {
      const size_t k = std::min(n, memory_.size() - static_cast<size_t>(done_));
      std::memcpy(buf, memory_.data() + done_, k);
      done_ += k;
      return k;
    }
    while (true) {
      ssize_t r = ::read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return Status::FromErrno("read", name_, errno);
      done_ += static_cast<uint64_t>(r);
      return static_cast<size_t>(r);
    }
  }
  // The first bytes, without consuming them.
  Result<std::string> Peek(size_t n) {
    std::string buf(n, '\0');
    size_t got = 0;
    while (got < n) {
      TP_ASSIGN_OR_RETURN(size_t k, Read(buf.data() + got, n - got));
      if (k == 0) break;
      got += k;
    }
    buf.resize(got);
    peeked_ = buf;
    peek_pos_ = 0;
    return buf;
  }
  uint64_t done() const { return done_; }
  uint64_t size() const { return size_; }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  std::string name_;
  uint64_t size_;
  uint64_t done_ = 0;
  std::string peeked_;
  size_t peek_pos_ = 0;
  std::string memory_;
};

class PlainStream : public InputStream {
 public:
  explicit PlainStream(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)) {}
  Result<size_t> Read(char* buf, size_t n) override { return raw_->Read(buf, n); }
  uint64_t raw_bytes_done() const override { return raw_->done(); }
  uint64_t raw_bytes_total() const override { return raw_->size(); }
  const std::string& name() const override { return raw_->name(); }

 private:
  std::unique_ptr<RawFile> raw_;
};

class GzipStream : public InputStream {
 public:
  explicit GzipStream(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)), in_(kRawChunk) {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = inflateInit2(&z_, 15 + 32) == Z_OK;  // 32: accept gzip headers
  }
  ~GzipStream() override { inflateEnd(&z_); }
  Result<size_t> Read(char* buf, size_t n) override {
    if (!ok_) return Status::IOError(name() + ": cannot start gzip decompression");
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n && !finished_) {
      if (z_.avail_in == 0) {
        TP_ASSIGN_OR_RETURN(size_t k, raw_->Read(in_.data(), in_.size()));
        if (k == 0) {
          return Status::IOError(name() + ": gzip data ends early (truncated file?)");
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(k);
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members (as `cat a.gz b.gz` makes) continue.
        if (z_.avail_in == 0) {
          TP_ASSIGN_OR_RETURN(size_t k, raw_->Read(in_.data(), in_.size()));
          if (k == 0) {
            finished_ = true;
            break;
          }
          z_.next_in = reinterpret_cast<Bytef*>(in_.data());
          z_.avail_in = static_cast<uInt>(k);
        }
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::IOError(name() + ": gzip data is corrupt (" + (z_.msg ? z_.msg : "inflate failed") + ")");
      }
    }
    return n - z_.avail_out;
  }
  uint64_t raw_bytes_done() const override { return raw_->done(); }
  uint64_t raw_bytes_total() const override { return raw_->size(); }
  const std::string& name() const override { return raw_->name(); }

 private:
  std::unique_ptr<RawFile> raw_;
  std::vector<char> in_;
  z_stream z_;
  bool ok_ = false;
  bool finished_ = false;
};

class ZstdStream : public InputStream {
 public:
  explicit ZstdStream(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)), in_(kRawChunk), dctx_(ZSTD_createDCtx()) {}
  ~ZstdStream() override { ZSTD_freeDCtx(dctx_); }
  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (input_.pos == input_.size) {
        TP_ASSIGN_OR_RETURN(size_t k, raw_->Read(in_.data(), in_.size()));
        if (k == 0) {
          if (last_ret_ != 0) return Status::IOError(name() + ": zstd data ends early (truncated file?)");
          return size_t{0};
        }
        input_ = ZSTD_inBuffer{in_.data(), k, 0};
      }
      size_t rc = ZSTD_decompressStream(dctx_, &out, &input_);
      if (ZSTD_isError(rc)) return Status::IOError(name() + ": zstd data is corrupt (" + ZSTD_getErrorName(rc) + ")");
      last_ret_ = rc;
    }
    return out.pos;
  }
  uint64_t raw_bytes_done() const override { return raw_->done(); }
  uint64_t raw_bytes_total() const override { return raw_->size(); }
  const std::string& name() const override { return raw_->name(); }

 private:
  std::unique_ptr<RawFile> raw_;
  std::vector<char> in_;
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  size_t last_ret_ = 0;
};

class PrependStream : public InputStream {
 public:
  PrependStream(std::unique_ptr<InputStream> rest, std::string head) : rest_(std::move(rest)), head_(std::move(head)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < head_.size()) {
      size_t k = std::min(n, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }
  uint64_t raw_bytes_done() const override { return rest_->raw_bytes_done(); }
  uint64_t raw_bytes_total() const override { return rest_->raw_bytes_total(); }
  const std::string& name() const override { return rest_->name(); }

 private:
  std::unique_ptr<InputStream> rest_;
  std::string head_;
  size_t pos_ = 0;
};

// Wraps `raw` in the decompressor its first bytes call for.
Result<std::unique_ptr<InputStream>> Decompressing(std::unique_ptr<RawFile> raw) {
  TP_ASSIGN_OR_RETURN(std::string head, raw->Peek(4));
  unsigned char m[4] = {0, 0, 0, 0};
  std::memcpy(m, head.data(), std::min<size_t>(sizeof(m), head.size()));
  if (head.size() >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
    return std::unique_ptr<InputStream>(new GzipStream(std::move(raw)));
  }
  if (head.size() == 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) {
    return std::unique_ptr<InputStream>(new ZstdStream(std::move(raw)));
  }
  return std::unique_ptr<InputStream>(new PlainStream(std::move(raw)));
}

}  // namespace

std::unique_ptr<InputStream> PrependBytes(std::unique_ptr<InputStream> rest, std::string head) {
  return std::make_unique<PrependStream>(std::move(rest), std::move(head));
}

HashingStream::HashingStream(std::unique_ptr<InputStream> inner) : inner_(std::move(inner)), state_(XXH3_createState()) {
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}

HashingStream::~HashingStream() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

Result<size_t> HashingStream::Read(char* buf, size_t n) {
  TP_ASSIGN_OR_RETURN(size_t got, inner_->Read(buf, n));
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), buf, got);
  return got;
}

uint64_t HashingStream::digest() const {
  const uint64_t h = XXH3_64bits_digest(static_cast<const XXH3_state_t*>(state_));
  return h == 0 ? 1 : h;
}

Result<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path) {
  int fd = STDIN_FILENO;
  uint64_t size = 0;
  std::string name = "stdin";
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::FromErrno("open", path, errno);
    struct stat st;
    if (::fstat(fd, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return Status::InvalidArgument(path + " is a directory, not an events file");
      }
      size = static_cast<uint64_t>(st.st_size);
    }
    name = path;
  }
  return Decompressing(std::make_unique<RawFile>(fd, name, size));
}

Result<std::unique_ptr<InputStream>> InputStream::FromMemory(std::string bytes, std::string name) {
  return Decompressing(std::make_unique<RawFile>(std::move(bytes), std::move(name)));
}

}  // namespace touchpoint::ingest
