//===- tools/hfc/toy_file.h - Toy distributions written, read and merged --===//
//
// `hfc cls --calctype toybased --save-toys FILE` writes the test statistic of
// every toy, so that runs on many machines (each with its own --first-toy
// range of one --seed) combine: `hfc toys merge A B ... -o C` concatenates
// them and computes CLs from the merged distributions. A file is JSON:
//
//   {"hfc_toys": 1, "test_stat": "qtilde", "mu": 1, "seed": 0,
//    "q_obs": …, "mu_hat": …, "first_toy": 0, "ntoys": N,
//    "signal": [t_0, …], "background": [t_0, …]}     (null: a failed toy)
//
// Toy k of the file is toy first_toy + k of the seed's sequence (its
// generator depends on the seed and that number only, runtime/toys.h), so
// merging files of disjoint ranges gives what one run over their union gives.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hf::cli {

struct ToyFile {
  std::string testStat; ///< pyhf's name ("qtilde", "q", "q0")
  double mu = 1;
  uint64_t seed = 0;
  double qObs = 0, muHat = 0;
  uint64_t firstToy = 0;
  std::vector<double> signal, background; ///< NaN: a failed toy
};

/// Writes `toys` to `path` whole or not at all (InputError when it cannot).
void writeToyFile(const std::string &path, const ToyFile &toys);

/// Reads a file writeToyFile wrote; InputError naming the file and the key
/// when it is not one.
ToyFile readToyFile(const std::string &path);

/// The files as one: the same test statistic, μ, seed and observed q, and
/// toy ranges that neither overlap nor leave a gap once sorted (InputError
/// naming the file that does not fit).
ToyFile mergeToyFiles(const std::vector<ToyFile> &files, const std::vector<std::string> &paths);

} // namespace hf::cli
