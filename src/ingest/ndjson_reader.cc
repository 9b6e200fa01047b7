#include "ingest/ndjson_reader.h"

#include <simdjson.h>

#include <charconv>
#include <set>
#include <cstring>
#include <string>
#include <vector>

#include "util/utf8.h"

namespace touchpoint::ingest {
namespace {

constexpr size_t kBlock = 4 << 20;

// A value's text lives either in the line or in the per-row arena.
struct ValueRef {
  int role = -1;          // or -1 for a property
  std::string_view key;   // property name (views the line or the parser)
  size_t begin = 0, size = 0;
  bool in_arena = false;
  std::string_view direct;
};

}  // namespace

Status ReadNdjson(InputStream* input, const ReadOptions& options, RowSink* sink, ReadStats* stats) {
  std::string buf(kBlock + simdjson::SIMDJSON_PADDING, '\0');
  size_t pos = 0, end = 0;
  uint64_t base = 0, line = 0;
  bool eof = false, first = true;
  simdjson::dom::parser parser;
  std::string arena;
  std::vector<ValueRef> refs;
  RawRow row;
  // --map column rules no line has used yet (warned about at the end).
  std::set<std::string, std::less<>> unused_rules;
  for (const auto& [theirs, role] : options.mapping.column_rules()) unused_rules.insert(theirs);
  // Constant columns (--set): override the keys of the same name.
  struct Constant {
    int role = -1;
    std::string property, value;
  };
  std::vector<Constant> constants;
  for (const auto& [column, value] : options.constants) {
    Constant k;
    if (!IsValidUtf8(value)) return Status::InvalidArgument("--set " + column + ": the value is not valid UTF-8");
    k.property = std::string(options.mapping.Column(column));
    if (auto role = RoleFromName(k.property)) k.role = static_cast<int>(*role);
    k.value = value;
    constants.push_back(std::move(k));
  }
  while (true) {
    // Find the next complete line, reading more as needed.
    const void* nl = pos < end ? std::memchr(buf.data() + pos, '\n', end - pos) : nullptr;
    if (nl == nullptr && !eof) {
      std::memmove(buf.data(), buf.data() + pos, end - pos);
      base += pos;
      end -= pos;
      pos = 0;
      if (end + simdjson::SIMDJSON_PADDING >= buf.size()) buf.resize(buf.size() * 2);
      TP_ASSIGN_OR_RETURN(size_t n, input->Read(buf.data() + end, buf.size() - simdjson::SIMDJSON_PADDING - end));
      if (n == 0) eof = true;
      end += n;
      if (first) {
        first = false;
        if (end >= 3 && std::memcmp(buf.data(), "\xEF\xBB\xBF", 3) == 0) pos = 3;
      }
      continue;
    }
    if (nl == nullptr && pos >= end) break;
    const size_t stop = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf.data()) : end;
    std::string_view text(buf.data() + pos, stop - pos);
    const uint64_t offset = base + pos;
    ++line;
    pos = nl ? stop + 1 : end;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    size_t blank = 0;
    while (blank < text.size() && (text[blank] == ' ' || text[blank] == '\t')) ++blank;
    if (blank == text.size()) continue;  // blank lines are not rows
    sink->Tick();
    // The bytes after the line are readable (the rest of the buffer, then
    // padding), as simdjson requires; no copy.
    simdjson::dom::element doc;
    auto error = parser.parse(text.data(), text.size(), false).get(doc);
    if (error) {
      sink->Reject(line, offset, "", std::string("not valid JSON: ") + simdjson::error_message(error), text);
      continue;
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) {
      sink->Reject(line, offset, "", "the line is not a JSON object", text);
      continue;
    }
    arena.clear();
    refs.clear();
    std::string bad_key;
    for (auto field : obj) {
      ValueRef ref;
      std::string_view key = field.key;
      if (!unused_rules.empty()) {
        auto it = unused_rules.find(key);
        if (it != unused_rules.end()) unused_rules.erase(it);
      }
      std::string_view canonical = options.mapping.Column(key);
      if (auto role = RoleFromName(canonical)) ref.role = static_cast<int>(*role);
      ref.key = canonical;
      simdjson::dom::element v = field.value;
      switch (v.type()) {
        case simdjson::dom::element_type::NULL_VALUE:
          continue;  // absent
        case simdjson::dom::element_type::STRING:
          ref.direct = std::string_view(v.get_string().value_unsafe());
          break;
        case simdjson::dom::element_type::BOOL:
          ref.direct = v.get_bool().value_unsafe() ? "true" : "false";
          break;
        case simdjson::dom::element_type::INT64:
        case simdjson::dom::element_type::UINT64:
        case simdjson::dom::element_type::DOUBLE: {
          char tmp[64];
          char* e;
          if (v.type() == simdjson::dom::element_type::INT64) {
            e = std::to_chars(tmp, tmp + sizeof(tmp), v.get_int64().value_unsafe()).ptr;
          } else if (v.type() == simdjson::dom::element_type::UINT64) {
            e = std::to_chars(tmp, tmp + sizeof(tmp), v.get_uint64().value_unsafe()).ptr;
          } else {
            e = std::to_chars(tmp, tmp + sizeof(tmp), v.get_double().value_unsafe()).ptr;
          }
          ref.in_arena = true;
          ref.begin = arena.size();
          ref.size = static_cast<size_t>(e - tmp);
          arena.append(tmp, ref.size);
          break;
        }
        default: {  // object or array: kept as minified JSON
          std::string json = simdjson::minify(v);
          ref.in_arena = true;
          ref.begin = arena.size();
          ref.size = json.size();
          arena += json;
          break;
        }
      }
      refs.push_back(ref);
    }
    row.Clear();
    row.utf8_checked = true;  // simdjson validated the line's UTF-8
    for (const ValueRef& ref : refs) {
      std::string_view value = ref.in_arena ? std::string_view(arena).substr(ref.begin, ref.size) : ref.direct;
      if (ref.role >= 0) {
        row.value[ref.role] = value;  // a repeated key: the last one wins
        row.present[ref.role] = true;
      } else if (!value.empty()) {
        bool constant = false;
        for (const Constant& k : constants) constant |= k.role < 0 && k.property == ref.key;
        if (!constant) row.properties.emplace_back(sink->Property(ref.key), value);
      }
    }
    for (const Constant& k : constants) {
      if (k.role >= 0) {
        row.value[k.role] = k.value;
        row.present[k.role] = true;
      } else {
        row.properties.emplace_back(sink->Property(k.property), k.value);
      }
    }
    TP_RETURN_IF_ERROR(sink->Add(row, line, offset, text));
  }
  stats->bytes_read = base + end;
  for (const std::string& theirs : unused_rules) {
    sink->Warn("no key '" + theirs + "' for --map column:" + theirs + "=" + std::string(options.mapping.Column(theirs)) +
               " to rename");
  }
  return sink->Finish();
}

}  // namespace touchpoint::ingest
