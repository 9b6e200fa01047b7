// MeasureConsumer: the whole measure catalogue in one pass of the scan.
// Each customer's events update the cells of the (period, group) pairs they
// fall in; shards merge by adding cells. See docs/metrics.md for every
// definition; measure_catalog.h turns cells into values.
#ifndef TOUCHPOINT_KERNELS_MEASURE_CONSUMER_H_
#define TOUCHPOINT_KERNELS_MEASURE_CONSUMER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/event_roles.h"
#include "kernels/measure_cell.h"
#include "kernels/period_grid.h"
#include "kernels/sessions.h"
#include "scan/customer_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::kernels {

// What to compute. Shared read-only by every shard's consumer.
struct MeasureSpec {
  Definitions defs;
  const date::time_zone* zone = nullptr;  // reporting zone; nullptr = UTC
  int64_t from_ms = 0;                    // inclusive
  int64_t to_ms = 0;                      // exclusive
  Interval interval = Interval::kNone;
  std::string by;  // a column (channel, campaign, page, event, survey, feature) or property; "" = none
  const EventFilter* where = nullptr;

  // Derived by Prepare():
  PeriodGrid series;   // [0] is the look-back period when interval != none
  PeriodGrid months;   // calendar months of the range, [0] = the month before
  PeriodGrid days;     // calendar days of the range
  GroupColumn group;   // what `by` cuts on
  std::vector<std::string> derived;  // derived columns the scan hands along
  EventRoles roles;
  size_t feature_count = 0;

  // Fills the derived fields; `properties` receives the scan properties.
  void Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  // The scan needed: all history up to `to` plus the activation window.
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
  bool has_series() const { return interval != Interval::kNone; }
  // Index of the "whole range" cell in a group's cell vector.
  size_t all_index() const { return has_series() ? series.size() : 0; }
};

class MeasureConsumer : public scan::CustomerConsumer {
 public:
  explicit MeasureConsumer(const MeasureSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void Merge(scan::CustomerConsumer& other) override;
  // Call once on the merged consumer: derives the all-groups and
  // whole-range sums of the additive counts.
  void Finalize();

  struct GroupCells {
    std::string key;
    std::vector<MeasureCell> cells;  // series periods, then the whole range
  };
  // [0] = every group together; then one per --by value.
  const std::vector<GroupCells>& groups() const { return groups_; }
  uint64_t known_before_range() const { return known_before_; }
  uint64_t new_in_previous_window(size_t group) const;

 private:
  uint32_t GroupOf(const scan::CustomerView& c, size_t row);
  MeasureCell& Cell(uint32_t group, size_t period);
  void CountSessions(const scan::CustomerView& c);
  void CountSubscriptions(const scan::CustomerView& c, int64_t first_ts);

  const MeasureSpec& spec_;
  SessionBuilder sessions_;
  std::vector<GroupCells> groups_;
  std::unordered_map<std::string, uint32_t> group_ids_;
  static constexpr uint32_t kNoGroup = 0xFFFFFFFFu;
  std::vector<uint32_t> dict_group_;  // catalog code -> group, for dictionary --by columns
  std::string last_key_;              // property --by: the previous event's value and group
  uint32_t last_group_ = kNoGroup;
  std::vector<uint64_t> prev_window_new_;  // by group
  uint64_t known_before_ = 0;
  // Per-customer scratch, reused.
  std::vector<uint8_t> keep_;
  std::vector<int32_t> period_;
  std::vector<uint32_t> group_;
  std::vector<Session> session_list_;
  // Distinct-customer bookkeeping of the customer being consumed, per group
  // (0 = every group): the open (period, day, month) and what it holds.
  struct GroupMarks {
    bool touched = false;
    int64_t period = -1;  // open mark
    uint64_t bits = 0;
    double revenue = 0;
    int64_t prev_period = -1;  // the last closed mark, for series churn
    bool prev_active = false;
    double prev_revenue = 0;
    uint64_t in_range_bits = 0;  // the whole-range column
    int64_t day = -1;
    int64_t month = -1;
    double month_revenue = 0;
  };
  // The group's state for this customer, fresh on first use. REQUIRES:
  // marks_state_ covers g.
  GroupMarks& Touch(uint32_t g) {
    GroupMarks& st = marks_state_[g];
    if (!st.touched) {
      st = GroupMarks{};
      st.touched = true;
      touched_.push_back(g);
    }
    return st;
  }
  void AddMark(GroupMarks& st, uint32_t g, size_t p, uint64_t bits, double revenue);
  void CountMark(uint32_t g, size_t p, uint64_t bits);
  void CloseMark(uint32_t g, GroupMarks* st);
  void ChurnAfter(uint32_t g, const GroupMarks& st, bool still);
  void AddDay(GroupMarks& st, uint32_t g, size_t d);
  void AddMonth(GroupMarks& st, uint32_t g, size_t m, double revenue);
  void CloseMonth(uint32_t g, const GroupMarks& st, int64_t next_month);
  void FinishMarks();
  std::vector<GroupMarks> marks_state_;
  std::vector<uint32_t> touched_;
  double lifespan_days_ = 0;  // the customer's last_ts - first_ts, in days
  std::vector<std::pair<uint64_t, uint32_t>> feature_marks_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MEASURE_CONSUMER_H_
