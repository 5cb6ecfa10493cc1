//===- tests/unit/root/root_test_util.h - Shared helpers of the ROOT tests ===//
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hf::root::test {

/// ../shared/data/root/<relative>.
std::string rootData(const std::string &relative);
/// expected_jsroot.json's "files" object (read once).
const nlohmann::json &jsrootExpected();
/// The files' bytes.
std::vector<uint8_t> readBytes(const std::string &path);
/// Every .root file under ../shared/data/root (relative names, sorted).
std::vector<std::string> allRootFiles();

} // namespace hf::root::test
