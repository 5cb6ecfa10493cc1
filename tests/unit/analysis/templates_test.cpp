//===- tests/unit/analysis/templates_test.cpp - Templates from ROOT files ===//
//
// The tutorial's templates, built from ../shared/data/cabinetry/inputs with
// io/root (TTrees for config_ntuples.yml, TH1Ds for config_histograms.yml),
// equal cabinetry's (workspace.templates.json, "original") to 1e-12.
//
//===----------------------------------------------------------------------===//
#include "analysis/pipeline.h"
#include "analysis_test_util.h"

#include <gtest/gtest.h>


using namespace hf;
using namespace hf::analysis;
using hf::analysis::test::closeRel;

namespace {

void checkTemplates(const std::string &config, const std::string &reference, unsigned threads) {
  Config c = readConfig(test::dataDir() + "/cabinetry/" + config);
  PipelineOptions options;
  options.build.baseDir = test::dataDir() + "/cabinetry";
  options.build.threads = threads;
  TemplateSet got = makeTemplates(c, options);
  Json want = readJsonFile(test::referenceDir() + "/cabinetry/" + reference + "/workspace.templates.json");
  ASSERT_EQ(got.size(), want["original"].size());
  for (const auto &[name, h] : want["original"].items()) {
    ASSERT_TRUE(got.count(name)) << name;
    const Histogram &g = got.at(name);
    EXPECT_EQ(g.bins, h["bins"].get<std::vector<double>>()) << name;
    std::vector<double> yields = h["yields"].get<std::vector<double>>(), stdev = h["stdev"].get<std::vector<double>>();
    ASSERT_EQ(g.yields.size(), yields.size()) << name;
    for (size_t i = 0; i < yields.size(); ++i) {
      EXPECT_TRUE(closeRel(g.yields[i], yields[i], 1e-12)) << name << " bin " << i << ": " << g.yields[i];
      EXPECT_TRUE(closeRel(g.stdev[i], stdev[i], 1e-12)) << name << " bin " << i << ": " << g.stdev[i];
    }
  }
}

} // namespace

TEST(Templates, TutorialNtuples) { checkTemplates("config_ntuples.yml", "tutorial", 1); }
TEST(Templates, TutorialNtuplesTwoThreads) { checkTemplates("config_ntuples.yml", "tutorial", 2); }
TEST(Templates, TutorialHistograms) { checkTemplates("config_histograms.yml", "tutorial_histograms", 1); }

