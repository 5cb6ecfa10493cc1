//===- analysis/histogram.cpp - A template histogram and its name --------===//
#include "analysis/histogram.h"

#include <algorithm>

namespace hf::analysis {

std::string histogramName(const std::string &region, const std::string &sample, const std::string &systematic,
                          bool up) {
  std::string name = region + "_" + sample;
  if (!systematic.empty())
    name += "_" + systematic + (up ? "_Up" : "_Down");
  std::replace(name.begin(), name.end(), ' ', '-');
  return name;
}

double pythonSum(const std::vector<double> &values) {
  double sum = 0;
  for (double v : values)
    sum += v;
  return sum;
}

} // namespace hf::analysis
