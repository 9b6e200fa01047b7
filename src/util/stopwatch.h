// Stopwatch: wall-clock seconds between laps, for an analysis's stage
// timings (a report's `timings`). Not thread-safe; one per thread.
#ifndef TOUCHPOINT_UTIL_STOPWATCH_H_
#define TOUCHPOINT_UTIL_STOPWATCH_H_

#include <chrono>

namespace touchpoint {

class Stopwatch {
 public:
  // Seconds since construction or the previous Lap().
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_STOPWATCH_H_
