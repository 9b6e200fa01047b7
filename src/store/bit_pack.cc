#include "store/bit_pack.h"

#include <bit>

#include "store/part_columns.h"

namespace touchpoint::store {

void AppendCodes(const std::vector<uint32_t>& codes, size_t dict_size, std::string* out) {
  uint8_t width = dict_size <= 0xFF ? 1 : dict_size <= 0xFFFF ? 2 : 4;
  out->push_back(static_cast<char>(width));
  size_t start = out->size();
  out->resize(start + codes.size() * width);
  char* p = out->data() + start;
  for (uint32_t c : codes) {
    std::memcpy(p, &c, width);  // little-endian machine: low bytes first
    p += width;
  }
}

void AppendPackedCodes(const std::vector<uint32_t>& codes, size_t dict_size, std::string* out) {
  const size_t width = dict_size <= 1 ? 0 : 64 - static_cast<size_t>(std::countl_zero(dict_size - 1));
  out->push_back(static_cast<char>(width));
  AppendBits(codes, width, kPackedPadding, out);
}

}  // namespace touchpoint::store
