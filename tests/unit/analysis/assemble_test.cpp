//===- tests/unit/analysis/assemble_test.cpp - Workspace assembly --------===//
//
// The pinned numbers of cabinetry's test suite (norm/shape split,
// symmetrization, Normalization systematics), and the tutorial workspaces:
// the config plus cabinetry's templates (workspace.templates.json) give
// workspace.json byte for byte; post-processing the original templates gives
// the modified ones.
//
//===----------------------------------------------------------------------===//
#include "analysis/assemble.h"
#include "analysis/config.h"
#include "analysis/postprocess.h"
#include "analysis_test_util.h"
#include "frontend/python_json.h"

#include <gtest/gtest.h>

using namespace hf;
using namespace hf::analysis;
using hf::analysis::test::closeRel;

TEST(NormPlusShape, CabinetryPinnedSplit) {
  std::vector<double> nominal{20, 20}, up{26, 24}, down{8, 12};
  NormShape ns = normPlusShape(nominal, &up, &down);
  EXPECT_DOUBLE_EQ(ns.hi, 1.25);
  EXPECT_DOUBLE_EQ(ns.lo, 0.5);
  EXPECT_DOUBLE_EQ(ns.hiData[0], 20.8);
  EXPECT_DOUBLE_EQ(ns.hiData[1], 19.2);
  EXPECT_DOUBLE_EQ(ns.loData[0], 16);
  EXPECT_DOUBLE_EQ(ns.loData[1], 24);
}

TEST(NormPlusShape, CabinetryPinnedSymmetrizedDown) {
  std::vector<double> nominal{20, 20}, up{26, 24};
  NormShape ns = normPlusShape(nominal, &up, nullptr);
  EXPECT_DOUBLE_EQ(ns.hi, 1.25);
  EXPECT_DOUBLE_EQ(ns.lo, 0.75);
  EXPECT_DOUBLE_EQ(ns.loData[0], 19.2);
  EXPECT_DOUBLE_EQ(ns.loData[1], 20.8);
  // Symmetrize on Up mirrors the Down template the same way.
  std::vector<double> down{26, 24};
  NormShape mirrored = normPlusShape(nominal, nullptr, &down);
  EXPECT_DOUBLE_EQ(mirrored.lo, 1.25);
  EXPECT_DOUBLE_EQ(mirrored.hi, 0.75);
  EXPECT_DOUBLE_EQ(mirrored.hiData[0], 19.2);
}

namespace {

const char *kPinnedConfig = R"(General:
  Measurement: "m"
  POI: "mu"
  HistogramFolder: "h/"
  InputPath: "in.root:{RegionPath}/{SamplePath}"
Regions:
  - Name: "SR one"
    RegionPath: "SR"
  - Name: "CR"
    RegionPath: "CR"
Samples:
  - Name: "Data"
    SamplePath: "Data"
    Data: true
  - Name: "Sig"
    SamplePath: "Sig"
    Regions: "SR one"
Systematics:
  - Name: "lumi_sys"
    Type: Normalization
    Up: {Normalization: 0.1}
    Down: {Normalization: -0.05}
  - Name: "shape"
    Type: NormPlusShape
    Regions: CR
    Up: {SamplePath: "SigUp"}
    Down: {SamplePath: "SigDown"}
NormFactors:
  - Name: "mu"
    Bounds: [0, 5.5]
  - Name: "k"
    Regions: CR
General_placeholder: 1
)";

TemplateSet pinnedTemplates() {
  TemplateSet t;
  t["SR-one_Data"] = Histogram{{0, 1}, {7}, {2.6}};
  t["CR_Data"] = Histogram{{0, 1}, {5}, {2.2}};
  t["SR-one_Sig"] = Histogram{{0, 1}, {20}, {std::nan("")}};
  return t;
}

} // namespace

TEST(Assemble, NormalizationSystematicAndOneBinRegion) {
  std::string text = kPinnedConfig;
  text = text.substr(0, text.find("General_placeholder"));
  Config c = parseConfig(text, "pinned.yml");
  TemplateSet t = pinnedTemplates();
  postprocess(c, t, "h/");
  // NaN stdev became 0 in the modified copy, the original is kept.
  EXPECT_TRUE(std::isnan(t.at("SR-one_Sig").stdev[0]));
  EXPECT_EQ(t.at("SR-one_Sig_modified").stdev[0], 0.0);
  Json ws = assembleWorkspace(c, t, "h/");
  const Json &sig = ws["channels"][0]["samples"][0];
  EXPECT_EQ(ws["channels"][0]["name"], "SR one");
  EXPECT_EQ(sig["modifiers"][0]["name"], "staterror_SR-one");
  EXPECT_EQ(sig["modifiers"][1]["name"], "mu");
  EXPECT_EQ(pythonJsonCompact(sig["modifiers"][2]),
            R"({"data": {"hi": 1.1, "lo": 0.95}, "name": "lumi_sys", "type": "normsys"})");
  // The CR has no Sig, so no samples and no shape systematic.
  EXPECT_TRUE(ws["channels"][1]["samples"].empty());
  EXPECT_EQ(pythonJsonCompact(ws["measurements"]),
            R"([{"config": {"parameters": [{"bounds": [[0, 5.5]], "name": "mu"}, {"name": "k"}], "poi": "mu"}, "name": "m"}])");
}

namespace {

/// The templates of a reference folder's workspace.templates.json.
TemplateSet referenceTemplates(const Json &doc, const char *which) {
  TemplateSet out;
  for (const auto &[name, h] : doc[which].items())
    out[std::string(name) + (std::string(which) == "modified" ? "_modified" : "")] =
        Histogram{h["bins"].get<std::vector<double>>(), h["yields"].get<std::vector<double>>(),
                  h["stdev"].get<std::vector<double>>()};
  return out;
}

void checkTutorial(const std::string &config, const std::string &reference) {
  Config c = readConfig(test::dataDir() + "/cabinetry/" + config);
  Json templates = readJsonFile(test::referenceDir() + "/cabinetry/" + reference + "/workspace.templates.json");
  // Post-processing the originals gives cabinetry's modified templates.
  TemplateSet set = referenceTemplates(templates, "original");
  postprocess(c, set, "");
  TemplateSet modified = referenceTemplates(templates, "modified");
  ASSERT_EQ(modified.size(), 6u);
  for (const auto &[name, h] : modified) {
    ASSERT_TRUE(set.count(name)) << name;
    const Histogram &got = set.at(name);
    ASSERT_EQ(got.yields.size(), h.yields.size()) << name;
    for (size_t i = 0; i < h.yields.size(); ++i) {
      EXPECT_TRUE(closeRel(got.yields[i], h.yields[i], 1e-12)) << name << " " << i;
      EXPECT_TRUE(closeRel(got.stdev[i], h.stdev[i], 1e-12)) << name << " " << i;
    }
  }
  // The workspace, byte for byte.
  std::string want = readTextFile(test::referenceDir() + "/cabinetry/" + reference + "/workspace.json");
  EXPECT_EQ(pythonJsonPretty(assembleWorkspace(c, set, ""), true), want);
}

} // namespace

TEST(Assemble, TutorialNtuplesFromReferenceTemplates) { checkTutorial("config_ntuples.yml", "tutorial"); }

TEST(Assemble, TutorialHistogramsFromReferenceTemplates) {
  checkTutorial("config_histograms.yml", "tutorial_histograms");
}
