//===- tools/hfc/cmd_xml2json.cpp - hfc xml2json --------------------------===//
//
// `hfc xml2json TOP.xml [--basedir DIR] [--output-file ws.json]
// [--track-progress]`: a HistFactory XML configuration and its ROOT
// histograms as a pyhf JSON workspace, exactly as `pyhf xml2json` writes it
// (frontend/xml/histfactory_xml.h): on stdout with a final newline (click's
// echo), in --output-file without one (json.dump), keys sorted, indent 4.
//
//===----------------------------------------------------------------------===//
#include "frontend/json_reader.h"
#include "frontend/python_json.h"
#include "frontend/xml/histfactory_xml.h"
#include "hf/error.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

namespace hf::cli {

namespace {

struct Xml2JsonOptions {
  std::string top;
  std::string basedir;
  std::string outputFile;
  bool trackProgress = false;
};

void runXml2Json(const Xml2JsonOptions &o) {
  xml::ImportOptions options;
  options.basedir = o.basedir;
  if (o.trackProgress)
    options.progress = [](const std::string &line) { fmt::print(stderr, "hfc: xml2json: {}\n", line); };
  Workspace ws = xml::importHistFactoryXml(o.top, options);
  Json doc = workspaceToJson(ws);
  // What pyhf validates against its schema before it prints.
  readWorkspace(doc, o.top + " (imported)");
  std::string text = pythonJsonPretty(doc, true);
  if (o.outputFile.empty() || o.outputFile == "-") {
    text += "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    writeFileAtomically(o.outputFile, text);
    fmt::print(stderr, "hfc: xml2json: wrote {}\n", o.outputFile);
  }
}

} // namespace

void registerXml2Json(CLI::App &app) {
  auto o = std::make_shared<Xml2JsonOptions>();
  CLI::App *cmd = app.add_subcommand(
      "xml2json", "Convert a HistFactory XML configuration (+ its ROOT histograms) to a pyhf JSON workspace");
  cmd->add_option("TOP", o->top, "the top-level <Combination> XML file")->required();
  cmd->add_option("--basedir", o->basedir,
                  "directory the file names inside the XML start from (default: the working directory)");
  cmd->add_option("--output-file", o->outputFile, "write the workspace here (default: standard output)");
  cmd->add_flag("--track-progress,!--hide-progress", o->trackProgress,
                "say on stderr which channel file is being read");
  cmd->callback([o] { runXml2Json(*o); });
}

} // namespace hf::cli
