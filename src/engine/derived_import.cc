#include "engine/derived_import.h"

#include <vector>

#include "engine/request_dates.h"
#include "util/file.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

// Splits one CSV record starting at text[*pos] into fields (RFC 4180:
// quoted fields may hold commas, doubled quotes and line breaks). Advances
// *pos past the record's line end; *lines counts the line breaks consumed.
Status NextRecord(const std::string& text, size_t* pos, std::vector<std::string>* fields, size_t* lines) {
  fields->assign(1, "");
  bool quoted = false;
  while (*pos < text.size()) {
    const char c = text[(*pos)++];
    if (quoted) {
      if (c == '"') {
        if (*pos < text.size() && text[*pos] == '"') {
          fields->back() += '"';
          ++*pos;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++*lines;
        fields->back() += c;
      }
    } else if (c == '"' && fields->back().empty()) {
      quoted = true;
    } else if (c == ',') {
      fields->emplace_back();
    } else if (c == '\n') {
      ++*lines;
      break;
    } else if (c != '\r') {
      fields->back() += c;
    }
  }
  if (quoted) return Status::InvalidArgument("unterminated quote");
  return Status::OK();
}

}  // namespace

Result<store::DerivedColumn> ReadDerivedCsv(const std::string& name, const std::string& path) {
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  store::DerivedColumn col;
  col.name = name;
  size_t pos = 0, line = 1;
  std::vector<std::string> fields;
  bool header = true;
  while (pos < text.size()) {
    const size_t at = line;
    Status s = NextRecord(text, &pos, &fields, &line);
    if (!s.ok()) return Status::InvalidArgument(path + ":" + std::to_string(at) + ": " + s.message());
    if (header) {
      header = false;
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() != 2) {
      return Status::InvalidArgument(path + ":" + std::to_string(at) + ": expected customer_id,value, got " +
                                     std::to_string(fields.size()) + " fields");
    }
    if (fields[0].empty()) return Status::InvalidArgument(path + ":" + std::to_string(at) + ": empty customer_id");
    if (!col.values.emplace(fields[0], fields[1]).second) {
      return Status::InvalidArgument(path + ":" + std::to_string(at) + ": customer '" + fields[0] + "' given twice");
    }
  }
  if (header) return Status::InvalidArgument(path + ": empty file (expected a customer_id,value header)");
  return col;
}

Result<store::DerivedColumn> ImportDerivedColumn(const store::Snapshot& snapshot, const std::string& name,
                                                 const std::string& path) {
  TP_ASSIGN_OR_RETURN(store::DerivedColumn col, ReadDerivedCsv(name, path));
  col.data_stamp = snapshot.data_stamp;
  col.source = "import";
  col.written_at = FormatTimestamp(NowMs());
  TP_RETURN_IF_ERROR(store::DerivedTable::Write(snapshot.dir, col));
  return col;
}

}  // namespace touchpoint::engine
