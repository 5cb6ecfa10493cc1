//===- io/root/writer_streamers.cpp - The StreamerInfo of written files ---===//
//
// Descriptions of the classes the writer streams (TH1D and its bases and
// members; TTree, TBranch and the TLeaf classes of basic types), in the
// versions writer.cpp writes and with the checksums ROOT 6.26 computes for
// them (a reader such as ROOT compares a file's checksum with its own class;
// equal checksums mean "the layout you know"). The member lists are the
// on-disk order of each version; titles are short descriptions of our own,
// except for the parts readers interpret: "[fN]" names an array's counter,
// "->" marks a pointer that is never null. writer_test checks every
// description against the StreamerInfo ROOT 6.26/06 wrote into
// ../shared/data/root (uproot-issue-707.root, uproot-issue-750.root).
//
//===----------------------------------------------------------------------===//
#include "io/root/writer_streamers.h"

#include "hf/error.h"
#include "io/root/writer_buffer.h"

#include <fmt/format.h>

#include <set>
#include <string_view>

namespace hf::root {

namespace {

// TStreamerElement::fType codes (ROOT's TVirtualStreamerInfo::EReadWrite).
enum : int32_t {
  kBase = 0, kChar = 1, kShort = 2, kInt = 3, kFloat = 5, kCounter = 6, kDouble = 8, kUChar = 11, kUShort = 12,
  kUInt = 13, kBits = 15, kLong64 = 16, kBool = 18, kOffsetP = 40, kObject = 61, kAny = 62, kObjectp = 63,
  kObjectP = 64, kTString = 65, kTObject = 66, kTNamed = 67
};

struct Element {
  const char *kind; ///< TStreamerBase, TStreamerBasicType, ...
  const char *name;
  const char *title;
  int32_t type = 0;
  int32_t size = 0;
  const char *typeName = "";
  const char *countName = ""; ///< TStreamerBasicPointer: the counter member
  const char *countClass = ""; ///<   and the class that has it
};

struct ClassInfo {
  const char *name;
  int32_t version;
  uint32_t checksum;
  std::vector<Element> elements;
};

int32_t basicSize(int32_t type) {
  switch (type) {
  case kChar: case kUChar: case kBool: return 1;
  case kShort: case kUShort: return 2;
  case kDouble: case kLong64: return 8;
  default: return 4;
  }
}

Element base(const char *name, const char *title) {
  std::string_view n(name);
  return {"TStreamerBase", name, title, n == "TObject" ? kTObject : n == "TNamed" ? kTNamed : kBase, 0, "BASE"};
}
Element basic(const char *name, const char *title, int32_t type, const char *typeName) {
  return {"TStreamerBasicType", name, title, type, basicSize(type), typeName};
}
Element string(const char *name, const char *title) {
  return {"TStreamerString", name, title, kTString, 24, "TString"};
}
/// A member object streamed in place (TAxis, TObjArray).
Element object(const char *name, const char *title, const char *typeName, int32_t size) {
  return {"TStreamerObject", name, title, kObject, size, typeName};
}
/// A member object of a class without TObject (TArrayD, TIOFeatures).
Element any(const char *name, const char *title, const char *typeName, int32_t size) {
  return {"TStreamerObjectAny", name, title, kAny, size, typeName};
}
/// A pointer member: "->" in the title means never null (streamed in place).
Element pointer(const char *name, const char *title, const char *typeName) {
  return {"TStreamerObjectPointer", name, title, std::string_view(title).starts_with("->") ? kObjectp : kObjectP, 8,
          typeName};
}
/// An array of basic values counted by `countName` of `countClass`.
Element array(const char *name, const char *title, int32_t type, const char *typeName, const char *countName,
              const char *countClass) {
  return {"TStreamerBasicPointer", name, title, kOffsetP + type, 8, typeName, countName, countClass};
}

ClassInfo leaf(const char *name, uint32_t checksum, int32_t type, const char *typeName) {
  return {name, 1, checksum,
          {base("TLeaf", "leaf base class"), basic("fMinimum", "smallest value", type, typeName),
           basic("fMaximum", "largest value", type, typeName)}};
}

const std::vector<ClassInfo> &classes() {
  static const std::vector<ClassInfo> all = {
      {"TObject", 1, 0x901bc02d,
       {basic("fUniqueID", "unique identifier", kUInt, "unsigned int"),
        basic("fBits", "status bits", kBits, "unsigned int")}},
      {"TNamed", 1, 0xdfb74a3c,
       {base("TObject", "base of ROOT objects"), string("fName", "name"), string("fTitle", "title")}},
      {"TString", 2, 0x00017419, {}},
      {"TCollection", 3, 0x57e3cb9c,
       {base("TObject", "base of ROOT objects"), string("fName", "collection name"),
        basic("fSize", "number of elements", kInt, "int")}},
      {"TSeqCollection", 0, 0xfc6c3bc6, {base("TCollection", "collection base class")}},
      {"TList", 5, 0x69c5c3bb, {base("TSeqCollection", "ordered collection base class")}},
      {"THashList", 0, 0xcc7e49c1, {base("TList", "linked list")}},
      {"TObjArray", 3, 0xa99e6552,
       {base("TSeqCollection", "ordered collection base class"),
        basic("fLowerBound", "index of the first slot", kInt, "int"),
        basic("fLast", "last slot holding an object", kInt, "int")}},
      {"TAttLine", 2, 0x94074549,
       {basic("fLineColor", "line colour", kShort, "short"), basic("fLineStyle", "line style", kShort, "short"),
        basic("fLineWidth", "line width", kShort, "short")}},
      {"TAttFill", 2, 0xffd92a92,
       {basic("fFillColor", "fill colour", kShort, "short"), basic("fFillStyle", "fill style", kShort, "short")}},
      {"TAttMarker", 2, 0x291d8bec,
       {basic("fMarkerColor", "marker colour", kShort, "short"),
        basic("fMarkerStyle", "marker style", kShort, "short"),
        basic("fMarkerSize", "marker size", kFloat, "float")}},
      {"TAttAxis", 4, 0x5c6fff3e,
       {basic("fNdivisions", "divisions (10000*n3 + 100*n2 + n1)", kInt, "int"),
        basic("fAxisColor", "axis line colour", kShort, "short"),
        basic("fLabelColor", "label colour", kShort, "short"), basic("fLabelFont", "label font", kShort, "short"),
        basic("fLabelOffset", "label offset", kFloat, "float"), basic("fLabelSize", "label size", kFloat, "float"),
        basic("fTickLength", "tick length", kFloat, "float"),
        basic("fTitleOffset", "title offset", kFloat, "float"), basic("fTitleSize", "title size", kFloat, "float"),
        basic("fTitleColor", "title colour", kShort, "short"), basic("fTitleFont", "title font", kShort, "short")}},
      {"TArray", 1, 0x007021b2, {basic("fN", "number of elements", kCounter, "int")}},
      {"TArrayD", 1, 0x7139ef34,
       {base("TArray", "array base class"), array("fArray", "[fN] the values", kDouble, "double*", "fN", "TArray")}},
      {"TArrayI", 1, 0xd9d571c7,
       {base("TArray", "array base class"), array("fArray", "[fN] the values", kInt, "int*", "fN", "TArray")}},
      {"TAxis", 10, 0x5a496e70,
       {base("TNamed", "name and title"), base("TAttAxis", "axis attributes"),
        basic("fNbins", "number of bins", kInt, "int"), basic("fXmin", "low edge of the first bin", kDouble, "double"),
        basic("fXmax", "high edge of the last bin", kDouble, "double"),
        any("fXbins", "bin edges of a variable-width axis", "TArrayD", 24),
        basic("fFirst", "first bin shown", kInt, "int"), basic("fLast", "last bin shown", kInt, "int"),
        basic("fBits2", "more status bits", kUShort, "unsigned short"),
        basic("fTimeDisplay", "show values as times", kBool, "bool"),
        string("fTimeFormat", "time format"), pointer("fLabels", "bin labels", "THashList*"),
        pointer("fModLabs", "modified labels", "TList*")}},
      {"TH1", 8, 0x1c3740c4,
       {base("TNamed", "name and title"), base("TAttLine", "line attributes"), base("TAttFill", "fill attributes"),
        base("TAttMarker", "marker attributes"),
        basic("fNcells", "bins including under- and overflow", kInt, "int"),
        object("fXaxis", "x axis", "TAxis", 216), object("fYaxis", "y axis", "TAxis", 216),
        object("fZaxis", "z axis", "TAxis", 216), basic("fBarOffset", "bar offset (x1000)", kShort, "short"),
        basic("fBarWidth", "bar width (x1000)", kShort, "short"),
        basic("fEntries", "number of entries", kDouble, "double"),
        basic("fTsumw", "sum of weights", kDouble, "double"),
        basic("fTsumw2", "sum of squared weights", kDouble, "double"),
        basic("fTsumwx", "sum of weight times x", kDouble, "double"),
        basic("fTsumwx2", "sum of weight times x squared", kDouble, "double"),
        basic("fMaximum", "maximum shown", kDouble, "double"), basic("fMinimum", "minimum shown", kDouble, "double"),
        basic("fNormFactor", "normalisation factor", kDouble, "double"),
        any("fContour", "contour levels", "TArrayD", 24), any("fSumw2", "sums of squared weights per bin", "TArrayD", 24),
        string("fOption", "drawing options"), pointer("fFunctions", "->functions attached", "TList*"),
        basic("fBufferSize", "size of fBuffer", kCounter, "int"),
        array("fBuffer", "[fBufferSize] buffered fills", kDouble, "double*", "fBufferSize", "TH1"),
        basic("fBinStatErrOpt", "how bin errors are computed", kInt, "TH1::EBinErrorOpt"),
        basic("fStatOverflows", "whether statistics include the flow bins", kInt, "TH1::EStatOverflows")}},
      {"TH1D", 3, 0xf9b1569f, {base("TH1", "1-D histogram base class"), base("TArrayD", "the bin contents")}},
      {"ROOT::TIOFeatures", 1, 0x1aa12f10, {basic("fIOBits", "I/O feature bits", kUChar, "unsigned char")}},
      {"TLeaf", 2, 0x6d1e8152,
       {base("TNamed", "name and title"), basic("fLen", "fixed number of values per entry", kInt, "int"),
        basic("fLenType", "bytes per value", kInt, "int"), basic("fOffset", "offset in a clones array", kInt, "int"),
        basic("fIsRange", "whether the leaf counts another", kBool, "bool"),
        basic("fIsUnsigned", "whether the type is unsigned", kBool, "bool"),
        pointer("fLeafCount", "the leaf counting this one's values", "TLeaf*")}},
      leaf("TLeafO", 0x02ae48d3, kBool, "bool"),
      leaf("TLeafB", 0x0f1e4b5e, kChar, "char"),
      leaf("TLeafS", 0x150ceecf, kShort, "short"),
      leaf("TLeafI", 0x7e6aae19, kInt, "int"),
      leaf("TLeafL", 0xde320862, kLong64, "Long64_t"),
      leaf("TLeafF", 0x3add9d72, kFloat, "float"),
      leaf("TLeafD", 0x118e8776, kDouble, "double"),
      {"TBranch", 13, 0x10978aac,
       {base("TNamed", "name and title"), base("TAttFill", "fill attributes"),
        basic("fCompress", "compression (100 * algorithm + level)", kInt, "int"),
        basic("fBasketSize", "basket buffer size", kInt, "int"),
        basic("fEntryOffsetLen", "initial size of a basket's entry offsets", kInt, "int"),
        basic("fWriteBasket", "index of the basket being filled", kInt, "int"),
        basic("fEntryNumber", "entries filled", kLong64, "Long64_t"),
        any("fIOFeatures", "I/O features of new baskets", "ROOT::TIOFeatures", 1),
        basic("fOffset", "offset of the branch in its object", kInt, "int"),
        basic("fMaxBaskets", "length of the basket tables", kCounter, "int"),
        basic("fSplitLevel", "split level", kInt, "int"), basic("fEntries", "number of entries", kLong64, "Long64_t"),
        basic("fFirstEntry", "first entry of the branch", kLong64, "Long64_t"),
        basic("fTotBytes", "bytes before compression", kLong64, "Long64_t"),
        basic("fZipBytes", "bytes after compression", kLong64, "Long64_t"),
        object("fBranches", "-> sub-branches", "TObjArray", 64), object("fLeaves", "-> leaves", "TObjArray", 64),
        object("fBaskets", "-> baskets in memory", "TObjArray", 64),
        array("fBasketBytes", "[fMaxBaskets] bytes of each basket on file", kInt, "int*", "fMaxBaskets", "TBranch"),
        array("fBasketEntry", "[fMaxBaskets] first entry of each basket", kLong64, "Long64_t*", "fMaxBaskets",
              "TBranch"),
        array("fBasketSeek", "[fMaxBaskets] file offset of each basket", kLong64, "Long64_t*", "fMaxBaskets",
              "TBranch"),
        string("fFileName", "file holding the baskets (empty: this one)")}},
      {"TTree", 20, 0x7264e07f,
       {base("TNamed", "name and title"), base("TAttLine", "line attributes"), base("TAttFill", "fill attributes"),
        base("TAttMarker", "marker attributes"), basic("fEntries", "number of entries", kLong64, "Long64_t"),
        basic("fTotBytes", "bytes before compression", kLong64, "Long64_t"),
        basic("fZipBytes", "bytes after compression", kLong64, "Long64_t"),
        basic("fSavedBytes", "bytes autosaved", kLong64, "Long64_t"),
        basic("fFlushedBytes", "bytes auto-flushed", kLong64, "Long64_t"),
        basic("fWeight", "tree weight", kDouble, "double"),
        basic("fTimerInterval", "timer interval (ms)", kInt, "int"),
        basic("fScanField", "entries per Scan page", kInt, "int"),
        basic("fUpdate", "update frequency of an entry loop", kInt, "int"),
        basic("fDefaultEntryOffsetLen", "initial size of a basket's entry offsets", kInt, "int"),
        basic("fNClusterRange", "number of cluster ranges", kCounter, "int"),
        basic("fMaxEntries", "maximum entries of a circular tree", kLong64, "Long64_t"),
        basic("fMaxEntryLoop", "maximum entries to process", kLong64, "Long64_t"),
        basic("fMaxVirtualSize", "maximum bytes of baskets in memory", kLong64, "Long64_t"),
        basic("fAutoSave", "autosave period (entries, or -bytes)", kLong64, "Long64_t"),
        basic("fAutoFlush", "auto-flush period (entries, or -bytes)", kLong64, "Long64_t"),
        basic("fEstimate", "entries used to estimate histogram limits", kLong64, "Long64_t"),
        array("fClusterRangeEnd", "[fNClusterRange] last entry of each cluster range", kLong64, "Long64_t*",
              "fNClusterRange", "TTree"),
        array("fClusterSize", "[fNClusterRange] cluster size of each range", kLong64, "Long64_t*",
              "fNClusterRange", "TTree"),
        any("fIOFeatures", "I/O features of new branches", "ROOT::TIOFeatures", 1),
        object("fBranches", "branches", "TObjArray", 64), object("fLeaves", "every branch's leaves", "TObjArray", 64),
        pointer("fAliases", "aliases", "TList*"), any("fIndexValues", "sorted index values", "TArrayD", 24),
        any("fIndex", "index of the sorted values", "TArrayI", 24), pointer("fTreeIndex", "tree index", "TVirtualIndex*"),
        pointer("fFriends", "friend trees", "TList*"), pointer("fUserInfo", "user objects", "TList*"),
        pointer("fBranchRef", "branch of references", "TBranchRef*")}},
  };
  return all;
}

const ClassInfo *findClass(std::string_view name) {
  for (const ClassInfo &c : classes())
    if (name == c.name)
      return &c;
  return nullptr;
}

/// `cls` and what it is built from, depth first, each once. Pointer members
/// of classes without a description (TVirtualIndex, TBranchRef) are always
/// null in what the writer writes, so they need none.
void collect(const ClassInfo &cls, std::set<std::string_view> &seen, std::vector<const ClassInfo *> &out) {
  if (!seen.insert(cls.name).second)
    return;
  out.push_back(&cls);
  for (const Element &e : cls.elements) {
    std::string_view dependency = e.typeName;
    if (std::string_view(e.kind) == "TStreamerBase")
      dependency = e.name;
    else if (std::string_view(e.kind) == "TStreamerString")
      dependency = "TString";
    if (dependency.ends_with("*"))
      dependency.remove_suffix(1);
    if (const ClassInfo *d = findClass(dependency))
      collect(*d, seen, out);
  }
}

void writeElement(OutBuffer &b, ObjectPointers &ptrs, const Element &e) {
  std::size_t ptr = ptrs.begin(e.kind);
  std::string_view kind(e.kind);
  std::size_t outer = b.openFrame(kind == "TStreamerBase" ? 3 : 2);
  std::size_t element = b.openFrame(4);
  b.tnamed(e.name, e.title);
  const ClassInfo *baseClass = kind == "TStreamerBase" ? findClass(e.name) : nullptr;
  b.i32(e.type);
  b.i32(e.size);
  b.i32(0); // fArrayLength
  b.i32(0); // fArrayDim
  // fMaxIndex[5]; a base class keeps its checksum in the second slot.
  b.i32(0);
  b.u32(baseClass ? baseClass->checksum : 0);
  b.i32(0), b.i32(0), b.i32(0);
  b.tstring(e.typeName);
  b.closeFrame(element);
  if (baseClass) {
    b.i32(baseClass->version);
  } else if (kind == "TStreamerBasicPointer") {
    const ClassInfo *counter = findClass(e.countClass);
    b.i32(counter ? counter->version : 0);
    b.tstring(e.countName);
    b.tstring(e.countClass);
  }
  b.closeFrame(outer);
  ptrs.end(ptr);
}

void writeInfo(OutBuffer &b, ObjectPointers &ptrs, const ClassInfo &cls) {
  std::size_t ptr = ptrs.begin("TStreamerInfo");
  std::size_t f = b.openFrame(9);
  b.tnamed(cls.name, "");
  b.u32(cls.checksum);
  b.i32(cls.version);
  std::size_t arrayPtr = ptrs.begin("TObjArray");
  std::size_t arr = b.openFrame(3);
  b.tobject();
  b.tstring("");
  b.i32(static_cast<int32_t>(cls.elements.size()));
  b.i32(0); // fLowerBound
  for (const Element &e : cls.elements)
    writeElement(b, ptrs, e);
  b.closeFrame(arr);
  ptrs.end(arrayPtr);
  b.closeFrame(f);
  ptrs.end(ptr);
}

} // namespace

std::vector<uint8_t> streamerInfoRecord(const std::vector<std::string> &classNames, uint32_t keylen) {
  std::set<std::string_view> seen;
  std::vector<const ClassInfo *> infos;
  for (const std::string &name : classNames) {
    const ClassInfo *c = findClass(name);
    if (!c)
      throw InputError(fmt::format("error: the ROOT writer has no StreamerInfo for class {}", name));
    collect(*c, seen, infos);
  }
  OutBuffer b;
  ObjectPointers ptrs(b, keylen);
  std::size_t list = b.openFrame(5);
  b.tobject();
  b.tstring("");
  b.i32(static_cast<int32_t>(infos.size()));
  for (const ClassInfo *c : infos) {
    writeInfo(b, ptrs, *c);
    b.u8(0); // the entry's option string: none
  }
  b.closeFrame(list);
  return std::move(b.bytes);
}

} // namespace hf::root
