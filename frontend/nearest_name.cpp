//===- frontend/nearest_name.cpp - "did you mean" for a name that is not there ===//
#include "frontend/nearest_name.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace hf {

namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

/// One of a and b starts with the other, ignoring case.
bool prefixRelated(std::string_view a, std::string_view b) {
  std::string_view shorter = a.size() < b.size() ? a : b, longer = a.size() < b.size() ? b : a;
  if (shorter.size() < 2)
    return false;
  for (size_t i = 0; i < shorter.size(); ++i)
    if (lower(shorter[i]) != lower(longer[i]))
      return false;
  return true;
}
} // namespace

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string nearestName(std::string_view name, const std::vector<std::string> &candidates) {
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  std::string best;
  size_t bestDistance = 0;
  for (const std::string &c : candidates) {
    if (c == name)
      continue;
    size_t d = editDistance(name, c);
    if (d > limit && !prefixRelated(name, c))
      continue;
    if (best.empty() || d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

std::string didYouMean(std::string_view name, const std::vector<std::string> &candidates) {
  std::string best = nearestName(name, candidates);
  return best.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", best);
}

} // namespace hf
