//===- codegen/cache_dir.h - The disk cache's directory and its cap -------===//
//
// The files both levels of the disk cache keep (object_cache.h: "<key>.o";
// shared_object_cache.h: "<key>.so", "<key>.model"), all named by a SHA-256
// in hex, and what they share: where the directory is, how a file is
// written whole, and the size cap ($HFC_CACHE_MAX, default 256 MiB) kept by
// removing the least recently used files (by mtime; a hit refreshes it).
// No LLVM here: the process that finds everything cached never loads it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace hf::codegen {

/// The default directory: $HFC_CACHE_DIR if set ("" when it is set but
/// empty: no cache), else $XDG_CACHE_HOME/hfc, else $HOME/.cache/hfc, else "".
std::string defaultObjectCacheDir();

/// Whether `name` is one of the cache's own files ("<64 hex digits>.o",
/// ".so" or ".model", or a writer's "<key>-XXXXXX.tmp").
bool isCacheFileName(const std::string &name);

/// A temporary name for writing `name` beside it ("<key>-XXXXXX.tmp").
std::string tempCacheName(const std::string &name);

/// Writes `bytes` to dir/name whole (a temporary file, then a rename), then
/// keeps the cap; false when it could not (no error: the cache is an
/// optimization).
bool writeCacheFile(const std::string &dir, const std::string &name, const std::string &bytes);

/// Removes least recently used cache files, never `keep`, until the
/// cache fits under the cap again.
void evictCacheBeyondCap(const std::string &dir, const std::string &keep);

} // namespace hf::codegen
