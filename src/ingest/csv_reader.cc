#include "ingest/csv_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "ingest/csv_parser.h"
#include "util/utf8.h"

namespace touchpoint::ingest {
namespace {

// What a column of the file feeds.
constexpr int kProperty = -1;
constexpr int kSkipped = -2;  // pandas' unnamed index, or replaced by --set

// The delimiter of a header line: a comma when it has one, else the most
// frequent of ; tab |, else runs of spaces (space-aligned exports).
CsvLayout Sniff(std::string_view header) {
  CsvLayout layout;
  if (header.find(',') != std::string_view::npos) return layout;
  size_t best = 0;
  for (char c : {';', '\t', '|'}) {
    const auto n = static_cast<size_t>(std::count(header.begin(), header.end(), c));
    if (n > best) {
      best = n;
      layout.delimiter = c;
    }
  }
  if (best > 0) return layout;
  const size_t first = header.find_first_not_of(" \t");
  const size_t last = header.find_last_not_of(" \t\r");
  if (first != std::string_view::npos && header.substr(first, last - first + 1).find_first_of(" \t") != std::string_view::npos) {
    layout.whitespace = true;
  }
  return layout;
}

CsvLayout FromOption(Delimiter d) {
  CsvLayout layout;
  switch (d) {
    case Delimiter::kSemicolon: layout.delimiter = ';'; break;
    case Delimiter::kTab: layout.delimiter = '\t'; break;
    case Delimiter::kPipe: layout.delimiter = '|'; break;
    case Delimiter::kWhitespace: layout.whitespace = true; break;
    default: break;
  }
  return layout;
}

// Why a header name cannot be a column name, or "".
std::string BadName(std::string_view name) {
  if (!IsValidUtf8(name)) return "is not valid UTF-8";
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) return "has a control character (byte " + std::to_string(c) + ")";
  }
  return "";
}

}  // namespace

Status ReadCsv(InputStream* input, const ReadOptions& options, RowSink* sink, ReadStats* stats) {
  CsvParser parser(input);
  const std::string where = input->name() + ": line 1: ";
  bool cr_only = false;
  TP_ASSIGN_OR_RETURN(std::string first_line, parser.PeekFirstLine(&cr_only));
  CsvLayout layout = options.delimiter == Delimiter::kSniff ? Sniff(first_line) : FromOption(options.delimiter);
  if (cr_only) layout.line_end = '\r';
  parser.set_layout(layout);

  // Column names: the header's, or --columns.
  std::vector<std::string> names;
  if (options.has_header) {
    TP_ASSIGN_OR_RETURN(bool any, parser.Next());
    if (!any) return Status::InvalidArgument(input->name() + ": empty input (no header row)");
    if (!parser.error().empty()) return Status::InvalidArgument(where + "bad header: " + parser.error());
    for (size_t c = 0; c < parser.field_count(); ++c) names.emplace_back(parser.Field(c));
    if (!options.columns.empty()) {
      if (options.columns.size() != names.size()) {
        return Status::InvalidArgument(where + "--columns names " + std::to_string(options.columns.size()) +
                                       " columns, the header has " + std::to_string(names.size()));
      }
      names = options.columns;
    }
  } else {
    if (options.columns.empty()) {
      return Status::InvalidArgument(input->name() + ": --no-header needs --columns to name the columns");
    }
    names = options.columns;
  }
  const size_t ncols = names.size();
  std::vector<int> role_of(ncols, kProperty);
  std::vector<std::string> property_of(ncols);
  std::set<std::string, std::less<>> seen;
  for (size_t c = 0; c < ncols; ++c) {
    const std::string& raw = names[c];
    if (raw.empty() && c == 0 && ncols > 1) {
      role_of[c] = kSkipped;  // pandas' to_csv index: unnamed, first
      continue;
    }
    if (raw.empty()) return Status::InvalidArgument(where + "column " + std::to_string(c + 1) + " has no name");
    if (std::string why = BadName(raw); !why.empty()) {
      return Status::InvalidArgument(where + "the name of column " + std::to_string(c + 1) + " " + why);
    }
    std::string name(options.mapping.Column(raw));
    if (!seen.insert(name).second) {
      return Status::InvalidArgument(where + "column '" + name + "' appears twice");
    }
    if (auto role = RoleFromName(name)) {
      role_of[c] = static_cast<int>(*role);
    } else {
      property_of[c] = name;
    }
  }
  for (const auto& [theirs, role] : options.mapping.column_rules()) {
    if (std::find(names.begin(), names.end(), theirs) == names.end()) {
      sink->Warn("no column '" + theirs + "' for --map column:" + theirs + "=" + role + " to rename");
    }
  }
  // Constant columns: a role's value or a property, in every row; a column
  // of the file with the same name gives way to it.
  struct Constant {
    int role = kProperty;
    std::string property;
    std::string value;
    uint32_t index = 0;
  };
  std::vector<Constant> constants;
  for (const auto& [column, value] : options.constants) {
    Constant k;
    if (!IsValidUtf8(value)) return Status::InvalidArgument("--set " + column + ": the value is not valid UTF-8");
    const std::string name(options.mapping.Column(column));
    if (auto role = RoleFromName(name)) k.role = static_cast<int>(*role);
    k.property = name;
    k.value = value;
    for (size_t c = 0; c < ncols; ++c) {
      const bool same = role_of[c] >= 0 ? (k.role == role_of[c]) : (role_of[c] == kProperty && property_of[c] == name);
      if (same) {
        sink->Warn("--set " + column + "=" + value + " replaces the input's column '" + names[c] + "'");
        role_of[c] = kSkipped;
      }
    }
    constants.push_back(std::move(k));
  }
  for (Role required : {Role::kTimestamp, Role::kCustomerId, Role::kEvent}) {
    bool found = false;
    for (int r : role_of) found |= r == static_cast<int>(required);
    for (const Constant& k : constants) found |= k.role == static_cast<int>(required);
    if (!found) {
      std::string seen_as = layout.whitespace ? "whitespace" : std::string(1, layout.delimiter);
      if (seen_as == "\t") seen_as = "tab";
      return Status::InvalidArgument(where + "the header has no '" + std::string(RoleName(required)) +
                                     "' column (read with the delimiter '" + seen_as + "' into " +
                                     std::to_string(ncols) + " columns; map yours with --map column:THEIRS=" +
                                     std::string(RoleName(required)) + ", name them with --columns, or give it " +
                                     "to every row with --set " + std::string(RoleName(required)) + "=VALUE)");
    }
  }
  std::vector<uint32_t> prop_index(ncols, 0);
  auto register_properties = [&] {
    for (size_t c = 0; c < ncols; ++c) {
      if (role_of[c] == kProperty) prop_index[c] = sink->Property(property_of[c]);
    }
    for (Constant& k : constants) {
      if (k.role < 0) k.index = sink->Property(k.property);
    }
  };
  register_properties();
  sink->set_on_new_batch(register_properties);

  int customer_column = -1;
  for (size_t c = 0; c < ncols; ++c) {
    if (role_of[c] == static_cast<int>(Role::kCustomerId)) customer_column = static_cast<int>(c);
  }
  RawRow row;
  while (true) {
    TP_ASSIGN_OR_RETURN(bool any, parser.Next());
    if (!any) break;
    sink->Tick();
    const bool bad = !parser.error().empty() || parser.field_count() != ncols;
    if (bad && parser.multiline()) {
      // A quote opened on this line and closed lines later (or never): most
      // likely a stray quote. The line alone is rejected; the next line is
      // read afresh, so the rows after it are not swallowed.
      std::string reason = parser.error().empty() ? "a record of " + std::to_string(parser.field_count()) +
                                                        " fields, not " + std::to_string(ncols)
                                                  : parser.error();
      if (reason.find("stray quote") == std::string::npos) {
        reason += ", through a quote opened on this line and closed lines later (a stray quote?)";
      }
      sink->Reject(parser.record_line(), parser.record_offset(), "", reason, parser.FirstLine());
      parser.RestartAfterFirstLine();
      continue;
    }
    const std::string_view customer =
        customer_column >= 0 && static_cast<size_t>(customer_column) < parser.field_count()
            ? parser.Field(static_cast<size_t>(customer_column))
            : std::string_view();
    if (!parser.error().empty()) {
      sink->Reject(parser.record_line(), parser.record_offset(), "", parser.error(), parser.record_text(), customer);
      continue;
    }
    if (parser.field_count() != ncols) {
      sink->Reject(parser.record_line(), parser.record_offset(), "",
                   "expected " + std::to_string(ncols) + " fields (as in the header), found " +
                       std::to_string(parser.field_count()),
                   parser.record_text(), customer);
      continue;
    }
    row.Clear();
    // One check of the whole record: a delimiter never splits a character.
    const std::string_view text = parser.record_text();
    row.utf8_checked = simdjson::validate_utf8(text.data(), text.size());
    for (size_t c = 0; c < ncols; ++c) {
      const int r = role_of[c];
      if (r >= 0) {
        row.value[r] = parser.Field(c);
        row.present[r] = true;
      } else if (r == kProperty) {
        const std::string_view v = parser.Field(c);
        if (!v.empty()) row.properties.emplace_back(prop_index[c], v);
      }
    }
    for (const Constant& k : constants) {
      if (k.role >= 0) {
        row.value[k.role] = k.value;
        row.present[k.role] = true;
      } else {
        row.properties.emplace_back(k.index, k.value);
      }
    }
    TP_RETURN_IF_ERROR(sink->Add(row, parser.record_line(), parser.record_offset(), text));
  }
  stats->bytes_read = parser.bytes();
  return sink->Finish();
}

}  // namespace touchpoint::ingest
