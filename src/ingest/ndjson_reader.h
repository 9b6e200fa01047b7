// ReadNdjson: one JSON object per line (simdjson). Keys are matched to roles
// by name (after the mapping); other keys become properties. Strings are
// taken as they are, numbers and booleans as their text, nested objects and
// arrays as their minified JSON, null as absent. A line that is not a JSON
// object is a rejected row. Not thread-safe.
#ifndef TOUCHPOINT_INGEST_NDJSON_READER_H_
#define TOUCHPOINT_INGEST_NDJSON_READER_H_

#include "ingest/input_stream.h"
#include "ingest/row_sink.h"

namespace touchpoint::ingest {

Status ReadNdjson(InputStream* input, const ReadOptions& options, RowSink* sink, ReadStats* stats);

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_NDJSON_READER_H_
