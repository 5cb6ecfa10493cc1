//===- tests/api/api_test.cpp - The embedded C++ API, as a user links it ---===//
//
// Links only libhfc.so and include/hf/ (no internal header), as an outside
// project does. Checks that a model built with the builder equals the same
// model read from JSON (parameter table, expected data, logpdf bit for bit),
// and that the API's numbers are pyhf's: the pyhf 2-bin example built in C++
// against ../shared/reference/expected/2-bin_1-channel.json.
//
//===----------------------------------------------------------------------===//
#include "hf/hfc.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace {

using nlohmann::json;

const std::string kReference = HF_REFERENCE_DIR;

json readJson(const std::string &path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return json::parse(in);
}

/// pyhf's documentation example: the workspace of 2-bin_1-channel.json.
void addTwoBin(hfc::ModelBuilder &b) {
  auto ch = b.channel("singlechannel");
  ch.sample("signal", {5.0, 10.0}).normfactor("mu");
  ch.sample("background", {50.0, 60.0}).shapesys("uncorr_bkguncrt", {5.0, 12.0});
  ch.observe({50.0, 60.0});
  b.measurement("Measurement", "mu");
}

hfc::Model twoBinModel(const hfc::CompileOptions &compile = {}) {
  hfc::ModelBuilder b;
  addTwoBin(b);
  hfc::LoadOptions options;
  options.compile = compile;
  return b.build(options);
}

/// Parameters at the inits with the reference's {"name": value} applied.
std::vector<double> parsFrom(const hfc::Model &model, const json &pars) {
  std::vector<double> theta = model.inits();
  for (const auto &[name, value] : pars.items())
    theta[model.index(name)] = value.get<double>();
  return theta;
}

void expectSameModel(const hfc::Model &a, const hfc::Model &b) {
  ASSERT_EQ(a.parameters().size(), b.parameters().size());
  for (size_t i = 0; i < a.parameters().size(); ++i) {
    const hfc::Parameter &p = a.parameters()[i], &q = b.parameters()[i];
    EXPECT_EQ(p.name, q.name);
    EXPECT_EQ(p.init, q.init) << p.name;
    EXPECT_EQ(p.lo, q.lo) << p.name;
    EXPECT_EQ(p.hi, q.hi) << p.name;
    EXPECT_EQ(p.fixed, q.fixed) << p.name;
  }
  EXPECT_EQ(a.poi(), b.poi());
  EXPECT_EQ(a.channels(), b.channels());
  EXPECT_EQ(a.observedData(), b.observedData());
  // Three points: the inits, and the inits moved by +-10% (+-0.3 where 0).
  for (double shift : {0.0, 0.1, -0.1}) {
    std::vector<double> theta = a.inits();
    for (size_t i = 0; i < theta.size(); ++i)
      theta[i] = theta[i] == 0 ? shift * 3 : theta[i] * (1 + shift);
    EXPECT_EQ(a.logpdf(theta), b.logpdf(theta)) << "shift " << shift;
    EXPECT_EQ(a.expectedData(theta), b.expectedData(theta)) << "shift " << shift;
  }
}

TEST(ApiBuilder, TwoBinEqualsTheJsonWorkspace) {
  hfc::Model built = twoBinModel();
  hfc::Model loaded = hfc::Model::load(kReference + "/models/2-bin_1-channel.json");
  expectSameModel(built, loaded);
}

TEST(ApiBuilder, ToJsonIsTheWorkspace) {
  hfc::ModelBuilder b;
  addTwoBin(b);
  EXPECT_EQ(json::parse(b.toJson()), readJson(kReference + "/models/2-bin_1-channel.json"));
}

// Every modifier type and every kind of measurement setting, built in C++
// and written as JSON by hand.
TEST(ApiBuilder, AllModifierTypesEqualTheirJson) {
  hfc::ModelBuilder b;
  auto sr = b.channel("SR");
  sr.sample("signal", {5.0, 10.0}).normfactor("mu").lumi("lumi").normsys("sig_xsec", 1.05, 0.93);
  sr.sample("bkg", {50.0, 60.0})
      .lumi("lumi")
      .histosys("bkg_shape", {55.0, 62.0}, {45.0, 58.0})
      .staterror("stat_SR", {2.0, 3.0})
      .shapesys("bkg_uncorr", {5.0, 12.0});
  sr.observe({52.0, 65.0});
  auto cr = b.channel("CR");
  cr.sample("bkg", {100.0, 120.0, 90.0}).shapefactor("cr_shape").normsys("bkg_norm", 1.1, 0.85);
  cr.observe({98.0, 125.0, 93.0});
  b.measurement("meas", "mu")
      .lumi("lumi", 1.0, 0.02)
      .bounds("mu", 0.0, 20.0)
      .init("sig_xsec", 0.5)
      .fix("bkg_norm", 0.2)
      .parameter("cr_shape", {.inits = std::vector<double>{1.0, 1.1, 0.9},
                              .bounds = std::vector<std::pair<double, double>>{{0, 5}, {0, 6}, {0, 7}},
                              .fixed = std::nullopt,
                              .auxdata = std::nullopt,
                              .sigmas = std::nullopt});
  const char *text = R"({
    "channels": [
      {"name": "SR", "samples": [
        {"name": "signal", "data": [5.0, 10.0], "modifiers": [
          {"name": "mu", "type": "normfactor", "data": null},
          {"name": "lumi", "type": "lumi", "data": null},
          {"name": "sig_xsec", "type": "normsys", "data": {"hi": 1.05, "lo": 0.93}}]},
        {"name": "bkg", "data": [50.0, 60.0], "modifiers": [
          {"name": "lumi", "type": "lumi", "data": null},
          {"name": "bkg_shape", "type": "histosys", "data": {"hi_data": [55.0, 62.0], "lo_data": [45.0, 58.0]}},
          {"name": "stat_SR", "type": "staterror", "data": [2.0, 3.0]},
          {"name": "bkg_uncorr", "type": "shapesys", "data": [5.0, 12.0]}]}]},
      {"name": "CR", "samples": [
        {"name": "bkg", "data": [100.0, 120.0, 90.0], "modifiers": [
          {"name": "cr_shape", "type": "shapefactor", "data": null},
          {"name": "bkg_norm", "type": "normsys", "data": {"hi": 1.1, "lo": 0.85}}]}]}],
    "observations": [{"name": "SR", "data": [52.0, 65.0]}, {"name": "CR", "data": [98.0, 125.0, 93.0]}],
    "measurements": [{"name": "meas", "config": {"poi": "mu", "parameters": [
      {"name": "lumi", "inits": [1.0], "bounds": [[0.9, 1.1]], "auxdata": [1.0], "sigmas": [0.02]},
      {"name": "mu", "bounds": [[0.0, 20.0]]},
      {"name": "sig_xsec", "inits": [0.5]},
      {"name": "bkg_norm", "inits": [0.2], "fixed": true},
      {"name": "cr_shape", "inits": [1.0, 1.1, 0.9], "bounds": [[0, 5], [0, 6], [0, 7]]}]}}],
    "version": "1.0.0"})";
  hfc::Model built = b.build();
  hfc::Model fromText = hfc::Model::fromJson(text);
  expectSameModel(built, fromText);
  EXPECT_EQ(json::parse(b.toJson()), json::parse(text));
  // The settings took effect.
  EXPECT_EQ(built.parameters()[built.index("mu")].hi, 20.0);
  EXPECT_TRUE(built.parameters()[built.index("bkg_norm")].fixed);
  EXPECT_EQ(built.parameters()[built.index("cr_shape[2]")].hi, 7.0);
}

// The pyhf numbers for the 2-bin model, through the API, both back ends.
class ApiParity : public testing::TestWithParam<bool> {};

TEST_P(ApiParity, TwoBinMatchesPyhf) {
  hfc::CompileOptions compile;
  compile.interpreter = GetParam();
  hfc::Model model = twoBinModel(compile);
  json ref = readJson(kReference + "/expected/2-bin_1-channel.json")["interp_code4_code4p"];

  for (const json &point : ref["logpdf_points"]) {
    double expected = point["logpdf"].get<double>();
    EXPECT_NEAR(model.logpdf(parsFrom(model, point["pars"])), expected, 1e-12 * std::abs(expected));
  }
  // The gradient against pyhf's finite differences at point 1.
  std::vector<double> theta = parsFrom(model, ref["logpdf_points"][1]["pars"]);
  std::vector<double> grad(theta.size());
  model.logpdfGradient(theta, grad);
  for (const auto &[name, fd] : ref["logpdf_grad_fd_at_point_1"].items())
    EXPECT_NEAR(grad[model.index(name)], fd.get<double>(), 1e-5 * std::max(1.0, std::abs(fd.get<double>())))
        << name;

  hfc::Fit fit = model.fit();
  EXPECT_TRUE(fit.converged);
  EXPECT_LE(fit.twiceNll, ref["fit"]["twice_nll"].get<double>() + 1e-6);
  ASSERT_EQ(fit.uncertainties.size(), theta.size());

  for (hfc::TestStat stat : {hfc::TestStat::QTilde, hfc::TestStat::Q}) {
    const json &r = ref[stat == hfc::TestStat::Q ? "hypotest_mu1_q" : "hypotest_mu1_qtilde"];
    hfc::HypoTest t = model.cls(1.0, stat);
    EXPECT_NEAR(t.clsObs, r["CLs_obs"].get<double>(), 1e-5);
    for (int k = 0; k < 5; ++k)
      EXPECT_NEAR(t.clsExp[k], r["CLs_exp"][k].get<double>(), 1e-5) << k;
  }

  // pyhf_default_differs lists discovery_q0: either answer passes.
  hfc::Significance z = model.significance();
  double p0 = ref["discovery_q0"]["p0_exp"].get<double>(),
         p0Default = ref["discovery_q0_pyhf_default"]["p0_exp"].get<double>();
  EXPECT_TRUE(std::abs(z.p0Exp - p0) < 1e-4 * p0 || std::abs(z.p0Exp - p0Default) < 1e-4 * p0Default) << z.p0Exp;

  hfc::Limit limit = model.upperLimit();
  const json &l = ref["upper_limit_95"];
  EXPECT_NEAR(limit.obs, l["obs"].get<double>(), 1e-3 * l["obs"].get<double>());
  for (int k = 0; k < 5; ++k)
    EXPECT_NEAR(limit.exp[k], l["exp"][k].get<double>(), 1e-3 * l["exp"][k].get<double>()) << k;

  // The reference's POI values are 0, 0.5, 1, 2: scan 0..2 in steps of 0.5.
  hfc::Scan scan = model.scan(0.0, 2.0, 5);
  for (const json &p : ref["profile_twice_nll"]) {
    size_t k = static_cast<size_t>(std::lround(p["poi"].get<double>() / 0.5));
    ASSERT_EQ(scan.values[k], p["poi"].get<double>());
    EXPECT_LE(scan.twiceNll[k], p["twice_nll"].get<double>() + 1e-5) << scan.values[k];
    EXPECT_NEAR(scan.deltaTwiceNll[k], scan.twiceNll[k] - fit.twiceNll, 1e-6);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiParity, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool> &param) { return param.param ? "interp" : "jit"; });

// Each impact is a fit with one parameter fixed: recompute them with fit().
TEST(ApiFit, RankingImpactsAreFitsWithTheParameterFixed) {
  hfc::Model model = twoBinModel();
  double muHat = model.fit().values[model.index("mu")];
  std::vector<hfc::Impact> impacts = model.ranking();
  ASSERT_EQ(impacts.size(), 2u); // the two shapesys gammas; mu is the POI
  for (const hfc::Impact &impact : impacts) {
    ASSERT_TRUE(impact.hasPrefit) << impact.parameter; // shapesys: Poisson-constrained
    auto shifted = [&](double value) {
      hfc::FitOptions options;
      options.fixed[impact.parameter] = value;
      options.uncertainties = false;
      return model.fit(options).values[model.index("mu")] - muHat;
    };
    EXPECT_NEAR(impact.postfitUp, shifted(impact.bestFit + impact.uncertainty), 1e-6) << impact.parameter;
    EXPECT_NEAR(impact.postfitDown, shifted(impact.bestFit - impact.uncertainty), 1e-6) << impact.parameter;
    // Pre-fit width 1/sqrt(tau), tau = (yield/uncertainty)^2: 5/50 and 12/60.
    double width = impact.parameter == "uncorr_bkguncrt[0]" ? 0.1 : 0.2;
    EXPECT_NEAR(impact.prefitDown, shifted(impact.bestFit - width), 1e-6) << impact.parameter;
  }
  auto size = [](const hfc::Impact &i) { return std::max(std::abs(i.postfitUp), std::abs(i.postfitDown)); };
  EXPECT_GE(size(impacts[0]), size(impacts[1]));
}

// With a cache directory the JIT's objects are written there (for a
// structure this process has not compiled yet: one it has is shared in
// memory first), and the model evaluates as the interpreter does.
TEST(ApiBuilder, DiskCacheKeepsMachineCode) {
  std::string dir = testing::TempDir() + "hfc_api_cache_" + std::to_string(::getpid());
  auto build = [](const hfc::CompileOptions &compile) {
    hfc::ModelBuilder b;
    auto ch = b.channel("only_in_this_test");
    ch.sample("signal", {1.0, 2.0, 3.0}).normfactor("mu");
    ch.sample("bkg", {20.0, 15.0, 9.0}).normsys("bkg_norm", 1.2, 0.85).staterror("stat", {1.0, 1.5, 0.9});
    ch.observe({22.0, 18.0, 11.0});
    b.measurement("m", "mu");
    hfc::LoadOptions options;
    options.compile = compile;
    return b.build(options);
  };
  hfc::CompileOptions cached, interpreted;
  cached.cacheDir = dir;
  interpreted.interpreter = true;
  hfc::Model jit = build(cached), reference = build(interpreted);
  size_t objects = 0;
  for (const auto &entry : std::filesystem::directory_iterator(dir))
    objects += entry.path().extension() == ".o";
  EXPECT_EQ(objects, 2u); // logpdf and its gradient
  std::vector<double> theta = jit.inits();
  theta[jit.index("mu")] = 1.7;
  theta[jit.index("bkg_norm")] = -0.4;
  EXPECT_NEAR(jit.logpdf(theta), reference.logpdf(theta), 1e-12 * std::abs(reference.logpdf(theta)));
  std::filesystem::remove_all(dir);
}

TEST(ApiFit, FixedParameterIsHeld) {
  hfc::Model model = twoBinModel();
  hfc::FitOptions options;
  options.fixed["mu"] = 2.0;
  hfc::Fit fit = model.fit(options);
  EXPECT_EQ(fit.values[model.index("mu")], 2.0);
  EXPECT_EQ(fit.uncertainties[model.index("mu")], 0.0);
  EXPECT_GT(fit.twiceNll, model.fit().twiceNll);
}

// Bad input is an InputError that names the place (the JSON path the
// builder's workspace would have) and what was expected.
TEST(ApiErrors, BuilderMistakesNameTheirPlace) {
  hfc::ModelBuilder b;
  auto ch = b.channel("SR");
  ch.sample("bkg", {50.0, 60.0}).shapesys("uncorr", {5.0});
  ch.observe({50.0, 60.0});
  b.measurement("meas", "");
  try {
    b.build();
    FAIL() << "expected an InputError";
  } catch (const hfc::InputError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("<ModelBuilder>"), std::string::npos) << what;
    EXPECT_NE(what.find("/channels/0/samples/0/modifiers/0"), std::string::npos) << what;
  }
}

TEST(ApiErrors, UnknownParameterAndWrongSizes) {
  hfc::Model model = twoBinModel();
  EXPECT_THROW(model.index("nope"), hfc::InputError);
  hfc::FitOptions options;
  options.fixed["nope"] = 1.0;
  EXPECT_THROW(model.fit(options), hfc::InputError);
  std::vector<double> tooShort{1.0};
  EXPECT_THROW(model.logpdf(tooShort), hfc::InputError);
  EXPECT_THROW(hfc::Model::load("/nonexistent/model.json"), hfc::InputError);
  EXPECT_THROW(hfc::Model::fromJson("{\"channels\": ["), hfc::InputError);
}

TEST(ApiErrors, BackgroundOnlyModelHasNoCls) {
  hfc::ModelBuilder b;
  auto ch = b.channel("SR");
  ch.sample("bkg", {50.0}).normsys("n", 1.1, 0.9);
  ch.observe({52.0});
  b.measurement("meas", "");
  hfc::Model model = b.build();
  EXPECT_EQ(model.poi(), "");
  EXPECT_THROW(model.cls(1.0), hfc::InputError);
  EXPECT_TRUE(model.fit().converged);
}

} // namespace
