#include "ingest/csv_parser.h"

#include <cstring>

namespace touchpoint::ingest {
namespace {

constexpr size_t kBlock = 4 << 20;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

CsvParser::CsvParser(InputStream* in) : in_(in) {
  buf_.resize(kBlock);
  set_layout(CsvLayout{});
}

void CsvParser::set_layout(const CsvLayout& layout) {
  layout_ = layout;
  stop_.fill(false);
  stop_[static_cast<unsigned char>(layout.line_end)] = true;
  if (layout.whitespace) {
    stop_[static_cast<unsigned char>(' ')] = stop_[static_cast<unsigned char>('\t')] = true;
  } else {
    stop_[static_cast<unsigned char>(layout.delimiter)] = true;
  }
}

Result<bool> CsvParser::Fill() {
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
    if (end_ >= kBom.size() && std::memcmp(buf_.data(), kBom.data(), kBom.size()) == 0) pos_ = kBom.size();
  }
  if (n == 0) eof_ = true;
  return n > 0;
}

Result<std::string> CsvParser::PeekFirstLine(bool* cr_only) {
  while (!eof_) {
    const std::string_view have(buf_.data() + pos_, end_ - pos_);
    const size_t nl = have.find_first_of("\r\n");
    // A CR at the end of what we have may be followed by a LF: read on.
    if (nl != std::string_view::npos && nl + 1 < have.size()) break;
    if (have.size() > kMaxQuotedSpan) break;
    TP_RETURN_IF_ERROR(Fill().status());
  }
  const std::string_view have(buf_.data() + pos_, end_ - pos_);
  const size_t nl = have.find_first_of("\r\n");
  *cr_only = nl != std::string_view::npos && have[nl] == '\r' && (nl + 1 >= have.size() || have[nl + 1] != '\n') &&
             nl + 1 < have.size();
  return std::string(have.substr(0, nl));
}

Result<bool> CsvParser::Next() {
  while (true) {
    const Parse r = TryParse();
    if (r == Parse::kRecord) return true;
    if (r == Parse::kEnd) return false;
    TP_RETURN_IF_ERROR(Fill().status());
  }
}

CsvParser::Parse CsvParser::TryParse() {
  const char* data = buf_.data();
  const char eol = layout_.line_end;
  const bool lf = eol == '\n';
  size_t p = pos_;
  // Skip blank lines between records (with whitespace fields, lines of
  // spaces too), counting each once.
  while (p < end_) {
    const char c = data[p];
    if (c == '\n' || c == '\r') {
      if (c == eol) ++line_;
      ++p;
      continue;
    }
    if (layout_.whitespace && IsSpace(c)) {
      size_t q = p;
      while (q < end_ && IsSpace(data[q])) ++q;
      if (q >= end_ && !eof_) {
        pos_ = p;
        return Parse::kNeedMore;
      }
      if (q >= end_ || data[q] == '\n' || data[q] == '\r') {
        p = q;
        continue;
      }
    }
    break;
  }
  pos_ = p;  // blank lines are consumed for good
  if (p >= end_) return eof_ ? Parse::kEnd : Parse::kNeedMore;
  fields_.clear();
  arena_.clear();
  error_.clear();
  uint64_t lines = 0;
  const size_t start = p;
  if (layout_.whitespace) {
    while (p < end_ && IsSpace(data[p])) ++p;
  }
  auto field_end = [&](char c) {
    return c == eol || (lf && c == '\r') || (layout_.whitespace ? IsSpace(c) : c == layout_.delimiter);
  };
  while (true) {
    if (p < end_ && data[p] == '"') {
      size_t q = p + 1;
      bool escaped = false;
      size_t close;
      while (true) {
        const void* hit = q < end_ ? std::memchr(data + q, '"', end_ - q) : nullptr;
        if (hit == nullptr) {
          if (!eof_ && end_ - p <= kMaxQuotedSpan) return Parse::kNeedMore;
          error_ = eof_ && end_ - p <= kMaxQuotedSpan ? "a quoted field is not closed before the end of the input"
                                                      : "a quoted field is not closed within 1 MiB";
          error_ += " (a stray quote?)";
          for (size_t k = p; k < end_; ++k) lines += data[k] == eol;
          Commit(start, end_, lines);
          return Parse::kRecord;
        }
        close = static_cast<size_t>(static_cast<const char*>(hit) - data);
        if (close - p > kMaxQuotedSpan) {
          error_ = "a quoted field is not closed within 1 MiB (a stray quote?)";
          for (size_t k = p; k < close; ++k) lines += data[k] == eol;
          Commit(start, close, lines);
          return Parse::kRecord;
        }
        if (close + 1 < end_ && data[close + 1] == '"') {
          escaped = true;
          q = close + 2;
          continue;
        }
        if (close + 1 >= end_ && !eof_) return Parse::kNeedMore;
        break;
      }
      for (size_t k = p + 1; k < close; ++k) lines += data[k] == eol;
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
      const bool lone_cr = lf && p < end_ && data[p] == '\r' && p + 1 < end_ && data[p + 1] != '\n';
      if (p < end_ && (!field_end(data[p]) || lone_cr)) {
        if (error_.empty()) error_ = "unexpected text after a closing quote";
        while (p < end_ && data[p] != eol && (layout_.whitespace || data[p] != layout_.delimiter)) ++p;
        if (p >= end_ && !eof_) return Parse::kNeedMore;
      }
      if (lf && p < end_ && data[p] == '\r') {
        if (p + 1 >= end_ && !eof_) return Parse::kNeedMore;
        if (p + 1 < end_ && data[p + 1] == '\n') ++p;
      }
    } else {
      size_t q = p;
      while (q < end_ && !stop_[static_cast<unsigned char>(data[q])]) ++q;
      if (q >= end_ && !eof_) return Parse::kNeedMore;
      size_t stop = q;
      if (lf && stop > p && data[stop - 1] == '\r' && (q >= end_ || data[q] == '\n')) --stop;
      fields_.push_back(FieldRef{p, stop - p, false});
      p = q;
    }
    if (layout_.whitespace) {
      size_t q = p;
      while (q < end_ && IsSpace(data[q])) ++q;
      if (lf && q < end_ && data[q] == '\r') {
        if (q + 1 >= end_ && !eof_) return Parse::kNeedMore;
        if (q + 1 >= end_ || data[q + 1] == '\n') ++q;
      }
      if (q >= end_) {
        if (!eof_) return Parse::kNeedMore;
        Commit(start, p, lines);
        pos_ = q;
        return Parse::kRecord;
      }
      if (data[q] == eol) {
        Commit(start, p, lines);
        pos_ = q + 1;
        line_ += 1;
        return Parse::kRecord;
      }
      p = q;
      continue;
    }
    if (p >= end_) {  // last record without a final line end
      Commit(start, p, lines);
      return Parse::kRecord;
    }
    if (data[p] == layout_.delimiter) {
      ++p;
      if (p >= end_) {
        if (!eof_) return Parse::kNeedMore;
        fields_.push_back(FieldRef{p, 0, false});
        Commit(start, p, lines);
        return Parse::kRecord;
      }
      continue;
    }
    // The line end ends the record.
    Commit(start, p, lines);
    pos_ = p + 1;
    line_ += 1;
    return Parse::kRecord;
  }
}

void CsvParser::Commit(size_t start, size_t stop, uint64_t inner_lines) {
  record_begin_ = start;
  record_end_ = stop;
  record_offset_ = consumed_base_ + start;
  record_line_ = line_ + 1;
  line_ += inner_lines;
  inner_lines_ = inner_lines;
  pos_ = stop;
}

std::string_view CsvParser::FirstLine() const {
  std::string_view text = record_text();
  const size_t at = text.find(layout_.line_end);
  if (at != std::string_view::npos) text = text.substr(0, at);
  if (layout_.line_end == '\n' && !text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

void CsvParser::RestartAfterFirstLine() {
  const std::string_view text = record_text();
  const size_t at = text.find(layout_.line_end);
  if (at == std::string_view::npos) return;
  pos_ = record_begin_ + at + 1;
  line_ = record_line_;  // the record's first line has ended
  inner_lines_ = 0;
}

}  // namespace touchpoint::ingest
