//===- tools/hfc/toy_file.cpp - Toy distributions written, read and merged -===//
#include "tools/hfc/toy_file.h"

#include "frontend/json.h"
#include "frontend/json_text.h"
#include "hf/error.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hf::cli {

namespace {

/// NaN (a failed toy) as null: JSON has no NaN.
Json statistics(const std::vector<double> &values) {
  Json a = Json::array();
  for (double v : values)
    a.push_back(std::isnan(v) ? Json(nullptr) : Json(v));
  return a;
}

const Json &member(const Json &doc, const char *key, const std::string &path) {
  if (!doc.is_object() || !doc.contains(key))
    throw InputError(fmt::format("error: {}: not an hfc toy file: no \"{}\"", path, key));
  return doc[key];
}

double number(const Json &doc, const char *key, const std::string &path) {
  const Json &v = member(doc, key, path);
  if (!v.is_number())
    throw InputError(fmt::format("error: {}: /{}: expected a number", path, key));
  return v.get<double>();
}

uint64_t count(const Json &doc, const char *key, const std::string &path) {
  const Json &v = member(doc, key, path);
  if (!v.is_number_unsigned())
    throw InputError(fmt::format("error: {}: /{}: expected a non-negative integer", path, key));
  return v.get<uint64_t>();
}

std::vector<double> readStatistics(const Json &doc, const char *key, const std::string &path) {
  const Json &a = member(doc, key, path);
  if (!a.is_array())
    throw InputError(fmt::format("error: {}: /{}: expected an array of numbers", path, key));
  std::vector<double> values;
  values.reserve(a.size());
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k].is_null())
      values.push_back(std::numeric_limits<double>::quiet_NaN());
    else if (a[k].is_number())
      values.push_back(a[k].get<double>());
    else
      throw InputError(fmt::format("error: {}: /{}/{}: expected a number or null", path, key, k));
  }
  return values;
}

} // namespace

void writeToyFile(const std::string &path, const ToyFile &toys) {
  Json doc{{"hfc_toys", 1},
           {"test_stat", toys.testStat},
           {"mu", toys.mu},
           {"seed", toys.seed},
           {"q_obs", toys.qObs},
           {"mu_hat", toys.muHat},
           {"first_toy", toys.firstToy},
           {"ntoys", toys.signal.size()},
           {"signal", statistics(toys.signal)},
           {"background", statistics(toys.background)}};
  writeFileAtomically(path, doc.dump() + "\n");
}

ToyFile readToyFile(const std::string &path) {
  Json doc = readJsonFile(path);
  if (count(doc, "hfc_toys", path) != 1)
    throw InputError(fmt::format("error: {}: /hfc_toys: expected 1 (the only version)", path));
  ToyFile t;
  const Json &stat = member(doc, "test_stat", path);
  if (!stat.is_string())
    throw InputError(fmt::format("error: {}: /test_stat: expected a string", path));
  t.testStat = stat.get<std::string>();
  t.mu = number(doc, "mu", path);
  t.seed = count(doc, "seed", path);
  t.qObs = number(doc, "q_obs", path);
  t.muHat = number(doc, "mu_hat", path);
  t.firstToy = count(doc, "first_toy", path);
  uint64_t n = count(doc, "ntoys", path);
  t.signal = readStatistics(doc, "signal", path);
  t.background = readStatistics(doc, "background", path);
  if (t.signal.size() != n || t.background.size() != n)
    throw InputError(fmt::format("error: {}: /signal and /background: expected {} toys each (/ntoys), found {} and {}",
                                 path, n, t.signal.size(), t.background.size()));
  return t;
}

ToyFile mergeToyFiles(const std::vector<ToyFile> &files, const std::vector<std::string> &paths) {
  if (files.empty())
    throw InputError("error: toys merge: expected at least one file");
  const ToyFile &first = files[0];
  for (size_t k = 1; k < files.size(); ++k) {
    const ToyFile &f = files[k];
    auto differs = [&](const char *what, const std::string &a, const std::string &b) {
      throw InputError(fmt::format("error: {}: its {} is {}, {}'s is {}: toys of different tests do not merge",
                                   paths[k], what, b, paths[0], a));
    };
    if (f.testStat != first.testStat)
      differs("test_stat", first.testStat, f.testStat);
    if (f.mu != first.mu)
      differs("mu", fmt::format("{}", first.mu), fmt::format("{}", f.mu));
    if (f.seed != first.seed)
      differs("seed", fmt::format("{}", first.seed), fmt::format("{}", f.seed));
    // The observed statistic is a fit to the same data: equal to rounding.
    if (std::abs(f.qObs - first.qObs) > 1e-8 * std::max(1.0, std::abs(first.qObs)))
      differs("q_obs (another model or data?)", fmt::format("{}", first.qObs), fmt::format("{}", f.qObs));
  }
  std::vector<size_t> order(files.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return files[a].firstToy < files[b].firstToy; });
  ToyFile merged = files[order[0]];
  merged.signal.clear();
  merged.background.clear();
  uint64_t next = files[order[0]].firstToy;
  for (size_t k : order) {
    const ToyFile &f = files[k];
    if (f.firstToy != next)
      throw InputError(fmt::format("error: {}: toys {}…{}, but the files before it end at toy {}: the ranges {}",
                                   paths[k], f.firstToy, f.firstToy + f.signal.size() - 1, next,
                                   f.firstToy < next ? "overlap (the same toys twice)" : "leave a gap"));
    merged.signal.insert(merged.signal.end(), f.signal.begin(), f.signal.end());
    merged.background.insert(merged.background.end(), f.background.begin(), f.background.end());
    next += f.signal.size();
  }
  return merged;
}

} // namespace hf::cli
