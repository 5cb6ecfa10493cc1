//===- tests/unit/analysis/config_test.cpp - Reading cabinetry's config --===//
#include "analysis/config.h"
#include "analysis/route.h"
#include "analysis_test_util.h"
#include "hf/error.h"

#include <gtest/gtest.h>

using namespace hf;
using namespace hf::analysis;

TEST(Config, Tutorial) {
  Config c = readConfig(test::dataDir() + "/cabinetry/config_ntuples.yml");
  EXPECT_EQ(c.general.measurement.value, "minimal_example");
  ASSERT_EQ(c.regions.size(), 1u);
  EXPECT_EQ(c.regions[0].filter->value, "lep_charge > 0");
  ASSERT_EQ(c.regions[0].binning->size(), 5u);
  EXPECT_TRUE((*c.regions[0].binning)[0].integer);
  EXPECT_EQ(c.samples.size(), 3u);
  EXPECT_TRUE(c.samples[0].data); // `Data: True`, PyYAML's boolean
  EXPECT_TRUE(c.samples[1].disableStaterror);
  ASSERT_EQ(c.systematics.size(), 3u);
  EXPECT_EQ(c.systematics[0].up.normalization->value, 0.05);
  EXPECT_TRUE(c.systematics[1].down.symmetrize);
  EXPECT_EQ(c.systematics[1].up.tree->value, "background_varied");
  EXPECT_EQ(c.systematics[1].up.tree->loc.pointer, "Systematics[1].Up.Tree");
  EXPECT_EQ(c.systematics[1].up.tree->loc.line, 41);
  EXPECT_EQ(inputKind(c), InputKind::Ntuple);

  // The template grid, in cabinetry's order.
  std::vector<std::string> names;
  for (const TemplateRef &t : neededTemplates(c))
    names.push_back(t.name());
  EXPECT_EQ(names, (std::vector<std::string>{"Signal_region_Data", "Signal_region_Signal", "Signal_region_Background",
                                             "Signal_region_Background_Modeling_Up",
                                             "Signal_region_Background_WeightBasedModeling_Up",
                                             "Signal_region_Background_WeightBasedModeling_Down"}));
  // Overrides: the Modeling Up template reads another tree.
  NtupleSource up = ntupleSource(c, neededTemplates(c)[3], "base");
  EXPECT_EQ(up.files, (std::vector<std::string>{"base/inputs/prediction.root"}));
  EXPECT_EQ(up.tree.value, "background_varied");
  EXPECT_EQ(up.weight->value, "weight");
  EXPECT_EQ(up.filter->value, "lep_charge > 0");
  NtupleSource down = ntupleSource(c, neededTemplates(c)[5], "");
  EXPECT_EQ(down.weight->value, "0.7*weight");
  EXPECT_EQ(down.tree.value, "background");
}

TEST(Config, HistogramInputs) {
  Config c = readConfig(test::dataDir() + "/cabinetry/config_histograms.yml");
  EXPECT_EQ(inputKind(c), InputKind::Histogram);
  auto grid = neededTemplates(c);
  HistogramSource nominal = histogramSource(c, grid[2], "d");
  EXPECT_EQ(nominal.file, "d/inputs/histograms.root");
  EXPECT_EQ(nominal.objectPath, "SR/Background/Nominal");
  HistogramSource up = histogramSource(c, grid[3], "");
  EXPECT_EQ(up.objectPath, "SR/Background/Modeling_Up");
}

namespace {

std::string errorOf(const std::string &text) {
  try {
    parseConfig(text, "c.yml");
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

const char *kHead = "General:\n  Measurement: m\n  InputPath: \"in/{SamplePath}\"\n  HistogramFolder: h\n"
                    "Regions:\n  - Name: SR\n    Variable: x\n    Binning: [0, 1, 2]\n"
                    "NormFactors:\n  - Name: mu\n";

} // namespace

TEST(Config, Errors) {
  std::string samples = "Samples:\n  - Name: Data\n    Tree: t\n    SamplePath: d.root\n    Data: true\n";
  EXPECT_EQ(errorOf(std::string(kHead) + samples), "");
  std::string e = errorOf(std::string(kHead) + samples + "    Colour: red\n");
  EXPECT_NE(e.find("c.yml:16:5: error: Samples[0].Colour: unknown key 'Colour'"), std::string::npos) << e;
  e = errorOf(std::string(kHead) + "Samples:\n  - Name: Data\n    Tree: 5\n    SamplePath: d.root\n    Data: true\n");
  EXPECT_NE(e.find("c.yml:13:11: error: Samples[0].Tree: expected a string, got an integer (5)"), std::string::npos)
      << e;
  e = errorOf(std::string(kHead) + "Samples:\n  - Name: Data\n    Tree: t\n    SamplePath: d.root\n");
  EXPECT_NE(e.find("no sample has 'Data: true'"), std::string::npos) << e;
  e = errorOf(std::string(kHead) + samples + "  - Name: Data\n    Tree: t\n    SamplePath: d.root\n");
  EXPECT_NE(e.find("c.yml:16:11: error: Samples[1].Name: duplicate sample name 'Data' (first defined at 12:11)"),
            std::string::npos)
      << e;
  e = errorOf(std::string(kHead) + samples +
              "Systematics:\n  - Name: s\n    Type: NormPlusShape\n    Up: {Symmetrize: true}\n"
              "    Down: {Symmetrize: true}\n");
  EXPECT_NE(e.find("Systematics[0].Down.Symmetrize: Up and Down of systematic 's' are both symmetrized"),
            std::string::npos)
      << e;
  e = errorOf(std::string(kHead) + samples +
              "Systematics:\n  - Name: s\n    Type: NormPlusShape\n    Up: {RegionPath: up}\n    Down: {}\n");
  EXPECT_NE(e.find("Systematics[0].Up.RegionPath: 'up' is set, but General.InputPath \"in/{SamplePath}\" has no "
                   "{RegionPath} placeholder"),
            std::string::npos)
      << e;
  e = errorOf(std::string(kHead) + samples + "Systematics:\n  - Name: s\n    Type: Shape\n    Up: {}\n    Down: {}\n");
  EXPECT_NE(e.find("Systematics[0].Type: unknown systematic type 'Shape'"), std::string::npos) << e;
  e = errorOf("General:\n  Measurement: m\n");
  EXPECT_NE(e.find("c.yml:1:1: error: missing required key 'Regions'"), std::string::npos) << e;
  e = errorOf("General: [1\n");
  EXPECT_NE(e.find("invalid YAML"), std::string::npos) << e;
}
