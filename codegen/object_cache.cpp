//===- codegen/object_cache.cpp - Machine code kept on disk between runs --===//
#include "codegen/object_cache.h"

#include "codegen/cache_dir.h"

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
constexpr const char *kFormat = "hfc-object-cache-2"; // 2: position-independent code (linked into .so)
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
  evictCacheBeyondCap(dir_, path(key));
  return true;
}

} // namespace hf::codegen
