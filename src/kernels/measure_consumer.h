// MeasureConsumer: the whole measure catalogue in one pass of the scan.
// Each customer's events update the cells of the (period, group) pairs they
// fall in; shards merge by adding cells. See docs/metrics.md for every
// definition; measure_catalog.h turns cells into values.
#ifndef TOUCHPOINT_KERNELS_MEASURE_CONSUMER_H_
#define TOUCHPOINT_KERNELS_MEASURE_CONSUMER_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "kernels/analysis_consumer.h"
#include "kernels/group_index.h"
#include "kernels/measure_marks.h"
#include "kernels/measure_spec.h"
#include "kernels/sessions.h"

namespace touchpoint::kernels {

class MeasureConsumer : public AnalysisConsumer<MeasureConsumer> {
 public:
  explicit MeasureConsumer(const MeasureSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(MeasureConsumer& other);
  // Derives the all-groups and whole-range sums of the additive counts.
  void Finalize();

  // [0] = every group together; then one per --by value (keys named
  // through GroupColumn::Name).
  const GroupIndex<MeasureGroup>& groups() const { return groups_; }
  uint64_t known_before_range() const { return known_before_; }
  // Whether the events in range carry a time of day: false when they all
  // fall on at most two clock times (dates without times, read in a zone
  // with a daylight saving change).
  bool has_time_of_day() const { return time_of_day_.varied; }

 private:
  void CountSessions(const scan::CustomerView& c);
  void CountSubscriptions(const scan::CustomerView& c);
  void CountFeatureAdopters();
  void CountNewCustomer(const scan::CustomerView& c, size_t first_row, int64_t first_ts);
  // Fills group_ (event and session measures) and mgroup_ (customer
  // measures) for every row, by the spec's CutScope.
  void AssignGroups(const scan::CustomerView& c);
  MeasureCell& Cell(uint32_t group, size_t period) { return groups_[group].cells[period]; }

  const MeasureSpec& spec_;
  SessionBuilder sessions_;
  bool sessions_built_ = false;  // this customer's session_list_ is filled
  GroupIndex<MeasureGroup> groups_;
  MeasureMarks marks_;
  uint64_t known_before_ = 0;
  // Per-customer scratch, reused.
  std::vector<uint8_t> keep_;
  std::vector<int32_t> period_;
  std::vector<uint32_t> group_, mgroup_;
  std::vector<Session> session_list_;
  std::vector<uint32_t> row_session_;
  // The clock times (ms into the UTC day) of every scanned row, up to two;
  // a third makes the data timed (docs/metrics.md, "Not applicable").
  struct TimeOfDay {
    int64_t seen[2] = {-1, -1};
    bool varied = false;
    void Add(int64_t ts);
    void Merge(const TimeOfDay& o);
  } time_of_day_;
  std::vector<std::pair<uint64_t, uint32_t>> feature_marks_;  // (packed group and period, feature)
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MEASURE_CONSUMER_H_
