//===- tests/reference/reference_data.cpp - The shared reference cases ----===//
#include "tests/reference/reference_data.h"

#include "frontend/json_text.h"
#include "ir/eval.h"
#include "ir/lower.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace hf::test {

std::string referenceDir() { return HF_REFERENCE_DIR; }

std::vector<ReferenceCase> referenceCases() {
  const fs::path root = referenceDir();
  std::vector<ReferenceCase> cases;
  for (const auto &entry : fs::directory_iterator(root / "expected")) {
    std::string stem = entry.path().stem().string();
    ReferenceCase c;
    c.name = stem;
    c.expectedFile = entry.path().string();
    // NAME.json -> models/NAME.json; validation.NAME -> validation/NAME.json;
    // DIR+POINT -> models/DIR/BkgOnly.json with models/DIR/patch.POINT.json.
    if (stem.rfind("validation.", 0) == 0) {
      c.load.modelFile = (root / "validation" / (stem.substr(11) + ".json")).string();
    } else if (auto plus = stem.find('+'); plus != std::string::npos) {
      fs::path dir = root / "models" / stem.substr(0, plus);
      c.load.modelFile = (dir / "BkgOnly.json").string();
      c.load.patchFiles.push_back((dir / ("patch." + stem.substr(plus + 1) + ".json")).string());
    } else {
      c.load.modelFile = (root / "models" / (stem + ".json")).string();
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](auto &a, auto &b) { return a.name < b.name; });
  return cases;
}

std::vector<ReferenceParam> referenceParams() {
  std::vector<ReferenceParam> out;
  for (const ReferenceCase &c : referenceCases())
    for (const char *block : {"interp_code4_code4p", "interp_code1_code0"})
      out.push_back({c, block});
  return out;
}

Json referenceBlock(const ReferenceParam &param) {
  return readJsonFile(param.refCase.expectedFile).at(param.block);
}

ir::Module lowerReference(const ReferenceParam &param, const Json &block) {
  ir::InterpCodes codes{block.at("normsys").get<std::string>(), block.at("histosys").get<std::string>()};
  return ir::lower(loadModel(param.refCase.load), codes);
}

std::string referenceParamName(const ReferenceParam &param) {
  std::string name = param.refCase.name + "_" + param.block;
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

void PrintTo(const ReferenceParam &param, std::ostream *os) { *os << param.refCase.name << " " << param.block; }

int referenceParameterIndex(const ir::Module &m, const std::string &name) {
  int index = m.findParameter(name);
  if (index >= 0)
    return index;
  for (const ir::ParamSet &set : m.paramsets)
    if (set.name == name && set.size == 1)
      return static_cast<int>(set.start);
  return -1;
}

std::vector<double> referenceTheta(const ir::Module &m, const Json &pars) {
  std::vector<double> theta = ir::initialParameters(m);
  for (const auto &item : pars.items()) {
    int index = referenceParameterIndex(m, item.key());
    if (index >= 0)
      theta[index] = item.value().get<double>();
  }
  return theta;
}

double relDiff(double a, double b) {
  if (a == b)
    return 0;
  return std::fabs(a - b) / std::max(std::fabs(b), 1e-300);
}

/// The size of the largest intermediates of the Poisson terms at θ:
/// Σ |n ln λ| + λ + lnΓ(n + 1) over main bins and Poisson aux data. A term is
/// their difference, so any libm (pyhf's scipy, hfc's glibc) computes it only
/// to about ε times this. It matters only where a shapesys has a huge τ
/// (eRJR 3L: δ = 0.001 on 435 events gives τ = 1.9e11, so the terms are ~5e12
/// and pyhf's own logpdf is quantized in steps of 2^-10 there).
double roundingScale(const ir::Module &m, const std::vector<double> &theta) {
  ir::EvalResult r = ir::evaluateObserved(m, theta);
  auto magnitude = [](double n, double lambda) {
    return std::fabs(n == 0 ? 0.0 : n * std::log(lambda)) + std::fabs(lambda) + std::lgamma(n + 1);
  };
  double scale = 0;
  for (uint32_t b = 0; b < m.nMain; ++b)
    scale += magnitude(m.observedMain[b], r.expectedMain[b]);
  for (const ir::ParamSet &set : m.paramsets)
    if (set.constraint == ir::Constraint::Poisson)
      for (uint32_t k = 0; k < set.size; ++k)
        scale += magnitude(m.nominalAux[set.auxStart + k], r.expectedAux[set.auxStart + k]);
  return scale;
}

} // namespace hf::test
