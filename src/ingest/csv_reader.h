// ReadCsv: RFC 4180 CSV with a header row: quoted fields with "" escapes and
// embedded newlines, LF or CRLF line ends, an optional UTF-8 BOM. Columns
// are matched to roles by name (after the mapping); the others become
// properties. Streams through a growing block buffer, so a record may span
// reads and memory stays at a few MB. Not thread-safe.
#ifndef TOUCHPOINT_INGEST_CSV_READER_H_
#define TOUCHPOINT_INGEST_CSV_READER_H_

#include "ingest/input_stream.h"
#include "ingest/row_sink.h"

namespace touchpoint::ingest {

Status ReadCsv(InputStream* input, const ReadOptions& options, RowSink* sink, ReadStats* stats);

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_CSV_READER_H_
