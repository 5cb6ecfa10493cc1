//===- tests/reference/model_parity_test.cpp - Model build parity ---------===//
//
// For every reference case and both interpolation settings: the parameter
// table equals pyhf's (names, order, sizes, inits, bounds, fixed,
// constrained), the data sizes agree, and the interpreter reproduces pyhf's
// expected data at the inits and logpdf at every reference point to 1e-9.
//
//===----------------------------------------------------------------------===//
#include "tests/reference/reference_data.h"

#include "frontend/diagnostics.h"
#include "frontend/json_text.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "ir/verifier.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace hf::test {
namespace {

constexpr double kTolerance = 1e-9;

class ModelParity : public testing::TestWithParam<ReferenceParam> {
protected:
  void SetUp() override {
    setWarningsEnabled(false);
    expected_ = readJsonFile(GetParam().refCase.expectedFile);
    block_ = expected_.at(GetParam().block);
    module_ = lowerReference(GetParam(), block_);
    ASSERT_EQ(ir::verify(module_), "");
  }

  /// θ from a {"name": value} object; every parameter must be named.
  std::vector<double> thetaFrom(const Json &pars) {
    for (const auto &item : pars.items())
      EXPECT_GE(referenceParameterIndex(module_, item.key()), 0)
          << "reference parameter " << item.key() << " is not in the model";
    EXPECT_EQ(pars.size(), module_.params.size());
    return referenceTheta(module_, pars);
  }

  Json expected_, block_;
  ir::Module module_;
};

TEST_P(ModelParity, ParameterTableMatchesPyhf) {
  const Json &sets = expected_.at("parameters");
  ASSERT_EQ(sets.size(), module_.paramsets.size());
  for (size_t i = 0; i < sets.size(); ++i) {
    const Json &ref = sets[i];
    const ir::ParamSet &set = module_.paramsets[i];
    SCOPED_TRACE(fmt::format("parameter set {} ({})", i, set.name));
    EXPECT_EQ(set.name, ref.at("name").get<std::string>());
    ASSERT_EQ(set.size, ref.at("n").get<uint32_t>());
    EXPECT_EQ(set.constraint != ir::Constraint::None, ref.at("constrained").get<bool>());
    for (uint32_t k = 0; k < set.size; ++k) {
      const ir::Parameter &p = module_.params[set.start + k];
      EXPECT_EQ(p.init, ref.at("inits")[k].get<double>());
      EXPECT_EQ(p.lo, ref.at("bounds")[k][0].get<double>());
      EXPECT_EQ(p.hi, ref.at("bounds")[k][1].get<double>());
      EXPECT_EQ(p.fixed, ref.at("fixed")[k].get<bool>());
    }
  }
  // The POI: pyhf's index, or none for background-only workspaces.
  if (expected_.at("poi").is_null())
    EXPECT_LT(module_.poiIndex, 0);
  else
    EXPECT_EQ(module_.poiName, expected_.at("poi").get<std::string>());
}

TEST_P(ModelParity, DataSizesMatchPyhf) {
  EXPECT_EQ(module_.nMain, block_.at("n_main_bins").get<uint32_t>());
  EXPECT_EQ(module_.nAux, block_.at("n_aux").get<uint32_t>());
  const Json &bins = block_.at("channel_bins");
  ASSERT_EQ(bins.size(), module_.channels.size());
  for (const ir::ChannelInfo &c : module_.channels)
    EXPECT_EQ(c.nbins, bins.at(c.name).get<uint32_t>()) << c.name;
}

TEST_P(ModelParity, ExpectedDataAtInitMatchesPyhf) {
  ir::EvalResult r = ir::evaluateObserved(module_, ir::initialParameters(module_));
  const Json &ref = block_.at("expected_actualdata_at_init");
  ASSERT_EQ(ref.size(), r.expectedMain.size());
  for (size_t b = 0; b < ref.size(); ++b)
    EXPECT_LE(relDiff(r.expectedMain[b], ref[b].get<double>()), kTolerance)
        << "bin " << b << ": hfc " << r.expectedMain[b] << ", pyhf " << ref[b];
}

TEST_P(ModelParity, LogpdfAtReferencePointsMatchesPyhf) {
  const Json &points = block_.at("logpdf_points");
  ASSERT_FALSE(points.empty());
  for (size_t i = 0; i < points.size(); ++i) {
    std::vector<double> theta = thetaFrom(points[i].at("pars"));
    double logpdf = ir::evaluateObserved(module_, theta).logpdf;
    double ref = points[i].at("logpdf").get<double>();
    // 1e-9 relative, unless the terms themselves cannot be that precise in
    // double (then 2 ulp of the largest intermediate, see roundingScale).
    double allowed = std::max(kTolerance * std::fabs(ref),
                              2 * std::numeric_limits<double>::epsilon() * roundingScale(module_, theta));
    EXPECT_LE(std::fabs(logpdf - ref), allowed)
        << "point " << i << ": hfc " << fmt::format("{}", logpdf) << ", pyhf " << fmt::format("{}", ref);
  }
}

INSTANTIATE_TEST_SUITE_P(Reference, ModelParity, testing::ValuesIn(referenceParams()),
                         [](const auto &test) { return referenceParamName(test.param); });

} // namespace
} // namespace hf::test
