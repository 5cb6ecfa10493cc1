//===- codegen/object_cache.h - Machine code kept on disk between runs ----===//
//
// The JIT's functions depend on the model's structure only (codegen.h), so
// their object files can outlive the process: `hfc cls` run again on the
// same model, or on another point of a PatchSet with the same structure,
// loads them instead of running LLVM. A file is named by the SHA-256 of
// everything the machine code depends on: the function's LLVM IR before
// optimization, the optimization level, the target CPU and its features,
// and the versions of LLVM and hfc. Files are written whole (a temporary
// file, then a rename), so concurrent runs never see half a file; a file
// that is not a valid object is ignored. The cache is an optimization only:
// every failure to read or write it falls back to compiling.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/cache_dir.h"

#include <memory>
#include <string>

namespace llvm {
class MemoryBuffer;
class TargetMachine;
} // namespace llvm

namespace hf::codegen {

class ObjectCache {
public:
  explicit ObjectCache(std::string dir) : dir_(std::move(dir)) {}

  /// The key of one function's object: its unoptimized IR and all that
  /// shapes the machine code made from it.
  static std::string key(const std::string &irText, int optLevel, const llvm::TargetMachine &tm);

  /// The object stored under `key`, or null.
  std::unique_ptr<llvm::MemoryBuffer> load(const std::string &key) const;
  /// Stores `object` under `key`; false when it could not (no error).
  bool store(const std::string &key, const llvm::MemoryBuffer &object) const;

private:
  std::string path(const std::string &key) const;
  std::string dir_;
};

} // namespace hf::codegen
