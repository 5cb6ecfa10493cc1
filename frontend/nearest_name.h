//===- frontend/nearest_name.h - "did you mean" for a name that is not there ===//
//
// One rule for every message that names something unknown (a POI, a
// parameter, a channel, a sample, a PatchSet point, a subcommand): suggest
// the known name nearest to what was typed, when one is near enough to be a
// plausible typo, and nothing otherwise.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hf {

/// Case-insensitive Levenshtein distance.
size_t editDistance(std::string_view a, std::string_view b);

/// The candidate nearest to `name`: within an edit distance of
/// max(2, |name| / 3), or one of the two a prefix of the other (mu_SIG → mu)
/// when the shorter has 2 characters or more. "" when none is near; the first
/// in `candidates` order wins a tie.
std::string nearestName(std::string_view name, const std::vector<std::string> &candidates);

/// ` (did you mean "NAME"?)` for nearestName, or "" when there is none.
std::string didYouMean(std::string_view name, const std::vector<std::string> &candidates);

} // namespace hf
