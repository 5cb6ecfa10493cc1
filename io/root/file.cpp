//===- io/root/file.cpp - Open, header, directories and keys --------------===//
//
// The physical layer of a ROOT file:
//   1. map the file (read-only) and check the "root" magic;
//   2. the header, in its small (32-bit) or large (64-bit, fVersion >
//      1000000) form;
//   3. the top directory's record at fBEGIN + fNbytesName, and a
//      subdirectory's after its key; each record points at its key list;
//   4. a key list: a TKey header, i32 nkeys, then nkeys TKey headers, each
//      with its own 32/64-bit seek width (TKey version > 1000);
//   5. an object's payload: [fSeekKey + fKeylen, fSeekKey + fNbytes),
//      decompressed when fObjlen exceeds the stored bytes.
// Every offset is checked against the file size before it is used.
//
//===----------------------------------------------------------------------===//
#include "io/root/file_impl.h"

#include "hf/error.h"
#include "io/root/compression.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hf::root {

File::Impl::~Impl() {
  if (mapped && base)
    munmap(const_cast<uint8_t *>(base), size);
}

void File::Impl::readHeader() {
  Origin origin = originAt(0, "file header");
  Cursor c(bytes(), origin);
  if (size < 4 || std::memcmp(base, "root", 4) != 0)
    throw InputError(fmt::format("{}: error: not a ROOT file (it does not start with \"root\")", path));
  c.skip(4);
  version = c.i32();
  if (version <= 0)
    c.failAtPos(4, fmt::format("invalid file format version {}", version));
  large = version > 1000000;
  begin = static_cast<uint32_t>(c.i32());
  end = large ? static_cast<uint64_t>(c.i64()) : static_cast<uint32_t>(c.i32());
  large ? c.i64() : c.i32(); // fSeekFree
  c.i32();                   // fNbytesFree
  c.i32();                   // nfree
  nbytesName = c.i32();
  c.u8(); // fUnits
  compress = c.i32();
  seekInfo = large ? static_cast<uint64_t>(c.i64()) : static_cast<uint32_t>(c.i32());
  nbytesInfo = c.i32();
  if (begin < 32 || begin >= size)
    c.failAtPos(8, fmt::format("fBEGIN {} is outside the file ({} bytes)", begin, size));
  if (end > size)
    c.failAtPos(12, fmt::format("the file is truncated: its header says it ends at byte {}, but it has {} bytes",
                                end, size));
  if (nbytesName <= 0 || begin + static_cast<uint64_t>(nbytesName) >= size)
    c.failAtPos(large ? 36 : 28, fmt::format("fNbytesName {} points outside the file", nbytesName));
}

namespace {
/// The fixed fields and three strings of a TKey header at the cursor.
KeyHeader parseKeyHeader(Cursor &c) {
  KeyHeader k;
  k.offset = c.pos();
  k.nbytes = c.i32();
  k.version = c.i16();
  k.objlen = c.i32();
  c.u32(); // fDatime
  k.keylen = c.i16();
  k.cycle = c.i16();
  bool wide = k.version > 1000; // 64-bit seeks, chosen per key
  k.seekKey = wide ? static_cast<uint64_t>(c.i64()) : static_cast<uint32_t>(c.i32());
  k.seekPdir = wide ? static_cast<uint64_t>(c.i64()) : static_cast<uint32_t>(c.i32());
  k.className = c.tstring();
  k.name = c.tstring();
  k.title = c.tstring();
  k.headerBytes = static_cast<uint32_t>(c.pos() - k.offset);
  return k;
}
} // namespace

KeyHeader File::Impl::readKey(uint64_t offset, const std::string &what) const {
  Origin origin = originAt(0, what);
  if (offset >= size)
    failAt(origin, offset, fmt::format("key offset {} is past the end of the file ({} bytes)", offset, size));
  Cursor c(bytes(), origin);
  c.seek(offset);
  KeyHeader k = parseKeyHeader(c);
  if (k.keylen < 0 || static_cast<uint64_t>(k.keylen) < c.pos() - offset || k.nbytes < k.keylen)
    c.failAtPos(offset, fmt::format("corrupted key header (fNbytes {}, fKeylen {})", k.nbytes, k.keylen));
  if (offset + static_cast<uint64_t>(k.nbytes) > size)
    c.failAtPos(offset, fmt::format("key of {} bytes runs past the end of the file ({} bytes; truncated?)",
                                    k.nbytes, size));
  if (k.objlen < 0)
    c.failAtPos(offset + 6, fmt::format("negative object length {}", k.objlen));
  return k;
}

std::vector<KeyHeader> File::Impl::directoryKeys(uint64_t recordOffset, const std::string &dirPath) const {
  std::string what = dirPath.empty() ? "top directory" : fmt::format("directory '{}'", dirPath);
  Origin origin = originAt(0, what);
  Cursor c(bytes(), origin);
  c.seek(recordOffset);
  uint16_t dirVersion = c.u16();
  c.u32(); // fDatimeC
  c.u32(); // fDatimeM
  c.i32(); // fNbytesKeys
  c.i32(); // fNbytesName
  bool wide = dirVersion > 1000;
  auto seek = [&] { return wide ? static_cast<uint64_t>(c.i64()) : static_cast<uint32_t>(c.i32()); };
  seek(); // fSeekDir
  seek(); // fSeekParent
  uint64_t seekKeys = seek();
  if (seekKeys == 0)
    return {};
  // The key list: its own TKey header, then nkeys headers. Step by the bytes
  // each header parses, not by its fKeylen (ROOT 5 subdirectory keys differ).
  KeyHeader listKey = readKey(seekKeys, what + " key list");
  Cursor l(bytes(), origin);
  l.seek(seekKeys + static_cast<uint64_t>(listKey.keylen));
  int32_t nkeys = l.i32();
  if (nkeys < 0 || static_cast<uint64_t>(nkeys) > (size - l.pos()) / 26)
    l.fail(fmt::format("invalid number of keys {}", nkeys));
  std::vector<KeyHeader> keys;
  keys.reserve(static_cast<std::size_t>(nkeys));
  for (int32_t i = 0; i < nkeys; ++i) {
    std::size_t at = l.pos();
    KeyHeader k = parseKeyHeader(l);
    if (k.seekKey >= size || k.nbytes < 0 || k.keylen < 0 || k.objlen < 0)
      l.failAtPos(at, fmt::format("corrupted entry for key '{}' in the key list", k.name));
    k.offset = k.seekKey;
    keys.push_back(std::move(k));
  }
  return keys;
}

namespace {
bool isDirectoryClass(std::string_view c) { return c == "TDirectory" || c == "TDirectoryFile"; }

/// The key named `name` (cycle 0 = the highest) among `keys`, or null.
const KeyHeader *pick(const std::vector<KeyHeader> &keys, std::string_view name, int cycle) {
  const KeyHeader *best = nullptr;
  for (const KeyHeader &k : keys) {
    if (k.name != name)
      continue;
    if (cycle != 0) {
      if (k.cycle == cycle)
        return &k;
    } else if (!best || std::abs(k.cycle) > std::abs(best->cycle)) {
      best = &k;
    }
  }
  return best;
}
} // namespace

ObjectPath splitObjectPath(std::string_view path) {
  while (!path.empty() && path.front() == '/')
    path.remove_prefix(1);
  ObjectPath p;
  std::size_t slash = path.rfind('/');
  std::string_view last = path;
  if (slash != std::string_view::npos) {
    p.dir = std::string(path.substr(0, slash));
    last = path.substr(slash + 1);
  }
  std::size_t semi = last.rfind(';');
  if (semi != std::string_view::npos) {
    std::string_view digits = last.substr(semi + 1);
    int cycle = 0;
    bool ok = !digits.empty() && digits.size() < 6;
    for (char ch : digits)
      ok = ok && ch >= '0' && ch <= '9', cycle = cycle * 10 + (ch - '0');
    if (ok) {
      p.cycle = cycle;
      last = last.substr(0, semi);
    }
  }
  p.name = std::string(last);
  return p;
}

std::vector<KeyHeader> File::Impl::keysAt(std::string_view dirPath) const {
  while (!dirPath.empty() && dirPath.front() == '/')
    dirPath.remove_prefix(1);
  while (!dirPath.empty() && dirPath.back() == '/')
    dirPath.remove_suffix(1);
  std::vector<KeyHeader> keys = directoryKeys(begin + static_cast<uint64_t>(nbytesName), "");
  std::string walked;
  while (!dirPath.empty()) {
    std::size_t slash = dirPath.find('/');
    ObjectPath part = splitObjectPath(dirPath.substr(0, slash));
    dirPath = slash == std::string_view::npos ? std::string_view{} : dirPath.substr(slash + 1);
    const KeyHeader *k = pick(keys, part.name, part.cycle);
    std::string next = walked.empty() ? part.name : walked + "/" + part.name;
    if (!k)
      throw InputError(fmt::format("{}: error: no directory '{}' in the file", path, next));
    if (!isDirectoryClass(k->className))
      throw InputError(fmt::format("{}: error: '{}' is a {}, not a directory", path, next, k->className));
    KeyHeader own = readKey(k->seekKey, fmt::format("directory '{}'", next));
    keys = directoryKeys(own.seekKey + static_cast<uint64_t>(own.keylen), next);
    walked = next;
  }
  return keys;
}

KeyHeader File::Impl::find(std::string_view objectPath) const {
  ObjectPath p = splitObjectPath(objectPath);
  if (p.name.empty())
    throw InputError(fmt::format("{}: error: empty object path", path));
  std::vector<KeyHeader> keys = keysAt(p.dir);
  const KeyHeader *k = pick(keys, p.name, p.cycle);
  if (!k) {
    std::string names;
    for (std::size_t i = 0; i < keys.size() && i < 20; ++i)
      names += (i ? ", " : "") + keys[i].name;
    throw InputError(fmt::format("{}: error: no object '{}' in {} (it holds: {})", path, objectPath,
                                 p.dir.empty() ? "the top directory" : "'" + p.dir + "'",
                                 names.empty() ? "nothing" : names));
  }
  // The record's own key is the authority for the payload's size.
  KeyHeader own = readKey(k->seekKey, std::string(objectPath));
  if (own.name != k->name && !own.name.empty())
    failAt(originAt(0, std::string(objectPath)), k->seekKey,
           fmt::format("the key list names '{}' but the key there is '{}'", k->name, own.name));
  return own;
}

void File::Impl::payload(const KeyHeader &key, const std::string &objectPath, Payload &out) const {
  uint64_t start = key.offset + static_cast<uint64_t>(key.keylen);
  std::size_t stored = static_cast<std::size_t>(key.nbytes - key.keylen);
  out.keylen = static_cast<uint32_t>(key.keylen);
  if (!key.compressed()) {
    out.origin = originAt(start, objectPath);
    out.data = std::span<const uint8_t>(base + start, static_cast<std::size_t>(key.objlen));
    return;
  }
  out.origin = originAt(key.offset, objectPath);
  checkBlockSizes(std::span<const uint8_t>(base + start, stored), static_cast<std::size_t>(key.objlen), out.origin,
                  key.keylen);
  out.owned.resize(static_cast<std::size_t>(key.objlen));
  decompress(std::span<const uint8_t>(base + start, stored), out.owned, out.origin, key.keylen);
  out.origin.decompressed = true;
  out.data = out.owned;
}

//===----------------------------------------------------------------------===//
// The public File
//===----------------------------------------------------------------------===//

File::File(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
File::~File() = default;

std::shared_ptr<const File> File::open(const std::string &path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw InputError(fmt::format("{}: error: cannot open: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(fmt::format("{}: error: not a regular file", path));
  }
  impl->size = static_cast<std::size_t>(st.st_size);
  if (impl->size > 0) {
    void *p = mmap(nullptr, impl->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      throw InputError(fmt::format("{}: error: cannot map the file: {}", path, std::strerror(err)));
    }
    impl->base = static_cast<const uint8_t *>(p);
    impl->mapped = true;
  }
  ::close(fd);
  impl->readHeader();
  auto file = std::make_shared<File>(std::move(impl));
  file->impl_->self = file;
  return file;
}

std::shared_ptr<const File> File::openMemory(std::vector<uint8_t> bytes, const std::string &name) {
  auto impl = std::make_unique<Impl>();
  impl->path = name;
  impl->memory = std::move(bytes);
  impl->base = impl->memory.data();
  impl->size = impl->memory.size();
  impl->readHeader();
  auto file = std::make_shared<File>(std::move(impl));
  file->impl_->self = file;
  return file;
}

const std::string &File::path() const { return impl_->path; }

std::vector<KeyInfo> File::keys(std::string_view directory) const {
  std::vector<KeyInfo> out;
  for (const KeyHeader &k : impl_->keysAt(directory)) {
    KeyInfo info;
    info.name = k.name;
    info.title = k.title;
    info.className = k.className;
    info.cycle = k.cycle;
    info.objectBytes = static_cast<uint64_t>(k.objlen);
    info.compressedBytes = static_cast<uint64_t>(k.nbytes);
    out.push_back(std::move(info));
  }
  return out;
}

std::string File::className(std::string_view objectPath) const { return impl_->find(objectPath).className; }

} // namespace hf::root
