// libFuzzer target: the NDJSON reader on arbitrary bytes.
#include "fuzz/reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return touchpoint::fuzz::FuzzReader(data, size, touchpoint::ingest::InputFormat::kNdjson);
}
