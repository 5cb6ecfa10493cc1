//===- codegen/object_cache.cpp - Machine code kept on disk between runs --===//
#include "codegen/object_cache.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace hf::codegen {

namespace {
/// Bumped whenever the code generator changes what it emits for a given IR
/// text in a way the text does not show (it is in the key).
constexpr const char *kFormat = "hfc-object-cache-1";
} // namespace

std::string defaultObjectCacheDir() {
  if (const char *dir = std::getenv("HFC_CACHE_DIR"))
    return dir;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/hfc";
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/hfc";
  return "";
}

namespace {
/// The cap in bytes: $HFC_CACHE_MAX as a number with an optional K, M or G
/// suffix (powers of 1024; 0 = no cap), else 256 MiB. A value that does not
/// parse gets the default (the cache is an optimization: no error).
uint64_t cacheMaxBytes() {
  constexpr uint64_t kDefault = 256ull << 20;
  const char *text = std::getenv("HFC_CACHE_MAX");
  if (!text || !*text)
    return kDefault;
  char *end = nullptr;
  errno = 0;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (errno || end == text)
    return kDefault;
  int shift = 0;
  switch (*end) {
  case 'k': case 'K': shift = 10; ++end; break;
  case 'm': case 'M': shift = 20; ++end; break;
  case 'g': case 'G': shift = 30; ++end; break;
  default: break;
  }
  if (*end == 'B' || *end == 'b')
    ++end;
  if (*end || value > (UINT64_MAX >> shift))
    return kDefault;
  return static_cast<uint64_t>(value) << shift;
}
} // namespace

std::string ObjectCache::key(const std::string &irText, int optLevel, const llvm::TargetMachine &tm) {
  std::string identity = std::string(kFormat) + "\nllvm " LLVM_VERSION_STRING "\nhfc " HFC_VERSION "\ntriple " +
                         tm.getTargetTriple().str() + "\ncpu " + tm.getTargetCPU().str() + "\nfeatures " +
                         tm.getTargetFeatureString().str() + "\nopt " + std::to_string(optLevel) + "\n";
  llvm::SHA256 hash;
  hash.update(identity);
  hash.update(irText);
  std::array<uint8_t, 32> digest = hash.final();
  return llvm::toHex(digest, /*LowerCase=*/true);
}

std::string ObjectCache::path(const std::string &key) const { return dir_ + "/" + key + ".o"; }

std::unique_ptr<llvm::MemoryBuffer> ObjectCache::load(const std::string &key) const {
  if (dir_.empty())
    return nullptr;
  auto buffer = llvm::MemoryBuffer::getFile(path(key), /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return nullptr;
  // Only a well-formed object file is used; anything else is a miss.
  auto object = llvm::object::ObjectFile::createObjectFile((*buffer)->getMemBufferRef());
  if (!object) {
    llvm::consumeError(object.takeError());
    return nullptr;
  }
  // A hit makes the file the most recently used (eviction goes by mtime).
  std::error_code ec;
  std::filesystem::last_write_time(path(key), std::filesystem::file_time_type::clock::now(), ec);
  return std::move(*buffer);
}

namespace {
/// Removes least recently used objects (by mtime; a hit refreshes it),
/// never `keep`, until the cache's objects fit under the cap again.
void evictBeyondCap(const std::string &dir, const std::string &keep) {
  namespace fs = std::filesystem;
  const uint64_t maxBytes = cacheMaxBytes();
  if (maxBytes == 0)
    return;
  struct Entry {
    fs::file_time_type time;
    uint64_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (const fs::directory_entry &e : fs::directory_iterator(dir, ec)) {
    std::error_code fileEc;
    // Only the cache's own objects: "<64 hex digits>.o".
    if (e.path().extension() != ".o" || e.path().stem().string().size() != 64 || !e.is_regular_file(fileEc))
      continue;
    uint64_t size = e.file_size(fileEc);
    fs::file_time_type time = e.last_write_time(fileEc);
    if (fileEc)
      continue;
    total += size;
    if (e.path() != fs::path(keep))
      entries.push_back({time, size, e.path()});
  }
  if (total <= maxBytes)
    return;
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.time < b.time; });
  for (const Entry &e : entries) {
    if (total <= maxBytes)
      break;
    // Another process may have removed it first: fine either way.
    if (fs::remove(e.path, ec) || ec)
      total -= e.size;
  }
}
} // namespace

bool ObjectCache::store(const std::string &key, const llvm::MemoryBuffer &object) const {
  if (dir_.empty() || llvm::sys::fs::create_directories(dir_))
    return false;
  llvm::SmallString<256> temp;
  int fd = -1;
  if (llvm::sys::fs::createUniqueFile(dir_ + "/" + key + "-%%%%%%.tmp", fd, temp))
    return false;
  bool written;
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << object.getBuffer();
    out.close();
    written = !out.has_error();
    out.clear_error();
  }
  if (!written || llvm::sys::fs::rename(temp, path(key))) {
    llvm::sys::fs::remove(temp);
    return false;
  }
  evictBeyondCap(dir_, path(key));
  return true;
}

} // namespace hf::codegen
