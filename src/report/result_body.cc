#include "report/result_body.h"

#include <cstdio>

#include "report/format.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void Strings(std::string_view key, const std::vector<std::string>& v, JsonWriter& w) {
  w.Key(key).BeginArray();
  for (const std::string& s : v) w.String(s);
  w.EndArray();
}

// "funnel  2024-01-01 .. 2024-07-01 (UTC)  definitions touchpoint  by channel  where ...",
// the range in the reporting zone, wrapped at `width` between its pieces.
std::string Heading(const kernels::ResultHeader& h, size_t width) {
  std::vector<std::string> pieces = {h.analysis,
                                     LocalTime(h.from_ms, h.tz) + " .. " + LocalTime(h.to_ms, h.tz) + " (" + h.tz + ")",
                                     "definitions " + h.definitions};
  if (!h.by.empty()) {
    std::string by = "by ";
    for (size_t i = 0; i < h.by.size(); ++i) by += (i ? " / " : "") + h.by[i];
    pieces.push_back(by);
  }
  for (const std::string& w : h.where) pieces.push_back("where " + w);
  std::string out, line;
  for (const std::string& p : pieces) {
    if (!line.empty() && DisplayWidth(line) + 2 + DisplayWidth(p) > width) {
      out += line + "\n";
      line = "  ";
    } else if (!line.empty() && line != "  ") {
      line += "  ";
    }
    line += p;
  }
  return out + line + "\n";
}

std::string Footer(const kernels::ResultHeader& h) {
  std::string out;
  for (const std::string& d : h.stale_derived) {
    out += "warning: derived column '" + d + "' was computed from older data than the store holds (stale)\n";
  }
  for (const std::string& n : h.notes) out += "note: " + n + "\n";
  char tail[96];
  std::snprintf(tail, sizeof(tail), "%s events scanned in %.3f s\n", Thousands(h.scanned_events).c_str(), h.seconds);
  return out + tail;
}

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return Status::Usage("--format must be table, json or csv, not '" + std::string(name) + "'");
}

void WriteHeader(const kernels::ResultHeader& h, JsonWriter& w) {
  w.Key("analysis").String(h.analysis);
  w.Key("range").BeginObject();
  w.Key("from").String(FormatTimestamp(h.from_ms));
  w.Key("to").String(FormatTimestamp(h.to_ms));
  w.Key("tz").String(h.tz);
  w.EndObject();
  w.Key("definitions").String(h.definitions);
  Strings("inactive_events", h.inactive_events, w);
  Strings("by", h.by, w);
  Strings("where", h.where, w);
  w.Key("scanned_events").Int(static_cast<int64_t>(h.scanned_events));
  Strings("stale_derived", h.stale_derived, w);
  Strings("notes", h.notes, w);
  w.Key("seconds").Number(h.seconds);
}

std::string Render(const ResultBody& body, OutputFormat format, const TableOptions& options) {
  switch (format) {
    case OutputFormat::kJson: {
      JsonWriter w;
      w.BeginObject();
      WriteHeader(body.header(), w);
      body.WriteJson(w);
      w.EndObject();
      return w.str() + "\n";
    }
    case OutputFormat::kCsv:
      return body.Csv();
    case OutputFormat::kTable:
      break;
  }
  std::string table = body.Table(options);
  if (!table.empty() && table.back() != '\n') table += '\n';
  return Heading(body.header(), options.width) + "\n" + table + "\n" + Footer(body.header());
}

}  // namespace touchpoint::report
