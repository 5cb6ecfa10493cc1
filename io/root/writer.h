//===- io/root/writer.h - Writing ROOT files of histograms and flat trees -===//
//
// What hfc writes for others to open in ROOT or uproot: template histograms
// (cabinetry's HistogramFolder, json2xml's inputs) as TH1D, and flat trees
// of numeric branches (benchmark ntuples). Files are written whole or not at
// all (a temporary file renamed over the target).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "io/root/root.h"

#include <string>
#include <vector>

namespace hf::root {

/// One histogram to write, as `dir/sub/name` (directories are created).
struct HistogramToWrite {
  std::string path;
  Histogram histogram; ///< written as TH1D with fSumw2
};

/// Writes `histograms` to a new ROOT file at `path` (zlib-compressed).
void writeHistograms(const std::string &path, const std::vector<HistogramToWrite> &histograms);

/// A flat branch of doubles (or of another numeric type, stored as given).
struct BranchToWrite {
  std::string name;
  LeafType type = LeafType::Double;
  std::vector<double> values;
};

/// Compression of the baskets of a written tree.
enum class Compression { None, Zlib, Lzma, Lz4, Zstd };

/// Writes one TTree `treeName` with `branches` (all of equal length) to a new
/// ROOT file, in baskets of about `basketBytes` each.
void writeTree(const std::string &path, const std::string &treeName,
               const std::vector<BranchToWrite> &branches, Compression compression,
               int level = 1, std::size_t basketBytes = 32000);

} // namespace hf::root
