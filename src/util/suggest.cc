#include "util/suggest.h"

#include <algorithm>
#include <numeric>

namespace touchpoint {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsFolded(std::string_view haystack, std::string_view needle) {
  if (needle.empty() || needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && Lower(haystack[i + j]) == Lower(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

// Names listed when nothing is close: enough to show what exists.
constexpr size_t kListedWhenFar = 8;

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  // Three rows of the dynamic programme: two back for transpositions.
  std::vector<size_t> before(m + 1), prev(m + 1), cur(m + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) && Lower(a[i - 2]) == Lower(b[j - 1])) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::vector<std::string> ClosestNames(std::string_view name, const std::vector<std::string>& known, size_t limit) {
  struct Candidate {
    size_t distance, order;
  };
  std::vector<Candidate> close;
  for (size_t i = 0; i < known.size(); ++i) {
    const size_t d = EditDistance(name, known[i]);
    const size_t longer = std::max(name.size(), known[i].size());
    const size_t allowed = std::clamp<size_t>(longer / 3, 1, 3);
    // A fragment of a longer name ("view" for "page_view") is a fair guess
    // too, ranked after the near misses.
    if (d <= allowed) {
      close.push_back({d, i});
    } else if (name.size() >= 3 && ContainsFolded(known[i], name)) {
      close.push_back({allowed + 1 + known[i].size() - name.size(), i});
    }
  }
  std::stable_sort(close.begin(), close.end(),
                   [](const Candidate& x, const Candidate& y) { return x.distance < y.distance; });
  std::vector<std::string> out;
  for (size_t i = 0; i < close.size() && out.size() < limit; ++i) out.push_back(known[close[i].order]);
  return out;
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& known) {
  if (known.empty()) return "";
  const std::vector<std::string> close = ClosestNames(name, known);
  std::string out;
  if (!close.empty()) {
    out = " (did you mean ";
    for (size_t i = 0; i < close.size(); ++i) {
      if (i > 0) out += i + 1 == close.size() ? " or " : ", ";
      out += "'" + close[i] + "'";
    }
    return out + "?)";
  }
  out = " (known: ";
  for (size_t i = 0; i < known.size() && i < kListedWhenFar; ++i) out += (i ? ", " : "") + known[i];
  if (known.size() > kListedWhenFar) out += ", ... " + std::to_string(known.size() - kListedWhenFar) + " more";
  return out + ")";
}

}  // namespace touchpoint
