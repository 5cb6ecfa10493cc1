//===- io/root/tree_impl.h - A parsed TTree: branches, leaves, baskets ----===//
//
// What ttree.cpp extracts from a TTree record and basket.cpp needs to read
// columns: for every readable column its leaf layout, and for its branch
// where each basket is and which entries it holds (baskets kept inside the
// TTree record are decoded up front).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "io/root/file_impl.h"
#include "io/root/root.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hf::root {

/// How the values of one leaf sit in a basket's entries.
enum class EntryLayout {
  Fixed,   ///< every entry fixedBytes long; the leaf at `offsetInEntry`, `length` values
  Counted, ///< C array with a counter leaf: the entry's bytes are its values
  Vector,  ///< std::vector<T>: a 10-byte header, then the values
  String,  ///< TLeafC: u8 length (255: i32 length), then the characters
};

/// The uncompressed entry data of one basket.
struct BasketData {
  std::vector<uint8_t> owned;
  std::span<const uint8_t> data;     ///< [0, fLast - fKeylen) of the payload
  std::vector<uint32_t> entryStarts; ///< entries + 1 offsets into data; empty for fixed-size entries
  uint32_t entries = 0;
  uint32_t entryBytes = 0;           ///< fNevBufSize (fixed-size entries)
};

struct BasketRef {
  uint64_t seek = 0;  ///< file offset of its key (0 for an embedded basket)
  uint32_t bytes = 0; ///< fBasketBytes
  uint64_t first = 0, end = 0; ///< entries [first, end)
  std::shared_ptr<const BasketData> embedded;
};

struct ColumnDesc {
  std::size_t branch = 0;           ///< index into Tree::Impl::branches
  LeafType type = LeafType::Double;
  unsigned elementBytes = 8;
  EntryLayout layout = EntryLayout::Fixed;
  uint32_t fixedBytes = 0;          ///< Fixed: the whole entry (all leaves of a leaf list)
  uint32_t offsetInEntry = 0;       ///< Fixed: where this leaf starts in the entry
  uint32_t length = 1;              ///< Fixed: values per entry
};

struct BranchDesc {
  std::string name;
  uint64_t entries = 0;
  std::vector<BasketRef> baskets;
};

struct Tree::Impl {
  std::shared_ptr<const File> file;
  const File::Impl *fileImpl = nullptr;
  std::string path;     ///< object path in the file
  std::string className;
  uint64_t entries = 0;
  std::vector<BranchInfo> infos; ///< as branches() lists them
  std::vector<ColumnDesc> columns; ///< parallel to infos (unused where unsupported)
  std::vector<BranchDesc> branches;

  /// Index into infos of `name`, or SIZE_MAX.
  std::size_t find(std::string_view name) const;
  /// A basket's entry data (decompressed when stored compressed).
  std::shared_ptr<const BasketData> loadBasket(const BranchDesc &b, const BasketRef &ref) const;
};

/// Parses the TTree (or TNtuple) record of `key` (ttree.cpp).
std::shared_ptr<Tree::Impl> parseTree(std::shared_ptr<const File> file, const File::Impl &f, const KeyHeader &key,
                                      const std::string &objectPath);
/// Parses the basket header inside a key and frames its entry data (basket.cpp).
void frameBasket(const File::Impl &f, const KeyHeader &key, const std::string &what, BasketData &out,
                 const Origin &keyOrigin);

} // namespace hf::root
