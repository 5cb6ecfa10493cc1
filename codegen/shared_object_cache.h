//===- codegen/shared_object_cache.h - Cached models loaded by dlopen -----===//
//
// The disk cache's second level, which needs no LLVM to read. For each
// model compiled with a cache directory it keeps
//   <model key>.model  the model's constant pools and the name of ...
//   <code key>.so      ... the structure's objects (object_cache.h) linked
//                      into a shared object by the system's `ld` (or `cc`),
// so a later process on the same model maps the machine code with the
// system loader and never opens the LLVM plugin (llvm_backend.h).
//
// The model key hashes everything the emitted code and pools depend on —
// the IR's ops and outputs (their kinds, widths, operands, numbers and
// indices), the parameter count, the optimization options —, plus the
// plugin that compiled it (path, size, mtime), hfc's version and the CPU's
// cpuid signature (what LLVM's host detection reads). Files are written
// whole (temporary file, rename); a file that does not parse, or a shared
// object that does not load, is a miss and is removed. Without `ld` or `cc`
// on the PATH the first level still works; this one stays empty.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/jit.h"

#include <memory>
#include <string>

namespace hf::codegen {

struct JitBuild;

/// The key of `m`'s cached build, or "" when this level cannot be used
/// (no plugin to identify, or a CPU whose signature is not known).
std::string modelKey(const ir::Module &m, const JitOptions &options);

/// The build cached in `dir` under `key`, its code mapped with dlopen, or
/// null on a miss.
std::unique_ptr<JitBuild> loadCachedModel(const std::string &dir, const std::string &key, bool expected);

/// Stores `build` (compiled with a disk cache: it carries object keys) in
/// `dir` under `key`, linking its objects into a shared object unless one
/// is there already. False when it could not (no error: a cache).
bool storeCachedModel(const std::string &dir, const std::string &key, const JitBuild &build);

} // namespace hf::codegen
