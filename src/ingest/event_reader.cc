#include "ingest/event_reader.h"

#include "ingest/csv_reader.h"
#include "ingest/input_stream.h"
#include "ingest/ndjson_reader.h"
#include "ingest/row_sink.h"
#include "util/time.h"
#include "util/time_format.h"

namespace touchpoint::ingest {
namespace {

// The format from the name: .csv / .ndjson / .jsonl / .json, then .gz / .zst.
InputFormat FromExtension(std::string_view path) {
  for (std::string_view suffix : {".gz", ".zst", ".zstd"}) {
    if (path.ends_with(suffix)) {
      path.remove_suffix(suffix.size());
      break;
    }
  }
  if (path.ends_with(".csv")) return InputFormat::kCsv;
  if (path.ends_with(".ndjson") || path.ends_with(".jsonl") || path.ends_with(".json")) return InputFormat::kNdjson;
  return InputFormat::kAuto;
}

}  // namespace

Status ReadEvents(const std::string& path, const ReadOptions& options, const ReadCallbacks& callbacks,
                  ReadStats* stats) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> input, InputStream::Open(path));
  return ReadEventsFrom(std::move(input), path, options, callbacks, stats);
}

Status ReadEventsFrom(std::unique_ptr<InputStream> input, const std::string& path, const ReadOptions& options,
                      const ReadCallbacks& callbacks, ReadStats* stats) {
  TP_ASSIGN_OR_RETURN(const date::time_zone* zone, FindTimeZone(options.default_tz));
  if (!options.timestamp_format.empty()) TP_RETURN_IF_ERROR(CheckTimestampFormat(options.timestamp_format));
  // Every byte the readers take passes through the hash (the sniffed
  // ones too, once: they are put back in front of the hashing stream).
  auto hashing_owner = std::make_unique<HashingStream>(std::move(input));
  HashingStream* hashing = hashing_owner.get();
  input = std::move(hashing_owner);
  InputFormat format = options.format;
  if (format == InputFormat::kAuto && path != "-") format = FromExtension(path);
  if (format == InputFormat::kAuto) {
    // Unknown name or stdin: an object on the first line means NDJSON. The
    // sniffed bytes are put back in front of the stream.
    std::string head;
    char c = 0;
    while (head.size() < 64) {
      TP_ASSIGN_OR_RETURN(size_t n, input->Read(&c, 1));
      if (n == 0) break;
      head += c;
      const bool skip = c == ' ' || c == '\t' || c == '\r' || c == '\n' || static_cast<unsigned char>(c) >= 0x80;
      if (!skip) break;  // BOM bytes are >= 0x80
    }
    format = c == '{' ? InputFormat::kNdjson : InputFormat::kCsv;
    input = PrependBytes(std::move(input), std::move(head));
  }
  RowSink sink(options, zone, callbacks, *input, stats);
  Status s = format == InputFormat::kNdjson ? ReadNdjson(input.get(), options, &sink, stats)
                                            : ReadCsv(input.get(), options, &sink, stats);
  stats->content_hash = hashing->digest();
  return s;
}

}  // namespace touchpoint::ingest
