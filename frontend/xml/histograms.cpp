//===- frontend/xml/histograms.cpp - The ROOT histograms an XML config names ===//
#include "frontend/xml/histograms.h"

#include "frontend/diagnostics.h"
#include "io/root/root.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>

namespace hf::xml {

HistogramSource::HistogramSource(std::string basedir) : basedir_(std::move(basedir)) {}
HistogramSource::~HistogramSource() = default;

std::string HistogramSource::resolve(const std::string &file) const {
  if (basedir_.empty())
    return file;
  // As pathlib's joinpath: an absolute file name stands on its own.
  return (std::filesystem::path(basedir_) / file).lexically_normal().string();
}

std::shared_ptr<const root::File> HistogramSource::open(const std::string &inputFile, const Loc &where) {
  if (inputFile.empty())
    failAt(where, "no InputFile for this histogram (give InputFile on the <Channel>, the <Sample> or "
                  "this element)");
  std::string path = resolve(inputFile);
  auto it = files_.find(path);
  if (it != files_.end())
    return it->second;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    failAt(where, fmt::format("InputFile \"{}\": {} does not exist{}", inputFile, path,
                              basedir_.empty() ? " (relative paths start at the working directory; "
                                                 "set another with --basedir)"
                                               : ""));
  std::shared_ptr<const root::File> file;
  try {
    file = root::File::open(path);
  } catch (const InputError &e) {
    failAt(where, fmt::format("InputFile \"{}\" cannot be read: {}", inputFile, e.what()));
  }
  files_.emplace(path, file);
  return file;
}

namespace {

/// Whether `objectPath` ("dir/sub/name") names an object of `file`.
bool exists(const root::File &file, const std::string &objectPath) {
  if (objectPath.empty())
    return false;
  std::string dir;
  size_t start = 0;
  while (true) {
    size_t slash = objectPath.find('/', start);
    std::string part = objectPath.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool found = false, isDir = false;
    for (const root::KeyInfo &k : file.keys(dir))
      if (k.name == part) {
        found = true;
        isDir = isDir || k.isDirectory();
      }
    if (!found)
      return false;
    if (slash == std::string::npos)
      return true;
    if (!isDir)
      return false;
    dir = dir.empty() ? part : dir + "/" + part;
    start = slash + 1;
  }
}

std::string stripSlashes(const std::string &s) {
  size_t b = s.find_first_not_of('/');
  if (b == std::string::npos)
    return "";
  size_t e = s.find_last_not_of('/');
  return s.substr(b, e - b + 1);
}

} // namespace

HistogramValues HistogramSource::read(const std::string &inputFile, const std::string &path,
                                      const std::string &name, const Loc &where) {
  std::shared_ptr<const root::File> file = open(inputFile, where);
  std::string fullName = stripSlashes(path) + "/" + name;
  std::string objectPath;
  if (exists(*file, name))
    objectPath = name;
  else if (exists(*file, fullName))
    objectPath = fullName;
  else {
    std::vector<std::string> names;
    for (const root::KeyInfo &k : file->keys(""))
      names.push_back(k.name);
    if (names.size() > 12) {
      names.resize(12);
      names.push_back("...");
    }
    failAt(where, fmt::format("histogram \"{}\" not found in {} (tried \"{}\" and \"{}\"; its top directory "
                              "holds: {})",
                              name, file->path(), name, fullName, fmt::join(names, ", ")));
  }
  root::Histogram h;
  try {
    h = file->histogram(objectPath);
  } catch (const InputError &e) {
    failAt(where, fmt::format("histogram \"{}\" of {}: {}", objectPath, file->path(), e.what()));
  }
  HistogramValues out;
  size_t n = h.binCount();
  out.values.assign(h.contents.begin() + 1, h.contents.begin() + 1 + static_cast<std::ptrdiff_t>(n));
  out.errors.reserve(n);
  for (size_t i = 1; i <= n; ++i)
    out.errors.push_back(std::sqrt(h.sumw2[i]));
  return out;
}

} // namespace hf::xml
