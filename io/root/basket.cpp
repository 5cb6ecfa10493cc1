//===- io/root/basket.cpp - Baskets into columns --------------------------===//
//
// Reading a branch over an entry range:
//   1. pick the baskets that overlap the range (BranchDesc::baskets);
//   2. load each: its key, the basket header inside the key (fNevBuf,
//      fNevBufSize, fLast), the payload decompressed, the entry data
//      [0, fLast - fKeylen) and, when more bytes follow, the table of
//      key-relative entry offsets;
//   3. decode the entries the range wants (big-endian values; a C array's
//      entry is its values, a std::vector's entry has a 10-byte header, a
//      TLeafC string a 1- or 5-byte length) into doubles.
// Baskets are independent, so steps 2-3 run on several threads when the
// range spans enough compressed bytes to pay for them.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/compression.h"
#include "io/root/tree_impl.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

namespace hf::root {

void frameBasket(const File::Impl &f, const KeyHeader &key, const std::string &what, BasketData &out,
                 const Origin &keyOrigin) {
  Cursor c(f.bytes(), keyOrigin);
  c.seek(key.offset + key.headerBytes);
  auto fail = [&](std::string_view why) { failAt(keyOrigin, key.offset, why); };
  if (key.className != "TBasket")
    fail(fmt::format("expected a TBasket key, found a {} key", key.className));
  c.u16(); // version
  c.i32(); // fBufferSize
  int32_t nevBufSize = c.i32();
  if (nevBufSize < 0) {
    nevBufSize = -nevBufSize;
    c.u8(); // fIOBits
  }
  int32_t nev = c.i32();
  int32_t last = c.i32();
  int flag = c.u8();
  if (c.pos() > key.offset + static_cast<uint64_t>(key.keylen))
    fail("the basket header is longer than its key");
  if (nev < 0 || last < key.keylen || static_cast<int64_t>(last) - key.keylen > key.objlen)
    fail(fmt::format("corrupted basket header (fNevBuf {}, fLast {}, fKeylen {}, fObjlen {})", nev, last, key.keylen,
                     key.objlen));
  if (flag >= 80)
    fail("a basket whose entry offsets must be regenerated (kGenerateOffsetMap) is not supported");

  uint64_t start = key.offset + static_cast<uint64_t>(key.keylen);
  std::size_t stored = static_cast<std::size_t>(key.nbytes - key.keylen);
  std::span<const uint8_t> payload;
  Origin dataOrigin = keyOrigin;
  if (key.compressed()) {
    checkBlockSizes(f.bytes().subspan(start, stored), static_cast<std::size_t>(key.objlen), keyOrigin, key.keylen);
    out.owned.resize(static_cast<std::size_t>(key.objlen));
    decompress(f.bytes().subspan(start, stored), out.owned, keyOrigin, key.keylen);
    payload = out.owned;
    dataOrigin.decompressed = true;
  } else {
    payload = f.bytes().subspan(start, static_cast<std::size_t>(key.objlen));
    dataOrigin.fileOffset = start;
  }
  std::size_t border = static_cast<std::size_t>(last - key.keylen);
  out.data = payload.subspan(0, border);
  out.entries = static_cast<uint32_t>(nev);
  out.entryBytes = static_cast<uint32_t>(nevBufSize);
  out.entryStarts.clear();
  if (payload.size() > border) {
    // i32 count (fNevBuf + 1), fNevBuf key-relative entry starts, a dummy.
    Cursor o(payload, dataOrigin);
    o.seek(border);
    std::size_t count = o.count(4, "entry offsets");
    if (count < static_cast<std::size_t>(nev))
      o.failAtPos(border, fmt::format("{} entry offsets for {} entries", count, nev));
    out.entryStarts.resize(static_cast<std::size_t>(nev) + 1);
    for (std::size_t k = 0; k < static_cast<std::size_t>(nev); ++k) {
      std::size_t at = o.pos();
      int64_t s = static_cast<int64_t>(o.i32()) - key.keylen;
      if (s < 0 || static_cast<std::size_t>(s) > border || (k > 0 && s < out.entryStarts[k - 1]))
        o.failAtPos(at, fmt::format("entry offset {} of the basket is out of order or out of range", k));
      out.entryStarts[k] = static_cast<uint32_t>(s);
    }
    out.entryStarts[static_cast<std::size_t>(nev)] = static_cast<uint32_t>(border);
  } else if (static_cast<uint64_t>(nev) * static_cast<uint64_t>(nevBufSize) != border) {
    fail(fmt::format("basket of {} entries x {} bytes holds {} bytes", nev, nevBufSize, border));
  }
  (void)what;
}

std::shared_ptr<const BasketData> Tree::Impl::loadBasket(const BranchDesc &b, const BasketRef &ref) const {
  if (ref.embedded)
    return ref.embedded;
  std::string what = fmt::format("{}: branch '{}' basket at byte offset {}", path, b.name, ref.seek);
  KeyHeader key = fileImpl->readKey(ref.seek, what);
  auto d = std::make_shared<BasketData>();
  Origin origin = fileImpl->originAt(0, what);
  origin.fileOffset = 0;
  frameBasket(*fileImpl, key, what, *d, origin);
  if (d->entries != ref.end - ref.first)
    failAt(origin, ref.seek,
           fmt::format("the basket holds {} entries, the branch says {}", d->entries, ref.end - ref.first));
  return d;
}

namespace {

template <typename T> T loadAs(const uint8_t *p) {
  if constexpr (sizeof(T) == 1) {
    return static_cast<T>(*p);
  } else {
    using U = std::conditional_t<sizeof(T) == 2, uint16_t, std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>;
    U u;
    std::memcpy(&u, p, sizeof(U));
    if constexpr (std::endian::native == std::endian::little) {
      if constexpr (sizeof(U) == 2)
        u = __builtin_bswap16(u);
      else if constexpr (sizeof(U) == 4)
        u = __builtin_bswap32(u);
      else
        u = __builtin_bswap64(u);
    }
    return std::bit_cast<T>(u);
  }
}

/// Converts `n` big-endian values of `type` at `p` to doubles at `out`.
void convert(LeafType type, const uint8_t *p, std::size_t n, double *out) {
  auto run = [&](auto tag, std::size_t size) {
    using T = decltype(tag);
    for (std::size_t i = 0; i < n; ++i)
      out[i] = static_cast<double>(loadAs<T>(p + i * size));
  };
  switch (type) {
  case LeafType::Bool:
    for (std::size_t i = 0; i < n; ++i)
      out[i] = p[i] != 0;
    break;
  case LeafType::Int8: run(int8_t{}, 1); break;
  case LeafType::UInt8: run(uint8_t{}, 1); break;
  case LeafType::Int16: run(int16_t{}, 2); break;
  case LeafType::UInt16: run(uint16_t{}, 2); break;
  case LeafType::Int32: run(int32_t{}, 4); break;
  case LeafType::UInt32: run(uint32_t{}, 4); break;
  case LeafType::Int64: run(int64_t{}, 8); break;
  case LeafType::UInt64: run(uint64_t{}, 8); break;
  case LeafType::Float: run(float{}, 4); break;
  case LeafType::Double:
  case LeafType::Double32:
  case LeafType::Float16: run(double{}, 8); break;
  }
}

/// The decoded part of one basket.
struct Piece {
  std::vector<double> values;
  std::vector<uint64_t> counts; ///< values per entry (variable-length layouts)
  std::vector<std::string> strings;
};

struct Reader {
  const Tree::Impl &tree;
  const BranchDesc &branch;
  const ColumnDesc &col;
  const BranchInfo &info;

  [[noreturn]] void fail(const BasketRef &ref, std::string_view why) const {
    throw InputError(fmt::format("{}: error: {}: branch '{}': {} (basket at byte offset {})", tree.fileImpl->path,
                                 tree.path, info.name, why, ref.seek));
  }

  /// Decodes entries [lo, hi) (basket-relative) of `d`; fixed layouts write
  /// straight into `out`, the others into `piece`.
  void decode(const BasketRef &ref, const BasketData &d, std::size_t lo, std::size_t hi, double *out,
              Piece &piece) const {
    const uint8_t *base = d.data.data();
    auto entrySpan = [&](std::size_t k, std::size_t &s, std::size_t &e) {
      if (d.entryStarts.empty()) {
        s = k * d.entryBytes;
        e = s + d.entryBytes;
      } else {
        s = d.entryStarts[k];
        e = d.entryStarts[k + 1];
      }
    };
    switch (col.layout) {
    case EntryLayout::Fixed: {
      std::size_t need = col.offsetInEntry + std::size_t{col.length} * col.elementBytes;
      if (d.entryStarts.empty() && d.entryBytes != col.fixedBytes)
        fail(ref, fmt::format("entries of {} bytes, the leaves say {}", d.entryBytes, col.fixedBytes));
      if (d.entryStarts.empty() && col.offsetInEntry == 0 && need == d.entryBytes) {
        convert(col.type, base + lo * d.entryBytes, (hi - lo) * col.length, out);
        return;
      }
      for (std::size_t k = lo; k < hi; ++k) {
        std::size_t s, e;
        entrySpan(k, s, e);
        if (e - s < need)
          fail(ref, fmt::format("entry of {} bytes, the leaves need {}", e - s, need));
        convert(col.type, base + s + col.offsetInEntry, col.length, out);
        out += col.length;
      }
      return;
    }
    case EntryLayout::Counted:
    case EntryLayout::Vector: {
      if (d.entryStarts.empty() && d.entries > 0 && col.layout == EntryLayout::Vector)
        fail(ref, "a std::vector basket without entry offsets");
      for (std::size_t k = lo; k < hi; ++k) {
        std::size_t s, e;
        entrySpan(k, s, e);
        if (col.layout == EntryLayout::Vector) {
          // u32 (0x40000000 | bytes that follow), u16 version, i32 size.
          if (e - s < 10)
            fail(ref, fmt::format("std::vector entry of {} bytes is shorter than its header", e - s));
          uint32_t bc = loadAs<uint32_t>(base + s);
          int32_t n = loadAs<int32_t>(base + s + 6);
          if ((bc & ~0x40000000u) != e - s - 4 || n < 0 ||
              static_cast<std::size_t>(n) * col.elementBytes != e - s - 10)
            fail(ref, fmt::format("std::vector entry header does not match its {} bytes", e - s));
          s += 10;
        }
        if ((e - s) % col.elementBytes != 0)
          fail(ref, fmt::format("entry of {} bytes is not a whole number of {}-byte values", e - s, col.elementBytes));
        std::size_t n = (e - s) / col.elementBytes;
        std::size_t at = piece.values.size();
        piece.values.resize(at + n);
        convert(col.type, base + s, n, piece.values.data() + at);
        piece.counts.push_back(n);
      }
      return;
    }
    case EntryLayout::String: {
      for (std::size_t k = lo; k < hi; ++k) {
        std::size_t s, e;
        entrySpan(k, s, e);
        if (e <= s)
          fail(ref, "empty string entry (no length byte)");
        std::size_t n = base[s], skip = 1;
        if (n == 255) {
          if (e - s < 5)
            fail(ref, "truncated long string length");
          n = loadAs<uint32_t>(base + s + 1), skip = 5;
        }
        if (n > e - s - skip)
          fail(ref, fmt::format("string of {} characters in an entry of {} bytes", n, e - s));
        piece.strings.emplace_back(reinterpret_cast<const char *>(base + s + skip), n);
      }
      return;
    }
    }
  }
};

unsigned autoThreads(std::size_t baskets, uint64_t compressedBytes) {
  // A thread pays once there is a few MB to decompress: below that, the
  // start-up costs as much as it saves.
  if (baskets < 4 || compressedBytes < (4u << 20))
    return 1;
  unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>({hw, 4, baskets}));
}

} // namespace

std::size_t Tree::Impl::find(std::string_view name) const {
  for (std::size_t i = 0; i < infos.size(); ++i)
    if (infos[i].name == name)
      return i;
  return SIZE_MAX;
}

uint64_t Tree::entryCount() const { return impl_->entries; }
const std::vector<BranchInfo> &Tree::branches() const { return impl_->infos; }
const std::string &Tree::path() const { return impl_->path; }

const BranchInfo *Tree::findBranch(std::string_view name) const {
  std::size_t i = impl_->find(name);
  return i == SIZE_MAX ? nullptr : &impl_->infos[i];
}

namespace {
std::size_t branchIndex(const Tree::Impl &t, std::string_view name) {
  std::size_t i = t.find(name);
  if (i == SIZE_MAX) {
    std::string names;
    for (std::size_t k = 0; k < t.infos.size(); ++k) {
      if (k == 30) {
        names += fmt::format(", ... ({} in all)", t.infos.size());
        break;
      }
      names += (k ? ", " : "") + t.infos[k].name;
    }
    throw InputError(fmt::format("{}: error: {}: no branch '{}' (the tree has: {})", t.fileImpl->path, t.path, name,
                                 names.empty() ? "no branches" : names));
  }
  return i;
}
} // namespace

std::size_t Tree::basketCount(std::string_view branch) const {
  const Impl &t = *impl_;
  return t.branches[t.columns[branchIndex(t, branch)].branch].baskets.size();
}

Column Tree::read(std::string_view branch, uint64_t begin, uint64_t end) const { return read(branch, begin, end, 0); }

Column Tree::read(std::string_view name, uint64_t begin, uint64_t end, unsigned threads) const {
  const Impl &t = *impl_;
  std::size_t idx = branchIndex(t, name);
  const BranchInfo &info = t.infos[idx];
  if (!info.unsupported.empty())
    throw InputError(fmt::format("{}: error: {}: branch '{}' ({}) cannot be read: {}", t.fileImpl->path, t.path,
                                 info.name, info.typeName, info.unsupported));
  const ColumnDesc &col = t.columns[idx];
  const BranchDesc &b = t.branches[col.branch];
  end = std::min(end, t.entries);
  Column out;
  if (begin >= end) {
    if (col.layout != EntryLayout::String && (info.jagged || info.arrayLength > 1))
      out.offsets.push_back(0);
    return out;
  }
  if (b.entries < end)
    throw InputError(fmt::format("{}: error: {}: branch '{}' has {} entries, fewer than the tree's {}",
                                 t.fileImpl->path, t.path, info.name, b.entries, t.entries));
  // Baskets overlapping [begin, end), which must tile it.
  std::vector<const BasketRef *> refs;
  uint64_t covered = begin, compressed = 0;
  for (const BasketRef &r : b.baskets) {
    if (r.end <= begin || r.first >= end || r.end == r.first)
      continue;
    if (r.first > covered)
      break;
    refs.push_back(&r);
    covered = std::max(covered, r.end);
    compressed += r.bytes;
  }
  if (covered < end)
    throw InputError(fmt::format("{}: error: {}: branch '{}': no basket holds entry {}", t.fileImpl->path, t.path,
                                 info.name, covered));
  Reader reader{t, b, col, info};
  bool fixed = col.layout == EntryLayout::Fixed;
  if (fixed)
    out.values.resize((end - begin) * col.length);
  std::vector<Piece> pieces(refs.size());
  auto work = [&](std::size_t i) {
    const BasketRef &r = *refs[i];
    uint64_t lo = std::max(begin, r.first), hi = std::min(end, r.end);
    auto data = t.loadBasket(b, r);
    double *dst = fixed ? out.values.data() + (lo - begin) * col.length : nullptr;
    reader.decode(r, *data, lo - r.first, hi - r.first, dst, pieces[i]);
  };
  unsigned n = threads == 0 ? autoThreads(refs.size(), compressed) : std::min<std::size_t>(threads, refs.size());
  if (n <= 1) {
    for (std::size_t i = 0; i < refs.size(); ++i)
      work(i);
  } else {
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto loop = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < refs.size();) {
        try {
          work(i);
        } catch (...) {
          std::lock_guard lock(errorMutex);
          if (!error)
            error = std::current_exception();
          next = refs.size();
        }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < n; ++k)
      pool.emplace_back(loop);
    loop();
    for (auto &th : pool)
      th.join();
    if (error)
      std::rethrow_exception(error);
  }
  if (fixed) {
    if (col.length > 1) {
      out.offsets.resize(end - begin + 1);
      for (std::size_t k = 0; k < out.offsets.size(); ++k)
        out.offsets[k] = k * col.length;
    }
    return out;
  }
  if (col.layout == EntryLayout::String) {
    for (Piece &p : pieces)
      for (std::string &s : p.strings)
        out.strings.push_back(std::move(s));
    return out;
  }
  std::size_t total = 0;
  for (const Piece &p : pieces)
    total += p.values.size();
  out.values.reserve(total);
  out.offsets.reserve(end - begin + 1);
  out.offsets.push_back(0);
  for (const Piece &p : pieces) {
    out.values.insert(out.values.end(), p.values.begin(), p.values.end());
    for (uint64_t c : p.counts)
      out.offsets.push_back(out.offsets.back() + c);
  }
  return out;
}

std::vector<uint64_t> Tree::chunkBoundaries(const std::vector<std::string> &names) const {
  const Impl &t = *impl_;
  std::vector<uint64_t> out{0, t.entries};
  for (const std::string &name : names) {
    const BranchDesc &b = t.branches[t.columns[branchIndex(t, name)].branch];
    for (const BasketRef &r : b.baskets)
      if (r.first < t.entries)
        out.push_back(r.first);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Tree File::tree(std::string_view objectPath) const {
  std::string what(objectPath);
  KeyHeader key = impl_->find(objectPath);
  if (key.className != "TTree" && key.className != "TNtuple" && key.className != "TNtupleD")
    throw InputError(fmt::format("{}: error: {}: a {} is not a TTree (key at byte offset {})", impl_->path, what,
                                 key.className, key.offset));
  return Tree(parseTree(impl_->self.lock(), *impl_, key, what));
}

} // namespace hf::root
