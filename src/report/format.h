// How numbers, durations, intervals and group keys read in tables: one
// place, so every table rounds, pads and names things alike. JSON and CSV
// carry raw values and do not use these. Pure functions; thread-safe.
#ifndef TOUCHPOINT_REPORT_FORMAT_H_
#define TOUCHPOINT_REPORT_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace touchpoint::report {

// What a table shows for a missing or undefined value.
inline constexpr std::string_view kMissing = "-";

// `v` with `decimals` decimals; kMissing when not finite.
std::string Fixed(double v, int decimals);
// "12.34%"; kMissing when not finite.
std::string Percent(double v, int decimals = 2);
// 1234567 -> "1,234,567".
std::string Thousands(uint64_t n);
// 1536 -> "1.5 KiB".
std::string Bytes(uint64_t n);
// Seconds for people: "45 s", "2 m 05 s", "2 h 14 m", "7 d", "3 d 4 h";
// under 10 s with one decimal; kMissing when not finite.
std::string HumanDuration(double seconds);
// "[1.20, 3.40]" (with `suffix` after each bound); "" when either bound is
// not finite.
std::string Interval(double low, double high, int decimals, std::string_view suffix = "");
// An instant as people in `tz` (IANA, "" or "UTC") read it: "2024-03-01"
// at local midnight, else "2024-03-01 10:15", with seconds and
// milliseconds only when it has them. An unknown zone reads as UTC.
std::string LocalTime(int64_t unix_ms, std::string_view tz);
// `text` wrapped at spaces into lines of at most `width` characters, every
// line after the first indented by `indent`; each line ends in a newline.
std::string Wrapped(std::string_view text, size_t width, std::string_view indent = "  ");
// A group key as people read it: the parts of a two-column key joined by
// " / ", and an empty value as "(none)".
std::string DisplayKey(std::string_view key);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_FORMAT_H_
