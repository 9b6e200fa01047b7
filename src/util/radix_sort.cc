#include "util/radix_sort.h"

#include <algorithm>

namespace touchpoint {

void RadixSort(std::vector<uint64_t>* values) {
  constexpr size_t kSmall = 1 << 12;
  if (values->size() < kSmall) {
    std::sort(values->begin(), values->end());
    return;
  }
  std::vector<uint64_t> scratch(values->size());
  std::vector<uint32_t> count(1 << 16);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (uint64_t v : *values) ++count[(v >> shift) & 0xFFFF];
    uint32_t sum = 0;
    for (uint32_t& c : count) {
      const uint32_t n = c;
      c = sum;
      sum += n;
    }
    for (uint64_t v : *values) scratch[count[(v >> shift) & 0xFFFF]++] = v;
    values->swap(scratch);
  }
}

}  // namespace touchpoint
