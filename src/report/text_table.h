// TextTable: aligned columns for the terminal that fit a width. Numbers
// align right, names left. A left-aligned last column of prose (verdicts,
// paths) wraps at word boundaries within the width; otherwise columns wider
// than the terminal are cut into bands, each repeating the leading key
// columns, so no line runs past the width and nothing is dropped. Not
// thread-safe.
#ifndef TOUCHPOINT_REPORT_TEXT_TABLE_H_
#define TOUCHPOINT_REPORT_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace touchpoint::report {

// The width tables fit when the caller knows none (not a terminal).
inline constexpr size_t kDefaultWidth = 100;

class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kRight;
  };

  // The first `key_columns` columns repeat in every band.
  explicit TextTable(std::vector<Column> columns, size_t key_columns = 1);
  // REQUIRES: cells.size() == the number of columns.
  void AddRow(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  // Lines of at most `width` characters (a single column wider than that
  // still shows whole), bands separated by a blank line.
  std::string Render(size_t width) const;

 private:
  std::vector<Column> columns_;
  size_t key_columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text: code points, not bytes (no East Asian
// double-width handling).
size_t DisplayWidth(const std::string& s);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_TEXT_TABLE_H_
