//===- tests/unit/root/root_test_util.cpp - Shared helpers of the ROOT tests ===//
#include "tests/unit/root/root_test_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace hf::root::test {

std::string rootData(const std::string &relative) { return std::string(HF_DATA_DIR) + "/root/" + relative; }

const nlohmann::json &jsrootExpected() {
  static const nlohmann::json files = [] {
    std::ifstream in(rootData("expected_jsroot.json"));
    if (!in)
      throw std::runtime_error("cannot read expected_jsroot.json");
    return nlohmann::json::parse(in).at("files");
  }();
  return files;
}

std::vector<uint8_t> readBytes(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> allRootFiles() {
  std::vector<std::string> out;
  std::string base = rootData("");
  for (const auto &e : std::filesystem::recursive_directory_iterator(base))
    if (e.is_regular_file() && e.path().extension() == ".root")
      out.push_back(std::filesystem::relative(e.path(), base).string());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace hf::root::test
