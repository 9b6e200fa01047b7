// CsvParser: splits a delimited text stream into records and fields, RFC
// 4180 style: quoted fields with "" escapes and embedded line ends, LF,
// CRLF or (old Mac) CR line ends, an optional UTF-8 BOM, a delimiter of the
// caller's choice or runs of spaces and tabs. Streams through a growing
// block buffer, so a record may span reads and memory stays at a few MB.
//
// A malformed record is still returned (error() says why) so the caller can
// reject it. A quoted field that is never closed, or runs past
// kMaxQuotedSpan, is a malformed record too; when such a record spans lines
// the caller rejects its first line only and resumes at the next
// (RestartAfterFirstLine), so one stray quote costs one line. Not
// thread-safe.
#ifndef TOUCHPOINT_INGEST_CSV_PARSER_H_
#define TOUCHPOINT_INGEST_CSV_PARSER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/input_stream.h"
#include "util/status.h"

namespace touchpoint::ingest {

// A quoted field longer than this is taken for a stray quote.
inline constexpr size_t kMaxQuotedSpan = 1 << 20;

struct CsvLayout {
  char delimiter = ',';
  bool whitespace = false;  // fields split on runs of spaces and tabs (delimiter unused)
  char line_end = '\n';     // '\r' for CR-only files
};

class CsvParser {
 public:
  explicit CsvParser(InputStream* in);

  // The first line of the input (after a BOM), for sniffing the delimiter
  // and the line ends, read without consuming it. Also returns whether the
  // file ends lines with a lone CR.
  Result<std::string> PeekFirstLine(bool* cr_only);
  void set_layout(const CsvLayout& layout);

  // Parses the next record; false at the end of the input.
  Result<bool> Next();

  std::string_view Field(size_t i) const {
    const FieldRef& f = fields_[i];
    return f.in_arena ? std::string_view(arena_).substr(f.begin, f.size)
                      : std::string_view(buf_.data() + f.begin, f.size);
  }
  size_t field_count() const { return fields_.size(); }
  uint64_t record_line() const { return record_line_; }
  uint64_t record_offset() const { return record_offset_; }
  std::string_view record_text() const {
    return std::string_view(buf_.data() + record_begin_, record_end_ - record_begin_);
  }
  const std::string& error() const { return error_; }  // non-empty: the record is malformed
  // True when the record spans more than one line (through quoted fields).
  bool multiline() const { return inner_lines_ > 0; }
  // The record's first line (without its line end).
  std::string_view FirstLine() const;
  // Forgets the record after its first line: the next record starts on the
  // line after it. REQUIRES: called before the next Next().
  void RestartAfterFirstLine();
  uint64_t bytes() const { return consumed_base_ + pos_; }

 private:
  struct FieldRef {
    size_t begin = 0, size = 0;
    bool in_arena = false;
  };
  enum class Parse { kRecord, kNeedMore, kEnd };
  Result<bool> Fill();
  Parse TryParse();
  void Commit(size_t start, size_t stop, uint64_t inner_lines);
  bool IsSpace(char c) const { return c == ' ' || c == '\t'; }

  InputStream* in_;
  CsvLayout layout_;
  std::array<bool, 256> stop_{};  // ends an unquoted field
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_base_ = 0;
  bool eof_ = false, first_fill_ = true;
  uint64_t line_ = 0;  // line ends before pos_
  std::vector<FieldRef> fields_;
  std::string arena_;
  std::string error_;
  size_t record_begin_ = 0, record_end_ = 0;
  uint64_t record_line_ = 0, record_offset_ = 0, inner_lines_ = 0;
};

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_CSV_PARSER_H_
