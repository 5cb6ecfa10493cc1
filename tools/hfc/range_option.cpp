//===- tools/hfc/range_option.cpp - "lo:hi:n" grids on the command line ---===//
#include "tools/hfc/range_option.h"

#include "hf/error.h"
#include "runtime/profile_scan.h"

#include <fmt/format.h>

#include <cstdio>

namespace hf::cli {

std::vector<double> parseRange(const std::string &text, const std::string &where) {
  double lo = 0, hi = 0;
  int n = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lf:%lf:%d%c", &lo, &hi, &n, &tail) != 3 || n < 1 || !(lo <= hi))
    throw InputError(fmt::format("{}: error: expected LO:HI:N with LO <= HI and N >= 1, found \"{}\"", where, text));
  return evenlySpaced(lo, hi, n);
}

std::pair<double, double> parseBracket(const std::string &text, const std::string &where) {
  double lo = 0, hi = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lf:%lf%c", &lo, &hi, &tail) != 2 || !(lo < hi))
    throw InputError(fmt::format("{}: error: expected LO:HI with LO < HI, found \"{}\"", where, text));
  return {lo, hi};
}

} // namespace hf::cli
