#include "store/bit_unpack.h"

#include <array>
#include <cstring>
#include <utility>

#include "store/part_columns.h"

namespace touchpoint::store {
namespace {

// out[r] = the little-endian number whose byte k is planes[k * rows + r],
// for k < W; unrolled per width, one pass over the rows.
template <size_t W>
void GatherPlanesOf(const uint8_t* planes, size_t rows, uint64_t* out) {
  for (size_t r = 0; r < rows; ++r) {
    uint64_t v = 0;
    for (size_t k = 0; k < W; ++k) v |= static_cast<uint64_t>(planes[k * rows + r]) << (8 * k);
    out[r] = v;
  }
}


// out[k] = the k-th W-bit field of the LSB-first bit stream at p. Eight
// fields take exactly W bytes, so within a group every load offset and
// shift is a constant, and for W <= 8 one 8-byte load holds all eight.
// REQUIRES: 8 readable bytes past the last field.
template <size_t W, class T>
void UnpackFieldsOf(const uint8_t* p, size_t n, T* out) {
  constexpr uint64_t kMask = W == 0 ? 0 : ~0ULL >> (64 - W);
  size_t k = 0;
  for (; k + 8 <= n; k += 8, p += W) {
    if constexpr (W <= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      for (size_t j = 0; j < 8; ++j) out[k + j] = static_cast<T>(word >> (j * W) & kMask);
    } else {
      for (size_t j = 0; j < 8; ++j) {
        uint64_t word;
        std::memcpy(&word, p + j * W / 8, 8);
        out[k + j] = static_cast<T>(word >> (j * W % 8) & kMask);
      }
    }
  }
  for (size_t j = 0; k < n; ++k, ++j) {
    uint64_t word;
    std::memcpy(&word, p + j * W / 8, 8);
    out[k] = static_cast<T>(word >> (j * W % 8) & kMask);
  }
}

// UnpackFieldsOf for a width known only at run time: one instance per width.
template <class T, size_t... W>
void UnpackFieldsWith(std::index_sequence<W...>, const uint8_t* p, size_t width, size_t n, T* out) {
  static constexpr std::array<void (*)(const uint8_t*, size_t, T*), sizeof...(W)> kUnpack{&UnpackFieldsOf<W, T>...};
  kUnpack[width](p, n, out);
}


template <size_t W>
uint32_t UnpackCodesOf(const uint8_t* p, size_t n, const uint32_t* table, uint32_t* out) {
  constexpr uint64_t kMask = W == 0 ? 0 : ~0ULL >> (64 - W);
  uint32_t seen = 0;
  size_t k = 0;
  for (; k + 8 <= n; k += 8, p += W) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    for (size_t j = 0; j < 8; ++j) {
      const uint32_t code = table[word >> (j * W) & kMask];
      seen |= code;
      out[k + j] = code;
    }
  }
  for (size_t j = 0; k < n; ++k, ++j) {
    uint64_t word;
    std::memcpy(&word, p + j * W / 8, 8);
    const uint32_t code = table[word >> (j * W % 8) & kMask];
    seen |= code;
    out[k] = code;
  }
  return seen;
}

// UnpackCodesOf for a width known at run time; returns the OR of the output.
template <size_t... W>
uint32_t UnpackCodesWith(std::index_sequence<W...>, const uint8_t* p, size_t width, size_t n, const uint32_t* table,
                         uint32_t* out) {
  static constexpr std::array<uint32_t (*)(const uint8_t*, size_t, const uint32_t*, uint32_t*), sizeof...(W)>
      kUnpack{&UnpackCodesOf<W>...};
  return kUnpack[width](p, n, table, out);
}

}  // namespace

void GatherPlanes(const uint8_t* planes, size_t width, size_t rows, uint64_t* out) {
  switch (width) {
    case 1: return GatherPlanesOf<1>(planes, rows, out);
    case 2: return GatherPlanesOf<2>(planes, rows, out);
    case 3: return GatherPlanesOf<3>(planes, rows, out);
    case 4: return GatherPlanesOf<4>(planes, rows, out);
    case 5: return GatherPlanesOf<5>(planes, rows, out);
    case 6: return GatherPlanesOf<6>(planes, rows, out);
    case 7: return GatherPlanesOf<7>(planes, rows, out);
    default: return GatherPlanesOf<8>(planes, rows, out);
  }
}

void UnpackBits(const uint8_t* p, size_t width, size_t n, uint64_t* out) {
  UnpackFieldsWith(std::make_index_sequence<kMaxTimestampBits + 1>(), p, width, n, out);
}

void UnpackCodes(const uint8_t* p, size_t width, size_t n, uint32_t* out) {
  UnpackFieldsWith(std::make_index_sequence<kMaxPackedCodeBits + 1>(), p, width, n, out);
}

uint32_t UnpackCodesThroughTable(const uint8_t* p, size_t width, size_t n, const uint32_t* table, uint32_t* out) {
  return UnpackCodesWith(std::make_index_sequence<kMaxTableCodeBits + 1>(), p, width, n, table, out);
}

bool CheckAndRemap(uint32_t* codes, size_t n, uint32_t limit, const uint32_t* remap) {
  uint32_t over = 0;
  if (remap == nullptr) {
    for (size_t r = 0; r < n; ++r) over |= codes[r] >= limit;
  } else {
    for (size_t r = 0; r < n; ++r) {
      const uint32_t code = codes[r];
      over |= code >= limit;
      codes[r] = remap[code < limit ? code : 0];  // a code outside reads entry 0; the caller fails
    }
  }
  return over != 0;
}

}  // namespace touchpoint::store
