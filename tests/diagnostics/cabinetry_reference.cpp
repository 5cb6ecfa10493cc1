//===- tests/diagnostics/cabinetry_reference.cpp - cabinetry's tutorial numbers ===//
#include "tests/diagnostics/cabinetry_reference.h"

#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "ir/lower.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace hf::test {

std::string cabinetryTutorialPath(const std::string &file) {
  return std::string(HF_REFERENCE_DIR) + "/cabinetry/tutorial/" + file;
}

const Json &cabinetryInference() {
  static const Json doc = [] {
    std::ifstream in(cabinetryTutorialPath("inference.json"));
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
  }();
  return doc;
}

ir::Module cabinetryTutorialModule() {
  LoadOptions load;
  load.modelFile = cabinetryTutorialPath("workspace.json");
  return ir::lower(loadModel(load));
}

ir::Module moduleFromJsonText(const std::string &workspaceJson) {
  Workspace ws = readWorkspace(parseJsonText(workspaceJson, "test.json"), "test.json");
  return ir::lower(modelSpecOf(ws, ""));
}

bool closeRelativeFloor(double a, double b, double rel, double floor) {
  return std::fabs(a - b) <= rel * std::max(std::fabs(b), floor);
}

bool closeRelative(double a, double b, double rel) { return closeRelativeFloor(a, b, rel, 1e-8); }

} // namespace hf::test
