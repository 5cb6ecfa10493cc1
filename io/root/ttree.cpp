//===- io/root/ttree.cpp - TTree, TBranch, TLeaf records ------------------===//
//
// Reads a TTree record without its StreamerInfo, with the class layouts
// hard-coded per version (TTree 16-20, TBranch 10-13, TBranchElement 8-10,
// TLeaf 2) and every byte count checked:
//   1. the TTree: fEntries, then the fBranches TObjArray (the rest of the
//      record is skipped by its byte count);
//   2. each TBranch: its leaves (TObjArray of TLeaf*, counters found through
//      the back-reference map), the baskets it kept in memory (fBaskets:
//      "embedded" baskets, decoded here), and the fBasketBytes/Entry/Seek
//      arrays that locate the others; sub-branches recursively;
//   3. a column per leaf that can be read (basic types; fixed, counted and
//      std::vector arrays; TLeafC strings), and for everything else a
//      BranchInfo that says why it cannot be.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/objects.h"
#include "io/root/tree_impl.h"

#include <fmt/format.h>

#include <algorithm>

namespace hf::root {

namespace {

struct LeafRec {
  std::string cls, name, title;
  int32_t len = 1, lenType = 0;
  bool isUnsigned = false;
  std::size_t counter = SIZE_MAX; ///< index of the counter leaf
  int32_t elementType = -1;       ///< TLeafElement's fType
  std::size_t branch = SIZE_MAX;  ///< the branch whose fLeaves holds it
};

struct BranchRec {
  std::string cls, name, title;
  std::vector<std::size_t> leaves;
  BranchDesc desc;
  std::string elementClass; ///< TBranchElement's fClassName
  int32_t elementType = 0;  ///< TBranchElement's fType
  std::string unsupported;
};

/// Basic type of a leaf class (and TLeafElement type code); false if not basic.
bool leafType(const LeafRec &l, LeafType &type, unsigned &bytes, std::string &why) {
  const std::string &c = l.cls;
  bool u = l.isUnsigned;
  if (c == "TLeafElement") {
    switch (l.elementType) {
    case 1: type = LeafType::Int8, bytes = 1; return true;
    case 2: type = LeafType::Int16, bytes = 2; return true;
    case 3: type = LeafType::Int32, bytes = 4; return true;
    case 4: case 16: type = LeafType::Int64, bytes = 8; return true;
    case 5: type = LeafType::Float, bytes = 4; return true;
    case 8: type = LeafType::Double, bytes = 8; return true;
    case 11: type = LeafType::UInt8, bytes = 1; return true;
    case 12: type = LeafType::UInt16, bytes = 2; return true;
    case 13: type = LeafType::UInt32, bytes = 4; return true;
    case 14: case 17: type = LeafType::UInt64, bytes = 8; return true;
    case 18: type = LeafType::Bool, bytes = 1; return true;
    default: why = fmt::format("TLeafElement of type code {} is not supported", l.elementType); return false;
    }
  }
  if (c == "TLeafO") type = LeafType::Bool, bytes = 1;
  else if (c == "TLeafB") type = u ? LeafType::UInt8 : LeafType::Int8, bytes = 1;
  else if (c == "TLeafS") type = u ? LeafType::UInt16 : LeafType::Int16, bytes = 2;
  else if (c == "TLeafI") type = u ? LeafType::UInt32 : LeafType::Int32, bytes = 4;
  else if (c == "TLeafL" || c == "TLeafG") type = u ? LeafType::UInt64 : LeafType::Int64, bytes = 8;
  else if (c == "TLeafF") type = LeafType::Float, bytes = 4;
  else if (c == "TLeafD") type = LeafType::Double, bytes = 8;
  else if (c == "TLeafF16" || c == "TLeafD32") {
    why = fmt::format("{} ({}) leaves are not supported", c, c == "TLeafF16" ? "Float16_t" : "Double32_t");
    return false;
  } else {
    why = fmt::format("leaves of class {} are not supported", c);
    return false;
  }
  return true;
}

const char *typeName(LeafType t) {
  switch (t) {
  case LeafType::Bool: return "bool";
  case LeafType::Int8: return "int8_t";
  case LeafType::UInt8: return "uint8_t";
  case LeafType::Int16: return "int16_t";
  case LeafType::UInt16: return "uint16_t";
  case LeafType::Int32: return "int32_t";
  case LeafType::UInt32: return "uint32_t";
  case LeafType::Int64: return "int64_t";
  case LeafType::UInt64: return "uint64_t";
  case LeafType::Float: return "float";
  case LeafType::Double: return "double";
  case LeafType::Float16: return "Float16_t";
  case LeafType::Double32: return "Double32_t";
  }
  return "?";
}

/// The element type of "vector<T>" for a basic T.
bool vectorElement(std::string cls, LeafType &type, unsigned &bytes) {
  if (cls.rfind("std::", 0) == 0)
    cls = cls.substr(5);
  if (cls.rfind("vector<", 0) != 0 || cls.back() != '>')
    return false;
  std::string t = cls.substr(7, cls.size() - 8);
  while (!t.empty() && t.back() == ' ')
    t.pop_back();
  struct Name { const char *name; LeafType type; unsigned bytes; };
  static const Name names[] = {
      {"bool", LeafType::Bool, 1}, {"Bool_t", LeafType::Bool, 1},
      {"char", LeafType::Int8, 1}, {"Char_t", LeafType::Int8, 1}, {"signed char", LeafType::Int8, 1},
      {"unsigned char", LeafType::UInt8, 1}, {"UChar_t", LeafType::UInt8, 1},
      {"short", LeafType::Int16, 2}, {"Short_t", LeafType::Int16, 2},
      {"unsigned short", LeafType::UInt16, 2}, {"UShort_t", LeafType::UInt16, 2},
      {"int", LeafType::Int32, 4}, {"Int_t", LeafType::Int32, 4},
      {"unsigned int", LeafType::UInt32, 4}, {"UInt_t", LeafType::UInt32, 4},
      {"long", LeafType::Int64, 8}, {"Long_t", LeafType::Int64, 8}, {"long long", LeafType::Int64, 8},
      {"Long64_t", LeafType::Int64, 8}, {"unsigned long", LeafType::UInt64, 8}, {"ULong_t", LeafType::UInt64, 8},
      {"unsigned long long", LeafType::UInt64, 8}, {"ULong64_t", LeafType::UInt64, 8},
      {"float", LeafType::Float, 4}, {"Float_t", LeafType::Float, 4},
      {"double", LeafType::Double, 8}, {"Double_t", LeafType::Double, 8},
  };
  for (const Name &n : names)
    if (t == n.name) {
      type = n.type, bytes = n.bytes;
      return true;
    }
  return false;
}

class TreeParser {
public:
  TreeParser(Cursor &c, const std::string &what) : c_(c), what_(what) {}

  uint64_t parseTree(const std::string &cls) {
    Frame outer;
    bool ntuple = cls == "TNtuple" || cls == "TNtupleD";
    if (ntuple)
      outer = readFrame(c_, cls);
    Frame tf = readFrame(c_, "TTree");
    int v = tf.version;
    if (v < 16 || v > 20)
      c_.failAtPos(tf.start, fmt::format("TTree version {} is not supported (16-20 are)", v));
    readTNamed(c_);
    skipFramed(c_, "TAttLine");
    skipFramed(c_, "TAttFill");
    skipFramed(c_, "TAttMarker");
    std::size_t entriesAt = c_.pos();
    int64_t entries = c_.i64();
    if (entries < 0)
      c_.failAtPos(entriesAt, fmt::format("negative number of entries {}", entries));
    if (v == 16)
      c_.skip(3 * 8 + 8 + 3 * 4 + 5 * 8);
    else if (v == 17)
      c_.skip(3 * 8 + 8 + 4 * 4 + 5 * 8);
    else if (v == 18)
      c_.skip(4 * 8 + 8 + 4 * 4 + 6 * 8);
    else {
      c_.skip(4 * 8 + 8 + 4 * 4);
      std::size_t n = c_.count(16, "fNClusterRange");
      c_.skip(6 * 8);
      for (int k = 0; k < 2; ++k)
        if (c_.u8() != 0)
          c_.skip(8 * n); // fClusterRangeEnd, fClusterSize
      if (v == 20)
        skipFramed(c_, "fIOFeatures");
    }
    readObjArray("fBranches", [&](const ObjectPtr &p) { readBranch(p); });
    endFrame(c_, tf, "TTree");
    if (ntuple)
      endFrame(c_, outer, cls);
    return static_cast<uint64_t>(entries);
  }

  std::vector<LeafRec> leaves;
  std::vector<BranchRec> branches;

private:
  template <typename Fn> void readObjArray(std::string_view name, Fn &&each) {
    Frame f = readFrame(c_, name);
    readTObject(c_);
    c_.tstring();
    std::size_t n = c_.count(4, name);
    c_.i32(); // fLowerBound
    for (std::size_t i = 0; i < n; ++i) {
      ObjectPtr p = readObjectPtr(c_, refs_);
      each(p);
    }
    endFrame(c_, f, name);
  }

  std::size_t readLeaf(const ObjectPtr &p) {
    if (p.kind == ObjectPtr::BackRef) {
      auto it = refs_.objects.find(p.ref);
      if (it == refs_.objects.end())
        c_.fail(fmt::format("a leaf pointer refers to an unknown object (0x{:08x})", p.ref));
      return it->second;
    }
    if (p.kind != ObjectPtr::New || p.className.rfind("TLeaf", 0) != 0)
      c_.fail(fmt::format("expected a TLeaf, found {}", p.kind == ObjectPtr::Null ? "a null pointer" : p.className));
    std::size_t idx = leaves.size();
    leaves.emplace_back();
    refs_.objects[p.mapKey] = idx;
    LeafRec l;
    l.cls = p.className;
    Frame outer = readFrame(c_, l.cls);
    Frame lf = readFrame(c_, "TLeaf");
    if (lf.version < 1 || lf.version > 2)
      c_.failAtPos(lf.start, fmt::format("TLeaf version {} is not supported (1-2 are)", lf.version));
    Named n = readTNamed(c_);
    l.name = n.name;
    l.title = n.title;
    l.len = c_.i32();
    l.lenType = c_.i32();
    c_.i32(); // fOffset
    c_.boolean(); // fIsRange
    l.isUnsigned = c_.boolean();
    ObjectPtr count = readObjectPtr(c_, refs_);
    if (count.kind != ObjectPtr::Null) {
      std::size_t counter = readLeaf(count);
      if (count.kind == ObjectPtr::New)
        endFrameOf(count);
      l.counter = counter;
    }
    endFrame(c_, lf, "TLeaf");
    if (l.cls == "TLeafElement") {
      c_.i32(); // fID
      l.elementType = c_.i32();
    }
    endFrame(c_, outer, l.cls);
    if (l.len < 0 || l.lenType < 0)
      c_.fail(fmt::format("leaf '{}' has a negative length", l.name));
    leaves[idx] = std::move(l);
    return idx;
  }

  void endFrameOf(const ObjectPtr &p) {
    if (p.end != SIZE_MAX) {
      if (c_.pos() > p.end)
        c_.fail(fmt::format("{} is longer than its byte count", p.className));
      c_.seek(p.end);
    }
  }

  void readBranch(const ObjectPtr &p) {
    if (p.kind == ObjectPtr::Null)
      return;
    if (p.kind != ObjectPtr::New)
      c_.fail("a branch pointer refers back to an earlier object");
    BranchRec b;
    b.cls = p.className;
    Frame outer;
    bool derived = b.cls != "TBranch";
    if (derived) {
      if (b.cls.rfind("TBranch", 0) != 0)
        c_.fail(fmt::format("expected a TBranch, found {}", b.cls));
      outer = readFrame(c_, b.cls);
    }
    Frame bf = readFrame(c_, "TBranch");
    int v = bf.version;
    if (v < 10 || v > 13)
      c_.failAtPos(bf.start, fmt::format("TBranch version {} is not supported (10-13 are)", v));
    Named n = readTNamed(c_);
    b.name = n.name;
    b.title = n.title;
    b.desc.name = n.name;
    skipFramed(c_, "TAttFill");
    c_.i32(); // fCompress
    c_.i32(); // fBasketSize
    c_.i32(); // fEntryOffsetLen
    std::size_t writeAt = c_.pos();
    int32_t writeBasket = c_.i32();
    c_.i64(); // fEntryNumber
    if (v == 13)
      skipFramed(c_, "fIOFeatures");
    c_.i32(); // fOffset
    std::size_t maxAt = c_.pos();
    int32_t maxBaskets = c_.i32();
    c_.i32(); // fSplitLevel
    int64_t entries = c_.i64();
    if (v >= 11)
      c_.i64(); // fFirstEntry
    c_.i64(); // fTotBytes
    c_.i64(); // fZipBytes
    if (maxBaskets < 0 || writeBasket < 0 || writeBasket > maxBaskets)
      c_.failAtPos(writeAt, fmt::format("branch '{}': fWriteBasket {} / fMaxBaskets {} are inconsistent", b.name,
                                        writeBasket, maxBaskets));
    if (entries < 0)
      c_.fail(fmt::format("branch '{}' has a negative number of entries", b.name));
    b.desc.entries = static_cast<uint64_t>(entries);
    std::size_t self = branches.size();
    branches.push_back({});

    readObjArray("fBranches", [&](const ObjectPtr &sub) { readBranch(sub); });
    readObjArray("fLeaves", [&](const ObjectPtr &lp) {
      std::size_t li = readLeaf(lp);
      if (lp.kind == ObjectPtr::New)
        endFrameOf(lp);
      b.leaves.push_back(li);
    });
    std::vector<std::pair<std::size_t, std::shared_ptr<BasketData>>> embedded;
    std::size_t slot = 0;
    readObjArray("fBaskets", [&](const ObjectPtr &bp) {
      if (bp.kind == ObjectPtr::New) {
        if (bp.className != "TBasket")
          c_.fail(fmt::format("branch '{}': fBaskets holds a {}", b.name, bp.className));
        embedded.emplace_back(slot, readEmbeddedBasket(b.name));
        endFrameOf(bp);
      }
      ++slot;
    });
    std::size_t nmax = static_cast<std::size_t>(maxBaskets);
    auto array = [&](int width, std::string_view what) {
      std::vector<int64_t> a(nmax, 0);
      if (c_.u8() != 0) {
        if (nmax > c_.remaining() / static_cast<std::size_t>(width))
          c_.fail(fmt::format("branch '{}': {} runs past the end of the record", b.name, what));
        for (auto &x : a)
          x = width == 4 ? c_.i32() : c_.i64();
      }
      return a;
    };
    std::vector<int64_t> bytes = array(4, "fBasketBytes");
    std::vector<int64_t> first = array(8, "fBasketEntry");
    std::vector<int64_t> seek = array(8, "fBasketSeek");
    std::string fileName = c_.tstring();
    endFrame(c_, bf, "TBranch");
    if (!fileName.empty())
      b.unsupported = fmt::format("its baskets are in another file ({})", fileName);

    // Baskets on disk: 0 <= i < fWriteBasket.
    std::size_t nw = static_cast<std::size_t>(writeBasket);
    for (std::size_t i = 0; i < nw; ++i) {
      BasketRef r;
      if (bytes[i] <= 0 || seek[i] <= 0 || first[i] < 0)
        c_.failAtPos(maxAt, fmt::format("branch '{}': basket {} has no valid location", b.name, i));
      r.seek = static_cast<uint64_t>(seek[i]);
      r.bytes = static_cast<uint32_t>(bytes[i]);
      r.first = static_cast<uint64_t>(first[i]);
      b.desc.baskets.push_back(r);
    }
    for (auto &[at, data] : embedded) {
      if (data->entries == 0)
        continue; // an empty basket kept in memory (uproot5#750)
      BasketRef r;
      r.first = at < nmax ? static_cast<uint64_t>(first[at]) : (nw < nmax ? static_cast<uint64_t>(first[nw]) : 0);
      r.embedded = data;
      b.desc.baskets.push_back(r);
    }
    std::stable_sort(b.desc.baskets.begin(), b.desc.baskets.end(),
                     [](const BasketRef &x, const BasketRef &y) { return x.first < y.first; });
    for (std::size_t i = 0; i < b.desc.baskets.size(); ++i) {
      BasketRef &r = b.desc.baskets[i];
      r.end = i + 1 < b.desc.baskets.size() ? b.desc.baskets[i + 1].first : b.desc.entries;
      if (r.embedded)
        r.end = r.first + r.embedded->entries;
      if (r.end < r.first || r.end > b.desc.entries)
        c_.fail(fmt::format("branch '{}': basket {} holds entries [{}, {}) of {}", b.name, i, r.first, r.end,
                            b.desc.entries));
    }

    if (derived) {
      if (b.cls == "TBranchElement") {
        if (outer.version < 8 || outer.version > 10)
          c_.failAtPos(outer.start,
                       fmt::format("TBranchElement version {} is not supported (8-10 are)", outer.version));
        b.elementClass = c_.tstring();
        c_.tstring(); // fParentName
        c_.tstring(); // fClonesName
        c_.u32();     // fCheckSum
        if (outer.version >= 10)
          c_.i16();
        else
          c_.i32(); // fClassVersion
        c_.i32();   // fID
        b.elementType = c_.i32();
      } else {
        b.unsupported = fmt::format("branches of class {} are not supported", b.cls);
      }
      endFrame(c_, outer, b.cls);
    }
    for (std::size_t li : b.leaves)
      if (li < leaves.size() && leaves[li].branch == SIZE_MAX)
        leaves[li].branch = self;
    branches[self] = std::move(b);
  }

  /// A TBasket streamed inside its TBranch: the whole TKey, the basket
  /// header, the entry offsets (when the flag says so), then fLast bytes of
  /// which the first fKeylen are junk.
  std::shared_ptr<BasketData> readEmbeddedBasket(const std::string &branch) {
    auto d = std::make_shared<BasketData>();
    std::size_t start = c_.pos();
    c_.i32(); // fNbytes
    int16_t keyVersion = c_.i16();
    c_.i32(); // fObjlen
    c_.u32(); // fDatime
    int16_t keylen = c_.i16();
    c_.i16(); // fCycle
    c_.skip(keyVersion > 1000 ? 16 : 8);
    c_.tstring();
    c_.tstring();
    c_.tstring();
    uint16_t version = c_.u16();
    c_.i32(); // fBufferSize
    int32_t nevBufSize = c_.i32();
    if (nevBufSize < 0) {
      nevBufSize = -nevBufSize;
      c_.u8(); // fIOBits
    }
    int32_t nev = c_.i32();
    int32_t last = c_.i32();
    int flag = c_.u8();
    if (nev < 0 || keylen < 0 || last < keylen)
      c_.failAtPos(start, fmt::format("branch '{}': corrupted embedded basket header", branch));
    if (flag >= 80)
      c_.failAtPos(start, fmt::format("branch '{}': a basket whose entry offsets must be regenerated "
                                      "(kGenerateOffsetMap) is not supported", branch));
    std::vector<int32_t> offsets;
    if (flag != 0 && flag % 10 != 2 && nev > 0) {
      std::size_t n = c_.count(4, "entry offsets");
      offsets.resize(n);
      for (auto &o : offsets)
        o = c_.i32();
      if (flag > 40)
        c_.skip(4 * c_.count(4, "fDisplacement"));
    }
    if (!(flag == 1 || flag > 10))
      c_.failAtPos(start, fmt::format("branch '{}': an embedded basket without its data", branch));
    std::size_t bytesLen = static_cast<std::size_t>(last);
    if (version <= 1)
      bytesLen = c_.count(1, "basket buffer");
    auto buf = c_.bytes(bytesLen);
    std::size_t border = static_cast<std::size_t>(last - keylen);
    if (border > buf.size() - std::min<std::size_t>(buf.size(), static_cast<std::size_t>(keylen)))
      c_.failAtPos(start, fmt::format("branch '{}': embedded basket data shorter than fLast", branch));
    d->owned.assign(buf.begin() + keylen, buf.begin() + keylen + static_cast<std::ptrdiff_t>(border));
    d->data = d->owned;
    d->entries = static_cast<uint32_t>(nev);
    d->entryBytes = static_cast<uint32_t>(nevBufSize);
    if (!offsets.empty()) {
      if (offsets.size() < static_cast<std::size_t>(nev))
        c_.failAtPos(start, fmt::format("branch '{}': {} entry offsets for {} entries", branch, offsets.size(), nev));
      d->entryStarts.resize(static_cast<std::size_t>(nev) + 1);
      for (std::size_t k = 0; k < static_cast<std::size_t>(nev); ++k) {
        int64_t o = static_cast<int64_t>(offsets[k]) - keylen;
        if (o < 0 || static_cast<std::size_t>(o) > border || (k > 0 && o < d->entryStarts[k - 1]))
          c_.failAtPos(start, fmt::format("branch '{}': embedded basket entry offset {} out of range", branch, k));
        d->entryStarts[k] = static_cast<uint32_t>(o);
      }
      d->entryStarts[static_cast<std::size_t>(nev)] = static_cast<uint32_t>(border);
    } else if (static_cast<uint64_t>(nev) * static_cast<uint64_t>(nevBufSize) != border) {
      c_.failAtPos(start, fmt::format("branch '{}': embedded basket of {} entries x {} bytes holds {} bytes", branch,
                                      nev, nevBufSize, border));
    }
    return d;
  }

  Cursor &c_;
  const std::string &what_;
  RefMap refs_;
};

} // namespace

std::shared_ptr<Tree::Impl> parseTree(std::shared_ptr<const File> file, const File::Impl &f, const KeyHeader &key,
                                      const std::string &objectPath) {
  Payload p;
  f.payload(key, objectPath, p);
  Cursor c(p.data, p.origin, p.keylen);
  TreeParser parser(c, objectPath);
  auto t = std::make_shared<Tree::Impl>();
  t->file = std::move(file);
  t->fileImpl = &f;
  t->path = objectPath;
  t->className = key.className;
  t->entries = parser.parseTree(key.className);

  for (std::size_t bi = 0; bi < parser.branches.size(); ++bi) {
    BranchRec &b = parser.branches[bi];
    t->branches.push_back(std::move(b.desc));
    auto add = [&](BranchInfo info, ColumnDesc col) {
      col.branch = bi;
      t->infos.push_back(std::move(info));
      t->columns.push_back(col);
    };
    if (!b.unsupported.empty() || b.cls == "TBranchElement") {
      BranchInfo info;
      info.name = b.name;
      ColumnDesc col;
      if (b.unsupported.empty() && vectorElement(b.elementClass, col.type, col.elementBytes)) {
        col.layout = EntryLayout::Vector;
        info.type = col.type;
        info.jagged = true;
        info.typeName = fmt::format("std::vector<{}>", typeName(col.type));
      } else {
        info.typeName = b.elementClass.empty() ? b.cls : b.elementClass;
        info.unsupported = !b.unsupported.empty() ? b.unsupported
                           : fmt::format("a TBranchElement of {} (only std::vector of numbers is supported; "
                                         "split objects and other STL containers are not)",
                                         info.typeName);
      }
      add(std::move(info), col);
      continue;
    }
    if (b.leaves.empty())
      continue;
    bool leafList = b.leaves.size() > 1;
    uint32_t entryBytes = 0;
    std::vector<ColumnDesc> cols;
    std::vector<BranchInfo> infos;
    std::string structType;
    for (std::size_t li : b.leaves) {
      const LeafRec &l = parser.leaves[li];
      BranchInfo info;
      info.name = leafList ? b.name + "." + l.name : b.name;
      ColumnDesc col;
      col.offsetInEntry = entryBytes;
      std::string why;
      std::size_t bracket = l.title.find('[');
      std::string dims = bracket == std::string::npos ? "" : l.title.substr(bracket);
      if (l.cls == "TLeafC") {
        col.layout = EntryLayout::String;
        col.type = LeafType::Int8;
        col.elementBytes = 1;
        info.isString = true;
        info.type = LeafType::Int8;
        info.typeName = "string";
        if (leafList)
          info.unsupported = "strings inside a leaf list are not supported";
      } else if (!leafType(l, col.type, col.elementBytes, why)) {
        info.unsupported = why;
        info.typeName = l.cls;
      } else {
        info.type = col.type;
        info.typeName = typeName(col.type) + dims;
        if (static_cast<unsigned>(l.lenType) != col.elementBytes && l.lenType != 0)
          info.unsupported = fmt::format("leaf '{}' of {} has {}-byte elements", l.name, l.cls, l.lenType);
        if (l.counter != SIZE_MAX) {
          col.layout = EntryLayout::Counted;
          info.jagged = true;
          const LeafRec &counter = parser.leaves[l.counter];
          info.counter = counter.branch < parser.branches.size() ? parser.branches[counter.branch].name : counter.name;
          if (leafList)
            info.unsupported = "counted arrays inside a leaf list are not supported";
        } else {
          col.layout = EntryLayout::Fixed;
          col.length = static_cast<uint32_t>(std::max(l.len, 1));
          info.arrayLength = col.length;
          entryBytes += col.length * col.elementBytes;
        }
      }
      structType += fmt::format("{}{} {}{};", structType.empty() ? "" : " ", info.typeName.substr(0, info.typeName.find('[')), l.name, dims);
      cols.push_back(col);
      infos.push_back(std::move(info));
    }
    if (leafList) {
      BranchInfo whole;
      whole.name = b.name;
      whole.typeName = "struct {" + structType + "}";
      whole.unsupported = fmt::format("a leaf list: read its leaves as {}.{} etc.", b.name, parser.leaves[b.leaves[0]].name);
      add(std::move(whole), ColumnDesc{});
    }
    for (std::size_t i = 0; i < cols.size(); ++i) {
      cols[i].fixedBytes = entryBytes;
      add(std::move(infos[i]), cols[i]);
    }
  }
  return t;
}

} // namespace hf::root
