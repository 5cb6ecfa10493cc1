//===- tests/unit/lower_test.cpp - ModelSpec -> Module: the parameter table ---===//
//
// ir::lower against histfactory.md: the parameter order of §3, the defaults of
// §4, shapesys τ (§4.6), staterror σ (§4.7), sharing rules (§5), measurement
// overrides (§6) and the rejections of §12, each located by its JSON pointer.
//
//===----------------------------------------------------------------------===//
#include "ir/lower.h"

#include "frontend/diagnostics.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "hf/error.h"
#include "ir/verifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace hf {
namespace {

const std::string kFile = "ws.json";

/// A one-measurement workspace ("meas") from JSON fragments.
Json workspace(const std::string &channels, const std::string &observations,
               const std::string &parameters, const std::string &poi = "mu") {
  std::string text = "{\"channels\": " + channels + ",\n\"observations\": " + observations +
                     ",\n\"measurements\": [{\"name\": \"meas\", \"config\": {\"poi\": \"" + poi +
                     "\", \"parameters\": " + parameters + "}}],\n\"version\": \"1.0.0\"}";
  return parseJsonText(text, kFile);
}

/// The model spec of `doc` with measurement `measurement` ("" = the first).
ModelSpec specFrom(const Json &doc, const std::string &measurement = "") {
  Workspace ws = readWorkspace(doc, kFile);
  ModelSpec spec = modelSpecOf(ws, measurement);
  return spec;
}

ir::Module lowerDoc(const Json &doc, const ir::InterpCodes &codes = {}) {
  return ir::lower(specFrom(doc), codes);
}

/// The InputError message lowering `doc` throws ("" when it does not throw).
std::string lowerError(const Json &doc) {
  try {
    ir::lower(specFrom(doc));
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

/// The message starts with "ws.json: <pointer>: error:" and contains `what`.
::testing::AssertionResult errorAt(const std::string &message, const std::string &pointer,
                                   const std::string &what) {
  std::string prefix = kFile + ": " + pointer + ": error: ";
  if (message.empty())
    return ::testing::AssertionFailure() << "no InputError was thrown";
  if (message.rfind(prefix, 0) != 0)
    return ::testing::AssertionFailure() << "message \"" << message << "\" does not start with \""
                                         << prefix << "\"";
  if (message.find(what) == std::string::npos)
    return ::testing::AssertionFailure() << "message \"" << message << "\" does not mention \""
                                         << what << "\"";
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult closeRel(double actual, double expected, double rel) {
  double scale = expected == 0 ? 1.0 : std::fabs(expected);
  if (std::fabs(actual - expected) <= rel * scale)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "actual " << ::testing::PrintToString(actual)
                                       << " vs expected " << ::testing::PrintToString(expected);
}

std::vector<std::string> paramNames(const ir::Module &m) {
  std::vector<std::string> names;
  for (const ir::Parameter &p : m.params)
    names.push_back(p.name);
  return names;
}

const ir::ParamSet &paramset(const ir::Module &m, const std::string &name) {
  for (const ir::ParamSet &set : m.paramsets)
    if (set.name == name)
      return set;
  throw std::runtime_error("no paramset " + name);
}

const ir::Parameter &param(const ir::Module &m, const std::string &name) {
  int i = m.findParameter(name);
  if (i < 0)
    throw std::runtime_error("no parameter " + name);
  return m.params[i];
}

constexpr const char *kLumiSetting =
    R"({"name": "lumi", "auxdata": [1.0], "sigmas": [0.02], "inits": [1.0], "bounds": [[0.9, 1.1]]})";

// ---------------------------------------------------------------------------
// The example of histfactory.md §3: channels CR (2 bins), SR (3 bins), VR (1
// bin), global samples Fakes < bkg1 < bkg2 < sig. Channels and samples are
// written out of order on purpose: only the sorted order matters.
// ---------------------------------------------------------------------------
const char *kSection3Channels = R"([
  {"name": "SR", "samples": [
    {"name": "sig", "data": [5, 6, 7], "modifiers": [
      {"name": "sys_a", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
      {"name": "sys_a", "type": "histosys", "data": {"hi_data": [6, 7, 8], "lo_data": [4, 5, 6]}},
      {"name": "mu", "type": "normfactor", "data": null},
      {"name": "lumi", "type": "lumi", "data": null}]},
    {"name": "bkg1", "data": [30, 20, 10], "modifiers": [
      {"name": "staterror_SR", "type": "staterror", "data": [3, 2, 1]},
      {"name": "sys_b", "type": "normsys", "data": {"hi": 1.05, "lo": 0.95}},
      {"name": "ss_bkg1_SR", "type": "shapesys", "data": [3, 2, 1]}]}]},
  {"name": "VR", "samples": [
    {"name": "bkg1", "data": [15], "modifiers": [
      {"name": "ss_bkg1_VR", "type": "shapesys", "data": [3]}]},
    {"name": "Fakes", "data": [4], "modifiers": [
      {"name": "sf_fakes", "type": "shapefactor", "data": null}]}]},
  {"name": "CR", "samples": [
    {"name": "bkg2", "data": [20, 25], "modifiers": [
      {"name": "lumi", "type": "lumi", "data": null},
      {"name": "staterror_CR", "type": "staterror", "data": [2, 2]},
      {"name": "k_bkg2", "type": "normfactor", "data": null}]},
    {"name": "Fakes", "data": [10, 12], "modifiers": [
      {"name": "staterror_CR", "type": "staterror", "data": [1, 1]},
      {"name": "sys_c", "type": "histosys", "data": {"hi_data": [11, 13], "lo_data": [9, 11]}},
      {"name": "sf_fakes", "type": "shapefactor", "data": null}]}]}
])";
const char *kSection3Observations =
    R"([{"name": "VR", "data": [20]}, {"name": "CR", "data": [30, 40]},
        {"name": "SR", "data": [40, 30, 20]}])";

Json section3Workspace() {
  return workspace(kSection3Channels, kSection3Observations,
                   std::string("[") + kLumiSetting + "]");
}

TEST(LowerOrder, ParameterOrderOfSection3) {
  ir::Module m = lowerDoc(section3Workspace());
  EXPECT_EQ(ir::verify(m), "");
  const std::vector<std::string> expected = {
      "sys_c",           "sys_a",           "lumi",           "k_bkg2",          "mu",
      "sys_b",           "sf_fakes[0]",     "sf_fakes[1]",    "ss_bkg1_SR[0]",   "ss_bkg1_SR[1]",
      "ss_bkg1_SR[2]",   "ss_bkg1_VR[0]",   "staterror_CR[0]", "staterror_CR[1]", "staterror_SR[0]",
      "staterror_SR[1]", "staterror_SR[2]"};
  EXPECT_EQ(paramNames(m), expected);

  // Paramsets: one per name, slices in order; sys_a is one parameter for both types.
  std::vector<std::string> setNames;
  for (const ir::ParamSet &s : m.paramsets)
    setNames.push_back(s.name);
  EXPECT_EQ(setNames, (std::vector<std::string>{"sys_c", "sys_a", "lumi", "k_bkg2", "mu", "sys_b",
                                                "sf_fakes", "ss_bkg1_SR", "ss_bkg1_VR",
                                                "staterror_CR", "staterror_SR"}));
  uint32_t start = 0;
  for (const ir::ParamSet &s : m.paramsets) {
    EXPECT_EQ(s.start, start) << s.name;
    start += s.size;
  }
  EXPECT_EQ(start, 17u);
  EXPECT_EQ(paramset(m, "sys_a").types, (std::vector<std::string>{"histosys", "normsys"}));
  EXPECT_EQ(paramset(m, "sys_a").size, 1u);
  EXPECT_EQ(paramset(m, "sf_fakes").size, 2u);  // bins of CR, the first channel met
  EXPECT_EQ(paramset(m, "ss_bkg1_VR").size, 1u); // a single-bin set is still named [0]
  EXPECT_FALSE(paramset(m, "ss_bkg1_VR").scalar);
  EXPECT_TRUE(paramset(m, "sys_a").scalar);

  // Channels sorted, main data concatenated in that order.
  ASSERT_EQ(m.channels.size(), 3u);
  EXPECT_EQ(m.channels[0].name, "CR");
  EXPECT_EQ(m.channels[0].offset, 0u);
  EXPECT_EQ(m.channels[0].nbins, 2u);
  EXPECT_EQ(m.channels[1].name, "SR");
  EXPECT_EQ(m.channels[1].offset, 2u);
  EXPECT_EQ(m.channels[1].nbins, 3u);
  EXPECT_EQ(m.channels[2].name, "VR");
  EXPECT_EQ(m.channels[2].offset, 5u);
  EXPECT_EQ(m.channels[2].nbins, 1u);
  EXPECT_EQ(m.nMain, 6u);
  EXPECT_EQ(m.observedMain, (std::vector<double>{30, 40, 40, 30, 20, 20}));
  // Global samples sorted by code point ("Fakes" < "bkg1").
  EXPECT_EQ(m.samples, (std::vector<std::string>{"Fakes", "bkg1", "bkg2", "sig"}));

  // Auxiliary data: constrained sets in θ order (§8).
  EXPECT_EQ(m.nAux, 13u);
  EXPECT_EQ(m.nominalAux,
            (std::vector<double>{0, 0, 1, 0, 100, 100, 100, 25, 1, 1, 1, 1, 1}));
  EXPECT_EQ(m.poiName, "mu");
  EXPECT_EQ(m.poiIndex, 4);
}

TEST(LowerOrder, DefaultsOfSection4Table) {
  ir::Module m = lowerDoc(section3Workspace());
  struct Expect {
    const char *name;
    double init, lo, hi;
    ir::Constraint constraint;
  };
  const Expect table[] = {
      {"sys_c", 0, -5, 5, ir::Constraint::Gauss},           // histosys
      {"sys_a", 0, -5, 5, ir::Constraint::Gauss},           // histosys + normsys
      {"lumi", 1, 0.9, 1.1, ir::Constraint::Gauss},         // from the measurement
      {"k_bkg2", 1, 0, 10, ir::Constraint::None},           // normfactor
      {"mu", 1, 0, 10, ir::Constraint::None},               // normfactor
      {"sys_b", 0, -5, 5, ir::Constraint::Gauss},           // normsys
      {"sf_fakes[0]", 1, 0, 10, ir::Constraint::None},      // shapefactor
      {"sf_fakes[1]", 1, 0, 10, ir::Constraint::None},      //
      {"ss_bkg1_SR[0]", 1, 1e-10, 10, ir::Constraint::Poisson}, // shapesys
      {"ss_bkg1_VR[0]", 1, 1e-10, 10, ir::Constraint::Poisson}, //
      {"staterror_CR[0]", 1, 1e-10, 10, ir::Constraint::Gauss}, // staterror
      {"staterror_SR[2]", 1, 1e-10, 10, ir::Constraint::Gauss}, //
  };
  for (const Expect &e : table) {
    const ir::Parameter &p = param(m, e.name);
    EXPECT_EQ(p.init, e.init) << e.name;
    EXPECT_EQ(p.lo, e.lo) << e.name;
    EXPECT_EQ(p.hi, e.hi) << e.name;
    EXPECT_FALSE(p.fixed) << e.name;
    EXPECT_EQ(m.paramsets[p.paramset].constraint, e.constraint) << e.name;
  }
  // Gaussian widths: 1 for normsys/histosys, the measurement's sigma for lumi.
  EXPECT_EQ(paramset(m, "sys_c").widths, std::vector<double>{1.0});
  EXPECT_EQ(paramset(m, "sys_b").widths, std::vector<double>{1.0});
  EXPECT_EQ(paramset(m, "sys_c").auxdata, std::vector<double>{0.0});
  EXPECT_EQ(paramset(m, "lumi").widths, std::vector<double>{0.02});
  EXPECT_EQ(paramset(m, "lumi").auxdata, std::vector<double>{1.0});
  // shapesys: τ = ν²/δ² = 900/9, 400/4, 100/1 and 225/9.
  EXPECT_EQ(paramset(m, "ss_bkg1_SR").widths, (std::vector<double>{100, 100, 100}));
  EXPECT_EQ(paramset(m, "ss_bkg1_SR").auxdata, (std::vector<double>{100, 100, 100}));
  EXPECT_EQ(paramset(m, "ss_bkg1_VR").widths, std::vector<double>{25});
  // staterror_CR: carriers Fakes (10, 12; δ 1, 1) and bkg2 (20, 25; δ 2, 2).
  const ir::ParamSet &stCR = paramset(m, "staterror_CR");
  ASSERT_EQ(stCR.widths.size(), 2u);
  EXPECT_TRUE(closeRel(stCR.widths[0], std::sqrt(std::pow(1.0 / 30, 2) + std::pow(2.0 / 30, 2)), 1e-15));
  EXPECT_TRUE(closeRel(stCR.widths[1], std::sqrt(std::pow(1.0 / 37, 2) + std::pow(2.0 / 37, 2)), 1e-15));
  EXPECT_TRUE(closeRel(stCR.widths[0], std::sqrt(5.0) / 30, 1e-15));
  EXPECT_EQ(stCR.auxdata, (std::vector<double>{1, 1}));
  // staterror_SR: one carrier, σ = δ/ν = 0.1 in each bin.
  const ir::ParamSet &stSR = paramset(m, "staterror_SR");
  ASSERT_EQ(stSR.widths.size(), 3u);
  for (double w : stSR.widths)
    EXPECT_TRUE(closeRel(w, 0.1, 1e-15));
  // Unconstrained sets carry no auxiliary data.
  EXPECT_TRUE(paramset(m, "mu").auxdata.empty());
  EXPECT_TRUE(paramset(m, "sf_fakes").auxdata.empty());
}

TEST(LowerOrder, GroupByTypeBeatsAlphabet) {
  // Names chosen so that alphabetical order would differ: the groups are
  // histosys, normfactor, normsys, staterror whatever the names.
  Json doc = workspace(R"([{"name": "c", "samples": [
      {"name": "s", "data": [10], "modifiers": [
        {"name": "a_norm", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
        {"name": "zz", "type": "normfactor", "data": null},
        {"name": "b_stat", "type": "staterror", "data": [1]},
        {"name": "z_hist", "type": "histosys", "data": {"hi_data": [11], "lo_data": [9]}}]}]}])",
                       R"([{"name": "c", "data": [10]}])", "[]", "zz");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(paramNames(m), (std::vector<std::string>{"z_hist", "zz", "a_norm", "b_stat[0]"}));
  EXPECT_EQ(m.poiIndex, 1);
}

TEST(LowerOrder, FirstEncounterWithinAGroup) {
  // normfactors "b" (channel A, sample z) and "a" (channel B) — "b" is met
  // first in the walk, so it comes first although "a" < "b".
  Json doc = workspace(R"([
    {"name": "B", "samples": [{"name": "s", "data": [1], "modifiers": [
      {"name": "a", "type": "normfactor", "data": null}]}]},
    {"name": "A", "samples": [{"name": "z", "data": [1], "modifiers": [
      {"name": "b", "type": "normfactor", "data": null}]}]}])",
                       R"([{"name": "A", "data": [1]}, {"name": "B", "data": [1]}])", "[]", "a");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(paramNames(m), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(m.poiIndex, 1);
}

// ---------------------------------------------------------------------------
// shapesys (§4.6) and staterror (§4.7).
// ---------------------------------------------------------------------------

TEST(LowerShapeSys, TauAndFixedForInvalidBins) {
  // valid ⇔ ν > 0 and δ > 0; τ = ν²/δ² else 1, fixed = not valid.
  Json doc = workspace(R"([{"name": "c", "samples": [
      {"name": "b", "data": [50, 0, 7, 10, -2, 5], "modifiers": [
        {"name": "ss", "type": "shapesys", "data": [5, 1, 3, 0, 1, -1]}]}]}])",
                       R"([{"name": "c", "data": [1, 1, 1, 1, 1, 1]}])", "[]", "");
  ir::Module m = lowerDoc(doc);
  const ir::ParamSet &ss = paramset(m, "ss");
  EXPECT_EQ(ss.constraint, ir::Constraint::Poisson);
  const std::vector<double> tau = {100, 1, 49.0 / 9.0, 1, 1, 1};
  EXPECT_EQ(ss.widths, tau);
  EXPECT_EQ(ss.auxdata, tau);
  EXPECT_EQ(m.nominalAux, tau);
  const bool fixed[] = {false, true, false, true, true, true};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(m.params[i].fixed, fixed[i]) << i;
    EXPECT_EQ(m.params[i].init, 1.0) << i;
  }
  EXPECT_EQ(m.poiIndex, -1);
}

TEST(LowerShapeSys, WorkedExampleA) {
  // histfactory.md §11 A: τ = [100, 25] = auxdata; θ = mu, uncorr_bkguncrt[0..1].
  Json doc = workspace(R"([{"name": "singlechannel", "samples": [
      {"name": "signal", "data": [5, 10], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
      {"name": "background", "data": [50, 60], "modifiers": [
        {"name": "uncorr_bkguncrt", "type": "shapesys", "data": [5, 12]}]}]}])",
                       R"([{"name": "singlechannel", "data": [50, 60]}])", "[]");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(paramNames(m),
            (std::vector<std::string>{"mu", "uncorr_bkguncrt[0]", "uncorr_bkguncrt[1]"}));
  EXPECT_EQ(m.nominalAux, (std::vector<double>{100, 25}));
  EXPECT_EQ(m.params[1].lo, 1e-10);
  EXPECT_EQ(m.params[2].hi, 10);
  EXPECT_EQ(m.poiIndex, 0);
}

const char *kStatErrorExample = R"([{"name": "ch", "samples": [
    {"name": "bkg1", "data": [100, 80], "modifiers": [{"name": "st", "type": "staterror", "data": [5, 4]}]},
    {"name": "bkg2", "data": [40, 0], "modifiers": [{"name": "st", "type": "staterror", "data": [3, 0]}]},
    {"name": "sig", "data": [1000, 1000], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}])";

TEST(LowerStatError, SigmaOfSection4_7Example) {
  // σ = [sqrt((5/140)² + (3/140)²), sqrt((4/80)² + 0)] = [0.041650…, 0.05];
  // the non-carrying sample "sig" does not enter N_b.
  ir::Module m = lowerDoc(workspace(kStatErrorExample, R"([{"name": "ch", "data": [150, 90]}])", "[]"));
  const ir::ParamSet &st = paramset(m, "st");
  EXPECT_EQ(st.constraint, ir::Constraint::Gauss);
  ASSERT_EQ(st.widths.size(), 2u);
  double sigma0 = std::sqrt((5.0 / 140) * (5.0 / 140) + (3.0 / 140) * (3.0 / 140));
  EXPECT_TRUE(closeRel(st.widths[0], sigma0, 1e-15));
  EXPECT_NEAR(st.widths[0], 0.041650, 5e-7);
  EXPECT_TRUE(closeRel(st.widths[1], 0.05, 1e-15));
  EXPECT_EQ(st.auxdata, (std::vector<double>{1, 1}));
  EXPECT_FALSE(param(m, "st[0]").fixed);
  EXPECT_FALSE(param(m, "st[1]").fixed);
  EXPECT_EQ(param(m, "st[1]").lo, 1e-10);
}

TEST(LowerStatError, ZeroSigmaIsFixedWithUnitWidth) {
  // Bin 2: all δ zero → σ = 0. Bin 3: total nominal of carriers 0 → σ = 0.
  // Both become fixed with σ replaced by 1; the parameters remain.
  Json doc = workspace(R"([{"name": "ch", "samples": [
    {"name": "bkg1", "data": [100, 80, 10, 0], "modifiers": [{"name": "st", "type": "staterror", "data": [5, 4, 0, 1]}]},
    {"name": "bkg2", "data": [40, 0, 5, 0], "modifiers": [{"name": "st", "type": "staterror", "data": [3, 0, 0, 1]}]},
    {"name": "sig", "data": [1, 1, 1, 1], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}])",
                       R"([{"name": "ch", "data": [1, 1, 1, 1]}])", "[]");
  ir::Module m = lowerDoc(doc);
  const ir::ParamSet &st = paramset(m, "st");
  ASSERT_EQ(st.size, 4u);
  EXPECT_NEAR(st.widths[0], 0.041650, 5e-7);
  EXPECT_TRUE(closeRel(st.widths[1], 0.05, 1e-15));
  EXPECT_EQ(st.widths[2], 1.0);
  EXPECT_EQ(st.widths[3], 1.0);
  EXPECT_FALSE(param(m, "st[0]").fixed);
  EXPECT_FALSE(param(m, "st[1]").fixed);
  EXPECT_TRUE(param(m, "st[2]").fixed);
  EXPECT_TRUE(param(m, "st[3]").fixed);
  EXPECT_EQ(st.auxdata, (std::vector<double>{1, 1, 1, 1}));
}

TEST(LowerStatError, SharedAcrossChannelsWithSameCarriers) {
  // One γ per covered bin, channels in sorted order: A's 2 bins then B's 1.
  Json doc = workspace(R"([
    {"name": "B", "samples": [
      {"name": "bkg", "data": [10], "modifiers": [{"name": "st", "type": "staterror", "data": [2]}]}]},
    {"name": "A", "samples": [
      {"name": "bkg", "data": [100, 50], "modifiers": [{"name": "st", "type": "staterror", "data": [5, 10]},
                                                     {"name": "mu", "type": "normfactor", "data": null}]}]}])",
                       R"([{"name": "A", "data": [1, 1]}, {"name": "B", "data": [1]}])", "[]");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(paramNames(m), (std::vector<std::string>{"mu", "st[0]", "st[1]", "st[2]"}));
  const ir::ParamSet &st = paramset(m, "st");
  ASSERT_EQ(st.widths.size(), 3u);
  EXPECT_TRUE(closeRel(st.widths[0], 0.05, 1e-15));
  EXPECT_TRUE(closeRel(st.widths[1], 0.2, 1e-15));
  EXPECT_TRUE(closeRel(st.widths[2], 0.2, 1e-15));
}

TEST(LowerStatError, SharedAcrossChannelsWithDifferentCarriersRejected) {
  // In A both bkg1 and bkg2 carry "st"; in B only bkg1 does (bkg2 is there).
  Json doc = workspace(R"([
    {"name": "A", "samples": [
      {"name": "bkg1", "data": [10], "modifiers": [{"name": "st", "type": "staterror", "data": [1]}]},
      {"name": "bkg2", "data": [10], "modifiers": [{"name": "st", "type": "staterror", "data": [1]}]}]},
    {"name": "B", "samples": [
      {"name": "bkg1", "data": [10], "modifiers": [{"name": "st", "type": "staterror", "data": [1]}]},
      {"name": "bkg2", "data": [10], "modifiers": []}]}])",
                       R"([{"name": "A", "data": [1]}, {"name": "B", "data": [1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/1", "staterror \"st\""));
}

// ---------------------------------------------------------------------------
// Sharing rules (§5).
// ---------------------------------------------------------------------------

TEST(LowerSharing, ShapeSysReuseRejected) {
  Json doc = workspace(R"([
    {"name": "A", "samples": [
      {"name": "b", "data": [10], "modifiers": [{"name": "ss", "type": "shapesys", "data": [1]}]}]},
    {"name": "B", "samples": [
      {"name": "b", "data": [10], "modifiers": [{"name": "ss", "type": "shapesys", "data": [1]}]}]}])",
                       R"([{"name": "A", "data": [1]}, {"name": "B", "data": [1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/1/samples/0/modifiers/0", "shapesys \"ss\""));
}

TEST(LowerSharing, ShapeSysReuseWithinOneChannelRejected) {
  // Two samples of one channel: the second in sorted sample order is the reuse.
  Json doc = workspace(R"([{"name": "A", "samples": [
      {"name": "z", "data": [10], "modifiers": [{"name": "ss", "type": "shapesys", "data": [1]}]},
      {"name": "a", "data": [10], "modifiers": [{"name": "ss", "type": "shapesys", "data": [1]}]}]}])",
                       R"([{"name": "A", "data": [1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/0/modifiers/0", "shapesys \"ss\""));
}

TEST(LowerSharing, NormFactorAndNormSysSameNameRejected) {
  Json doc = workspace(R"([{"name": "A", "samples": [
      {"name": "a", "data": [10], "modifiers": [{"name": "x", "type": "normfactor", "data": null}]},
      {"name": "b", "data": [10], "modifiers": [{"name": "x", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}}]}]}])",
                       R"([{"name": "A", "data": [1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/1/modifiers/0", "unique modifier names"));
}

TEST(LowerSharing, NormSysAndHistoSysSameNameIsOneParameter) {
  Json doc = workspace(R"([{"name": "A", "samples": [
      {"name": "a", "data": [10, 20], "modifiers": [
        {"name": "x", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
        {"name": "mu", "type": "normfactor", "data": null}]},
      {"name": "b", "data": [10, 20], "modifiers": [
        {"name": "x", "type": "histosys", "data": {"hi_data": [11, 22], "lo_data": [9, 18]}},
        {"name": "x", "type": "normsys", "data": {"hi": 1.2, "lo": 0.7}}]}]}])",
                       R"([{"name": "A", "data": [1, 1]}])", "[]");
  ir::Module m = lowerDoc(doc);
  // One scalar α, placed in the histosys group (before the normfactor).
  EXPECT_EQ(paramNames(m), (std::vector<std::string>{"x", "mu"}));
  EXPECT_EQ(paramset(m, "x").types, (std::vector<std::string>{"histosys", "normsys"}));
  EXPECT_EQ(paramset(m, "x").constraint, ir::Constraint::Gauss);
  EXPECT_EQ(m.nominalAux, std::vector<double>{0.0});
  EXPECT_EQ(m.params[0].init, 0.0);
  EXPECT_EQ(m.params[0].lo, -5.0);
}

TEST(LowerSharing, ShapeFactorOnLongerLaterChannelRejected) {
  // sf has 2 components (channel A); channel B has 3 bins.
  Json doc = workspace(R"([
    {"name": "B", "samples": [
      {"name": "b", "data": [1, 2, 3], "modifiers": [{"name": "sf", "type": "shapefactor", "data": null}]}]},
    {"name": "A", "samples": [
      {"name": "b", "data": [1, 2], "modifiers": [{"name": "sf", "type": "shapefactor", "data": null}]}]}])",
                       R"([{"name": "A", "data": [1, 1]}, {"name": "B", "data": [1, 1, 1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/0/modifiers/0", "shapefactor \"sf\""));
}

TEST(LowerSharing, ShapeFactorOnShorterLaterChannelAccepted) {
  Json doc = workspace(R"([
    {"name": "A", "samples": [
      {"name": "b", "data": [1, 2, 3], "modifiers": [{"name": "sf", "type": "shapefactor", "data": null}]}]},
    {"name": "B", "samples": [
      {"name": "b", "data": [1, 2], "modifiers": [{"name": "sf", "type": "shapefactor", "data": null}]}]}])",
                       R"([{"name": "A", "data": [1, 1, 1]}, {"name": "B", "data": [1, 1]}])", "[]", "");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(paramNames(m), (std::vector<std::string>{"sf[0]", "sf[1]", "sf[2]"}));
  EXPECT_EQ(m.nAux, 0u);
}

// ---------------------------------------------------------------------------
// Measurement overrides (§6).
// ---------------------------------------------------------------------------

/// mu (normfactor), n1 (normsys), ss (shapesys, bin 1 invalid), st
/// (staterror, bin 1 σ = 0), lumi.
const char *kOverrideChannels = R"([{"name": "c", "samples": [
    {"name": "a", "data": [10, 20], "modifiers": [
      {"name": "mu", "type": "normfactor", "data": null},
      {"name": "lumi", "type": "lumi", "data": null},
      {"name": "n1", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}}]},
    {"name": "b", "data": [50, 0], "modifiers": [
      {"name": "ss", "type": "shapesys", "data": [5, 1]},
      {"name": "st", "type": "staterror", "data": [5, 0]}]}]}])";
const char *kOverrideObservations = R"([{"name": "c", "data": [60, 20]}])";

Json overrideWorkspace(const std::string &parameters) {
  return workspace(kOverrideChannels, kOverrideObservations, parameters);
}

TEST(LowerOverrides, EveryKeyApplies) {
  Json doc = overrideWorkspace(R"([
    {"name": "mu", "inits": [2], "bounds": [[-1, 5]], "fixed": true},
    {"name": "n1", "inits": [0.2], "bounds": [[-3, 3]], "auxdata": [0.5]},
    {"name": "ss", "factors": [4, 9], "auxdata": [3, 8], "fixed": false},
    {"name": "st", "sigmas": [0.3, 0.4], "fixed": true, "auxdata": [1.1, 0.9]},
    {"name": "lumi", "inits": [1.1], "bounds": [[0.5, 1.5]], "auxdata": [1.05], "sigmas": [0.1]},
    {"name": "not_a_parameter", "inits": [3, 4, 5]}])");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(paramNames(m), (std::vector<std::string>{"lumi", "mu", "n1", "ss[0]", "ss[1]", "st[0]", "st[1]"}));
  const ir::Parameter &mu = param(m, "mu");
  EXPECT_EQ(mu.init, 2.0);
  EXPECT_EQ(mu.lo, -1.0);
  EXPECT_EQ(mu.hi, 5.0);
  EXPECT_TRUE(mu.fixed);
  const ir::Parameter &n1 = param(m, "n1");
  EXPECT_EQ(n1.init, 0.2);
  EXPECT_EQ(n1.lo, -3.0);
  EXPECT_EQ(n1.hi, 3.0);
  EXPECT_FALSE(n1.fixed);
  EXPECT_EQ(paramset(m, "n1").auxdata, std::vector<double>{0.5});
  EXPECT_EQ(paramset(m, "n1").widths, std::vector<double>{1.0});
  // shapesys: factors replace τ, auxdata is separate; fixed=false frees the invalid bin.
  EXPECT_EQ(paramset(m, "ss").widths, (std::vector<double>{4, 9}));
  EXPECT_EQ(paramset(m, "ss").auxdata, (std::vector<double>{3, 8}));
  EXPECT_FALSE(param(m, "ss[0]").fixed);
  EXPECT_FALSE(param(m, "ss[1]").fixed);
  // staterror: sigmas replace σ; fixed=true fixes every bin.
  EXPECT_EQ(paramset(m, "st").widths, (std::vector<double>{0.3, 0.4}));
  EXPECT_EQ(paramset(m, "st").auxdata, (std::vector<double>{1.1, 0.9}));
  EXPECT_TRUE(param(m, "st[0]").fixed);
  EXPECT_TRUE(param(m, "st[1]").fixed);
  const ir::Parameter &lumi = param(m, "lumi");
  EXPECT_EQ(lumi.init, 1.1);
  EXPECT_EQ(lumi.lo, 0.5);
  EXPECT_EQ(lumi.hi, 1.5);
  EXPECT_EQ(paramset(m, "lumi").widths, std::vector<double>{0.1});
  // Auxiliary data in θ order with the overrides.
  EXPECT_EQ(m.nominalAux, (std::vector<double>{1.05, 0.5, 3, 8, 1.1, 0.9}));
}

TEST(LowerOverrides, DefaultsWithoutOverrides) {
  ir::Module m = lowerDoc(overrideWorkspace(R"([{"name": "lumi", "inits": [1], "bounds": [[0, 2]], "auxdata": [1]}])"));
  // ss bin 1: ν = 0 → τ = 1, fixed; st bin 1: σ = 0 → width 1, fixed.
  EXPECT_EQ(paramset(m, "ss").widths, (std::vector<double>{100, 1}));
  EXPECT_FALSE(param(m, "ss[0]").fixed);
  EXPECT_TRUE(param(m, "ss[1]").fixed);
  EXPECT_TRUE(closeRel(paramset(m, "st").widths[0], 0.1, 1e-15));
  EXPECT_EQ(paramset(m, "st").widths[1], 1.0);
  EXPECT_FALSE(param(m, "st[0]").fixed);
  EXPECT_TRUE(param(m, "st[1]").fixed);
  // lumi without sigmas: width 1.0.
  EXPECT_EQ(paramset(m, "lumi").widths, std::vector<double>{1.0});
  EXPECT_EQ(m.nominalAux, (std::vector<double>{1, 0, 100, 1, 1, 1}));
}

TEST(LowerOverrides, FixedFalseUnfixesStatErrorZeroSigmaBin) {
  ir::Module m = lowerDoc(overrideWorkspace(
      std::string("[") + kLumiSetting + R"(, {"name": "st", "fixed": false}])"));
  EXPECT_FALSE(param(m, "st[1]").fixed);
  EXPECT_EQ(paramset(m, "st").widths[1], 1.0);
}

TEST(LowerOverrides, DuplicateOverrideRejected) {
  std::string msg = lowerError(overrideWorkspace(std::string("[") + kLumiSetting +
                                                 R"(, {"name": "mu", "inits": [1]}, {"name": "mu", "fixed": true}])"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/2", "\"mu\""));
  EXPECT_NE(msg.find("/measurements/0/config/parameters/1"), std::string::npos) << msg;
}

TEST(LowerOverrides, SigmasOnNormSysRejected) {
  std::string msg =
      lowerError(overrideWorkspace(std::string("[") + kLumiSetting + R"(, {"name": "n1", "sigmas": [0.5]}])"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/1/sigmas", "sigmas"));
}

TEST(LowerOverrides, SigmasOnShapeSysRejected) {
  std::string msg =
      lowerError(overrideWorkspace(std::string("[") + kLumiSetting + R"(, {"name": "ss", "sigmas": [1, 1]}])"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/1/sigmas", "sigmas"));
}

TEST(LowerOverrides, AuxdataOnNormFactorRejected) {
  std::string msg =
      lowerError(overrideWorkspace(R"([{"name": "mu", "auxdata": [1]}, )" + std::string(kLumiSetting) + "]"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/0/auxdata", "auxdata"));
}

TEST(LowerOverrides, FactorsOnStatErrorRejected) {
  std::string msg =
      lowerError(overrideWorkspace(std::string("[") + kLumiSetting + R"(, {"name": "st", "factors": [1, 1]}])"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/1/factors", "factors"));
}

TEST(LowerOverrides, WrongLengthRejected) {
  const std::string lumi = std::string("[") + kLumiSetting + ", ";
  EXPECT_TRUE(errorAt(lowerError(overrideWorkspace(lumi + R"({"name": "ss", "inits": [1]}])")),
                      "/measurements/0/config/parameters/1/inits", "inits"));
  EXPECT_TRUE(errorAt(lowerError(overrideWorkspace(lumi + R"({"name": "mu", "bounds": [[0, 1], [0, 2]]}])")),
                      "/measurements/0/config/parameters/1/bounds", "bounds"));
  EXPECT_TRUE(errorAt(lowerError(overrideWorkspace(lumi + R"({"name": "st", "auxdata": [1, 1, 1]}])")),
                      "/measurements/0/config/parameters/1/auxdata", "auxdata"));
  EXPECT_TRUE(errorAt(lowerError(overrideWorkspace(lumi + R"({"name": "st", "sigmas": [0.1]}])")),
                      "/measurements/0/config/parameters/1/sigmas", "sigmas"));
  EXPECT_TRUE(errorAt(lowerError(overrideWorkspace(lumi + R"({"name": "ss", "factors": [1, 2, 3]}])")),
                      "/measurements/0/config/parameters/1/factors", "factors"));
}

TEST(LowerOverrides, LumiWithoutSettingsRejected) {
  EXPECT_TRUE(errorAt(lowerError(overrideWorkspace("[]")), "/measurements/0", "lumi"));
}

TEST(LowerOverrides, LumiWithIncompleteSettingsRejected) {
  // No bounds.
  std::string msg = lowerError(overrideWorkspace(R"([{"name": "lumi", "inits": [1], "auxdata": [1]}])"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/0", "bounds"));
  // No auxdata.
  msg = lowerError(overrideWorkspace(R"([{"name": "lumi", "inits": [1], "bounds": [[0, 2]]}])"));
  EXPECT_TRUE(errorAt(msg, "/measurements/0/config/parameters/0", "auxdata"));
}

// ---------------------------------------------------------------------------
// POI (§3).
// ---------------------------------------------------------------------------

TEST(LowerPoi, SeveralComponentsRejected) {
  Json doc = workspace(kOverrideChannels, kOverrideObservations, std::string("[") + kLumiSetting + "]", "ss");
  EXPECT_TRUE(errorAt(lowerError(doc), "/measurements/0/config/poi", "\"ss\""));
}

TEST(LowerPoi, NotInModelGivesMinusOne) {
  Json doc = workspace(kOverrideChannels, kOverrideObservations, std::string("[") + kLumiSetting + "]",
                       "signal_strength");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(m.poiIndex, -1);
  EXPECT_EQ(m.poiName, "signal_strength");
}

TEST(LowerPoi, EmptyMeansNone) {
  Json doc = workspace(kOverrideChannels, kOverrideObservations, std::string("[") + kLumiSetting + "]", "");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(m.poiIndex, -1);
  EXPECT_EQ(m.poiName, "");
}

TEST(LowerPoi, IndexIsStartOfSlice) {
  Json doc = workspace(kOverrideChannels, kOverrideObservations, std::string("[") + kLumiSetting + "]", "n1");
  EXPECT_EQ(lowerDoc(doc).poiIndex, 2);
  // A one-component per-bin set qualifies too.
  Json single = workspace(R"([{"name": "c", "samples": [
      {"name": "b", "data": [5], "modifiers": [{"name": "k", "type": "normfactor", "data": null},
                                              {"name": "sf", "type": "shapefactor", "data": null}]}]}])",
                          R"([{"name": "c", "data": [5]}])", "[]", "sf");
  EXPECT_EQ(lowerDoc(single).poiIndex, 1);
}

TEST(LowerPoi, SelectedMeasurementDecides) {
  Json doc = overrideWorkspace(std::string("[") + kLumiSetting + "]");
  Json second = doc["measurements"][0];
  second["name"] = "other";
  second["config"]["poi"] = "n1";
  doc["measurements"].push_back(second);
  EXPECT_EQ(ir::lower(specFrom(doc)).poiIndex, 1);          // "meas": mu
  EXPECT_EQ(ir::lower(specFrom(doc, "other")).poiIndex, 2); // "other": n1
  try {
    specFrom(doc, "missing");
    ADD_FAILURE() << "no error for an unknown measurement";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("\"missing\""), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------
// Structural rejections (§12).
// ---------------------------------------------------------------------------

TEST(LowerStructure, DuplicateChannelRejected) {
  Json doc = workspace(R"([
    {"name": "c", "samples": [{"name": "s", "data": [1], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]},
    {"name": "c", "samples": [{"name": "s", "data": [1], "modifiers": []}]}])",
                       R"([{"name": "c", "data": [1]}])", "[]");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/1/name", "duplicate channel"));
}

TEST(LowerStructure, DuplicateSampleRejected) {
  Json doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
    {"name": "s", "data": [1], "modifiers": []}]}])",
                       R"([{"name": "c", "data": [1]}])", "[]");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/1/name", "duplicate sample"));
}

TEST(LowerStructure, DuplicateModifierRejected) {
  Json doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1], "modifiers": [{"name": "mu", "type": "normfactor", "data": null},
                                            {"name": "mu", "type": "normfactor", "data": null}]}]}])",
                       R"([{"name": "c", "data": [1]}])", "[]");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/0/modifiers/1", "\"mu\""));
}

TEST(LowerStructure, BinCountMismatchesRejected) {
  // A second sample with 3 bins in a 2-bin channel.
  Json doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1, 2], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
    {"name": "t", "data": [1, 2, 3], "modifiers": []}]}])",
                       R"([{"name": "c", "data": [1, 1]}])", "[]");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/1/data", "\"t\""));
  // histosys hi_data of the wrong length.
  doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1, 2], "modifiers": [
      {"name": "h", "type": "histosys", "data": {"hi_data": [1, 2, 3], "lo_data": [1, 2]}}]}]}])",
                  R"([{"name": "c", "data": [1, 1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/0/modifiers/0/data/hi_data", "\"h\""));
  // staterror data of the wrong length.
  doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1, 2], "modifiers": [{"name": "st", "type": "staterror", "data": [1]}]}]}])",
                  R"([{"name": "c", "data": [1, 1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/0/modifiers/0/data", "\"st\""));
  // shapesys data of the wrong length.
  doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1, 2], "modifiers": [{"name": "ss", "type": "shapesys", "data": [1, 1, 1]}]}]}])",
                  R"([{"name": "c", "data": [1, 1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples/0/modifiers/0/data", "\"ss\""));
  // The observation of the wrong length.
  doc = workspace(R"([{"name": "c", "samples": [
    {"name": "s", "data": [1, 2], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}])",
                  R"([{"name": "x", "data": [1]}, {"name": "c", "data": [1]}])", "[]");
  EXPECT_TRUE(errorAt(lowerError(doc), "/observations/1/data", "\"c\""));
}

TEST(LowerStructure, MissingObservationRejected) {
  Json doc = workspace(R"([
    {"name": "a", "samples": [{"name": "s", "data": [1], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]},
    {"name": "b", "samples": [{"name": "s", "data": [1], "modifiers": []}]}])",
                       R"([{"name": "a", "data": [1]}, {"name": "unrelated", "data": [1, 2, 3]}])", "[]");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/1", "\"b\""));
}

TEST(LowerStructure, ExtraObservationIgnored) {
  Json doc = workspace(R"([
    {"name": "a", "samples": [{"name": "s", "data": [1], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}])",
                       R"([{"name": "zzz", "data": [7, 7]}, {"name": "a", "data": [3]}])", "[]");
  ir::Module m = lowerDoc(doc);
  EXPECT_EQ(m.observedMain, std::vector<double>{3});
  EXPECT_EQ(m.nMain, 1u);
}

TEST(LowerStructure, NoParametersRejected) {
  Json doc = workspace(R"([{"name": "c", "samples": [{"name": "s", "data": [1], "modifiers": []}]}])",
                       R"([{"name": "c", "data": [1]}])", "[]", "");
  EXPECT_TRUE(errorAt(lowerError(doc), "/channels/0/samples", "no parameters"));
}

TEST(LowerStructure, ModuleRecordsCodes) {
  ir::Module m = lowerDoc(section3Workspace(), ir::InterpCodes{"code1", "code2"});
  EXPECT_EQ(m.normsysCode, "code1");
  EXPECT_EQ(m.histosysCode, "code2");
  EXPECT_EQ(ir::verify(m), "");
  ir::Module d = lowerDoc(section3Workspace());
  EXPECT_EQ(d.normsysCode, "code4");
  EXPECT_EQ(d.histosysCode, "code4p");
}

// ---------------------------------------------------------------------------
// parseInterpCodes.
// ---------------------------------------------------------------------------

TEST(ParseInterpCodes, Valid) {
  ir::InterpCodes c = ir::parseInterpCodes("normsys=code1,histosys=code0");
  EXPECT_EQ(c.normsys, "code1");
  EXPECT_EQ(c.histosys, "code0");
  c = ir::parseInterpCodes("histosys=code2,normsys=code4");
  EXPECT_EQ(c.normsys, "code4");
  EXPECT_EQ(c.histosys, "code2");
  // Either part may be left out; the other keeps its default.
  c = ir::parseInterpCodes("normsys=code1");
  EXPECT_EQ(c.normsys, "code1");
  EXPECT_EQ(c.histosys, "code4p");
  c = ir::parseInterpCodes("histosys=code0");
  EXPECT_EQ(c.normsys, "code4");
  EXPECT_EQ(c.histosys, "code0");
  c = ir::parseInterpCodes("histosys=code4p");
  EXPECT_EQ(c.histosys, "code4p");
}

TEST(ParseInterpCodes, Invalid) {
  for (const char *text : {"normsys=code0", "normsys=code2", "normsys=code4p", "histosys=code1",
                           "histosys=code4", "normsys", "normsys=", "foo=code1", "code1",
                           "normsys=code1;histosys=code0", "normsys=code1,", ",histosys=code0",
                           "normsys=code1,histosys=code3", "NORMSYS=code1", "normsys = code1"}) {
    try {
      ir::parseInterpCodes(text);
      ADD_FAILURE() << "accepted \"" << text << "\"";
    } catch (const InputError &e) {
      EXPECT_NE(std::string(e.what()).find("error"), std::string::npos) << e.what();
    }
  }
}

TEST(ParseInterpCodes, MessageNamesTheBadItem) {
  try {
    ir::parseInterpCodes("normsys=code1,histosys=code9");
    ADD_FAILURE() << "accepted";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("histosys=code9"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace hf
