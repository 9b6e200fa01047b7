#include "store/wal_writer.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "store/wal_reader.h"
#include "util/coding.h"
#include "util/crc32c.h"

namespace touchpoint::store {
namespace {

// Large records are handed to the kernel in pieces of about this size, so
// adding a 100 MB record does not hold a second 100 MB copy.
constexpr size_t kAppendChunk = 1 << 20;

// Scans an existing log and cuts off a torn tail, returning the size the
// log has afterwards.
Result<uint64_t> PrepareExisting(const std::string& path) {
  if (!FileExists(path)) return uint64_t{0};
  TP_ASSIGN_OR_RETURN(uint64_t size, FileSize(path));
  if (size == 0) return uint64_t{0};
  TP_ASSIGN_OR_RETURN(std::unique_ptr<WalReader> reader, WalReader::Open(path));
  std::string record;
  while (reader->ReadRecord(&record)) {
  }
  TP_RETURN_IF_ERROR(reader->status());
  const uint64_t end = reader->end_of_last_record();
  if (end < size) TP_RETURN_IF_ERROR(TruncateFile(path, end));  // durable before anything lands after it
  return end;
}

}  // namespace

WalWriter::WalWriter(AppendFile file, uint64_t file_size)
    : file_(std::move(file)), file_size_(file_size), block_offset_(file_size % kWalBlockSize) {}

Result<std::unique_ptr<WalWriter>> WalWriter::Open(const std::string& path) {
  TP_ASSIGN_OR_RETURN(uint64_t size, PrepareExisting(path));
  TP_ASSIGN_OR_RETURN(AppendFile file, AppendFile::Open(path));
  return std::unique_ptr<WalWriter>(new WalWriter(std::move(file), size));
}

void WalWriter::EmitFragment(WalRecordType type, const char* data, size_t n) {
  assert(n <= kWalMaxFragment);
  assert(block_offset_ + kWalHeaderSize + n <= kWalBlockSize);
  const char type_byte = static_cast<char>(type);
  const uint32_t crc = crc32c::Extend(crc32c::Value(&type_byte, 1), data, n);
  char header[kWalHeaderSize];
  EncodeFixed32(header, crc32c::Mask(crc));
  header[kWalChecksumSize] = static_cast<char>(n & 0xff);
  header[kWalChecksumSize + 1] = static_cast<char>(n >> 8);
  header[kWalTypeOffset] = type_byte;
  buf_.append(header, kWalHeaderSize);
  buf_.append(data, n);
  block_offset_ += kWalHeaderSize + n;
}

Status WalWriter::AddRecord(std::string_view record) {
  TP_RETURN_IF_ERROR(error_);
  buf_.clear();
  const char* p = record.data();
  size_t left = record.size();
  bool first = true;
  // An empty record still gets one (empty) FULL fragment.
  do {
    const size_t leftover = kWalBlockSize - block_offset_;
    if (leftover < kWalHeaderSize) {
      // No header fits: pad the block's trailer with zeros.
      buf_.append(leftover, '\0');
      block_offset_ = 0;
    }
    const size_t avail = kWalBlockSize - block_offset_ - kWalHeaderSize;
    const size_t n = std::min(left, avail);
    const bool last = n == left;
    WalRecordType type = WalRecordType::kMiddle;
    if (first && last) {
      type = WalRecordType::kFull;
    } else if (first) {
      type = WalRecordType::kFirst;
    } else if (last) {
      type = WalRecordType::kLast;
    }
    EmitFragment(type, p, n);
    p += n;
    left -= n;
    first = false;
    if (buf_.size() >= kAppendChunk || left == 0) {
      error_ = file_.Append(buf_);
      TP_RETURN_IF_ERROR(error_);
      file_size_ += buf_.size();
      buf_.clear();
    }
  } while (left > 0);
  return Status::OK();
}

Status WalWriter::Sync() {
  TP_RETURN_IF_ERROR(error_);
  error_ = file_.Sync();
  return error_;
}

}  // namespace touchpoint::store
