//===- tests/reference/gradient_parity_test.cpp - Autodiff vs differences -===//
//
// The reverse-mode gradient (ir/autodiff, run by the interpreter) against
// central finite differences of the interpreted logpdf at the reference
// points, and against pyhf's finite-difference gradient at point 1, for
// every reference case and both interpolation settings.
//
//===----------------------------------------------------------------------===//
#include "tests/reference/reference_data.h"

#include "frontend/diagnostics.h"
#include "ir/autodiff.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "ir/verifier.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace hf::test {
namespace {

class GradientParity : public testing::TestWithParam<ReferenceParam> {
protected:
  void SetUp() override {
    setWarningsEnabled(false);
    block_ = referenceBlock(GetParam());
    module_ = lowerReference(GetParam(), block_);
    // Every parameter active, so fixed ones are checked too.
    ir::appendGradient(module_, std::vector<bool>(module_.params.size(), true));
    ASSERT_EQ(ir::verify(module_), "");
  }

  std::vector<double> thetaFrom(const Json &pars) const { return referenceTheta(module_, pars); }

  double logpdf(const std::vector<double> &theta) const {
    return ir::evaluateObserved(module_, theta).logpdf;
  }

  /// Central difference with a step that balances truncation and rounding;
  /// returns the derivative and an estimate of its rounding noise.
  std::pair<double, double> centralDifference(std::vector<double> theta, size_t i) const {
    double h = 1e-5 * std::max(1.0, std::fabs(theta[i]));
    double x = theta[i];
    theta[i] = x + h;
    double up = logpdf(theta);
    theta[i] = x - h;
    double down = logpdf(theta);
    // Rounding in each logpdf is a few ulp of its largest terms; the
    // Poisson terms with huge τ (eRJR 3L) make this large, see
    // model_parity_test.cpp.
    double noise = 1e3 * std::numeric_limits<double>::epsilon() * (std::fabs(up) + std::fabs(down)) / h;
    return {(up - down) / (2 * h), noise};
  }

  Json block_;
  ir::Module module_;
};

TEST_P(GradientParity, AutodiffMatchesCentralDifferences) {
  const Json &points = block_.at("logpdf_points");
  // Point 0 is the inits, where α = 0 sits on the kink of codes 0 and 1.
  for (size_t p = 1; p < points.size(); ++p) {
    std::vector<double> theta = thetaFrom(points[p].at("pars"));
    std::vector<double> grad = ir::evaluateObserved(module_, theta).gradient;
    ASSERT_EQ(grad.size(), theta.size());
    for (size_t i = 0; i < theta.size(); ++i) {
      auto [fd, noise] = centralDifference(theta, i);
      double allowed = 1e-6 * std::max(1.0, std::fabs(fd)) + noise;
      EXPECT_LE(std::fabs(grad[i] - fd), allowed)
          << "point " << p << ", " << module_.params[i].name << ": autodiff " << grad[i] << ", finite "
          << "difference " << fd;
    }
  }
}

TEST_P(GradientParity, AutodiffMatchesPyhfFiniteDifferences) {
  const Json &points = block_.at("logpdf_points");
  ASSERT_GT(points.size(), 1u);
  std::vector<double> theta = thetaFrom(points[1].at("pars"));
  std::vector<double> grad = ir::evaluateObserved(module_, theta).gradient;
  for (const auto &item : block_.at("logpdf_grad_fd_at_point_1").items()) {
    int index = referenceParameterIndex(module_, item.key());
    ASSERT_GE(index, 0) << item.key();
    double ref = item.value().get<double>();
    auto [fd, noise] = centralDifference(theta, index);
    // pyhf's difference quotient carries its own step error: compare loosely.
    EXPECT_LE(std::fabs(grad[index] - ref), 1e-4 * std::max(1.0, std::fabs(ref)) + noise)
        << item.key() << ": autodiff " << grad[index] << ", pyhf " << ref;
  }
}

INSTANTIATE_TEST_SUITE_P(Reference, GradientParity, testing::ValuesIn(referenceParams()),
                         [](const auto &test) { return referenceParamName(test.param); });

} // namespace
} // namespace hf::test
