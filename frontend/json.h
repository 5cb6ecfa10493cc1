//===- frontend/json.h - The JSON document type used throughout -----------===//
//
// Workspaces, patches and PatchSets are handled as nlohmann::ordered_json:
// the order of keys in the file is kept (workspace verbs write it back as it
// was) and integers stay distinct from floats (the digest spells them
// differently). Anything that needs sorted keys sorts when it serializes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

namespace hf {
using Json = nlohmann::ordered_json;
} // namespace hf
