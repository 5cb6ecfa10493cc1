//===- tools/hfc/parameter_values.cpp - Parameter values given by name ----===//
#include "tools/hfc/parameter_values.h"

#include "frontend/json_text.h"
#include "frontend/nearest_name.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace hf::cli {

namespace {

std::string suggestion(const ir::Module &m, const std::string &name) {
  std::vector<std::string> names;
  for (const ir::ParamSet &s : m.paramsets)
    names.push_back(s.name);
  for (const ir::Parameter &p : m.params)
    names.push_back(p.name);
  return didYouMean(name, names);
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
