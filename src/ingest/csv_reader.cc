#include "ingest/csv_reader.h"

#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace touchpoint::ingest {
namespace {

constexpr size_t kBlock = 4 << 20;

// One field of the record being parsed: a range of the buffer, or of the
// unescape arena when it held "" escapes.
struct FieldRef {
  size_t begin = 0, size = 0;
  bool in_arena = false;
};

enum class ParseResult { kRecord, kNeedMore, kEnd };

class CsvParser {
 public:
  explicit CsvParser(InputStream* in) : in_(in) { buf_.resize(kBlock); }

  // Parses the next record into fields(); kNeedMore is handled inside.
  Result<ParseResult> Next() {
    while (true) {
      ParseResult r = TryParse();
      if (r != ParseResult::kNeedMore) return r;
      TP_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) eof_ = true;
    }
  }

  std::string_view Field(size_t i) const {
    const FieldRef& f = fields_[i];
    return f.in_arena ? std::string_view(arena_).substr(f.begin, f.size)
                      : std::string_view(buf_.data() + f.begin, f.size);
  }
  size_t field_count() const { return fields_.size(); }
  uint64_t record_line() const { return record_line_; }
  uint64_t record_offset() const { return record_offset_; }
  std::string_view record_text() const { return std::string_view(buf_.data() + record_begin_, record_end_ - record_begin_); }
  const std::string& error() const { return error_; }  // non-empty: the record is malformed
  uint64_t bytes() const { return consumed_base_ + pos_; }

 private:
  // Reads more input after moving the unparsed tail to the front.
  Result<bool> Fill() {
    if (pos_ > 0) {
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      consumed_base_ += pos_;
      end_ -= pos_;
      pos_ = 0;
    }
    if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // one record longer than the buffer
    TP_ASSIGN_OR_RETURN(size_t n, in_->Read(buf_.data() + end_, buf_.size() - end_));
    end_ += n;
    if (first_fill_) {
      first_fill_ = false;
      if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;  // UTF-8 BOM
    }
    return n > 0;
  }

  ParseResult TryParse() {
    const char* data = buf_.data();
    size_t p = pos_;
    // Skip blank lines between records.
    while (p < end_ && (data[p] == '\n' || data[p] == '\r')) {
      if (data[p] == '\n') ++line_;
      ++p;
    }
    pos_ = p;  // blank lines are consumed for good (and counted once)
    if (p >= end_) {
      if (eof_) {
        pos_ = p;
        return ParseResult::kEnd;
      }
      return ParseResult::kNeedMore;
    }
    fields_.clear();
    arena_.clear();
    error_.clear();
    uint64_t lines = 0;
    const size_t start = p;
    while (true) {
      if (p < end_ && data[p] == '"') {
        size_t q = p + 1;
        bool escaped = false;
        size_t close;
        while (true) {
          const void* hit = q < end_ ? std::memchr(data + q, '"', end_ - q) : nullptr;
          if (hit == nullptr) {
            if (!eof_) return ParseResult::kNeedMore;
            error_ = "unterminated quoted field at end of input";
            for (size_t k = p; k < end_; ++k) lines += data[k] == '\n';
            Commit(start, end_, lines);
            return ParseResult::kRecord;
          }
          close = static_cast<size_t>(static_cast<const char*>(hit) - data);
          if (close + 1 < end_ && data[close + 1] == '"') {
            escaped = true;
            q = close + 2;
            continue;
          }
          if (close + 1 >= end_ && !eof_) return ParseResult::kNeedMore;
          break;
        }
        for (size_t k = p + 1; k < close; ++k) lines += data[k] == '\n';
        FieldRef f;
        if (escaped) {
          f.in_arena = true;
          f.begin = arena_.size();
          for (size_t k = p + 1; k < close; ++k) {
            arena_ += data[k];
            if (data[k] == '"') ++k;  // "" -> "
          }
          f.size = arena_.size() - f.begin;
        } else {
          f.begin = p + 1;
          f.size = close - p - 1;
        }
        fields_.push_back(f);
        p = close + 1;
        // After the closing quote: a delimiter, a line end, or the end.
        if (p < end_ && data[p] != ',' && data[p] != '\n' && data[p] != '\r') {
          if (error_.empty()) error_ = "unexpected text after a closing quote";
          while (p < end_ && data[p] != ',' && data[p] != '\n') ++p;
          if (p >= end_ && !eof_) return ParseResult::kNeedMore;
        }
        if (p < end_ && data[p] == '\r') {
          if (p + 1 >= end_ && !eof_) return ParseResult::kNeedMore;
          if (p + 1 < end_ && data[p + 1] == '\n') ++p;
        }
      } else {
        size_t q = p;
        while (q < end_ && data[q] != ',' && data[q] != '\n') ++q;
        if (q >= end_ && !eof_) return ParseResult::kNeedMore;
        size_t field_end = q;
        if (field_end > p && data[field_end - 1] == '\r' && (q >= end_ || data[q] == '\n')) --field_end;
        fields_.push_back(FieldRef{p, field_end - p, false});
        p = q;
      }
      if (p >= end_) {  // last record without a final newline
        Commit(start, p, lines);
        return ParseResult::kRecord;
      }
      if (data[p] == ',') {
        ++p;
        if (p >= end_) {
          if (!eof_) return ParseResult::kNeedMore;
          fields_.push_back(FieldRef{p, 0, false});
          Commit(start, p, lines);
          return ParseResult::kRecord;
        }
        continue;
      }
      // '\n' ends the record.
      Commit(start, p, lines);
      pos_ = p + 1;
      line_ += 1;
      return ParseResult::kRecord;
    }
  }

  void Commit(size_t start, size_t stop, uint64_t inner_lines) {
    record_begin_ = start;
    record_end_ = stop;
    record_offset_ = consumed_base_ + start;
    record_line_ = line_ + 1;
    line_ += inner_lines;
    pos_ = stop;
  }

  InputStream* in_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_base_ = 0;
  bool eof_ = false, first_fill_ = true;
  uint64_t line_ = 0;  // newlines before pos_
  std::vector<FieldRef> fields_;
  std::string arena_;
  std::string error_;
  size_t record_begin_ = 0, record_end_ = 0;
  uint64_t record_line_ = 0, record_offset_ = 0;
};

}  // namespace

Status ReadCsv(InputStream* input, const ReadOptions& options, RowSink* sink, ReadStats* stats) {
  CsvParser parser(input);
  TP_ASSIGN_OR_RETURN(ParseResult first, parser.Next());
  if (first == ParseResult::kEnd) return Status::InvalidArgument(input->name() + ": empty input (no header row)");
  if (!parser.error().empty()) {
    return Status::InvalidArgument(input->name() + ": line 1: bad header: " + parser.error());
  }
  // Header: each column's role, or its property name.
  const size_t ncols = parser.field_count();
  std::vector<int> role_of(ncols, -1);
  std::vector<std::string> property_of(ncols);
  std::set<std::string> seen;
  for (size_t c = 0; c < ncols; ++c) {
    std::string name(options.mapping.Column(parser.Field(c)));
    if (name.empty()) return Status::InvalidArgument(input->name() + ": line 1: column " + std::to_string(c + 1) + " has no name");
    if (!seen.insert(name).second) {
      return Status::InvalidArgument(input->name() + ": line 1: column '" + name + "' appears twice");
    }
    if (auto role = RoleFromName(name)) {
      role_of[c] = static_cast<int>(*role);
    } else {
      property_of[c] = name;
    }
  }
  for (Role required : {Role::kTimestamp, Role::kCustomerId, Role::kEvent}) {
    bool found = false;
    for (int r : role_of) found |= r == static_cast<int>(required);
    if (!found) {
      return Status::InvalidArgument(input->name() + ": line 1: the header has no '" + std::string(RoleName(required)) +
                                     "' column (map yours with --map column:THEIRS=" +
                                     std::string(RoleName(required)) + ")");
    }
  }
  std::vector<uint32_t> prop_index(ncols, 0);
  auto register_properties = [&] {
    for (size_t c = 0; c < ncols; ++c) {
      if (role_of[c] < 0) prop_index[c] = sink->Property(property_of[c]);
    }
  };
  register_properties();
  sink->set_on_new_batch(register_properties);

  RawRow row;
  while (true) {
    TP_ASSIGN_OR_RETURN(ParseResult r, parser.Next());
    if (r == ParseResult::kEnd) break;
    sink->Tick();
    if (!parser.error().empty()) {
      sink->Reject(parser.record_line(), parser.record_offset(), "", parser.error(), parser.record_text());
      continue;
    }
    if (parser.field_count() != ncols) {
      sink->Reject(parser.record_line(), parser.record_offset(), "",
                   "expected " + std::to_string(ncols) + " fields (as in the header), found " +
                       std::to_string(parser.field_count()),
                   parser.record_text());
      continue;
    }
    row.Clear();
    for (size_t c = 0; c < ncols; ++c) {
      std::string_view v = parser.Field(c);
      if (role_of[c] >= 0) {
        row.value[role_of[c]] = v;
        row.present[role_of[c]] = true;
      } else if (!v.empty()) {
        row.properties.emplace_back(prop_index[c], v);
      }
    }
    TP_RETURN_IF_ERROR(sink->Add(row, parser.record_line(), parser.record_offset(), parser.record_text()));
  }
  stats->bytes_read = parser.bytes();
  return sink->Finish();
}

}  // namespace touchpoint::ingest
