//===- tests/unit/analysis/smooth_test.cpp - 353QH smoothing -------------===//
//
// cabinetry's own pinned numbers, and every case of
// ../shared/reference/cabinetry/smooth.json (82 arrays, 6 templates) to
// 1e-12 relative.
//
//===----------------------------------------------------------------------===//
#include "analysis/postprocess.h"
#include "analysis/smooth.h"
#include "analysis_test_util.h"

#include <gtest/gtest.h>

using namespace hf;
using namespace hf::analysis;
using hf::analysis::test::closeRel;

namespace {

void expectNear(const std::vector<double> &got, const std::vector<double> &want, double tol, const std::string &what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(closeRel(got[i], want[i], tol)) << what << " bin " << i << ": " << got[i] << " vs " << want[i];
}

} // namespace

TEST(Smooth353QH, CabinetryPinnedNumbers) {
  expectNear(smooth353QHTwice({1, 3, 2, 5}), {1, 2, 3.25, 5}, 1e-15, "[1,3,2,5]");
  expectNear(smooth353QHTwice({1, 3, 2, 5, 11, 3, 8}), {1, 2.125, 11.0 / 3, 61.0 / 12, 37.0 / 6, 7.375, 8}, 1e-15,
             "[1,3,2,5,11,3,8]");
  // Fewer than 3 bins: unchanged.
  EXPECT_EQ(smooth353QHTwice({1, 3}), (std::vector<double>{1, 3}));
  EXPECT_EQ(smooth353QHTwice({4}), (std::vector<double>{4}));
}

TEST(Smooth353QH, EveryArrayOfTheReference) {
  Json doc = readJsonFile(test::referenceDir() + "/cabinetry/smooth.json");
  ASSERT_GE(doc["arrays"].size(), 80u);
  size_t index = 0;
  for (const Json &c : doc["arrays"]) {
    std::vector<double> input = c["input"].get<std::vector<double>>();
    std::vector<double> want = c["smoothed"].get<std::vector<double>>();
    expectNear(smooth353QHTwice(input), want, 1e-12, "array " + std::to_string(index++));
  }
}

TEST(Smooth353QH, EveryTemplateOfTheReference) {
  Json doc = readJsonFile(test::referenceDir() + "/cabinetry/smooth.json");
  ASSERT_EQ(doc["templates"].size(), 6u);
  size_t index = 0;
  for (const Json &c : doc["templates"]) {
    Histogram nominal{c["bins"].get<std::vector<double>>(), c["nominal"].get<std::vector<double>>(),
                      std::vector<double>(c["nominal"].size(), 0.0)};
    Histogram variation{c["bins"].get<std::vector<double>>(), c["variation"].get<std::vector<double>>(),
                        c["stdev"].get<std::vector<double>>()};
    Histogram got = smoothVariation(variation, nominal);
    std::string what = "template " + std::to_string(index++);
    expectNear(got.yields, c["smoothed_variation"].get<std::vector<double>>(), 1e-12, what);
    expectNear(got.stdev, c["smoothed_stdev"].get<std::vector<double>>(), 0, what + " stdev");
    // The variation's total yield is kept.
    EXPECT_TRUE(closeRel(pythonSum(got.yields), pythonSum(variation.yields), 1e-13)) << what;
  }
}
