//===- frontend/spec.h - The typed mirror of a HistFactory workspace ------===//
//
// Spec is what every frontend produces (the pyhf JSON reader, the .hf parser,
// the C++ builder) and what ir/lower consumes. It holds the workspace as
// written — channels, samples, modifiers, observations, measurements — with
// no math. Every node carries a Loc so that a check made later (at model
// build, in lowering) can point at the place the user wrote.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace hf {

/// Where a node came from: a file plus a JSON pointer, or a line and column.
struct Loc {
  std::string file;
  std::string pointer; ///< JSON pointer such as /channels/2/samples/0 ("" for .hf)
  int line = 0;        ///< 1-based line for text formats (0: unknown)
  int col = 0;

  /// "file: /pointer" or "file:line:col", the prefix of every diagnostic.
  std::string str() const;
  /// The same place, one level deeper in the JSON document.
  Loc child(const std::string &key) const;
  Loc child(size_t index) const;
};

enum class ModifierType { NormFactor, Lumi, NormSys, HistoSys, ShapeFactor, ShapeSys, StatError };

/// The type's name as pyhf spells it ("normfactor", ...).
const char *modifierTypeName(ModifierType type);
/// Parses a pyhf type name; false when unknown.
bool parseModifierType(const std::string &name, ModifierType &type);

/// One modifier of one sample. Which data fields are used depends on `type`:
/// normsys uses hi/lo, histosys hiData/loData, shapesys/staterror `data`
/// (absolute uncertainties per bin); the others carry no data.
struct Modifier {
  std::string name;
  ModifierType type = ModifierType::NormFactor;
  double hi = 1.0, lo = 1.0;
  std::vector<double> hiData, loData;
  std::vector<double> data;
  Loc loc;
};

struct Sample {
  std::string name;
  std::vector<double> data; ///< nominal rates per bin
  std::vector<Modifier> modifiers;
  Loc loc;
};

struct Channel {
  std::string name;
  std::vector<Sample> samples;
  Loc loc;
  /// Bins of the channel: the length of its first sample's data.
  size_t nbins() const { return samples.empty() ? 0 : samples.front().data.size(); }
};

struct Observation {
  std::string name; ///< the channel it observes
  std::vector<double> data;
  Loc loc;
};

/// A measurement's override of a parameter set's defaults (histfactory.md §6).
struct ParameterSetting {
  std::string name;
  std::optional<std::vector<double>> inits;
  std::optional<std::vector<std::array<double, 2>>> bounds;
  std::optional<bool> fixed;
  std::optional<std::vector<double>> auxdata;
  std::optional<std::vector<double>> sigmas;
  std::optional<std::vector<double>> factors;
  Loc loc;
};

struct Measurement {
  std::string name;
  std::string poi; ///< "" means no POI
  std::vector<ParameterSetting> parameters;
  Loc loc;
};

struct Workspace {
  std::vector<Channel> channels;
  std::vector<Observation> observations;
  std::vector<Measurement> measurements;
  std::string version = "1.0.0";
  Loc loc;
};

/// What a model is built from: the channels, one measurement's settings and
/// the observations (pyhf's model spec plus the data it is fitted to).
struct ModelSpec {
  std::vector<Channel> channels;
  std::vector<Observation> observations;
  Measurement measurement;                ///< the selected one, with patches applied
  std::vector<Measurement> measurements;  ///< all of the workspace's, as written
  std::string version = "1.0.0";          ///< the workspace's schema version
};

} // namespace hf
