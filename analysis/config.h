//===- analysis/config.h - cabinetry's YAML configuration, typed ----------===//
//
// The declarative description of an analysis as cabinetry 0.6.0 reads it
// (spec/cabinetry.md §1): General settings, Regions (variable, binning,
// selection), Samples (files, trees, weights), NormFactors and Systematics
// with their Up/Down template overrides. readConfig checks everything
// cabinetry's JSON schema and configuration.validate check, and a little more
// that cabinetry only finds later (both templates symmetrized, an override
// of a path placeholder InputPath lacks). Every value keeps where it was
// written — file, line:column and the key path (`Systematics[2].Up.Tree`) —
// so that the later steps (expressions, template building) can report at the
// user's line too.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace hf::analysis {

/// A string of the config with the place it was written. loc.pointer holds
/// the key path ("Regions[0].Filter"), loc.line/col the YAML position.
struct Text {
  std::string value;
  Loc loc;
};

/// A number of the config. YAML (as PyYAML reads it) tells integers from
/// floats; cabinetry copies them into the workspace as they are, so
/// `Bounds: [0, 10]` is written `0`, `10` and `Nominal: 1.0` is `1.0`.
struct Number {
  double value = 0;
  bool integer = false;
  long long intValue = 0; ///< exact when integer
  Loc loc;
};

/// A `Regions:` or `Samples:` setting: one name or a list of names; absent
/// means every region (sample).
struct NameList {
  bool given = false;
  std::vector<std::string> names;
  Loc loc;
  /// cabinetry's _x_contains_y: true when absent or when `name` is listed.
  bool contains(const std::string &name) const;
};

/// `SamplePath:` — one path, or a list of files read one after the other.
struct PathList {
  std::vector<std::string> paths;
  bool isList = false;
  Loc loc;
};

struct FixedParameter {
  Text name;
  Number value;
};

struct General {
  Text measurement;
  std::optional<Text> poi;
  Text inputPath;
  Text histogramFolder;
  std::vector<FixedParameter> fixed;
  std::optional<Text> variationPath;
  Loc loc;
};

struct Region {
  Text name;
  std::optional<Text> variable;
  std::optional<std::vector<Number>> binning;
  Loc binningLoc;
  std::optional<Text> filter;
  std::optional<Text> regionPath;
  Loc loc;
};

struct Sample {
  Text name;
  std::optional<Text> tree;
  std::optional<Text> filter;
  std::optional<Text> weight;
  std::optional<PathList> samplePath;
  bool data = false;
  bool disableStaterror = false;
  NameList regions;
  Loc loc;
};

struct NormFactor {
  Text name;
  NameList regions;
  NameList samples;
  std::optional<Number> nominal;
  std::optional<std::array<Number, 2>> bounds;
  Loc loc;
};

/// The Up or Down entry of a systematic: overrides of the nominal settings.
struct TemplateSetting {
  std::optional<Text> tree, weight, variable, filter, regionPath, variationPath;
  std::optional<PathList> samplePath;
  std::optional<Number> normalization;
  bool symmetrize = false;
  Loc loc;
};

struct Smoothing {
  Text algorithm; ///< "353QH, twice", the only one
  NameList regions;
  NameList samples;
  Loc loc;
};

enum class SystematicType { Normalization, NormPlusShape };

struct Systematic {
  Text name;
  SystematicType type = SystematicType::Normalization;
  TemplateSetting up, down;
  NameList regions;
  NameList samples;
  std::optional<Text> modifierName;
  std::optional<Smoothing> smoothing;
  Loc loc;
  /// The modifier's name in the workspace: ModifierName, else Name.
  const std::string &modifier() const { return modifierName ? modifierName->value : name.value; }
  const TemplateSetting &side(bool up_) const { return up_ ? up : down; }
};

struct Config {
  std::string file; ///< the YAML file, as given
  General general;
  std::vector<Region> regions;
  std::vector<Sample> samples;
  std::vector<NormFactor> normFactors;
  std::vector<Systematic> systematics;

  /// The one sample with Data: true (readConfig guarantees there is one).
  const Sample &dataSample() const;
};

/// Parses and checks a config. `file` names it in diagnostics. Bad input
/// throws InputError "file:line:col: error: KEY.PATH: what was expected".
Config parseConfig(const std::string &text, const std::string &file);

/// Reads and parses the config at `path`.
Config readConfig(const std::string &path);

/// Whether `path` names a cabinetry config (.yml or .yaml).
bool isConfigFile(const std::string &path);

} // namespace hf::analysis
