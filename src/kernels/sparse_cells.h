// SparseCells: one group's MeasureCells by period index, allocated in pages
// of kPageSize periods on first write. Memory follows the periods that have
// data, not the calendar span: one stray event in 1970 in a daily series
// costs one page, not 20,000 cells per group (docs/metrics.md, "Time
// series"). Not thread-safe; each scan shard has its own.
#ifndef TOUCHPOINT_KERNELS_SPARSE_CELLS_H_
#define TOUCHPOINT_KERNELS_SPARSE_CELLS_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "kernels/measure_cell.h"

namespace touchpoint::kernels {

class SparseCells {
 public:
  static constexpr size_t kPageBits = 4;
  static constexpr size_t kPageSize = size_t{1} << kPageBits;

  explicit SparseCells(size_t periods = 0) : size_(periods), pages_((periods + kPageSize - 1) / kPageSize) {}

  size_t size() const { return size_; }
  // The cell of period p, its page allocated on first use. REQUIRES: p < size().
  MeasureCell& operator[](size_t p) {
    std::unique_ptr<MeasureCell[]>& page = pages_[p >> kPageBits];
    if (!page) page = std::make_unique<MeasureCell[]>(kPageSize);
    return page[p & (kPageSize - 1)];
  }
  // Read-only: a cell never written reads as an empty cell.
  const MeasureCell& operator[](size_t p) const {
    const std::unique_ptr<MeasureCell[]>& page = pages_[p >> kPageBits];
    return page ? page[p & (kPageSize - 1)] : Empty();
  }
  // Whether period p's page was ever written (its cell may still be empty).
  bool Touched(size_t p) const { return pages_[p >> kPageBits] != nullptr; }
  // Adds `other` (same size) cell by cell, touching only its written pages.
  void Merge(const SparseCells& other);
  // The pages written, in cells (a memory figure for tests).
  size_t allocated_cells() const;

 private:
  static const MeasureCell& Empty();

  size_t size_;
  std::vector<std::unique_ptr<MeasureCell[]>> pages_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_SPARSE_CELLS_H_
