// SparseCells: pages allocated on first write, empty reads for the rest.
#include "kernels/sparse_cells.h"

#include <gtest/gtest.h>

#include <utility>

namespace touchpoint::kernels {
namespace {

TEST(SparseCells, UnwrittenPeriodsReadEmptyAndCostNothing) {
  SparseCells cells(20000);  // 55 years of days
  EXPECT_EQ(cells.size(), 20000u);
  EXPECT_EQ(cells.allocated_cells(), 0u);
  EXPECT_FALSE(cells.Touched(19999));
  const SparseCells& read = cells;
  EXPECT_EQ(read[12345].events, 0u);
  EXPECT_FALSE(read[12345].HasData());
  EXPECT_EQ(cells.allocated_cells(), 0u);  // a read allocates nothing
}

TEST(SparseCells, AWriteAllocatesOnePage) {
  SparseCells cells(20000);
  ++cells[0].events;      // page 0: periods 0-15
  ++cells[19999].events;  // the last page: periods 19984-19999
  cells[19998].revenue += 5;
  EXPECT_EQ(cells.allocated_cells(), 2 * SparseCells::kPageSize);
  EXPECT_TRUE(cells.Touched(15));
  EXPECT_FALSE(cells.Touched(16));
  EXPECT_EQ(std::as_const(cells)[19999].events, 1u);
  EXPECT_EQ(std::as_const(cells)[19998].revenue, 5);
  EXPECT_EQ(std::as_const(cells)[1].events, 0u);
}

TEST(SparseCells, MergeAddsOnlyTheWrittenPages) {
  SparseCells a(100), b(100);
  a[3].events = 2;
  b[3].events = 5;
  b[99].customers = 7;
  a.Merge(b);
  EXPECT_EQ(std::as_const(a)[3].events, 7u);
  EXPECT_EQ(std::as_const(a)[99].customers, 7u);
  EXPECT_TRUE(std::as_const(a)[99].HasData());
  // Pages 0 and 6 (periods 96-99); nothing in between.
  EXPECT_EQ(a.allocated_cells(), 2 * SparseCells::kPageSize);
  EXPECT_FALSE(a.Touched(50));
}

}  // namespace
}  // namespace touchpoint::kernels
