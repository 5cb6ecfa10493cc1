//===- frontend/xml/histfactory_xml.h - HistFactory XML + ROOT -> Spec ----===//
//
// Imports a HistFactory configuration — a top-level <Combination> file, the
// <Channel> files it lists and the ROOT histograms they name — into a
// Workspace, with the meaning pyhf 0.7.6's readxml (`pyhf xml2json`) gives
// it, so that workspaceToJson of the result, written as Python writes JSON,
// is byte for byte what `pyhf xml2json` prints. Where pyhf ignores what the
// XML says (ConstraintTerm types, StatErrorConfig, <Function>), hfc ignores
// it too and says so in a warning; whatever the HistFactory DTD does not
// allow is an error at its line:column. Every node of the result carries the
// line:column of the XML element it came from.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"

#include <functional>
#include <string>

namespace hf::xml {

struct ImportOptions {
  /// Where the file names inside the XML (channel files, ROOT files) start;
  /// "" = the working directory, as `pyhf xml2json --basedir` defaults.
  std::string basedir;
  /// Called with a line of progress ("channel 1/2 ...") when set.
  std::function<void(const std::string &)> progress;
};

/// Reads the top-level file `topFile` ("-" is not allowed: channel files are
/// named relative to a directory). Bad input throws InputError.
Workspace importHistFactoryXml(const std::string &topFile, const ImportOptions &options = {});

/// Whether a MODEL argument names a HistFactory XML file (".xml").
bool isXmlFile(const std::string &file);

} // namespace hf::xml
