//===- tests/reference/reference_data.cpp - The shared reference cases ----===//
#include "tests/reference/reference_data.h"

#include <algorithm>
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

double relDiff(double a, double b) {
  if (a == b)
    return 0;
  return std::fabs(a - b) / std::max(std::fabs(b), 1e-300);
}

} // namespace hf::test
