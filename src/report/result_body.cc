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

// "funnel  2024-01-01T00:00:00.000Z .. 2024-07-01T00:00:00.000Z (UTC)  definitions touchpoint  by channel  where ..."
std::string Heading(const kernels::ResultHeader& h) {
  std::string out = h.analysis + "  " + FormatTimestamp(h.from_ms) + " .. " + FormatTimestamp(h.to_ms) + " (" + h.tz +
                    ")  definitions " + h.definitions;
  if (!h.by.empty()) {
    out += "  by ";
    for (size_t i = 0; i < h.by.size(); ++i) out += (i ? " / " : "") + h.by[i];
  }
  for (const std::string& w : h.where) out += "  where " + w;
  return out + "\n";
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
  return Heading(body.header()) + "\n" + table + "\n" + Footer(body.header());
}

}  // namespace touchpoint::report
