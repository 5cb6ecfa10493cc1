//===- runtime/profile_scan.cpp - Profile likelihood of one parameter -----===//
#include "runtime/profile_scan.h"

#include "hf/error.h"

#include <fmt/format.h>

namespace hf {

std::vector<double> evenlySpaced(double lo, double hi, int n) {
  std::vector<double> values;
  for (int k = 0; k < n; ++k)
    values.push_back(n == 1 ? lo : lo + (hi - lo) * k / (n - 1));
  return values;
}

ProfileScan profileScan(const Fitter &fitter, const Dataset &data, const FitSettings &settings, uint32_t par,
                        const std::vector<double> &values, const std::function<void(double)> &onPoint) {
  const std::string &name = fitter.likelihood().model().params[par].name;
  for (double v : values)
    if (!(v >= settings.lo[par] && v <= settings.hi[par]))
      throw InputError(fmt::format("error: {} = {} is outside its bounds [{}, {}]", name, v, settings.lo[par],
                                   settings.hi[par]));
  ProfileScan scan;
  scan.best = fitter.fit(data, settings);
  scan.values = values;
  std::vector<double> warm = scan.best.theta;
  for (double v : values) {
    if (onPoint)
      onPoint(v);
    FitSettings fixedHere = settings;
    fixedHere.init[par] = v;
    fixedHere.fixed[par] = true;
    FitResult r = fitter.fit(data, fixedHere, false, &warm);
    warm = r.theta;
    scan.twiceNll.push_back(r.twiceNll);
    scan.deltaTwiceNll.push_back(r.twiceNll - scan.best.twiceNll);
  }
  return scan;
}

} // namespace hf
