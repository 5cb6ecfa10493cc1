//===- codegen/cache_dir.cpp - The disk cache's directory and its cap -----===//
#include "codegen/cache_dir.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>
#include <vector>

namespace hf::codegen {

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

bool isCacheFileName(const std::string &name) {
  size_t dot = name.find('.');
  if (dot == std::string::npos)
    return false;
  std::string stem = name.substr(0, dot), ext = name.substr(dot);
  if (ext == ".tmp") // a temporary "<key>-XXXXXX.tmp" of a writer that died
    return stem.size() > 64;
  if (ext != ".o" && ext != ".so" && ext != ".model")
    return false;
  return stem.size() == 64 && std::all_of(stem.begin(), stem.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

void evictCacheBeyondCap(const std::string &dir, const std::string &keep) {
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
    if (!isCacheFileName(e.path().filename().string()) || !e.is_regular_file(fileEc))
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

bool writeCacheFile(const std::string &dir, const std::string &name, const std::string &bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return false;
  std::string temp = dir + "/" + tempCacheName(name);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      return false;
    }
  }
  fs::rename(temp, dir + "/" + name, ec);
  if (ec) {
    fs::remove(temp, ec);
    return false;
  }
  evictCacheBeyondCap(dir, dir + "/" + name);
  return true;
}

std::string tempCacheName(const std::string &name) {
  static thread_local std::mt19937_64 random{std::random_device{}() ^ static_cast<uint64_t>(::getpid())};
  char suffix[8];
  for (char &c : suffix)
    c = "0123456789abcdef"[random() % 16];
  return name.substr(0, name.find('.')) + "-" + std::string(suffix, 6) + ".tmp";
}

} // namespace hf::codegen
