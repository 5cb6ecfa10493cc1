//===- tools/hfc/cmd_convert.cpp - hfc convert and hfc fmt ----------------===//
//
// `hfc convert IN [-o OUT] [--to hf|json]` converts a workspace between pyhf
// JSON and the .hf language, losslessly (numbers bit for bit). The output
// format is --to, else OUT's extension, else the other one of IN's.
// `hfc fmt FILE.hf [-i]` (or `hfc fmt -` on standard input) prints a .hf file in canonical layout (or rewrites
// it in place), keeping its comments, constants and spelling
// (frontend/hf/format.h); formatting twice changes nothing.
//
//===----------------------------------------------------------------------===//
#include "frontend/hf/format.h"
#include "frontend/hf/parser.h"
#include "frontend/hf/writer.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/python_json.h"
#include "hf/error.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

namespace hf::cli {

namespace {

struct ConvertOptions {
  std::string input;
  std::string output;
  std::string to;
};

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void emit(const std::string &text, const std::string &output) {
  if (output.empty() || output == "-")
    std::fwrite(text.data(), 1, text.size(), stdout);
  else
    writeFileAtomically(output, text);
}

void runConvert(const ConvertOptions &o) {
  bool fromHf = isHfFile(o.input);
  std::string to = o.to;
  if (to.empty() && endsWith(o.output, ".hf"))
    to = "hf";
  else if (to.empty() && endsWith(o.output, ".json"))
    to = "json";
  else if (to.empty())
    to = fromHf ? "json" : "hf";
  Workspace ws = fromHf ? readHfFile(o.input) : readWorkspace(readJsonFile(o.input), o.input);
  if (to == "hf")
    emit(writeHf(ws), o.output);
  else
    emit(pythonJsonPretty(workspaceToJson(ws), true) + "\n", o.output);
}

struct FmtOptions {
  std::string file;
  bool inPlace = false;
};

void runFmt(const FmtOptions &o) {
  // "-": .hf text on standard input (a pipe or an editor's filter), printed.
  bool stdinText = o.file == "-";
  if (stdinText && o.inPlace)
    throw InputError("error: hfc fmt -i rewrites a file; standard input has none (drop -i)");
  if (!stdinText && !isHfFile(o.file))
    throw InputError(fmt::format("{}: error: hfc fmt formats .hf files", o.file));
  std::string text = formatHfSource(readTextFile(o.file), stdinText ? "<stdin>" : o.file);
  emit(text, o.inPlace ? o.file : "");
}

} // namespace

void registerConvert(CLI::App &app) {
  auto c = std::make_shared<ConvertOptions>();
  CLI::App *convert =
      app.add_subcommand("convert", "Convert a workspace between pyhf JSON and .hf (lossless)");
  convert->add_option("IN", c->input, "the workspace (.json or .hf; '-' reads JSON from standard input)")
      ->required();
  convert->add_option("-o,--output", c->output, "write here (default: standard output)");
  convert->add_option("--to", c->to, "output format (default: by the extension of -o, else the "
                                     "other format)")
      ->check(CLI::IsMember({"hf", "json"}));
  convert->callback([c] { runConvert(*c); });

  auto f = std::make_shared<FmtOptions>();
  CLI::App *fmtCmd = app.add_subcommand("fmt", "Print a .hf file in canonical layout (keeps comments and constants)");
  fmtCmd->add_option("FILE", f->file, "the .hf file ('-': .hf text on standard input)")->required();
  fmtCmd->add_flag("-i,--in-place", f->inPlace, "rewrite the file instead of printing it");
  fmtCmd->callback([f] { runFmt(*f); });
}

} // namespace hf::cli
