//===- analysis/store.cpp - The template histograms under HistogramFolder ===//
#include "analysis/store.h"

#include "frontend/json_text.h"
#include "frontend/python_json.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace hf::analysis {

std::string templateFile(const std::string &folder) {
  return (std::filesystem::path(folder) / "templates.json").string();
}

TemplateSet loadTemplates(const std::string &folder) {
  std::string file = templateFile(folder);
  if (!std::filesystem::exists(file))
    throw InputError(fmt::format("{}: error: no templates here (expected the file `hfc templates CONFIG` writes "
                                 "to the config's HistogramFolder)",
                                 file));
  Json doc = readJsonFile(file);
  TemplateSet out;
  if (!doc.is_object())
    throw InputError(fmt::format("{}: error: expected an object of templates", file));
  for (const auto &[name, h] : doc.items()) {
    auto numbers = [&](const char *key) {
      if (!h.is_object() || !h.contains(key) || !h[key].is_array())
        throw InputError(fmt::format("{}: error: /{}/{}: expected an array of numbers", file, name, key));
      std::vector<double> v;
      for (const Json &x : h[key]) {
        if (!x.is_number())
          throw InputError(fmt::format("{}: error: /{}/{}: expected an array of numbers", file, name, key));
        v.push_back(x.get<double>());
      }
      return v;
    };
    Histogram hist{numbers("bins"), numbers("yields"), numbers("stdev")};
    if (hist.bins.size() != hist.yields.size() + 1 || hist.stdev.size() != hist.yields.size())
      throw InputError(fmt::format("{}: error: /{}: expected n+1 bins, n yields and n stdev", file, name));
    out.emplace(name, std::move(hist));
  }
  return out;
}

void saveTemplates(const std::string &folder, const TemplateSet &templates) {
  std::error_code ec;
  if (!folder.empty())
    std::filesystem::create_directories(folder, ec);
  if (ec)
    throw InputError(fmt::format("{}: error: cannot create the histogram folder: {}", folder, ec.message()));
  Json doc = Json::object();
  for (const auto &[name, h] : templates)
    doc[name] = Json{{"bins", h.bins}, {"yields", h.yields}, {"stdev", h.stdev}};
  std::string text = pythonJsonPretty(doc, true) + "\n";
  std::string file = templateFile(folder);
  std::string tmp = file + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush())
      throw InputError(fmt::format("{}: error: cannot write: {}", file, std::strerror(errno)));
  }
  if (std::rename(tmp.c_str(), file.c_str()) != 0) {
    int err = errno;
    std::remove(tmp.c_str());
    throw InputError(fmt::format("{}: error: cannot write: {}", file, std::strerror(err)));
  }
}

const Histogram &findTemplate(const TemplateSet &templates, const std::string &name, bool modified,
                              const std::string &folder) {
  if (modified) {
    auto it = templates.find(name + "_modified");
    if (it != templates.end())
      return it->second;
  }
  auto it = templates.find(name);
  if (it == templates.end())
    throw InputError(fmt::format("{}: error: no template '{}' (expected it from `hfc templates CONFIG`; was the "
                                 "config changed since?)",
                                 templateFile(folder), name));
  return it->second;
}

} // namespace hf::analysis
