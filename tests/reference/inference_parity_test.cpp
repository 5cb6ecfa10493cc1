//===- tests/reference/inference_parity_test.cpp - Fits and CLs vs pyhf ---===//
//
// For every reference case and both interpolation settings, against
// ../shared/reference/expected (its README states the tolerances):
//  - the unconditional fit: hfc's twice_nll ≤ pyhf's + 1e-6 (lower is better);
//  - fixed-POI fits at the listed POI values: ≤ pyhf's + 1e-5;
//  - asymptotic CLs at μ = 1 for q̃ and q (observed and band, 1e-5 absolute);
//  - discovery p0 observed and expected (1e-4 relative);
//  - the 95% CLs upper limit, observed and expected (1e-3 relative).
// Where the file lists a key in pyhf_default_differs, matching either pyhf's
// reference or its default-optimizer answer passes. Where the file carries a
// reference_warning (fits on which pyhf's optimizers disagree by O(10)), its
// hypothesis-test numbers are not a reference: only the minima are checked.
//
//===----------------------------------------------------------------------===//
#include "tests/reference/reference_data.h"

#include "frontend/diagnostics.h"
#include "frontend/json_text.h"
#include "ir/lower.h"
#include "runtime/asymptotics.h"
#include "runtime/upper_limit.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>

namespace hf::test {
namespace {

bool has(const Json &block, const std::string &key) {
  return block.contains(key) && !(block.at(key).is_object() && block.at(key).contains("error"));
}

bool listedAsDiffering(const Json &block, const std::string &key) {
  if (!block.contains("pyhf_default_differs"))
    return false;
  for (const Json &k : block.at("pyhf_default_differs"))
    if (k.get<std::string>() == key)
      return true;
  return false;
}

/// The acceptable reference answers for `key`: pyhf's reference, and its
/// default-optimizer answer where the file says they differ.
std::vector<Json> answers(const Json &block, const std::string &key) {
  std::vector<Json> out{block.at(key)};
  if (listedAsDiffering(block, key) && has(block, key + "_pyhf_default"))
    out.push_back(block.at(key + "_pyhf_default"));
  return out;
}

bool clsMatches(const HypoTestResult &r, const Json &ref) {
  bool ok = std::fabs(r.clsObs - ref.at("CLs_obs").get<double>()) <= 1e-5;
  for (int k = 0; k < 5; ++k)
    ok = ok && std::fabs(r.clsExp[k] - ref.at("CLs_exp")[k].get<double>()) <= 1e-5;
  return ok;
}

bool discoveryMatches(const HypoTestResult &r, const Json &ref) {
  auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-4 * std::max(std::fabs(b), 1e-300); };
  return close(r.clsObs, ref.at("p0_obs").get<double>()) && close(r.clsExp[2], ref.at("p0_exp").get<double>());
}

class InferenceParity : public testing::TestWithParam<ReferenceParam> {
protected:
  void SetUp() override {
    setWarningsEnabled(false);
    block_ = referenceBlock(GetParam());
    module_ = lowerReference(GetParam(), block_);
    likelihood_ = std::make_unique<Likelihood>(module_);
  }
  Json block_;
  ir::Module module_;
  std::unique_ptr<Likelihood> likelihood_;
};

TEST_P(InferenceParity, FitsReachPyhfsMinimum) {
  Fitter fitter(*likelihood_);
  Dataset data = observedData(module_);
  FitSettings settings = FitSettings::defaults(module_);
  FitResult fit = fitter.fit(data, settings);
  double ref = block_.at("fit").at("twice_nll").get<double>();
  EXPECT_LE(fit.twiceNll, ref + 1e-6) << fmt::format("hfc {} vs pyhf {}", fit.twiceNll, ref);

  if (!has(block_, "profile_twice_nll"))
    return;
  for (const Json &point : block_.at("profile_twice_nll")) {
    double mu = point.at("poi").get<double>(), refProfile = point.at("twice_nll").get<double>();
    FitResult profile = fitter.fixedPoiFit(mu, data, settings, &fit.theta);
    EXPECT_LE(profile.twiceNll, refProfile + 1e-5)
        << fmt::format("POI {}: hfc {} vs pyhf {}", mu, profile.twiceNll, refProfile);
    // A free fit never ends above a conditional fit of the same model (at a
    // kink it can stop short next to a bound; issue 12 item 6): neither the
    // warm-started one nor one from the inits, as a scan does it — to the
    // minimizer's precision (1e-8). Not asked where pyhf's own numbers break
    // it: validation 2bin_2channel_coupledhistosys has a second basin in α
    // (profile 29.34 at μ = 0.4) that the free fits of pyhf's SLSQP and
    // MIGRAD and of hfc all miss (30.80 at μ = 0.64).
    if (refProfile < ref - 1e-6)
      continue;
    FitResult cold = fitter.fixedPoiFit(mu, data, settings);
    EXPECT_LE(fit.twiceNll, std::min(profile.twiceNll, cold.twiceNll) + 1e-8)
        << fmt::format("POI {}: free fit {} above the conditional fits {} (warm) and {} (from the inits)", mu,
                       fit.twiceNll, profile.twiceNll, cold.twiceNll);
  }
}

TEST_P(InferenceParity, AsymptoticClsMatchesPyhf) {
  if (module_.poiIndex < 0)
    GTEST_SKIP() << "background-only workspace: no POI";
  bool weak = block_.contains("reference_warning");
  for (auto [key, stat] : {std::pair{"hypotest_mu1_qtilde", TestStatistic::QTilde},
                           std::pair{"hypotest_mu1_q", TestStatistic::Q}}) {
    if (!has(block_, key))
      continue;
    AsymptoticCalculator calc(*likelihood_, stat, FitSettings::defaults(module_), observedData(module_));
    HypoTestResult r = calc.hypotest(1.0);
    bool ok = false;
    for (const Json &ref : answers(block_, key))
      ok = ok || clsMatches(r, ref);
    if (weak) {
      RecordProperty(key, fmt::format("hfc CLs_obs {} (reference weak)", r.clsObs));
      continue;
    }
    EXPECT_TRUE(ok) << key << ": hfc CLs_obs " << fmt::format("{}", r.clsObs) << ", exp ["
                    << fmt::format("{}, {}, {}, {}, {}", r.clsExp[0], r.clsExp[1], r.clsExp[2], r.clsExp[3],
                                   r.clsExp[4])
                    << "]; pyhf " << block_.at(key).dump();
  }
}

TEST_P(InferenceParity, DiscoveryMatchesPyhf) {
  if (module_.poiIndex < 0 || !has(block_, "discovery_q0"))
    GTEST_SKIP() << "no discovery reference";
  AsymptoticCalculator calc(*likelihood_, TestStatistic::Q0, FitSettings::defaults(module_), observedData(module_));
  HypoTestResult r = calc.hypotest(0.0);
  bool ok = false;
  for (const Json &ref : answers(block_, "discovery_q0"))
    ok = ok || discoveryMatches(r, ref);
  if (block_.contains("reference_warning"))
    return;
  EXPECT_TRUE(ok) << fmt::format("hfc p0_obs {}, p0_exp {}; pyhf ", r.clsObs, r.clsExp[2])
                  << block_.at("discovery_q0").dump();
}

TEST_P(InferenceParity, UpperLimitMatchesPyhf) {
  if (module_.poiIndex < 0 || !has(block_, "upper_limit_95"))
    GTEST_SKIP() << "no limit reference";
  FitSettings settings = FitSettings::defaults(module_);
  AsymptoticCalculator calc(*likelihood_, TestStatistic::QTilde, settings, observedData(module_));
  size_t poi = static_cast<size_t>(module_.poiIndex);
  UpperLimitResult r = upperLimitRootFinding(
      [&](double mu) {
        HypoTestResult h = calc.hypotest(mu);
        return CLsPoint{h.clsObs, h.clsExp};
      },
      settings.lo[poi], settings.hi[poi]);
  auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-3 * std::fabs(b); };
  bool ok = false;
  for (const Json &ref : answers(block_, "upper_limit_95")) {
    bool match = close(r.obs, ref.at("obs").get<double>());
    for (int k = 0; k < 5; ++k)
      match = match && close(r.exp[k], ref.at("exp")[k].get<double>());
    ok = ok || match;
  }
  if (block_.contains("reference_warning"))
    return;
  // On this model the fixed-μ fits to the Asimov data have two minima near
  // μ = 0.34 (coupled_histosys ≈ −0.28 and ≈ +0.41). pyhf's −2σ expected
  // limit, 0.3377, is where CLs_exp[0] = 0.05 in the higher one; hfc finds the
  // lower one (by 0.094 in twice_nll), where CLs_exp[0] = 0.058 there, and
  // its −2σ limit is 0.3537. Checked here: the other five numbers equal
  // pyhf's; at pyhf's μ the minimum below reproduces pyhf's 0.05 exactly as
  // the band formula gives it; hfc's own fit there is lower by more than 0.05.
  if (GetParam().refCase.name == "validation.2bin_2channel_coupledhistosys" &&
      GetParam().block == "interp_code4_code4p") {
    const Json &ref = block_.at("upper_limit_95");
    EXPECT_TRUE(close(r.obs, ref.at("obs").get<double>()));
    for (int k = 1; k < 5; ++k)
      EXPECT_TRUE(close(r.exp[k], ref.at("exp")[k].get<double>())) << k;
    double muPyhf = ref.at("exp")[0].get<double>();
    Fitter fitter(*likelihood_);
    Dataset observed = observedData(module_);
    FitResult background = fitter.fixedPoiFit(0, observed, settings, &calc.observedFit().theta);
    Dataset asimov{std::vector<double>(module_.nMain), std::vector<double>(module_.nAux)};
    likelihood_->expected(background.theta, asimov.main, asimov.aux);
    FitResult freeAsimov = fitter.fit(asimov, settings, false, &background.theta);
    FitSettings fromBelow = settings; // start on the negative side of the nuisance parameter
    for (size_t i = 0; i < fromBelow.init.size(); ++i)
      if (i != poi && !fromBelow.fixed[i])
        fromBelow.init[i] = -1;
    FitResult local = fitter.fixedPoiFit(muPyhf, asimov, fromBelow);
    FitResult global = fitter.fixedPoiFit(muPyhf, asimov, settings, &freeAsimov.theta);
    double sA = std::sqrt(local.twiceNll - freeAsimov.twiceNll);
    EXPECT_NEAR(normalCdf(-(2 + sA)) / normalCdf(-2), 0.05, 1e-4) << "pyhf's local minimum";
    EXPECT_LT(global.twiceNll, local.twiceNll - 0.05) << "hfc's minimum is the lower one";
    EXPECT_GT(r.exp[0], muPyhf);
    return;
  }
  EXPECT_TRUE(ok) << fmt::format("hfc obs {}, exp [{}, {}, {}, {}, {}]; pyhf ", r.obs, r.exp[0], r.exp[1], r.exp[2],
                                 r.exp[3], r.exp[4])
                  << block_.at("upper_limit_95").dump();
}

INSTANTIATE_TEST_SUITE_P(Reference, InferenceParity, testing::ValuesIn(referenceParams()),
                         [](const auto &test) { return referenceParamName(test.param); });

} // namespace
} // namespace hf::test

namespace hf::test {
namespace {

/// ROOT HistFactory's asymptotic CLs for pyhf's validation models
/// (validation/NAME.root_cls.json): 1e-4 relative on CLs_obs, 2e-4 relative
/// on the band (or 1e-6 absolute: the tails of the q0 band sit at 1e-5,
/// where ROOT and pyhf differ by 3e-4 relative). Where the file's note says
/// ROOT sits in a local minimum, hfc may give the CLs of the lower minimum the
/// note quotes (to its digits), and the band — built on that minimum — is
/// checked against pyhf's reference instead (InferenceParity).
class RootValidation : public testing::TestWithParam<std::string> {};

std::vector<std::string> rootFiles() {
  std::vector<std::string> out;
  for (const auto &entry : std::filesystem::directory_iterator(referenceDir() + "/validation"))
    if (entry.path().string().ends_with(".root_cls.json"))
      out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(RootValidation, ClsMatchesRoot) {
  setWarningsEnabled(false);
  std::string file = GetParam();
  Json ref = readJsonFile(referenceDir() + "/validation/" + file);
  LoadOptions load;
  load.modelFile = referenceDir() + "/validation/" + file.substr(0, file.find(".root_cls.json")) + ".json";
  ir::InterpCodes codes{ref.at("interp").at("normsys").get<std::string>(),
                        ref.at("interp").at("histosys").get<std::string>()};
  ir::Module m = ir::lower(loadModel(load), codes);
  Likelihood likelihood(m);
  AsymptoticCalculator calc(likelihood, parseTestStatistic(ref.at("test_stat").get<std::string>()),
                            FitSettings::defaults(m), observedData(m));
  HypoTestResult r = calc.hypotest(ref.at("mu").get<double>());

  double obs = ref.at("CLs_obs").get<double>();
  bool obsOk = std::fabs(r.clsObs - obs) <= 1e-4 * obs;
  bool bandOk = true;
  for (int k = 0; k < 5; ++k) {
    double e = ref.at("CLs_exp")[k].get<double>();
    bandOk = bandOk && (std::fabs(r.clsExp[k] - e) <= 2e-4 * e || std::fabs(r.clsExp[k] - e) <= 1e-6);
  }
  std::smatch quoted;
  std::string note = ref.value("note", "");
  if (!obsOk && std::regex_search(note, quoted, std::regex("gives CLs_obs ([0-9.]+)"))) {
    std::string digits = quoted[1].str();
    double alternative = std::stod(digits);
    double precision = std::pow(10.0, -static_cast<double>(digits.size() - digits.find('.') - 1));
    obsOk = std::fabs(r.clsObs - alternative) <= 0.5 * precision;
    bandOk = true;
    RecordProperty("minimum", "hfc found the lower minimum the note describes");
  }
  EXPECT_TRUE(obsOk) << fmt::format("hfc CLs_obs {}, ROOT {}", r.clsObs, obs);
  EXPECT_TRUE(bandOk) << fmt::format("hfc band [{}, {}, {}, {}, {}]", r.clsExp[0], r.clsExp[1], r.clsExp[2],
                                     r.clsExp[3], r.clsExp[4])
                      << " ROOT " << ref.at("CLs_exp").dump();
}

INSTANTIATE_TEST_SUITE_P(Validation, RootValidation, testing::ValuesIn(rootFiles()),
                         [](const testing::TestParamInfo<std::string> &param) {
                           std::string name = param.param.substr(0, param.param.find('.'));
                           for (char &c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           return name;
                         });

} // namespace
} // namespace hf::test
