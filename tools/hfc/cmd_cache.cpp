//===- tools/hfc/cmd_cache.cpp - hfc cache: the disk cache of machine code -===//
//
//   hfc cache            {"directory", "objects", "shared_objects", "models", "bytes"}
//   hfc cache --clear    {"directory", "removed"}
//
// The JIT keeps object files between runs (codegen/object_cache.h), and
// per model a shared object and its constant pools
// (codegen/shared_object_cache.h), in $HFC_CACHE_DIR or ~/.cache/hfc. This
// shows how much is there and empties it; only the cache's own files (*.o,
// *.so, *.model, and *.tmp a killed run left) are touched, never anything
// else in the directory.
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

/// A file the cache wrote (codegen/cache_dir.h).
bool isCacheFile(const fs::directory_entry &entry) {
  return entry.is_regular_file() && codegen::isCacheFileName(entry.path().filename().string());
}

void runCache(bool clear) {
  std::string dir = codegen::defaultObjectCacheDir();
  if (dir.empty()) {
    printJson(Json{{"directory", nullptr}, {"note", "the disk cache is off (HFC_CACHE_DIR is set and empty, or no HOME)"}});
    return;
  }
  size_t objects = 0, sharedObjects = 0, models = 0, bytes = 0, removed = 0;
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
      sharedObjects += entry.path().extension() == ".so";
      models += entry.path().extension() == ".model";
      bytes += entry.file_size(ec);
    }
  }
  if (clear)
    printJson(Json{{"directory", dir}, {"removed", removed}});
  else
    printJson(Json{{"directory", dir}, {"objects", objects}, {"shared_objects", sharedObjects}, {"models", models},
                   {"bytes", bytes}});
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
