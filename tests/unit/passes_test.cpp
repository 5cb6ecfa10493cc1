//===- tests/unit/passes_test.cpp - The IR passes keep what a model computes ===//
//
// For every model in the shared reference folder (models/*.json, each
// models/*/BkgOnly.json alone and with each of its patch.*.json, and
// validation/*.json), with both interpolation settings: the passes, one by
// one and as ir::optimize, with and without specialization of fixed
// parameters, leave a module that verifies, has no more ops, and evaluates to
// the same log-likelihood, expected main and auxiliary data (and gradient,
// when autodiff ran) as the lowered module, to 1e-12 relative, at the inits
// and at random points within the bounds, on the observed data and on
// perturbed data. Then a few small hand-written modules pin each pass's
// rewrite.
//
//===----------------------------------------------------------------------===//
#include "frontend/diagnostics.h"
#include "frontend/load.h"
#include "ir/autodiff.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "ir/passes.h"
#include "ir/pipeline.h"
#include "ir/printer.h"
#include "ir/verifier.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>

namespace hf::ir {
namespace {

namespace fs = std::filesystem;

constexpr double kTolerance = 1e-12;

struct ModelCase {
  std::string name;
  LoadOptions load;
  InterpCodes codes;
};

void PrintTo(const ModelCase &c, std::ostream *os) { *os << c.name; }

std::vector<fs::path> sortedFiles(const fs::path &dir, const std::function<bool(const fs::path &)> &keep) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir))
    return files;
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && keep(entry.path()))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<ModelCase> modelCases() {
  const fs::path root = HF_REFERENCE_DIR;
  auto isJson = [](const fs::path &p) { return p.extension() == ".json"; };
  std::vector<std::pair<std::string, LoadOptions>> models;
  auto add = [&](std::string name, std::string file, std::vector<std::string> patches = {}) {
    LoadOptions load;
    load.modelFile = std::move(file);
    load.patchFiles = std::move(patches);
    models.emplace_back(std::move(name), std::move(load));
  };
  for (const fs::path &p : sortedFiles(root / "models", isJson))
    add(p.stem().string(), p.string());
  std::vector<fs::path> dirs;
  for (const auto &entry : fs::directory_iterator(root / "models"))
    if (entry.is_directory() && fs::exists(entry.path() / "BkgOnly.json"))
      dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path &dir : dirs) {
    std::string bkg = (dir / "BkgOnly.json").string();
    add(dir.filename().string(), bkg);
    for (const fs::path &patch : sortedFiles(dir, [](const fs::path &p) {
           return p.filename().string().rfind("patch.", 0) == 0 && p.extension() == ".json";
         }))
      add(dir.filename().string() + "+" + patch.stem().string().substr(6), bkg, {patch.string()});
  }
  for (const fs::path &p : sortedFiles(root / "validation", [](const fs::path &f) {
         std::string name = f.filename().string();
         return f.extension() == ".json" && name.find(".root_cls.") == std::string::npos;
       }))
    add("validation." + p.stem().string(), p.string());

  // The lit tests' small models: they have what the published ones lack
  // (zero-uncertainty bins, fixed shapefactors, flat systematics).
  const fs::path litInputs = fs::path(__FILE__).parent_path().parent_path() / "lit" / "Inputs" / "passes";
  for (const fs::path &p : sortedFiles(litInputs, isJson))
    add("passes." + p.stem().string(), p.string());

  std::vector<ModelCase> cases;
  for (auto &[name, load] : models) {
    cases.push_back({name + "_code4_code4p", load, {"code4", "code4p"}});
    cases.push_back({name + "_code1_code0", load, {"code1", "code0"}});
  }
  return cases;
}

std::string caseName(const testing::TestParamInfo<ModelCase> &info) {
  std::string name = info.param.name;
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

/// One input of a module: θ, main data, aux data.
struct Input {
  std::string what;
  std::vector<double> theta, data, aux;
};

/// The inits, and random points (within the bounds, and near the inits) on
/// the observed data and on perturbed data. With `keepFixed`, fixed
/// parameters stay at their inits.
std::vector<Input> inputsFor(const Module &m, bool keepFixed) {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto point = [&](double halfWidth) {
    std::vector<double> theta = initialParameters(m);
    for (size_t i = 0; i < m.params.size(); ++i) {
      const Parameter &p = m.params[i];
      if (keepFixed && p.fixed)
        continue;
      double lo = std::max(p.lo, p.init - halfWidth), hi = std::min(p.hi, p.init + halfWidth);
      theta[i] = lo + (hi - lo) * unit(rng);
    }
    return theta;
  };
  std::vector<double> data = m.observedMain, aux = m.nominalAux;
  for (double &n : data)
    n = std::round(n * (0.5 + unit(rng)));
  for (double &a : aux)
    a = a * (0.8 + 0.4 * unit(rng)) + 0.2 * (unit(rng) - 0.5);

  std::vector<Input> inputs{{"inits", initialParameters(m), m.observedMain, m.nominalAux}};
  for (int k = 0; k < 3; ++k)
    inputs.push_back({fmt::format("point {} near the inits", k), point(2.5), m.observedMain, m.nominalAux});
  inputs.push_back({"a point within the bounds", point(1e300), m.observedMain, m.nominalAux});
  inputs.push_back({"a point on perturbed data", point(1.0), data, aux});
  return inputs;
}

bool close(double a, double b) {
  if (a == b || (std::isnan(a) && std::isnan(b)))
    return true;
  return std::fabs(a - b) <= kTolerance * std::max(std::fabs(a), std::fabs(b));
}

/// Everything `optimized` computes equals what `reference` computes on
/// `inputs` (the gradient at the entries `gradientAt` selects).
void expectSameResults(const Module &reference, const Module &optimized, const std::vector<Input> &inputs,
                       const std::vector<bool> &gradientAt = {}) {
  for (const Input &in : inputs) {
    SCOPED_TRACE(in.what);
    EvalResult want = evaluate(reference, in.theta, in.data, in.aux);
    EvalResult got = evaluate(optimized, in.theta, in.data, in.aux);
    EXPECT_PRED2(close, got.logpdf, want.logpdf);
    for (size_t i = 0; i < want.expectedMain.size(); ++i)
      EXPECT_PRED2(close, got.expectedMain[i], want.expectedMain[i]) << "expected main bin " << i;
    for (size_t i = 0; i < want.expectedAux.size(); ++i)
      EXPECT_PRED2(close, got.expectedAux[i], want.expectedAux[i]) << "expected aux " << i;
    ASSERT_EQ(got.gradient.size(), want.gradient.size());
    for (size_t i = 0; i < want.gradient.size(); ++i)
      if (gradientAt.empty() || gradientAt[i]) {
        EXPECT_PRED2(close, got.gradient[i], want.gradient[i])
            << "gradient entry " << i << " (" << reference.params[i].name << ")";
      }
  }
}

class PassesOnModels : public testing::TestWithParam<ModelCase> {
protected:
  void SetUp() override {
    setWarningsEnabled(false);
    lowered_ = lower(loadModel(GetParam().load), GetParam().codes);
    ASSERT_EQ(verify(lowered_), "");
  }

  /// The pipeline of ir::optimize, pass by pass, checking each one.
  void runCheckedPipeline(Module &m, bool specializeFixed) {
    std::vector<Input> inits{inputsFor(m, true).front()};
    Module before = m;
    auto check = [&](const char *pass, bool changed) {
      SCOPED_TRACE(fmt::format("after {} ({})", pass, changed ? "changed" : "unchanged"));
      ASSERT_EQ(verify(m), "");
      expectSameResults(before, m, inits);
    };
    check("fold-constants", foldConstants(m, specializeFixed));
    check("cse", eliminateCommonSubexpressions(m));
    check("merge-samples", mergeSamples(m));
    check("hoist-scalars", hoistScalars(m));
    if (specializeFixed)
      check("mask-bins", maskBins(m));
    check("fold-constants", foldConstants(m, specializeFixed));
    check("cse", eliminateCommonSubexpressions(m));
    check("dce", eliminateDeadValues(m));
  }

  Module lowered_;
};

TEST_P(PassesOnModels, EachPassVerifiesAndKeepsTheValues) {
  for (bool specialize : {false, true}) {
    SCOPED_TRACE(specialize ? "specializeFixed" : "generic");
    Module m = lowered_;
    runCheckedPipeline(m, specialize);
  }
}

TEST_P(PassesOnModels, OptimizeKeepsTheValuesAndShrinks) {
  Module m = lowered_;
  optimize(m);
  ASSERT_EQ(verify(m), "");
  EXPECT_LE(m.ops.size(), lowered_.ops.size());
  expectSameResults(lowered_, m, inputsFor(lowered_, false));
  // A second run finds little left to do, and changes no value.
  Module again = m;
  optimize(again);
  EXPECT_LE(again.ops.size(), m.ops.size());
  expectSameResults(lowered_, again, inputsFor(lowered_, false));
}

/// True when a parameter set has fixed and free components: mask-bins then
/// splits its log-pdf terms, which may add ops.
bool hasPartlyFixedSets(const Module &m) {
  for (const ParamSet &set : m.paramsets) {
    size_t fixed = 0;
    for (uint32_t i = 0; i < set.size; ++i)
      fixed += m.params[set.start + i].fixed;
    if (fixed > 0 && fixed < set.size)
      return true;
  }
  return false;
}

TEST_P(PassesOnModels, OptimizeWithFixedParametersSpecialized) {
  Module m = lowered_;
  optimize(m, {.specializeFixed = true});
  ASSERT_EQ(verify(m), "");
  if (!hasPartlyFixedSets(lowered_)) {
    EXPECT_LE(m.ops.size(), lowered_.ops.size());
  }
  expectSameResults(lowered_, m, inputsFor(lowered_, true));
}

TEST_P(PassesOnModels, OptimizeKeepsTheGradient) {
  Module reference = lowered_;
  appendGradient(reference);
  ASSERT_EQ(verify(reference), "");

  // Optimize the gradient as autodiff emits it.
  Module after = reference;
  optimize(after);
  ASSERT_EQ(verify(after), "");
  EXPECT_LE(after.ops.size(), reference.ops.size());
  expectSameResults(reference, after, inputsFor(lowered_, false));

  // Optimize, differentiate the optimized module, optimize again.
  Module twice = lowered_;
  optimize(twice);
  appendGradient(twice);
  optimize(twice);
  ASSERT_EQ(verify(twice), "");
  expectSameResults(reference, twice, inputsFor(lowered_, false));
}

TEST_P(PassesOnModels, OptimizeKeepsTheGradientOfFreeParametersWhenSpecialized) {
  Module reference = lowered_;
  appendGradient(reference);
  std::vector<bool> free;
  for (const Parameter &p : lowered_.params)
    free.push_back(!p.fixed);

  Module m = lowered_;
  optimize(m, {.specializeFixed = true});
  appendGradient(m, free);
  optimize(m, {.specializeFixed = true});
  ASSERT_EQ(verify(m), "");
  expectSameResults(reference, m, inputsFor(lowered_, true), free);
}

INSTANTIATE_TEST_SUITE_P(Reference, PassesOnModels, testing::ValuesIn(modelCases()), caseName);

TEST(PassesOnModels, FindsTheReferenceModels) { EXPECT_GE(modelCases().size(), 2u * 15); }

// ----- Small modules: what each pass does --------------------------------

/// A module with `nMain` main bins (observed: all 10) and the given
/// parameters (free unless listed in `fixed`), no ops yet.
Module emptyModule(uint32_t nMain, std::vector<double> inits, std::vector<bool> fixed = {}) {
  Module m;
  m.nMain = nMain;
  m.observedMain.assign(nMain, 10.0);
  ParamSet set;
  set.name = "theta";
  set.size = static_cast<uint32_t>(inits.size());
  set.scalar = false;
  m.paramsets.push_back(set);
  for (size_t i = 0; i < inits.size(); ++i) {
    Parameter p;
    p.name = fmt::format("theta[{}]", i);
    p.component = static_cast<uint32_t>(i);
    p.init = inits[i];
    p.lo = -10;
    p.hi = 10;
    p.fixed = i < fixed.size() && fixed[i];
    m.params.push_back(p);
  }
  return m;
}

ValueId literal(Module &m, std::vector<double> values) {
  uint32_t width = values.size() == 1 ? 0 : static_cast<uint32_t>(values.size());
  Op op(width == 0 ? OpKind::Const : OpKind::ConstVec, width);
  op.data = std::move(values);
  return m.append(std::move(op));
}

ValueId param(Module &m, uint32_t index) {
  Op op(OpKind::Param);
  op.index = {index};
  return m.append(std::move(op));
}

ValueId paramVec(Module &m, std::vector<uint32_t> indices) {
  Op op(OpKind::ParamVec, static_cast<uint32_t>(indices.size()));
  op.index = std::move(indices);
  return m.append(std::move(op));
}

ValueId binary(Module &m, OpKind kind, ValueId a, ValueId b) {
  Op op(kind, std::max(m.ops[a].width, m.ops[b].width));
  op.operands = {a, b};
  return m.append(std::move(op));
}

ValueId interp(Module &m, OpKind kind, ValueId alpha, ValueId lo, ValueId nom, ValueId hi) {
  Op op(kind, m.ops[nom].width);
  op.operands = {alpha, lo, nom, hi};
  return m.append(std::move(op));
}

/// Adds the Poisson main term of λ over all main bins and makes it the
/// logpdf; λ is the expected_main output.
void finishWithPoisson(Module &m, ValueId lambda) {
  Op data(OpKind::Data, m.nMain);
  data.index = {0};
  ValueId n = m.append(std::move(data));
  Op term(OpKind::PoissonLogPdf);
  term.operands = {n, lambda};
  m.outputs.emplace_back(OutputKind::ExpectedMain, lambda);
  m.outputs.emplace_back(OutputKind::LogPdf, m.append(std::move(term)));
}

size_t countOps(const Module &m, OpKind kind) {
  return static_cast<size_t>(
      std::count_if(m.ops.begin(), m.ops.end(), [&](const Op &op) { return op.kind == kind; }));
}

/// The results of `m` before and after `pass` agree at `theta`.
void expectPassKeepsValues(const Module &before, const Module &after, std::vector<double> theta) {
  ASSERT_EQ(verify(after), "") << print(after);
  expectSameResults(before, after, {{"theta", theta, before.observedMain, before.nominalAux}});
}

TEST(FoldConstants, FoldsLiteralArithmeticWithTheInterpreter) {
  Module m = emptyModule(2, {1.0});
  ValueId a = literal(m, {1.0, 2.0}), b = literal(m, {3.0, 4.0});
  ValueId sum = binary(m, OpKind::Add, a, b);
  ValueId mu = param(m, 0);
  finishWithPoisson(m, binary(m, OpKind::Mul, mu, sum));
  Module before = m;
  EXPECT_TRUE(foldConstants(m));
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {1.7});
  ASSERT_EQ(countOps(m, OpKind::Add), 0u) << print(m);
  EXPECT_EQ(m.ops[m.ops[m.outputs[0].value].operands[1]].data, (std::vector<double>{4.0, 6.0}));
  EXPECT_FALSE(foldConstants(m));
}

TEST(FoldConstants, IdentitiesAndZeroDeltas) {
  Module m = emptyModule(2, {0.5, 2.0});
  ValueId nom = literal(m, {5.0, 6.0});
  ValueId alpha = param(m, 0), mu = param(m, 1);
  ValueId delta = interp(m, OpKind::Code4p, alpha, literal(m, {5.0, 6.0}), nom, literal(m, {5.0, 6.0}));
  ValueId base = binary(m, OpKind::Add, delta, nom);          // nom + 0 → nom
  ValueId rate = binary(m, OpKind::Mul, binary(m, OpKind::Mul, mu, literal(m, {1.0})), base); // mu·1 → mu
  finishWithPoisson(m, rate);
  Module before = m;
  EXPECT_TRUE(foldConstants(m));
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {-3.0, 2.5});
  EXPECT_EQ(countOps(m, OpKind::Code4p), 0u) << print(m);
  EXPECT_EQ(countOps(m, OpKind::Add), 0u) << print(m);
  EXPECT_EQ(countOps(m, OpKind::Mul), 1u) << print(m);
}

TEST(FoldConstants, SpecializesFixedParameters) {
  Module m = emptyModule(2, {1.0, 1.5}, {false, true});
  ValueId rate = binary(m, OpKind::Mul, param(m, 1), literal(m, {2.0, 4.0}));
  finishWithPoisson(m, binary(m, OpKind::Mul, param(m, 0), rate));
  Module generic = m, before = m;
  EXPECT_FALSE(foldConstants(generic));
  EXPECT_TRUE(foldConstants(m, true));
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {0.3, 1.5});
  EXPECT_EQ(countOps(m, OpKind::Param), 1u) << print(m);
  EXPECT_EQ(countOps(m, OpKind::Mul), 1u) << print(m);
}

/// A batched op: α = param_vec(alphas), data = lo rows then hi rows.
ValueId batched(Module &m, OpKind kind, uint32_t code, std::vector<uint32_t> alphas,
                std::vector<double> lo, std::vector<double> hi, std::optional<ValueId> nom = {}) {
  ValueId alpha = paramVec(m, std::move(alphas));
  Op op(kind, nom ? m.ops[*nom].width : 0);
  op.operands = {alpha};
  if (nom)
    op.operands.push_back(*nom);
  op.index = {code};
  op.data = std::move(lo);
  op.data.insert(op.data.end(), hi.begin(), hi.end());
  return m.append(std::move(op));
}

TEST(FoldConstants, DropsTheRowsOfBatchedOpsThatDoNothing) {
  Module m = emptyModule(2, {0.3, -0.7, 1.4, 0.2});
  ValueId nom = literal(m, {10, 20});
  // Row 0 is flat (lo = hi = nom); row 1 is not.
  ValueId deltas = batched(m, OpKind::HistoSum, 4, {0, 1}, {10, 20, 9, 18}, {10, 20, 12, 21}, nom);
  // Row 1 is lo = hi = 1.
  ValueId kappa = batched(m, OpKind::NormProd, 4, {2, 3}, {0.9, 1.0}, {1.2, 1.0});
  finishWithPoisson(m, binary(m, OpKind::Mul, kappa, binary(m, OpKind::Add, deltas, nom)));
  Module before = m;
  EXPECT_TRUE(foldConstants(m));
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {0.3, -0.7, 1.4, 0.2});
  expectPassKeepsValues(before, m, {-2.5, 1.9, -1.1, 3.0});
  for (const Op &op : m.ops) {
    if (op.kind == OpKind::HistoSum) {
      EXPECT_EQ(op.data, (std::vector<double>{9, 18, 12, 21}));
      EXPECT_EQ(m.ops[op.operands[0]].index, (std::vector<uint32_t>{1}));
    }
    if (op.kind == OpKind::NormProd) {
      EXPECT_EQ(op.data, (std::vector<double>{0.9, 1.2}));
    }
  }
  EXPECT_EQ(countOps(m, OpKind::HistoSum), 1u) << print(m);
  EXPECT_FALSE(foldConstants(m));
}

TEST(FoldConstants, SpecializesTheRowsOfFixedParameters) {
  Module m = emptyModule(2, {0.5, 1.5, -0.5, 0.25}, {false, true, false, true});
  ValueId nom = literal(m, {10, 20});
  ValueId deltas = batched(m, OpKind::HistoSum, 4, {0, 1}, {8, 17, 9, 18}, {11, 24, 12, 21}, nom);
  ValueId kappa = batched(m, OpKind::NormProd, 1, {2, 3}, {0.9, 0.8}, {1.2, 1.3});
  finishWithPoisson(m, binary(m, OpKind::Mul, kappa, binary(m, OpKind::Add, deltas, nom)));
  Module before = m;
  EXPECT_TRUE(foldConstants(m, true));
  eliminateDeadValues(m);
  ASSERT_EQ(verify(m), "") << print(m);
  // Fixed parameters at their inits, free ones anywhere.
  expectSameResults(before, m,
                    {{"inits", {0.5, 1.5, -0.5, 0.25}, before.observedMain, before.nominalAux},
                     {"elsewhere", {-1.7, 1.5, 2.2, 0.25}, before.observedMain, before.nominalAux}});
  for (const Op &op : m.ops) {
    if (op.kind == OpKind::HistoSum || op.kind == OpKind::NormProd) {
      EXPECT_EQ(m.ops[op.operands[0]].index, (std::vector<uint32_t>{op.kind == OpKind::HistoSum ? 0u : 2u}));
    }
  }
}

TEST(Cse, MergesEqualOpsInEitherOperandOrder) {
  Module m = emptyModule(2, {1.0, 2.0});
  ValueId a = param(m, 0), b = param(m, 1), a2 = param(m, 0);
  ValueId ab = binary(m, OpKind::Mul, a, b), ba = binary(m, OpKind::Mul, b, a2);
  ValueId nom = literal(m, {1.0, 2.0}), nom2 = literal(m, {1.0, 2.0});
  finishWithPoisson(m, binary(m, OpKind::Add, binary(m, OpKind::Mul, ab, nom),
                              binary(m, OpKind::Mul, ba, nom2)));
  Module before = m;
  EXPECT_TRUE(eliminateCommonSubexpressions(m));
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {0.7, 1.3});
  EXPECT_EQ(countOps(m, OpKind::Param), 2u) << print(m);
  EXPECT_EQ(countOps(m, OpKind::Mul), 2u) << print(m);
  EXPECT_EQ(countOps(m, OpKind::ConstVec), 1u) << print(m);
}

TEST(Cse, KeepsZeroAndNegativeZeroApart) {
  Module m = emptyModule(1, {1.0});
  ValueId plus = literal(m, {0.0}), minus = literal(m, {-0.0});
  ValueId s = binary(m, OpKind::Add, param(m, 0), binary(m, OpKind::Add, plus, minus));
  Op term(OpKind::Sum);
  term.operands = {s};
  m.outputs.emplace_back(OutputKind::LogPdf, m.append(std::move(term)));
  EXPECT_FALSE(eliminateCommonSubexpressions(m));
}

TEST(Dce, DropsUnusedOpsAndRenumbersInOrder) {
  Module m = emptyModule(2, {1.0});
  literal(m, {9.0, 9.0}); // unused
  ValueId mu = param(m, 0);
  param(m, 0); // unused
  finishWithPoisson(m, binary(m, OpKind::Mul, mu, literal(m, {1.0, 2.0})));
  Module before = m;
  EXPECT_TRUE(eliminateDeadValues(m));
  expectPassKeepsValues(before, m, {2.0});
  EXPECT_EQ(m.ops.size(), before.ops.size() - 2);
  EXPECT_EQ(m.ops[0].kind, OpKind::Param);
  EXPECT_FALSE(eliminateDeadValues(m));
}

TEST(MergeSamples, FactorsOutASharedFactorAndMergesDeltas) {
  Module m = emptyModule(2, {1.2, 0.4});
  ValueId mu = param(m, 0), alpha = param(m, 1);
  // Three samples: two share the factor mu, each with a delta of α.
  auto base = [&](std::vector<double> nom, double shift) {
    ValueId n = literal(m, nom);
    std::vector<double> lo = nom, hi = nom;
    for (double &x : lo)
      x -= shift;
    for (double &x : hi)
      x += 2 * shift;
    ValueId d = interp(m, OpKind::Code4p, alpha, literal(m, lo), n, literal(m, hi));
    return binary(m, OpKind::Add, d, n);
  };
  ValueId r1 = binary(m, OpKind::Mul, mu, base({5, 6}, 1));
  ValueId r2 = literal(m, {1, 1});
  ValueId r3 = binary(m, OpKind::Mul, mu, base({7, 8}, 2));
  finishWithPoisson(m, binary(m, OpKind::Add, binary(m, OpKind::Add, r1, r2), r3));
  Module before = m;
  EXPECT_TRUE(mergeSamples(m));
  expectPassKeepsValues(before, m, {1.3, -1.7});
  foldConstants(m);
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {0.6, 0.4});
  EXPECT_EQ(countOps(m, OpKind::Mul), 1u) << print(m);
  EXPECT_EQ(countOps(m, OpKind::Code4p), 1u) << print(m);
  EXPECT_FALSE(mergeSamples(m));
}

TEST(MergeSamples, WidensHistosysSumsToEveryParameterTheyRead) {
  Module m = emptyModule(2, {1.1, 0.6, -1.3});
  ValueId mu = param(m, 0);
  ValueId nom1 = literal(m, {10, 20}), nom2 = literal(m, {5, 4});
  ValueId d1 = batched(m, OpKind::HistoSum, 4, {1}, {9, 18}, {12, 21}, nom1);
  ValueId d2 = batched(m, OpKind::HistoSum, 4, {2, 1}, {4, 3, 4.5, 3.5}, {6, 5, 5.5, 4.5}, nom2);
  ValueId r1 = binary(m, OpKind::Mul, mu, binary(m, OpKind::Add, d1, nom1));
  ValueId r2 = binary(m, OpKind::Mul, mu, binary(m, OpKind::Add, d2, nom2));
  finishWithPoisson(m, binary(m, OpKind::Add, r1, r2));
  Module before = m;
  EXPECT_TRUE(mergeSamples(m));
  foldConstants(m);
  eliminateDeadValues(m);
  expectPassKeepsValues(before, m, {1.1, 0.6, -1.3});
  expectPassKeepsValues(before, m, {0.4, -2.6, 1.7});
  ASSERT_EQ(countOps(m, OpKind::HistoSum), 1u) << print(m);
  for (const Op &op : m.ops) {
    if (op.kind != OpKind::HistoSum)
      continue;
    // Rows θ[1] then θ[2]; sample 1 has no θ[2] row: lo = hi = its nominal.
    EXPECT_EQ(m.ops[op.operands[0]].index, (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(op.data, (std::vector<double>{9 + 4.5, 18 + 3.5, 10 + 4, 20 + 3, 12 + 5.5, 21 + 4.5, 10 + 6, 20 + 5}));
  }
  EXPECT_EQ(countOps(m, OpKind::Mul), 1u) << print(m);
}

TEST(HoistScalars, MultipliesTheVectorOnce) {
  Module m = emptyModule(2, {1.5, 2.5, 0.5});
  ValueId v = paramVec(m, {0, 1});
  ValueId s1 = param(m, 1), s2 = param(m, 2);
  finishWithPoisson(m, binary(m, OpKind::Mul, binary(m, OpKind::Mul, v, s1), s2));
  Module before = m;
  EXPECT_TRUE(hoistScalars(m));
  expectPassKeepsValues(before, m, {1.5, 2.5, 0.5});
  size_t vectorMuls = 0;
  for (const Op &op : m.ops)
    vectorMuls += op.kind == OpKind::Mul && op.width > 0;
  EXPECT_EQ(vectorMuls, 1u) << print(m);
  EXPECT_FALSE(hoistScalars(m));
}

TEST(MaskBins, SplitsAConstraintIntoFreeAndFixedRuns) {
  Module m = emptyModule(3, {1.0, 1.0, 1.0}, {false, true, false});
  m.nAux = 3;
  m.nominalAux = {1.0, 1.0, 1.0};
  m.paramsets[0].constraint = Constraint::Gauss;
  ValueId theta = paramVec(m, {0, 1, 2});
  ValueId rate = binary(m, OpKind::Mul, theta, literal(m, {10, 20, 30}));
  finishWithPoisson(m, rate);
  Op aux(OpKind::Aux, 3);
  aux.index = {0};
  Op gauss(OpKind::GaussLogPdf);
  gauss.operands = {m.append(std::move(aux)), theta, literal(m, {0.1, 0.2, 0.3})};
  ValueId constraint = m.append(std::move(gauss));
  ValueId main = m.outputs.back().value;
  m.outputs.back().value = binary(m, OpKind::Add, main, constraint);
  Module before = m;
  EXPECT_TRUE(maskBins(m));
  eliminateDeadValues(m);
  // The data and aux stay arguments: check on other aux data too.
  ASSERT_EQ(verify(m), "") << print(m);
  expectSameResults(before, m,
                    {{"inits", {1.1, 1.0, 0.9}, before.observedMain, before.nominalAux},
                     {"other aux", {1.1, 1.0, 0.9}, {3, 4, 5}, {0.8, 1.3, 1.05}}});
  EXPECT_EQ(countOps(m, OpKind::GaussLogPdf), 3u) << print(m);
  EXPECT_FALSE(maskBins(m));
}

} // namespace
} // namespace hf::ir
