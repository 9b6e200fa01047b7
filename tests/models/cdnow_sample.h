// The CDNOW 1/10 sample (../shared/data/cdnow/CDNOW_sample.txt) turned into
// the CLV literature's per-customer summary here, independently of
// models/purchase_summary: a test helper for the published-results tests.
#ifndef TOUCHPOINT_TESTS_MODELS_CDNOW_SAMPLE_H_
#define TOUCHPOINT_TESTS_MODELS_CDNOW_SAMPLE_H_

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace touchpoint::testing {

// Days since 1970-01-01 of a yyyymmdd date (Howard Hinnant's days_from_civil).
inline int64_t DayNumber(int64_t yyyymmdd) {
  int64_t y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct CdnowSummary {
  std::vector<std::string> ids;             // sample ids, ascending
  std::vector<double> x, tx, T, m;          // weeks; m = mean repeat-day value
  std::vector<double> holdout;              // purchase days after the calibration end
  size_t transactions = 0;
};

inline std::string CdnowSamplePath() { return SharedDataDir() + "/cdnow/CDNOW_sample.txt"; }

// Calibration through 1997-09-30 (PROVENANCE.md). Empty ids when the file is absent.
inline CdnowSummary LoadCdnowSample() {
  CdnowSummary s;
  std::ifstream in(CdnowSamplePath());
  if (!in) return s;
  const int64_t cal_end = DayNumber(19970930);
  std::map<int, std::map<int64_t, double>> days;  // sample id -> day -> dollars
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string master;
    int id = 0;
    int64_t date = 0;
    int cds = 0;
    double dollars = 0;
    if (!(f >> master >> id >> date >> cds >> dollars)) continue;
    days[id][DayNumber(date)] += dollars;
    ++s.transactions;
  }
  for (const auto& [id, d] : days) {
    const int64_t first = d.begin()->first;
    int64_t last = first;
    double repeat_value = 0;
    int calibration = 0, holdout = 0;
    for (const auto& [day, value] : d) {
      if (day > cal_end) {
        ++holdout;
        continue;
      }
      if (calibration++ > 0) repeat_value += value;
      last = day;
    }
    s.ids.push_back(std::to_string(id));
    s.x.push_back(calibration - 1);
    s.tx.push_back((last - first) / 7.0);
    s.T.push_back((cal_end - first) / 7.0);
    s.m.push_back(calibration > 1 ? repeat_value / (calibration - 1) : 0);
    s.holdout.push_back(holdout);
  }
  return s;
}

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_MODELS_CDNOW_SAMPLE_H_
