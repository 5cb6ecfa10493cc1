//===- frontend/json_reader.h - pyhf JSON -> Spec, with schema checks -----===//
//
// Reads pyhf workspace documents (schema 1.0.0) into Spec. The checks have the
// meaning of pyhf's JSON schema: required and unknown keys, types, non-empty
// lists, the lumi modifier's fixed name, the modifier data shapes. Every error
// names the file and the JSON pointer of the offending value and says what was
// expected. Semantic checks that the schema cannot express (bin counts,
// duplicates, sharing rules) are made when the model is built (ir/lower).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"
#include "frontend/spec.h"

#include <string>
#include <vector>

namespace hf {

/// A whole workspace document {channels, observations, measurements, version}.
Workspace readWorkspace(const Json &doc, const std::string &file);

/// The `channels` array of a workspace or model spec; `loc` points at it.
std::vector<Channel> readChannels(const Json &channels, const Loc &loc);

/// A measurement's `config.parameters` array; `loc` points at it.
std::vector<ParameterSetting> readParameterSettings(const Json &parameters, const Loc &loc);

/// Spec -> pyhf JSON (the inverse of readWorkspace).
Json workspaceToJson(const Workspace &ws);
Json channelsToJson(const std::vector<Channel> &channels);
Json parameterSettingsToJson(const std::vector<ParameterSetting> &parameters);

} // namespace hf
