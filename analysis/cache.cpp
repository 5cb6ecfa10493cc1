//===- analysis/cache.cpp - A config as a model: the cached build --------===//
#include "analysis/cache.h"

#include "analysis/pipeline.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/python_json.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace hf::analysis {

namespace {

/// "path size mtime" of every input file (missing files too: building will
/// report them).
std::string inputsKey(const Config &config, const std::string &baseDir) {
  std::set<std::string> files;
  InputKind kind = inputKind(config);
  for (const TemplateRef &t : neededTemplates(config)) {
    if (kind == InputKind::Histogram)
      files.insert(histogramSource(config, t, baseDir).file);
    else
      for (const std::string &f : ntupleSource(config, t, baseDir).files)
        files.insert(f);
  }
  std::string key;
  for (const std::string &f : files) {
    struct stat st{};
    if (::stat(f.c_str(), &st) != 0)
      key += fmt::format("{} missing\n", f);
    else
      key += fmt::format("{} {} {}.{:09d}\n", f, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  }
  return key;
}

void writeWhole(const std::string &path, const std::string &text) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush())
      throw InputError(fmt::format("{}: error: cannot write the build cache", path));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw InputError(fmt::format("{}: error: cannot write the build cache", path));
  }
}

} // namespace

std::string cachedWorkspaceFile(const std::string &configPath, const std::string &baseDir) {
  std::string text = readTextFile(configPath);
  Config config = parseConfig(text, configPath);
  PipelineOptions options;
  options.build.baseDir = baseDir;
  std::string folder = histogramFolder(config, options);
  std::string key = "hfc build cache 1\nconfig " + std::filesystem::absolute(configPath).string() + "\n" + text +
                    "\ninputs\n" + inputsKey(config, baseDir);
  std::string wsFile = (std::filesystem::path(folder) / "workspace.json").string();
  std::string keyFile = (std::filesystem::path(folder) / "workspace.key").string();
  std::error_code ec;
  if (std::filesystem::exists(wsFile, ec) && std::filesystem::exists(keyFile, ec)) {
    std::ifstream in(keyFile, std::ios::binary);
    std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (stored == key)
      return wsFile;
  }
  Json ws = runBuild(config, options);
  readWorkspace(ws, configPath + " (the workspace built from it)");
  writeWhole(wsFile, pythonJsonPretty(ws, true));
  writeWhole(keyFile, key);
  return wsFile;
}

} // namespace hf::analysis
