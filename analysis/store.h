//===- analysis/store.h - The template histograms under HistogramFolder --===//
//
// cabinetry keeps one .npz per template in HistogramFolder; hfc keeps them
// all in one file there, `templates.json`: {name: {bins, yields, stdev}},
// the originals under cabinetry's names and the post-processed copies
// beside them with `_modified`, every number in Python's round-trip
// spelling (so nothing is lost between steps). It is written whole or not
// at all. (A ROOT file of TH1Ds comes when io/root can write one.)
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/histogram.h"

#include <map>
#include <string>

namespace hf::analysis {

using TemplateSet = std::map<std::string, Histogram>;

/// The file under `folder` the templates are kept in.
std::string templateFile(const std::string &folder);

/// Reads the templates of `folder`; an InputError naming the file when it
/// is missing (run `hfc templates` first) or malformed.
TemplateSet loadTemplates(const std::string &folder);

/// Writes `templates` to `folder` (created if needed), replacing the file.
void saveTemplates(const std::string &folder, const TemplateSet &templates);

/// The template `name`: `name_modified` when `modified` and it exists (as
/// cabinetry's loaders prefer it), else `name`; InputError when missing.
const Histogram &findTemplate(const TemplateSet &templates, const std::string &name, bool modified,
                              const std::string &folder);

} // namespace hf::analysis
