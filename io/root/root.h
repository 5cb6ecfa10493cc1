//===- io/root/root.h - Reading ROOT files without ROOT -------------------===//
//
// The public face of io/root: open a file, list its keys, read a 1-D
// histogram, read the columns of a TTree. Knows nothing of HistFactory; the
// XML importer (frontend/xml) and cabinetry's template builder (analysis/)
// are its users.
//
// Every failure is an hf::InputError whose message names the file, the
// object path and what went wrong (an unsupported class, streamer version,
// compression algorithm or branch type; a truncated or corrupted file with
// the byte offset). Nothing here crashes on a bad file or returns a silent
// wrong value.
//
// Object paths are `dir/sub/name` with an optional `;cycle`; without a cycle
// the highest one is meant.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hf::root {

/// One key of a directory, as `hfc root ls` lists it.
struct KeyInfo {
  std::string name;
  std::string title;
  std::string className;  ///< e.g. "TH1D", "TTree", "TDirectory"
  int cycle = 1;
  uint64_t objectBytes = 0;     ///< uncompressed payload size
  uint64_t compressedBytes = 0; ///< size on disk
  bool isDirectory() const { return className == "TDirectory" || className == "TDirectoryFile"; }
};

/// A 1-D histogram: TH1F, TH1D, TH1I (TH1S, TH1C where they occur).
struct Histogram {
  std::string name;
  std::string title;
  std::string className;
  std::vector<double> edges;    ///< binCount() + 1 edges; fixed-width axes expanded
  std::vector<double> contents; ///< binCount() + 2: [0] underflow, [1..n] bins, [n+1] overflow
  std::vector<double> sumw2;    ///< binCount() + 2; equal to contents when fSumw2 is empty
  bool hasSumw2 = false;        ///< whether the file stored fSumw2
  double entries = 0;
  std::size_t binCount() const { return edges.empty() ? 0 : edges.size() - 1; }
};

/// The C++ type of a leaf as the file stores it.
enum class LeafType {
  Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double,
  Float16, Double32
};

/// One branch of a tree, as `hfc root ls` lists it.
struct BranchInfo {
  std::string name;
  std::string typeName; ///< as a user reads it: "double", "int32_t", "std::vector<float>", "float[nJet]"
  LeafType type = LeafType::Double;
  bool jagged = false;  ///< a variable number of values per entry
  std::string counter;  ///< for a C array with a counter leaf, the counter's branch name
  std::size_t arrayLength = 1; ///< values per entry of a fixed-size array ("float[3]": 3)
  bool isString = false;       ///< a TLeafC string: read() fills Column::strings
  std::string unsupported;     ///< why read() refuses this branch; empty when it can be read
};

/// The values of one branch over an entry range, converted to double.
/// Flat branches: values.size() == number of entries, offsets empty.
/// Jagged branches and fixed-size arrays: offsets.size() == entries + 1,
/// entry i's values are values[offsets[i] .. offsets[i+1]).
/// String branches: strings.size() == entries, values and offsets empty.
struct Column {
  std::vector<double> values;
  std::vector<uint64_t> offsets;
  std::vector<std::string> strings;
  bool jagged() const { return !offsets.empty(); }
};

class File;

/// A TTree of an open file. Cheap to copy; keeps its file open.
class Tree {
public:
  uint64_t entryCount() const;
  const std::vector<BranchInfo> &branches() const;
  /// The branch named `name`, or null.
  const BranchInfo *findBranch(std::string_view name) const;
  /// Entries [begin, end) of `branch` (end clamped to entryCount()). Reads
  /// and decompresses only the baskets that overlap the range. An unknown
  /// branch is an InputError naming the tree and the branches that exist.
  Column read(std::string_view branch, uint64_t begin = 0,
              uint64_t end = std::numeric_limits<uint64_t>::max()) const;
  /// As read(), decompressing baskets on `threads` threads (0: as many as
  /// pay, up to the machine's cores; 1: on the caller's thread only).
  Column read(std::string_view branch, uint64_t begin, uint64_t end, unsigned threads) const;
  /// The number of baskets of `branch` (an InputError if unknown).
  std::size_t basketCount(std::string_view branch) const;
  /// Entry numbers at which the baskets of all of `branches` start, plus
  /// entryCount(): reading chunk by chunk between consecutive boundaries
  /// touches each basket once.
  std::vector<uint64_t> chunkBoundaries(const std::vector<std::string> &branches) const;
  const std::string &path() const;

  struct Impl;
  explicit Tree(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

private:
  std::shared_ptr<const Impl> impl_;
};

/// An open ROOT file (memory-mapped). Thread-safe for concurrent reads.
class File {
public:
  /// Opens `path`; InputError when it is missing, unreadable or not a ROOT file.
  static std::shared_ptr<const File> open(const std::string &path);
  /// Reads a file image held in memory (tests, the fuzzer); `name` stands
  /// for the path in messages.
  static std::shared_ptr<const File> openMemory(std::vector<uint8_t> bytes, const std::string &name);

  const std::string &path() const;
  /// The keys of a directory ("" is the top directory), highest cycle first
  /// for each name, as stored.
  std::vector<KeyInfo> keys(std::string_view directory = "") const;
  /// The class name of the object at `objectPath`; InputError if none.
  std::string className(std::string_view objectPath) const;
  /// A 1-D histogram; a TH2/TH3 is an InputError saying 2-D (3-D) histograms
  /// are not supported, any other class an InputError naming it.
  Histogram histogram(std::string_view objectPath) const;
  /// A TTree (or TNtuple); InputError if the object is something else.
  Tree tree(std::string_view objectPath) const;

  struct Impl;
  explicit File(std::unique_ptr<Impl> impl);
  ~File();

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace hf::root
