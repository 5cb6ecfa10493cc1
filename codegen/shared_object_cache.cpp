//===- codegen/shared_object_cache.cpp - Cached models loaded by dlopen ---===//
#include "codegen/shared_object_cache.h"

#include "codegen/cache_dir.h"
#include "codegen/compiled_code.h"
#include "codegen/llvm_backend.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

extern char **environ;

namespace hf::codegen {

namespace {

constexpr const char *kModelFormat = "hfc-model-1";

// Every field of Op and Output that the emitter reads is hashed below (not
// Op::note, which is for readers of --emit-ir). A new field changes these
// sizes: hash it too, then update them.
static_assert(sizeof(ir::Op) == 112, "ir::Op changed: hash its new fields in modelKey");
static_assert(sizeof(ir::Output) == 40, "ir::Output changed: hash its new fields in modelKey");

/// SHA-256 over a sequence of byte ranges.
class Hasher {
public:
  Hasher() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(ctx_); }
  Hasher(const Hasher &) = delete;
  Hasher &operator=(const Hasher &) = delete;

  void bytes(const void *p, size_t n) { EVP_DigestUpdate(ctx_, p, n); }
  template <typename T>
  void value(T v) { bytes(&v, sizeof v); }
  template <typename T>
  void vector(const std::vector<T> &v) {
    value<uint64_t>(v.size());
    bytes(v.data(), v.size() * sizeof(T));
  }
  void text(const std::string &s) {
    value<uint64_t>(s.size());
    bytes(s.data(), s.size());
  }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_, digest, &n);
    std::string out;
    for (unsigned int i = 0; i < n; ++i)
      out += fmt::format("{:02x}", digest[i]);
    return out;
  }

private:
  EVP_MD_CTX *ctx_;
};

/// What LLVM's host detection reads (vendor, family/model, feature bits,
/// the OS's saved register state), so equal signatures get equal code. ""
/// off x86, where this level stays off.
std::string cpuSignature() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned a, b, c, d;
  std::string s;
  auto leaf = [&](unsigned l, unsigned sub, bool withB) {
    if (__get_cpuid_count(l, sub, &a, &b, &c, &d))
      s += fmt::format("{:x}:{:x} {:x} {:x} {:x};", l, a, withB ? b : 0u, c, d);
  };
  leaf(0, 0, true);
  leaf(1, 0, false); // ebx holds this core's APIC id: not part of the CPU's identity
  leaf(7, 0, true);
  leaf(7, 1, true);
  leaf(0x80000001, 0, true);
  if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_OSXSAVE)) {
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    s += fmt::format("xcr0 {:x}:{:x}", hi, lo);
  }
  return s;
#else
  return "";
#endif
}

const std::string &cachedCpuSignature() {
  static const std::string s = cpuSignature();
  return s;
}

const std::string &cachedBackendIdentity() {
  static const std::string s = llvmBackendIdentity();
  return s;
}

/// The shared object of a structure: named by its objects' keys.
std::string codeKey(const std::vector<std::string> &objectKeys) {
  Hasher h;
  h.text("hfc-shared-object-1");
  for (const std::string &k : objectKeys)
    h.text(k);
  return h.hex();
}

/// dlopen'ed shared objects of this process, by path: opened once each.
std::shared_ptr<void> openShared(const std::string &path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<void>> open;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = open.find(path); it != open.end())
    if (auto handle = it->second.lock())
      return handle;
  void *raw = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!raw)
    return nullptr;
  std::shared_ptr<void> handle(raw, [](void *h) { ::dlclose(h); });
  open[path] = handle;
  return handle;
}

/// Whether `name` is an executable on the PATH.
std::string onPath(const char *name) {
  const char *path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

/// `ld -shared -o out objects... -lm` (binutils' ld: ~8 ms; through the
/// `cc` driver, the fallback, ~26 ms), its output discarded; true on success.
bool linkShared(const std::string &out, const std::vector<std::string> &objects) {
  static const std::string linker = [] {
    std::string ld = onPath("ld");
    return ld.empty() ? onPath("cc") : ld;
  }();
  if (linker.empty())
    return false;
  std::vector<std::string> args{linker, "-shared", "-o", out};
  args.insert(args.end(), objects.begin(), objects.end());
  args.emplace_back("-lm");
  std::vector<char *> argv;
  for (std::string &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    return false;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool readFile(const std::string &path, std::string &bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

void appendPool(std::string &out, const std::vector<double> &pool) {
  uint64_t n = pool.size();
  out.append(reinterpret_cast<const char *>(&n), sizeof n);
  out.append(reinterpret_cast<const char *>(pool.data()), n * sizeof(double));
}

bool readPool(const std::string &bytes, size_t &at, std::vector<double> &pool) {
  uint64_t n = 0;
  if (bytes.size() - at < sizeof n)
    return false;
  std::memcpy(&n, bytes.data() + at, sizeof n);
  at += sizeof n;
  if (n > (bytes.size() - at) / sizeof(double))
    return false;
  pool.resize(n);
  if (n > 0) // an empty vector's data() may be null, which memcpy must not see
    std::memcpy(pool.data(), bytes.data() + at, n * sizeof(double));
  at += n * sizeof(double);
  return true;
}

} // namespace

std::string modelKey(const ir::Module &m, const JitOptions &options) {
  const std::string &cpu = cachedCpuSignature(), &backend = cachedBackendIdentity();
  if (cpu.empty() || backend.empty())
    return "";
  Hasher h;
  h.text(kModelFormat);
  h.text("hfc " HFC_VERSION);
  h.text(backend);
  h.text(cpu);
  h.value<int32_t>(options.optLevel);
  h.value<uint8_t>(options.compileExpected);
  h.value<uint64_t>(m.params.size());
  h.value<uint64_t>(m.ops.size());
  for (const ir::Op &op : m.ops) {
    h.value(op.kind);
    h.value(op.width);
    h.vector(op.operands);
    h.vector(op.data);
    h.vector(op.index);
  }
  h.value<uint64_t>(m.outputs.size());
  for (const ir::Output &out : m.outputs) {
    h.value(out.kind);
    h.value(out.value);
    h.value(out.offset);
    h.vector(out.index);
  }
  return h.hex();
}

std::unique_ptr<JitBuild> loadCachedModel(const std::string &dir, const std::string &key, bool expected) {
  namespace fs = std::filesystem;
  std::string modelPath = dir + "/" + key + ".model", bytes;
  if (!readFile(modelPath, bytes))
    return nullptr;
  std::string header = std::string(kModelFormat) + "\n";
  auto build = std::make_unique<JitBuild>();
  std::error_code ec;
  size_t at = header.size() + 65;
  bool parsed = bytes.size() > at && bytes.compare(0, header.size(), header) == 0 && bytes[at - 1] == '\n' &&
                readPool(bytes, at, build->gradPool) && readPool(bytes, at, build->logpdfPool) &&
                readPool(bytes, at, build->expectedPool) && at == bytes.size() &&
                expected == !build->expectedPool.empty();
  std::string codePath = parsed ? dir + "/" + bytes.substr(header.size(), 64) + ".so" : "";
  std::shared_ptr<void> handle = parsed ? openShared(codePath) : nullptr;
  auto code = std::make_shared<CompiledCode>();
  if (handle) {
    code->logpdf = reinterpret_cast<PooledLogpdfFn>(::dlsym(handle.get(), "hf_logpdf"));
    code->logpdfGrad = reinterpret_cast<PooledLogpdfGradFn>(::dlsym(handle.get(), "hf_logpdf_grad"));
    if (expected)
      code->expected = reinterpret_cast<PooledExpectedFn>(::dlsym(handle.get(), "hf_expected"));
  }
  if (!code->logpdf || !code->logpdfGrad || (expected && !code->expected)) {
    // A damaged entry: gone, so that the next compilation writes it again.
    if (!codePath.empty() && parsed)
      fs::remove(codePath, ec);
    if (fs::exists(modelPath, ec))
      fs::remove(modelPath, ec);
    return nullptr;
  }
  code->owner = std::move(handle);
  build->code = std::move(code);
  build->source = JitModel::CodeSource::SharedObject;
  // A hit makes the files the most recently used (eviction goes by mtime).
  fs::last_write_time(modelPath, fs::file_time_type::clock::now(), ec);
  fs::last_write_time(codePath, fs::file_time_type::clock::now(), ec);
  return build;
}

bool storeCachedModel(const std::string &dir, const std::string &key, const JitBuild &build) {
  namespace fs = std::filesystem;
  if (key.empty() || build.objectKeys.empty())
    return false;
  std::string code = codeKey(build.objectKeys), codePath = dir + "/" + code + ".so";
  std::error_code ec;
  if (!fs::exists(codePath, ec)) {
    std::vector<std::string> objects;
    for (const std::string &k : build.objectKeys) {
      objects.push_back(dir + "/" + k + ".o");
      if (!fs::exists(objects.back(), ec))
        return false; // not stored (a full disk, a cap that evicted it): no library this time
    }
    std::string temp = dir + "/" + tempCacheName(code + ".so");
    if (!linkShared(temp, objects)) {
      fs::remove(temp, ec);
      return false;
    }
    fs::rename(temp, codePath, ec);
    if (ec) {
      fs::remove(temp, ec);
      return false;
    }
  }
  std::string bytes = std::string(kModelFormat) + "\n" + code + "\n";
  appendPool(bytes, build.gradPool);
  appendPool(bytes, build.logpdfPool);
  appendPool(bytes, build.expectedPool);
  return writeCacheFile(dir, key + ".model", bytes);
}

} // namespace hf::codegen
