// Helpers for the demo generator tests: a tiny RFC 4180 CSV splitter (kept
// here so the tests do not depend on src/ingest) and whole-file reads.
#ifndef TOUCHPOINT_TESTS_DEMO_DEMO_TEST_UTIL_H_
#define TOUCHPOINT_TESTS_DEMO_DEMO_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace touchpoint::demo::testing {

// Splits CSV text into records of fields. Quoted fields may hold commas,
// doubled quotes and newlines. Sets *ok to false on a malformed quote.
inline std::vector<std::vector<std::string>> SplitCsv(const std::string& text, bool* ok) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started_quoted = false;
  *ok = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      if (!field.empty() || field_started_quoted) *ok = false;
      quoted = field_started_quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started_quoted = false;
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      field_started_quoted = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      if (field_started_quoted) *ok = false;  // text after a closing quote
      field.push_back(c);
    }
  }
  if (quoted) *ok = false;
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace touchpoint::demo::testing

#endif  // TOUCHPOINT_TESTS_DEMO_DEMO_TEST_UTIL_H_
