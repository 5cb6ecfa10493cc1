//===- io/root/writer.cpp - Writing ROOT files of TH1D histograms ---------===//
//
// A file is laid out front to back, then its header and directory records
// are patched:
//   1. the 100-byte header (small, 32-bit offsets: files stay < 2 GB);
//   2. the TFile key at fBEGIN: its name and title, then the top
//      directory's record;
//   3. one TDirectory key (payload: its directory record) per
//      subdirectory, the objects' keys (payloads zlib-compressed when that
//      helps), the StreamerInfo key (an empty TList: the classes written
//      are ROOT's own, which every reader knows);
//   4. each directory's key list, then the free-segments record.
// The bytes go to a temporary file renamed over the target, so a reader
// never sees half a file.
//
//===----------------------------------------------------------------------===//
#include "io/root/writer.h"

#include "hf/error.h"
#include "io/root/compression.h"
#include "io/root/objects.h"
#include "io/root/writer_buffer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <unistd.h>

namespace hf::root {

namespace {

constexpr int32_t kVersion = 62606; // the ROOT release whose layouts these are (6.26/06)
constexpr uint32_t kBegin = 100;
constexpr std::size_t kDirRecordBytes = 60;

uint32_t datime() {
  std::time_t now = std::time(nullptr);
  std::tm t{};
  gmtime_r(&now, &t);
  return static_cast<uint32_t>(t.tm_year + 1900 - 1995) << 26 | static_cast<uint32_t>(t.tm_mon + 1) << 22 |
         static_cast<uint32_t>(t.tm_mday) << 17 | static_cast<uint32_t>(t.tm_hour) << 12 |
         static_cast<uint32_t>(t.tm_min) << 6 | static_cast<uint32_t>(t.tm_sec);
}

struct KeyRec {
  uint32_t at = 0, nbytes = 0, objlen = 0;
  uint16_t keylen = 0;
  uint32_t seekPdir = 0;
  std::string cls, name, title;
};

void keyHeader(OutBuffer &b, const KeyRec &k, uint32_t time) {
  b.i32(static_cast<int32_t>(k.nbytes));
  b.i16(4); // TKey version: 32-bit seeks
  b.i32(static_cast<int32_t>(k.objlen));
  b.u32(time);
  b.i16(static_cast<int16_t>(k.keylen));
  b.i16(1); // cycle
  b.i32(static_cast<int32_t>(k.at));
  b.i32(static_cast<int32_t>(k.seekPdir));
  b.tstring(k.cls);
  b.tstring(k.name);
  b.tstring(k.title);
}

uint16_t keyLength(const std::string &cls, const std::string &name, const std::string &title) {
  OutBuffer b;
  b.tstring(cls);
  b.tstring(name);
  b.tstring(title);
  return static_cast<uint16_t>(26 + b.size());
}

class FileWriter {
public:
  FileWriter(std::string fileName, int compression) : fileName_(std::move(fileName)), compression_(compression) {
    out_.bytes.resize(kBegin, 0);
    // The TFile key: name and title, then the top directory's record.
    KeyRec k{kBegin, 0, 0, keyLength("TFile", fileName_, ""), 0, "TFile", fileName_, ""};
    OutBuffer names;
    names.tstring(fileName_);
    names.tstring("");
    k.objlen = static_cast<uint32_t>(names.size() + kDirRecordBytes);
    k.nbytes = k.keylen + k.objlen;
    keyHeader(out_, k, time_);
    out_.append(names.bytes);
    nbytesName_ = k.keylen + static_cast<uint32_t>(names.size());
    dirs_.push_back(Dir{"", SIZE_MAX, static_cast<uint32_t>(out_.size()), kBegin, {}});
    out_.bytes.resize(out_.size() + kDirRecordBytes, 0);
    tfileKey_ = k;
  }

  /// The directory `path` ("a/b"), created with its parents.
  std::size_t directory(const std::string &path) {
    std::size_t cur = 0;
    std::string walked;
    for (std::size_t start = 0; start < path.size();) {
      std::size_t slash = path.find('/', start);
      std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      start = slash == std::string::npos ? path.size() : slash + 1;
      if (part.empty())
        continue;
      walked += (walked.empty() ? "" : "/") + part;
      std::size_t found = SIZE_MAX;
      for (std::size_t i = 0; i < dirs_.size(); ++i)
        if (dirs_[i].parent == cur && dirs_[i].name == part)
          found = i;
      if (found == SIZE_MAX) {
        KeyRec k{static_cast<uint32_t>(out_.size()), 0, kDirRecordBytes, keyLength("TDirectory", part, part),
                 dirs_[cur].seekDir, "TDirectory", part, part};
        k.nbytes = k.keylen + k.objlen;
        keyHeader(out_, k, time_);
        dirs_[cur].keys.push_back(k);
        found = dirs_.size();
        dirs_.push_back(Dir{part, cur, static_cast<uint32_t>(out_.size()), k.at, {}});
        out_.bytes.resize(out_.size() + kDirRecordBytes, 0);
      }
      cur = found;
    }
    return cur;
  }

  /// Appends an object record (compressed when that is smaller).
  KeyRec record(std::size_t dir, const std::string &cls, const std::string &name, const std::string &title,
                const std::vector<uint8_t> &payload, int algorithm = 1, int level = -1) {
    if (level < 0)
      level = compression_;
    KeyRec k{static_cast<uint32_t>(out_.size()), 0, static_cast<uint32_t>(payload.size()),
             keyLength(cls, name, title), dir == SIZE_MAX ? kBegin : dirs_[dir].seekDir, cls, name, title};
    std::vector<uint8_t> stored;
    if (!pack(payload, algorithm, level, stored))
      stored = payload;
    k.nbytes = k.keylen + static_cast<uint32_t>(stored.size());
    keyHeader(out_, k, time_);
    out_.append(stored);
    if (dir != SIZE_MAX)
      dirs_[dir].keys.push_back(k);
    return k;
  }

  /// A TBasket record of fixed-size entries: a TKey with 64-bit seeks (as
  /// ROOT writes every basket), the basket header inside the key, the data.
  KeyRec basket(const std::string &branch, const std::string &tree, const std::vector<uint8_t> &data,
                uint32_t entries, uint32_t entryBytes, int algorithm, int level) {
    KeyRec k{static_cast<uint32_t>(out_.size()), 0, static_cast<uint32_t>(data.size()),
             static_cast<uint16_t>(keyLength("TBasket", branch, tree) + 8 + 19), 0, "TBasket", branch, tree};
    k.seekPdir = kBegin;
    std::vector<uint8_t> stored;
    if (!pack(data, algorithm, level, stored))
      stored = data;
    k.nbytes = k.keylen + static_cast<uint32_t>(stored.size());
    out_.i32(static_cast<int32_t>(k.nbytes));
    out_.i16(1004);
    out_.i32(static_cast<int32_t>(k.objlen));
    out_.u32(time_);
    out_.i16(static_cast<int16_t>(k.keylen));
    out_.i16(1);
    out_.i64(k.at);
    out_.i64(k.seekPdir);
    out_.tstring(k.cls);
    out_.tstring(k.name);
    out_.tstring(k.title);
    out_.u16(3); // TBasket version
    out_.i32(static_cast<int32_t>(k.keylen + data.size())); // fBufferSize
    out_.i32(static_cast<int32_t>(entryBytes));              // fNevBufSize
    out_.i32(static_cast<int32_t>(entries));                 // fNevBuf
    out_.i32(static_cast<int32_t>(k.keylen + data.size())); // fLast
    out_.u8(0);
    out_.append(stored);
    return k;
  }

  std::vector<uint8_t> finish() {
    // StreamerInfo: an empty TList.
    OutBuffer list;
    std::size_t f = list.openFrame(5);
    list.tobject();
    list.tstring("");
    list.i32(0);
    list.closeFrame(f);
    KeyRec info = record(SIZE_MAX, "TList", "StreamerInfo", "Doubly linked list", list.bytes);
    // Key lists, then the directory records that point at them.
    for (Dir &d : dirs_) {
      OutBuffer body;
      body.i32(static_cast<int32_t>(d.keys.size()));
      for (const KeyRec &k : d.keys)
        keyHeader(body, k, time_);
      std::string cls = d.parent == SIZE_MAX ? "TFile" : "TDirectory";
      std::string name = d.parent == SIZE_MAX ? fileName_ : d.name;
      KeyRec k{static_cast<uint32_t>(out_.size()), 0, static_cast<uint32_t>(body.size()), keyLength(cls, name, ""),
               d.seekDir, cls, name, ""};
      k.nbytes = k.keylen + k.objlen;
      keyHeader(out_, k, time_);
      out_.append(body.bytes);
      OutBuffer rec;
      rec.u16(5);
      rec.u32(time_);
      rec.u32(time_);
      rec.i32(static_cast<int32_t>(k.nbytes));
      rec.i32(static_cast<int32_t>(d.parent == SIZE_MAX ? nbytesName_ : keyLength("TDirectory", d.name, d.name)));
      rec.i32(static_cast<int32_t>(d.seekDir));
      rec.i32(d.parent == SIZE_MAX ? 0 : static_cast<int32_t>(dirs_[d.parent].seekDir));
      rec.i32(static_cast<int32_t>(k.at));
      rec.u16(1); // UUID version; the UUID itself stays zero
      std::memcpy(out_.bytes.data() + d.recordAt, rec.bytes.data(), rec.size());
    }
    // Free segments: one gap from the end of the file on.
    KeyRec freeKey{static_cast<uint32_t>(out_.size()), 0, 10, keyLength("TFile", fileName_, ""), kBegin, "TFile",
                   fileName_, ""};
    freeKey.nbytes = freeKey.keylen + freeKey.objlen;
    uint32_t end = freeKey.at + freeKey.nbytes;
    keyHeader(out_, freeKey, time_);
    out_.u16(1);
    out_.i32(static_cast<int32_t>(end));
    out_.i32(2000000000);
    if (out_.size() > 0x7FFFFFFF)
      throw InputError(fmt::format("{}: error: the file would exceed 2 GB, which this writer does not support",
                                   fileName_));
    OutBuffer h;
    h.u8('r'), h.u8('o'), h.u8('o'), h.u8('t');
    h.i32(kVersion);
    h.i32(kBegin);
    h.i32(static_cast<int32_t>(end));
    h.i32(static_cast<int32_t>(freeKey.at));
    h.i32(static_cast<int32_t>(freeKey.nbytes));
    h.i32(1); // nfree
    h.i32(static_cast<int32_t>(nbytesName_));
    h.u8(4); // fUnits
    h.i32(compression_ > 0 ? 100 + compression_ : 0);
    h.i32(static_cast<int32_t>(info.at));
    h.i32(static_cast<int32_t>(info.nbytes));
    h.u16(1);
    std::memcpy(out_.bytes.data(), h.bytes.data(), h.size());
    return std::move(out_.bytes);
  }

private:
  /// Compresses `payload` in blocks of at most 16 MiB; false when raw is smaller.
  static bool pack(const std::vector<uint8_t> &payload, int algorithm, int level, std::vector<uint8_t> &stored) {
    bool packed = algorithm > 0 && level > 0 && payload.size() > 256;
    for (std::size_t at = 0; packed && at < payload.size(); at += 0xFFFFFF) {
      std::size_t n = std::min<std::size_t>(0xFFFFFF, payload.size() - at);
      packed = compressBlock(std::span<const uint8_t>(payload).subspan(at, n), algorithm, level, stored);
    }
    return packed && stored.size() < payload.size();
  }

  struct Dir {
    std::string name;
    std::size_t parent;
    uint32_t recordAt; ///< where its directory record is in the file
    uint32_t seekDir;  ///< its key (the TFile key for the top)
    std::vector<KeyRec> keys;
  };
  std::string fileName_;
  int compression_;
  uint32_t time_ = datime();
  OutBuffer out_;
  uint32_t nbytesName_ = 0;
  KeyRec tfileKey_;
  std::vector<Dir> dirs_;
};

void attAxis(OutBuffer &b) {
  std::size_t f = b.openFrame(4);
  b.i32(510);    // fNdivisions
  b.i16(1);      // fAxisColor
  b.i16(1);      // fLabelColor
  b.i16(42);     // fLabelFont
  b.f32(0.005f); // fLabelOffset
  b.f32(0.035f); // fLabelSize
  b.f32(0.03f);  // fTickLength
  b.f32(1.0f);   // fTitleOffset
  b.f32(0.035f); // fTitleSize
  b.i16(1);      // fTitleColor
  b.i16(42);     // fTitleFont
  b.closeFrame(f);
}

void axis(OutBuffer &b, const char *name, const std::vector<double> &edges, bool variable) {
  std::size_t f = b.openFrame(10);
  b.tnamed(name, "");
  attAxis(b);
  int32_t n = static_cast<int32_t>(edges.size() - 1);
  b.i32(n);
  b.f64(edges.front());
  b.f64(edges.back());
  b.arrayD(variable ? edges : std::vector<double>{});
  b.i32(0);  // fFirst
  b.i32(0);  // fLast
  b.u16(0);  // fBits2
  b.u8(0);   // fTimeDisplay
  b.tstring("");
  b.u32(0); // fLabels (null)
  b.u32(0); // fModLabs (null)
  b.closeFrame(f);
}

/// A TH1D (v3, TH1 v8, TAxis v10) with fSumw2.
std::vector<uint8_t> th1d(const std::string &name, const Histogram &h) {
  std::size_t n = h.binCount();
  if (n == 0 || h.contents.size() != n + 2 || h.sumw2.size() != n + 2)
    throw InputError(fmt::format("histogram '{}' to write: {} edges, {} contents, {} sumw2 (need n+1, n+2, n+2)",
                                 name, h.edges.size(), h.contents.size(), h.sumw2.size()));
  bool variable = false;
  double width = (h.edges.back() - h.edges.front()) / static_cast<double>(n);
  for (std::size_t i = 0; i <= n; ++i) {
    double fixed = h.edges.front() + static_cast<double>(i) * width;
    variable = variable || std::abs(h.edges[i] - fixed) > 1e-12 * std::max(1.0, std::abs(fixed));
    if (i > 0 && !(h.edges[i] > h.edges[i - 1]))
      throw InputError(fmt::format("histogram '{}' to write: edges are not increasing", name));
  }
  OutBuffer b;
  std::size_t outer = b.openFrame(3);
  std::size_t th1 = b.openFrame(8);
  b.tnamed(name, h.title);
  std::size_t f = b.openFrame(2); // TAttLine
  b.i16(602), b.i16(1), b.i16(1);
  b.closeFrame(f);
  f = b.openFrame(2); // TAttFill
  b.i16(0), b.i16(1001);
  b.closeFrame(f);
  f = b.openFrame(2); // TAttMarker
  b.i16(1), b.i16(1), b.f32(1.0f);
  b.closeFrame(f);
  b.i32(static_cast<int32_t>(n + 2));
  axis(b, "xaxis", h.edges, variable);
  axis(b, "yaxis", {0.0, 1.0}, false);
  axis(b, "zaxis", {0.0, 1.0}, false);
  b.i16(0);    // fBarOffset
  b.i16(1000); // fBarWidth
  double sumw = 0, sumw2 = 0, sumwx = 0, sumwx2 = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    double x = 0.5 * (h.edges[i - 1] + h.edges[i]);
    sumw += h.contents[i], sumw2 += h.sumw2[i], sumwx += h.contents[i] * x, sumwx2 += h.contents[i] * x * x;
  }
  b.f64(h.entries);
  b.f64(sumw), b.f64(sumw2), b.f64(sumwx), b.f64(sumwx2);
  b.f64(-1111), b.f64(-1111), b.f64(0); // fMaximum, fMinimum, fNormFactor
  b.arrayD({});                          // fContour
  b.arrayD(h.sumw2);
  b.tstring(""); // fOption
  f = b.openFrame(5); // fFunctions: an empty TList, in place
  b.tobject();
  b.tstring("");
  b.i32(0);
  b.closeFrame(f);
  b.i32(0); // fBufferSize
  b.u8(0);  // fBuffer: none
  b.i32(0); // fBinStatErrOpt
  b.i32(2); // fStatOverflows: kNeutral
  b.closeFrame(th1);
  b.arrayD(h.contents);
  b.closeFrame(outer);
  return std::move(b.bytes);
}

void writeAtomically(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::filesystem::path target(path);
  std::string tmp = (target.parent_path().empty() ? std::string(".") : target.parent_path().string()) + "/." +
                    target.filename().string() + ".XXXXXX";
  std::vector<char> name(tmp.begin(), tmp.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0)
    throw InputError(fmt::format("{}: error: cannot create a file there: {}", path, std::strerror(errno)));
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(name.data());
      throw InputError(fmt::format("{}: error: writing failed: {}", path, std::strerror(err)));
    }
    done += static_cast<std::size_t>(w);
  }
  if (::close(fd) != 0 || std::rename(name.data(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(name.data());
    throw InputError(fmt::format("{}: error: cannot write the file: {}", path, std::strerror(err)));
  }
}

} // namespace

void writeHistograms(const std::string &path, const std::vector<HistogramToWrite> &histograms) {
  FileWriter w(std::filesystem::path(path).filename().string(), 1);
  for (const HistogramToWrite &h : histograms) {
    std::size_t slash = h.path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : h.path.substr(0, slash);
    std::string name = slash == std::string::npos ? h.path : h.path.substr(slash + 1);
    if (name.empty())
      throw InputError(fmt::format("{}: error: histogram path '{}' has no name", path, h.path));
    std::size_t d = w.directory(dir);
    w.record(d, "TH1D", name, h.histogram.title, th1d(name, h.histogram));
  }
  writeAtomically(path, w.finish());
}

namespace {

struct LeafKind {
  const char *cls;
  char letter;
  unsigned bytes;
  bool isUnsigned;
};

LeafKind leafKind(LeafType t, const std::string &branch) {
  switch (t) {
  case LeafType::Bool: return {"TLeafO", 'O', 1, false};
  case LeafType::Int8: return {"TLeafB", 'B', 1, false};
  case LeafType::UInt8: return {"TLeafB", 'b', 1, true};
  case LeafType::Int16: return {"TLeafS", 'S', 2, false};
  case LeafType::UInt16: return {"TLeafS", 's', 2, true};
  case LeafType::Int32: return {"TLeafI", 'I', 4, false};
  case LeafType::UInt32: return {"TLeafI", 'i', 4, true};
  case LeafType::Int64: return {"TLeafL", 'L', 8, false};
  case LeafType::UInt64: return {"TLeafL", 'l', 8, true};
  case LeafType::Float: return {"TLeafF", 'F', 4, false};
  case LeafType::Double: return {"TLeafD", 'D', 8, false};
  default:
    throw InputError(fmt::format("branch '{}' to write: Float16_t/Double32_t branches are not supported", branch));
  }
}

/// One value in the leaf's big-endian encoding.
void putValue(OutBuffer &b, LeafType t, double v) {
  switch (t) {
  case LeafType::Bool: b.u8(v != 0); break;
  case LeafType::Int8: b.u8(static_cast<uint8_t>(static_cast<int8_t>(v))); break;
  case LeafType::UInt8: b.u8(static_cast<uint8_t>(v)); break;
  case LeafType::Int16: b.i16(static_cast<int16_t>(v)); break;
  case LeafType::UInt16: b.u16(static_cast<uint16_t>(v)); break;
  case LeafType::Int32: b.i32(static_cast<int32_t>(v)); break;
  case LeafType::UInt32: b.u32(static_cast<uint32_t>(v)); break;
  case LeafType::Int64: b.i64(static_cast<int64_t>(v)); break;
  case LeafType::UInt64: b.u64(static_cast<uint64_t>(v)); break;
  case LeafType::Float: b.f32(static_cast<float>(v)); break;
  default: b.f64(v); break;
  }
}

/// ROOT::TIOFeatures as ROOT streams it: version 0, its class checksum, the bits.
void ioFeatures(OutBuffer &b) {
  for (uint8_t x : {0x40, 0x00, 0x00, 0x07, 0x00, 0x00, 0x1a, 0xa1, 0x2f, 0x10, 0x00})
    b.u8(x);
}

struct WrittenBranch {
  std::vector<uint32_t> bytes;
  std::vector<uint64_t> first, seek;
  uint64_t totBytes = 0, zipBytes = 0;
};

} // namespace

void writeTree(const std::string &path, const std::string &treeName, const std::vector<BranchToWrite> &branches,
               Compression compression, int level, std::size_t basketBytes) {
  int algorithm = compression == Compression::None   ? 0
                  : compression == Compression::Zlib ? 1
                  : compression == Compression::Lzma ? 2
                  : compression == Compression::Lz4  ? 4
                                                     : 5;
  if (algorithm == 0)
    level = 0;
  std::size_t entries = branches.empty() ? 0 : branches[0].values.size();
  for (const BranchToWrite &b : branches)
    if (b.values.size() != entries || b.name.empty())
      throw InputError(fmt::format("{}: error: branch '{}' to write has {} values, the first branch {}", path, b.name,
                                   b.values.size(), entries));
  FileWriter w(std::filesystem::path(path).filename().string(), algorithm == 0 ? 0 : level);
  // 1. The baskets, branch by branch.
  std::vector<WrittenBranch> written(branches.size());
  for (std::size_t bi = 0; bi < branches.size(); ++bi) {
    const BranchToWrite &b = branches[bi];
    LeafKind kind = leafKind(b.type, b.name);
    std::size_t perBasket = std::max<std::size_t>(1, basketBytes / kind.bytes);
    for (std::size_t start = 0; start < entries; start += perBasket) {
      std::size_t n = std::min(perBasket, entries - start);
      OutBuffer data;
      data.bytes.reserve(n * kind.bytes);
      for (std::size_t i = start; i < start + n; ++i)
        putValue(data, b.type, b.values[i]);
      KeyRec k = w.basket(b.name, treeName, data.bytes, static_cast<uint32_t>(n), kind.bytes, algorithm, level);
      written[bi].bytes.push_back(k.nbytes);
      written[bi].first.push_back(start);
      written[bi].seek.push_back(k.at);
      written[bi].totBytes += k.keylen + k.objlen;
      written[bi].zipBytes += k.nbytes;
    }
  }
  // 2. The TTree record. Positions for object references count from the
  // key's start, so the key length is needed first.
  std::string title = treeName;
  uint32_t keylen = keyLength("TTree", treeName, title);
  OutBuffer t;
  auto ref = [&] { return static_cast<uint32_t>(t.size()) + keylen; };
  uint64_t totBytes = 0, zipBytes = 0;
  for (const WrittenBranch &wb : written)
    totBytes += wb.totBytes, zipBytes += wb.zipBytes;
  std::size_t tf = t.openFrame(20);
  t.tnamed(treeName, title);
  std::size_t f = t.openFrame(2);
  t.i16(602), t.i16(1), t.i16(1);
  t.closeFrame(f);
  f = t.openFrame(2);
  t.i16(0), t.i16(1001);
  t.closeFrame(f);
  f = t.openFrame(2);
  t.i16(1), t.i16(1), t.f32(1.0f);
  t.closeFrame(f);
  t.i64(static_cast<int64_t>(entries));
  t.i64(static_cast<int64_t>(totBytes));
  t.i64(static_cast<int64_t>(zipBytes));
  t.i64(0), t.i64(0); // fSavedBytes, fFlushedBytes
  t.f64(1.0);         // fWeight
  t.i32(0), t.i32(25), t.i32(0), t.i32(1000); // fTimerInterval, fScanField, fUpdate, fDefaultEntryOffsetLen
  t.i32(0);                                   // fNClusterRange
  t.i64(1000000000000), t.i64(1000000000000), t.i64(0); // fMaxEntries, fMaxEntryLoop, fMaxVirtualSize
  t.i64(-300000000), t.i64(-30000000), t.i64(1000000);  // fAutoSave, fAutoFlush, fEstimate
  t.u8(0), t.u8(0); // fClusterRangeEnd, fClusterSize: none
  ioFeatures(t);
  uint32_t branchClass = 0, leafClass[16] = {};
  std::vector<uint32_t> leafRefs;
  std::size_t arr = t.openFrame(3); // fBranches
  t.tobject();
  t.tstring("");
  t.i32(static_cast<int32_t>(branches.size()));
  t.i32(0);
  for (std::size_t bi = 0; bi < branches.size(); ++bi) {
    const BranchToWrite &b = branches[bi];
    const WrittenBranch &wb = written[bi];
    LeafKind kind = leafKind(b.type, b.name);
    // Object pointer: byte count, then a new-class tag or a class reference.
    std::size_t ptr = t.size();
    t.u32(0);
    if (!branchClass) {
      branchClass = ref() + kMapOffset;
      t.u32(kNewClassTag);
      for (char c : std::string_view("TBranch"))
        t.u8(static_cast<uint8_t>(c));
      t.u8(0);
    } else {
      t.u32(kClassMask | branchClass);
    }
    std::size_t bf = t.openFrame(13);
    t.tnamed(b.name, fmt::format("{}/{}", b.name, kind.letter));
    f = t.openFrame(2);
    t.i16(0), t.i16(1001);
    t.closeFrame(f);
    std::size_t nb = wb.seek.size(), maxBaskets = std::max<std::size_t>(nb + 1, 10);
    t.i32(algorithm * 100 + level);
    t.i32(static_cast<int32_t>(basketBytes));
    t.i32(0); // fEntryOffsetLen: fixed-size entries
    t.i32(static_cast<int32_t>(nb));
    t.i64(static_cast<int64_t>(entries)); // fEntryNumber
    ioFeatures(t);
    t.i32(0);
    t.i32(static_cast<int32_t>(maxBaskets));
    t.i32(0); // fSplitLevel
    t.i64(static_cast<int64_t>(entries));
    t.i64(0); // fFirstEntry
    t.i64(static_cast<int64_t>(wb.totBytes));
    t.i64(static_cast<int64_t>(wb.zipBytes));
    std::size_t sub = t.openFrame(3); // fBranches: none
    t.tobject(), t.tstring(""), t.i32(0), t.i32(0);
    t.closeFrame(sub);
    std::size_t leaves = t.openFrame(3); // fLeaves: one
    t.tobject(), t.tstring(""), t.i32(1), t.i32(0);
    std::size_t lptr = t.size();
    leafRefs.push_back(ref() + kMapOffset);
    t.u32(0);
    uint32_t &lc = leafClass[static_cast<int>(b.type)];
    if (!lc) {
      lc = ref() + kMapOffset;
      t.u32(kNewClassTag);
      for (const char *c = kind.cls; *c; ++c)
        t.u8(static_cast<uint8_t>(*c));
      t.u8(0);
    } else {
      t.u32(kClassMask | lc);
    }
    std::size_t lf = t.openFrame(1);
    std::size_t leafBase = t.openFrame(2);
    t.tnamed(b.name, b.name);
    t.i32(1), t.i32(static_cast<int32_t>(kind.bytes)), t.i32(0); // fLen, fLenType, fOffset
    t.u8(0), t.u8(kind.isUnsigned);                               // fIsRange, fIsUnsigned
    t.u32(0);                                                     // fLeafCount
    t.closeFrame(leafBase);
    double lo = 0, hi = 0;
    for (double v : b.values)
      lo = std::min(lo, v), hi = std::max(hi, v);
    putValue(t, b.type, lo); // fMinimum, fMaximum
    putValue(t, b.type, hi);
    t.closeFrame(lf);
    t.patch32(lptr, 0x40000000u | static_cast<uint32_t>(t.size() - lptr - 4));
    t.closeFrame(leaves);
    std::size_t baskets = t.openFrame(3); // fBaskets: all on disk
    t.tobject(), t.tstring(""), t.i32(static_cast<int32_t>(maxBaskets)), t.i32(0);
    for (std::size_t i = 0; i < maxBaskets; ++i)
      t.u32(0);
    t.closeFrame(baskets);
    t.u8(1);
    for (std::size_t i = 0; i < maxBaskets; ++i)
      t.i32(i < nb ? static_cast<int32_t>(wb.bytes[i]) : 0);
    t.u8(1);
    for (std::size_t i = 0; i < maxBaskets; ++i)
      t.i64(i < nb ? static_cast<int64_t>(wb.first[i]) : (i == nb ? static_cast<int64_t>(entries) : 0));
    t.u8(1);
    for (std::size_t i = 0; i < maxBaskets; ++i)
      t.i64(i < nb ? static_cast<int64_t>(wb.seek[i]) : 0);
    t.tstring(""); // fFileName
    t.closeFrame(bf);
    t.patch32(ptr, 0x40000000u | static_cast<uint32_t>(t.size() - ptr - 4));
  }
  t.closeFrame(arr);
  arr = t.openFrame(3); // fLeaves: references to the leaves above
  t.tobject(), t.tstring(""), t.i32(static_cast<int32_t>(leafRefs.size())), t.i32(0);
  for (uint32_t r : leafRefs)
    t.u32(r);
  t.closeFrame(arr);
  t.u32(0);         // fAliases
  t.i32(0);         // fIndexValues
  t.i32(0);         // fIndex
  t.u32(0);         // fTreeIndex
  t.u32(0);         // fFriends
  t.u32(0);         // fUserInfo
  t.u32(0);         // fBranchRef
  t.closeFrame(tf);
  w.record(0, "TTree", treeName, title, t.bytes, algorithm == 0 ? 1 : algorithm, algorithm == 0 ? 1 : level);
  writeAtomically(path, w.finish());
}

} // namespace hf::root
