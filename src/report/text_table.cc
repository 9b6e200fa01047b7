#include "report/text_table.h"

#include <algorithm>
#include <cassert>

namespace touchpoint::report {
namespace {

constexpr size_t kGap = 2;  // spaces between columns
// A wrapped last column keeps at least this many characters per line;
// narrower than that, bands read better.
constexpr size_t kMinWrapWidth = 24;

// `text` cut at spaces into lines of at most `width` display characters (a
// longer word stands alone on its line).
std::vector<std::string> Wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

void Pad(std::string* line, const std::string& cell, size_t width, TextTable::Align align) {
  const size_t w = DisplayWidth(cell);
  if (align == TextTable::Align::kRight && w < width) line->append(width - w, ' ');
  *line += cell;
  if (align == TextTable::Align::kLeft && w < width) line->append(width - w, ' ');
}

}  // namespace

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

TextTable::TextTable(std::vector<Column> columns, size_t key_columns)
    : columns_(std::move(columns)), key_columns_(std::min(key_columns, columns_.size())) {}

void TextTable::AddRow(std::vector<std::string> cells) {
  assert(cells.size() == columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render(size_t width) const {
  std::vector<size_t> w(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    w[c] = DisplayWidth(columns_[c].header);
    for (const auto& row : rows_) w[c] = std::max(w[c], DisplayWidth(row[c]));
  }
  size_t key_width = 0;
  for (size_t c = 0; c < key_columns_; ++c) key_width += w[c] + kGap;
  // Prose in the last column wraps when everything else fits beside it.
  const size_t last = columns_.size() - 1;
  size_t others = 0;
  for (size_t c = 0; c < last; ++c) others += w[c] + kGap;
  if (columns_.size() > key_columns_ && columns_[last].align == Align::kLeft && others + w[last] > width &&
      others + kMinWrapWidth <= width) {
    const size_t room = width - others;
    TextTable wrapped(columns_, key_columns_);
    for (const auto& row : rows_) {
      const std::vector<std::string> lines = Wrap(row[last], room);
      for (size_t i = 0; i < lines.size(); ++i) {
        std::vector<std::string> cells = i == 0 ? row : std::vector<std::string>(row.size());
        cells[last] = lines[i];
        wrapped.rows_.push_back(std::move(cells));
      }
    }
    return wrapped.Render(std::max(width, others + room));
  }
  // Bands of the other columns, each as many as fit beside the keys.
  std::vector<std::pair<size_t, size_t>> bands;
  for (size_t c = key_columns_; c < columns_.size();) {
    size_t end = c, used = key_width;
    while (end < columns_.size() && (end == c || used + w[end] <= width)) used += w[end++] + kGap;
    bands.emplace_back(c, end);
    c = end;
  }
  if (bands.empty()) bands.emplace_back(key_columns_, key_columns_);
  std::string out;
  for (size_t b = 0; b < bands.size(); ++b) {
    if (b > 0) out += "\n";
    auto line_of = [&](const std::vector<std::string>& cells) {
      std::string line;
      auto add = [&](size_t c) {
        if (!line.empty()) line.append(kGap, ' ');
        Pad(&line, cells[c], w[c], columns_[c].align);
      };
      for (size_t c = 0; c < key_columns_; ++c) add(c);
      for (size_t c = bands[b].first; c < bands[b].second; ++c) add(c);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      return line + "\n";
    };
    std::vector<std::string> header;
    for (const Column& col : columns_) header.push_back(col.header);
    out += line_of(header);
    for (const auto& row : rows_) out += line_of(row);
  }
  return out;
}

}  // namespace touchpoint::report
