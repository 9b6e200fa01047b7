#include "kernels/sparse_cells.h"

namespace touchpoint::kernels {

void SparseCells::Merge(const SparseCells& other) {
  for (size_t page = 0; page < other.pages_.size(); ++page) {
    if (!other.pages_[page]) continue;
    const size_t first = page << kPageBits;
    for (size_t k = 0; k < kPageSize && first + k < size_; ++k) (*this)[first + k].Merge(other.pages_[page][k]);
  }
}

size_t SparseCells::allocated_cells() const {
  size_t n = 0;
  for (const auto& page : pages_) n += page ? kPageSize : 0;
  return n;
}

const MeasureCell& SparseCells::Empty() {
  static const MeasureCell kEmpty;
  return kEmpty;
}

}  // namespace touchpoint::kernels
