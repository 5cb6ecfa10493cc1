//===- tools/hfc/parameter_values.cpp - Parameter values given by name ----===//
#include "tools/hfc/parameter_values.h"

#include "frontend/json_text.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace hf::cli {

namespace {

/// Case-insensitive edit distance, for "did you mean".
size_t editDistance(const std::string &a, const std::string &b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string suggestion(const ir::Module &m, const std::string &name) {
  std::string best;
  size_t bestDistance = std::max<size_t>(3, name.size() / 3) + 1;
  auto consider = [&](const std::string &candidate) {
    size_t d = editDistance(name, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  };
  for (const ir::ParamSet &s : m.paramsets)
    consider(s.name);
  for (const ir::Parameter &p : m.params)
    consider(p.name);
  return best.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", best);
}

} // namespace

std::vector<uint32_t> resolveParameter(const ir::Module &m, const std::string &name,
                                       const std::string &where) {
  int index = m.findParameter(name);
  if (index >= 0)
    return {static_cast<uint32_t>(index)};
  for (const ir::ParamSet &s : m.paramsets) {
    if (s.name != name)
      continue;
    std::vector<uint32_t> indices;
    for (uint32_t i = 0; i < s.size; ++i)
      indices.push_back(s.start + i);
    return indices;
  }
  throw InputError(fmt::format("{}: error: unknown parameter \"{}\"{}; 'hfc inspect MODEL --parameters' "
                               "lists them",
                               where, name, suggestion(m, name)));
}

void assignParameter(const ir::Module &m, std::vector<double> &theta, const std::string &name,
                     const std::vector<double> &values, const std::string &where) {
  std::vector<uint32_t> indices = resolveParameter(m, name, where);
  if (values.size() != indices.size())
    throw InputError(fmt::format("{}: error: \"{}\" has {} component{} but {} value{} given{}", where, name,
                                 indices.size(), indices.size() == 1 ? "" : "s", values.size(),
                                 values.size() == 1 ? " was" : "s were",
                                 indices.size() > 1 && values.size() == 1
                                     ? fmt::format(" (set one with \"{}[0]\")", name)
                                     : ""));
  for (size_t i = 0; i < indices.size(); ++i) {
    if (!std::isfinite(values[i]))
      throw InputError(fmt::format("{}: error: the value of \"{}\" must be a finite number", where, name));
    theta[indices[i]] = values[i];
  }
}

void applyAssignment(const ir::Module &m, std::vector<double> &theta, const std::string &assignment,
                     const std::string &option) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(fmt::format("{}: error: expected NAME=VALUE, found \"{}\"", option, assignment));
  std::string name = assignment.substr(0, eq);
  std::vector<double> values;
  size_t start = eq + 1;
  while (true) {
    size_t comma = assignment.find(',', start);
    std::string item = assignment.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    char *end = nullptr;
    double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0')
      throw InputError(fmt::format("{}: error: \"{}\" is not a number (in \"{}\")", option, item, assignment));
    values.push_back(v);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  assignParameter(m, theta, name, values, option);
}

void applyParsFile(const ir::Module &m, std::vector<double> &theta, const std::string &file) {
  Json doc = readJsonFile(file);
  if (!doc.is_object())
    throw InputError(fmt::format("{}: error: expected an object {{\"name\": value, ...}}", file));
  for (const auto &item : doc.items()) {
    std::string where = fmt::format("{}: /{}", file, item.key());
    std::vector<double> values;
    const Json &v = item.value();
    if (v.is_number()) {
      values.push_back(v.get<double>());
    } else if (v.is_array() && !v.empty() &&
               std::all_of(v.begin(), v.end(), [](const Json &x) { return x.is_number(); })) {
      for (const Json &x : v)
        values.push_back(x.get<double>());
    } else {
      throw InputError(fmt::format("{}: error: expected a number or a list of numbers", where));
    }
    assignParameter(m, theta, item.key(), values, where);
  }
}

} // namespace hf::cli
