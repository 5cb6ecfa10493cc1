//===- tools/hfc/cmd_cache.cpp - hfc cache: the disk cache of machine code -===//
//
//   hfc cache            {"directory", "objects", "bytes"}
//   hfc cache --clear    {"directory", "removed"}
//
// The JIT keeps object files between runs (codegen/object_cache.h) in
// $HFC_CACHE_DIR or ~/.cache/hfc. This shows how much is there and empties
// it; only the cache's own files (*.o, and *.tmp a killed run left) are
// touched, never anything else in the directory.
//
//===----------------------------------------------------------------------===//
#include "codegen/object_cache.h"
#include "frontend/json.h"
#include "hf/error.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace hf::cli {

namespace {

namespace fs = std::filesystem;

/// A file the cache wrote: "<64 hex digits>.o" or a temporary "<key>-XXXXXX.tmp".
bool isCacheFile(const fs::directory_entry &entry) {
  std::string ext = entry.path().extension().string();
  return entry.is_regular_file() && (ext == ".o" || ext == ".tmp") && entry.path().stem().string().size() >= 64;
}

void runCache(bool clear) {
  std::string dir = codegen::defaultObjectCacheDir();
  if (dir.empty()) {
    printJson(Json{{"directory", nullptr}, {"note", "the disk cache is off (HFC_CACHE_DIR is set and empty, or no HOME)"}});
    return;
  }
  size_t objects = 0, bytes = 0, removed = 0;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    for (const fs::directory_entry &entry : fs::directory_iterator(dir, ec)) {
      if (!isCacheFile(entry))
        continue;
      if (clear) {
        if (fs::remove(entry.path(), ec))
          ++removed;
        else if (ec)
          throw ComputeError(fmt::format("error: cannot remove {}: {}", entry.path().string(), ec.message()));
        continue;
      }
      objects += entry.path().extension() == ".o";
      bytes += entry.file_size(ec);
    }
  }
  if (clear)
    printJson(Json{{"directory", dir}, {"removed", removed}});
  else
    printJson(Json{{"directory", dir}, {"objects", objects}, {"bytes", bytes}});
}

} // namespace

void registerCache(CLI::App &app) {
  auto clear = std::make_shared<bool>(false);
  CLI::App *cmd = app.add_subcommand(
      "cache", "The disk cache of compiled machine code ($HFC_CACHE_DIR, else ~/.cache/hfc): size, or --clear");
  cmd->add_flag("--clear", *clear, "remove the cached object files");
  cmd->callback([clear] { runCache(*clear); });
}

} // namespace hf::cli
