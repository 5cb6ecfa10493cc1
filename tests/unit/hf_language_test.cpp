//===- tests/unit/hf_language_test.cpp - The .hf language ------------------===//
//
// The .hf frontend against the JSON one: JSON -> .hf -> JSON gives the same
// workspace, bit for bit, for every reference model; .hf -> JSON -> .hf is
// stable; a model written in .hf has the logpdf of its JSON original; and
// the diagnostics carry file:line:col.
//
//===----------------------------------------------------------------------===//
#include "frontend/hf/format.h"
#include "frontend/hf/parser.h"
#include "frontend/hf/writer.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "hf/error.h"
#include "ir/eval.h"
#include "ir/lower.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace hf {
namespace {

namespace fs = std::filesystem;

/// Every workspace of the shared reference (result files are skipped).
std::vector<std::string> referenceWorkspaces() {
  std::vector<std::string> files;
  fs::path root(HF_REFERENCE_DIR);
  auto add = [&](const fs::path &dir) {
    if (!fs::is_directory(dir))
      return;
    for (const auto &entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && entry.path().extension() == ".json" &&
          name.find("_cls") == std::string::npos)
        files.push_back(entry.path().string());
      if (entry.is_directory() && fs::exists(entry.path() / "BkgOnly.json"))
        files.push_back((entry.path() / "BkgOnly.json").string());
    }
  };
  add(root / "models");
  add(root / "validation");
  std::sort(files.begin(), files.end());
  return files;
}

ModelSpec specOf(const Workspace &ws) {
  ModelSpec spec = modelSpecOf(ws, "");
  return spec;
}

/// The InputError message of parsing `text` ("" when it parses).
std::string parseError(const std::string &text) {
  try {
    parseHf(text, "m.hf");
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

TEST(HfLanguage, RoundTripsEveryReferenceModel) {
  std::vector<std::string> files = referenceWorkspaces();
  ASSERT_GE(files.size(), 10u) << "reference models not found under " << HF_REFERENCE_DIR;
  for (const std::string &file : files) {
    SCOPED_TRACE(file);
    Workspace original = readWorkspace(readJsonFile(file), file);
    std::string text = writeHf(original);
    Workspace fromHf = parseHf(text, "converted.hf");
    Json json = workspaceToJson(fromHf);
    // JSON -> .hf -> JSON: the same workspace, numbers bit for bit.
    EXPECT_EQ(json, workspaceToJson(original));
    // .hf -> JSON -> .hf: the same text.
    EXPECT_EQ(writeHf(readWorkspace(json, "again.json")), text);
    // fmt is idempotent.
    EXPECT_EQ(writeHfDocument(parseHfDocument(text, "converted.hf")), text);
    // hfc fmt leaves the canonical form as it is.
    EXPECT_EQ(formatHfSource(text, "converted.hf"), text);
  }
}

TEST(HfLanguage, SameLogpdfAsJson) {
  for (const std::string &file : referenceWorkspaces()) {
    SCOPED_TRACE(file);
    Workspace json = readWorkspace(readJsonFile(file), file);
    Workspace hf = parseHf(writeHf(json), "model.hf");
    ir::Module a = ir::lower(specOf(json));
    ir::Module b = ir::lower(specOf(hf));
    std::vector<double> theta = ir::initialParameters(a);
    ASSERT_EQ(theta, ir::initialParameters(b));
    for (double shift : {0.0, 0.03, -0.02}) {
      std::vector<double> t = theta;
      for (double &x : t)
        x += shift;
      EXPECT_EQ(ir::evaluateObserved(a, t).logpdf, ir::evaluateObserved(b, t).logpdf);
    }
  }
}

TEST(HfLanguage, EveryConstruct) {
  Workspace ws = parseHf(R"(# a comment
workspace version "1.0.0"
let err = 1.7e-2
let nominal = [5.0, 10.0]
channel SR bins 2 {
  sample signal nominal {
    normfactor mu
    lumi
    normsys xsec lo 0.9 hi 1.1
    histosys jes lo [4.8, 9.9] hi [5.2, 10.1]
    staterror stat [0.5, 0.7]
    shapesys unc [1, 2]
    shapefactor sf
  }
  observed [6, 11]
}
channel "CR 1" bins 1 {
  sample bkg 3
}
observed "CR 1" [4]
sample extra in channel "CR 1" [1] { normfactor mu }
measurement meas poi mu {
  lumi init 1 bounds [0.9, 1.1] auxdata 1 sigma err
  mu bounds [[0, 20]] fixed false
  sf fixed factor [2]
}
)",
                         "m.hf");
  ASSERT_EQ(ws.channels.size(), 2u);
  const Sample &s = ws.channels[0].samples[0];
  EXPECT_EQ(s.data, (std::vector<double>{5.0, 10.0}));
  ASSERT_EQ(s.modifiers.size(), 7u);
  EXPECT_EQ(s.modifiers[1].name, "lumi");
  EXPECT_EQ(s.modifiers[2].lo, 0.9);
  EXPECT_EQ(s.modifiers[3].hiData, (std::vector<double>{5.2, 10.1}));
  EXPECT_EQ(s.modifiers[4].type, ModifierType::StatError);
  EXPECT_EQ(s.loc.str(), "m.hf:6:3");
  EXPECT_EQ(s.modifiers[6].loc.str(), "m.hf:13:5");
  EXPECT_EQ(ws.channels[1].name, "CR 1");
  ASSERT_EQ(ws.channels[1].samples.size(), 2u);
  EXPECT_EQ(ws.channels[1].samples[1].name, "extra");
  ASSERT_EQ(ws.observations.size(), 2u);
  EXPECT_EQ(ws.observations[1].name, "CR 1");
  const Measurement &m = ws.measurements.at(0);
  EXPECT_EQ(m.poi, "mu");
  EXPECT_EQ(*m.parameters[0].sigmas, (std::vector<double>{0.017}));
  EXPECT_EQ(m.parameters[1].fixed, false);
  EXPECT_EQ((*m.parameters[1].bounds)[0][1], 20.0);
  EXPECT_EQ(m.parameters[2].fixed, true);
}

TEST(HfLanguage, SyntaxErrorsHaveLineColumnAndCaret) {
  std::string e = parseError("channel SR bins 2 {\n  sample s [1, 2 3]\n}\n");
  EXPECT_NE(e.find("m.hf:2:18: error: expected ',' or ']', found '3'\n  sample s [1, 2 3]\n"
                   "                 ^"),
            std::string::npos)
      << e;
}

TEST(HfLanguage, SeveralErrorsPerRun) {
  std::string e = parseError("let x = [1]\nchannel SR bins 2 {\n  sample s [1, 2] { normsys a lo "
                             "x hi y }\n}\nmeasurement m {}\n");
  EXPECT_NE(e.find("m.hf:3:34: error: constant 'x' is a list"), std::string::npos) << e;
  EXPECT_NE(e.find("m.hf:3:39: error: unknown constant 'y'"), std::string::npos) << e;
}

TEST(HfLanguage, ConstantOfAnUnknownConstant) {
  // Found by fuzzing: `let x = y` with y unknown must not define a bad x.
  std::string e = parseError("let x = y\nchannel SR {\n  sample s [5, x]\n}\n");
  EXPECT_NE(e.find("m.hf:1:9: error: unknown constant 'y'"), std::string::npos) << e;
}

TEST(HfLanguage, DeclaredBinsAreChecked) {
  std::string e = parseError("channel SR bins 3 {\n  sample s [1, 2]\n}\nmeasurement m {}\n");
  EXPECT_NE(e.find("m.hf:2:12: error: sample \"s\" has 2 bins, channel \"SR\" declares bins 3"),
            std::string::npos)
      << e;
}

TEST(HfLanguage, LoweringErrorsPointAtTheHfSource) {
  Workspace ws = parseHf("channel SR {\n  sample s [1, 2] { normfactor mu }\n  sample b [1, 2, "
                         "3]\n}\nmeasurement m poi mu {}\n",
                         "m.hf");
  try {
    ir::lower(specOf(ws));
    FAIL() << "expected an InputError";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("m.hf:3:3: error:"), std::string::npos) << e.what();
    // ... with the source line and a caret, as syntax errors.
    EXPECT_NE(std::string(e.what()).find("\n  sample b [1, 2, 3]\n  ^"), std::string::npos)
        << e.what();
  }
}

/// hfc fmt of `text`, checked to parse to the same document and to be a
/// fixed point.
std::string formatChecked(const std::string &text) {
  std::string formatted = formatHfSource(text, "m.hf");
  EXPECT_EQ(writeHfDocument(parseHfDocument(formatted, "m.hf")),
            writeHfDocument(parseHfDocument(text, "m.hf")));
  EXPECT_EQ(formatHfSource(formatted, "m.hf"), formatted);
  return formatted;
}

TEST(HfLanguage, FormatKeepsCommentsAndConstants) {
  EXPECT_EQ(formatChecked("# top\nlet a=1 # one\nchannel SR{sample s [a,2,] {normfactor mu}\n"
                          "# data\nobserved [1,2]}measurement m poi mu{mu fixed}\n# end"),
            "# top\nlet a = 1  # one\n\nchannel SR {\n  sample s [a, 2] {\n    normfactor mu\n"
            "  }\n  # data\n  observed [1, 2]\n}\n\nmeasurement m poi mu {\n  mu fixed\n}\n"
            "# end\n");
}

TEST(HfLanguage, FormatBreaksLinesAtComments) {
  EXPECT_EQ(formatChecked("channel SR { sample s [1, # c\n 2] { }\n observed [1,2] }\n"
                          "measurement m { # nothing\n}\n"),
            "channel SR {\n  sample s [1,  # c\n      2] {}\n  observed [1, 2]\n}\n\n"
            "measurement m {  # nothing\n}\n");
  EXPECT_EQ(formatChecked(""), "");
  EXPECT_EQ(formatChecked("# only\n\n\n# comments\n"), "# only\n\n# comments\n");
}

TEST(HfLanguage, FormatReportsParseErrors) {
  try {
    formatHfSource("channel SR {\n  sample s [1 2]\n}\n", "m.hf");
    FAIL() << "expected an InputError";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("m.hf:2:15: error:"), std::string::npos) << e.what();
  }
}

TEST(HfLanguage, ImportBuildsOnAJsonWorkspace) {
  std::string file = std::string(HF_REFERENCE_DIR) + "/models/2-bin_1-channel.json";
  Workspace base = readWorkspace(readJsonFile(file), file);
  ASSERT_FALSE(base.channels.empty());
  std::string channel = base.channels[0].name;
  size_t nbins = base.channels[0].nbins();
  std::string data = "[";
  for (size_t i = 0; i < nbins; ++i)
    data += (i ? ", " : "") + std::string("1.5");
  data += "]";
  Workspace ws = parseHf("import \"" + file + "\"\nsample added in channel " + hfName(channel) +
                             " " + data + " { normfactor mu_added }\nmeasurement " +
                             hfName(base.measurements[0].name) +
                             " poi mu_added {\n  mu_added bounds [0, 5]\n}\n",
                         "sig.hf");
  ASSERT_EQ(ws.channels.size(), base.channels.size());
  EXPECT_EQ(ws.channels[0].samples.size(), base.channels[0].samples.size() + 1);
  EXPECT_EQ(ws.channels[0].samples.back().loc.str(), "sig.hf:2:1");
  ASSERT_EQ(ws.measurements.size(), base.measurements.size());
  EXPECT_EQ(ws.measurements[0].poi, "mu_added");
  EXPECT_EQ(ws.measurements[0].parameters.back().name, "mu_added");
  EXPECT_NE(parseError("import \"/nonexistent/x.json\"\n").find("m.hf:1:1: error: cannot import"),
            std::string::npos);
}

TEST(HfLanguage, NamesAreQuotedWhenNeeded) {
  EXPECT_EQ(hfName("mu_SIG.1"), "mu_SIG.1");
  EXPECT_EQ(hfName("channel"), "\"channel\"");
  EXPECT_EQ(hfName("a b\"c"), "\"a b\\\"c\"");
  EXPECT_EQ(hfName("1abc"), "\"1abc\"");
}

} // namespace
} // namespace hf
