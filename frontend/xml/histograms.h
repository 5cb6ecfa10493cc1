//===- frontend/xml/histograms.h - The ROOT histograms an XML config names -===//
//
// A HistFactory configuration names histograms by (InputFile, HistoPath,
// HistoName). This resolves them as pyhf's readxml does: file names are
// relative to the base directory; the name is looked up first as written,
// then under the path (leading and trailing '/' of the path dropped); the
// values are the bin contents without under/overflow and the errors the
// square roots of fSumw2 (or of the contents when the file stored no
// fSumw2). Each ROOT file is opened once.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hf::root {
class File;
}

namespace hf::xml {

/// Bin contents and errors of one 1-D histogram, flow bins dropped.
struct HistogramValues {
  std::vector<double> values;
  std::vector<double> errors;
};

class HistogramSource {
public:
  /// `basedir` is where relative file names start ("" = the working directory).
  explicit HistogramSource(std::string basedir);
  ~HistogramSource();

  /// The histogram `name` (or `path/name`) of `inputFile`. `where` is the
  /// XML element that names it: every failure (no file given, a file that
  /// does not open, no such histogram, an unsupported class) is an
  /// InputError at that place.
  HistogramValues read(const std::string &inputFile, const std::string &path, const std::string &name,
                       const Loc &where);

  /// `file` as it is opened: the base directory joined with it.
  std::string resolve(const std::string &file) const;

private:
  std::shared_ptr<const root::File> open(const std::string &inputFile, const Loc &where);
  std::string basedir_;
  std::map<std::string, std::shared_ptr<const root::File>> files_;
};

} // namespace hf::xml
