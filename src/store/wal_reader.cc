#include "store/wal_reader.h"

#include <algorithm>
#include <utility>

#include "util/coding.h"
#include "util/crc32c.h"
#include "util/file.h"

namespace touchpoint::store {

WalReader::WalReader(std::string contents, std::string name, Reporter reporter)
    : contents_(std::move(contents)), name_(std::move(name)), reporter_(std::move(reporter)) {
  zero_tail_start_ = contents_.size();
  while (zero_tail_start_ > 0 && contents_[zero_tail_start_ - 1] == '\0') --zero_tail_start_;
}

Result<std::unique_ptr<WalReader>> WalReader::Open(const std::string& path, Reporter reporter) {
  TP_ASSIGN_OR_RETURN(std::string contents, ReadFileToString(path));
  return FromContents(std::move(contents), path, std::move(reporter));
}

std::unique_ptr<WalReader> WalReader::FromContents(std::string contents, std::string name, Reporter reporter) {
  return std::unique_ptr<WalReader>(new WalReader(std::move(contents), std::move(name), std::move(reporter)));
}

void WalReader::ReportDrop(uint64_t bytes, uint64_t offset, std::string_view reason) {
  Status s = Status::Corruption(name_ + ": offset " + std::to_string(offset) + ": " + std::string(reason) + " (" +
                                std::to_string(bytes) + " bytes dropped)");
  dropped_bytes_ += bytes;
  if (status_.ok()) status_ = s;
  if (reporter_) reporter_(bytes, s);
}

WalReader::Fragment WalReader::ReadFragment(WalRecordType* type, std::string_view* data, uint64_t* offset) {
  const uint64_t size = contents_.size();
  while (!eof_) {
    const uint64_t block_left = kWalBlockSize - pos_ % kWalBlockSize;
    const uint64_t remaining = size - pos_;
    if (block_left < kWalHeaderSize) {
      // The writer's zero trailer: skip to the next block.
      pos_ += std::min(block_left, remaining);
      if (pos_ == size) eof_ = true;
      continue;
    }
    if (remaining < kWalHeaderSize) {
      // A header cut short by the end of the file: a torn tail.
      eof_ = true;
      break;
    }
    const char* header = contents_.data() + pos_;
    const uint64_t length = static_cast<unsigned char>(header[kWalChecksumSize]) |
                            static_cast<uint64_t>(static_cast<unsigned char>(header[kWalChecksumSize + 1])) << 8;
    const auto type_byte = static_cast<uint8_t>(header[kWalTypeOffset]);
    const uint64_t at = pos_;
    if (at >= zero_tail_start_) {
      // Only zeros from here on: space the file grew by but a crash never
      // filled (or preallocation). Nothing here was acknowledged.
      eof_ = true;
      break;
    }
    if (kWalHeaderSize + length > block_left) {
      // The writer never lets a record cross a block; the length is damaged.
      pos_ += std::min(block_left, remaining);
      ReportDrop(std::min(block_left, remaining), at, "bad record length");
      return Fragment::kBad;
    }
    if (kWalHeaderSize + length > remaining) {
      // The payload is cut short by the end of the file: a torn tail.
      eof_ = true;
      break;
    }
    const uint32_t expected = crc32c::Unmask(DecodeFixed32(header));
    const uint32_t actual = crc32c::Value(header + kWalTypeOffset, 1 + length);
    if (actual != expected) {
      // Trust nothing else in this block: a damaged length could make
      // payload bytes look like a header.
      pos_ += std::min(block_left, remaining);
      ReportDrop(std::min(block_left, remaining), at, "checksum mismatch");
      return Fragment::kBad;
    }
    pos_ += kWalHeaderSize + length;
    if (type_byte == static_cast<uint8_t>(WalRecordType::kZero) || type_byte > kWalMaxRecordType) {
      // Well-formed but of a type this version does not know: skip just it.
      ReportDrop(kWalHeaderSize + length, at, "unknown record type " + std::to_string(type_byte));
      return Fragment::kBad;
    }
    *type = static_cast<WalRecordType>(type_byte);
    *data = std::string_view(header + kWalHeaderSize, length);
    *offset = at;
    return Fragment::kRecord;
  }
  pos_ = size;
  return Fragment::kEof;
}

bool WalReader::ReadRecord(std::string* record) {
  record->clear();
  bool in_fragmented = false;
  uint64_t start = 0;
  WalRecordType type = WalRecordType::kZero;
  std::string_view data;
  uint64_t offset = 0;
  while (true) {
    switch (ReadFragment(&type, &data, &offset)) {
      case Fragment::kEof:
        // An unfinished fragmented record at the end is a torn tail too.
        record->clear();
        return false;
      case Fragment::kBad:
        if (in_fragmented) {
          ReportDrop(record->size(), start, "record broken by corruption");
          in_fragmented = false;
          record->clear();
        }
        continue;
      case Fragment::kRecord:
        break;
    }
    switch (type) {
      case WalRecordType::kFull:
      case WalRecordType::kFirst:
        if (in_fragmented) ReportDrop(record->size(), start, "fragmented record without its last fragment");
        record->assign(data);
        start = offset;
        in_fragmented = type == WalRecordType::kFirst;
        break;
      case WalRecordType::kMiddle:
      case WalRecordType::kLast:
        if (!in_fragmented) {
          ReportDrop(kWalHeaderSize + data.size(), offset, "fragment without the start of its record");
          continue;
        }
        record->append(data);
        in_fragmented = type == WalRecordType::kMiddle;
        break;
      case WalRecordType::kZero:
        break;  // ReadFragment never returns it
    }
    if (!in_fragmented) {
      last_record_offset_ = start;
      end_of_last_record_ = pos_;
      return true;
    }
  }
}

}  // namespace touchpoint::store
