//===- hf/builder.h - Build a HistFactory workspace in C++ ----------------===//
//
// The embedded builder: channels, samples, modifiers, observations and
// measurements written as C++ calls instead of pyhf JSON.
//
//   hfc::ModelBuilder b;
//   auto ch = b.channel("singlechannel");
//   ch.sample("signal", {5, 10}).normfactor("mu");
//   ch.sample("background", {50, 60}).shapesys("uncorr_bkguncrt", {5, 12});
//   ch.observe({50, 60});
//   b.measurement("Measurement", "mu");
//   hfc::Model model = b.build();
//
// What it builds is a pyhf workspace (toJson() shows it); build() reads it
// with the same reader and the same checks as a .json file, so a mistake
// (a modifier whose data has the wrong length, a POI no sample uses) is the
// same InputError, naming the JSON path "<ModelBuilder>: /channels/0/…".
//
// ChannelRef, SampleRef and MeasurementRef are small handles into their
// builder; they stay valid while it lives (adding more does not move them).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "hf/model.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hfc {

class ModelBuilder;

/// One sample of a channel; each call adds one modifier (pyhf's seven types).
class SampleRef {
public:
  /// Free normalisation factor (a POI, or a free background normalisation).
  SampleRef &normfactor(const std::string &name);
  /// Luminosity: one parameter shared by all samples that name it; its
  /// auxdata and sigma come from the measurement (MeasurementRef::lumi).
  SampleRef &lumi(const std::string &name);
  /// Normalisation uncertainty: the factors at +1σ (hi) and −1σ (lo).
  SampleRef &normsys(const std::string &name, double hi, double lo);
  /// Shape uncertainty: the sample's yields per bin at +1σ and −1σ.
  SampleRef &histosys(const std::string &name, std::vector<double> hiData, std::vector<double> loData);
  /// Free factor per bin.
  SampleRef &shapefactor(const std::string &name);
  /// Uncorrelated per-bin uncertainty (Poisson constraint): absolute uncertainties.
  SampleRef &shapesys(const std::string &name, std::vector<double> uncertainties);
  /// MC statistical uncertainty (Gaussian constraint, shared by the samples
  /// that name it): absolute uncertainties per bin.
  SampleRef &staterror(const std::string &name, std::vector<double> uncertainties);

private:
  friend class ChannelRef;
  SampleRef(ModelBuilder *builder, size_t channel, size_t sample)
      : builder_(builder), channel_(channel), sample_(sample) {}
  ModelBuilder *builder_;
  size_t channel_, sample_;
};

/// One channel (a region): its samples and its observed counts.
class ChannelRef {
public:
  /// Adds a sample with its nominal yields per bin.
  SampleRef sample(const std::string &name, std::vector<double> yields);
  /// The observed counts of this channel.
  ChannelRef &observe(std::vector<double> counts);

private:
  friend class ModelBuilder;
  ChannelRef(ModelBuilder *builder, size_t channel) : builder_(builder), channel_(channel) {}
  ModelBuilder *builder_;
  size_t channel_;
};

/// Settings of one parameter set in a measurement (pyhf's "parameters"
/// entries); unset fields keep the modifier type's defaults.
struct ParameterConfig {
  std::optional<std::vector<double>> inits;
  std::optional<std::vector<std::pair<double, double>>> bounds;
  std::optional<bool> fixed;
  std::optional<std::vector<double>> auxdata;
  std::optional<std::vector<double>> sigmas;
};

/// A measurement: the POI and per-parameter settings.
class MeasurementRef {
public:
  /// Any of the settings for the parameter set `name`.
  MeasurementRef &parameter(const std::string &name, const ParameterConfig &config);
  /// Shorthands for one-parameter sets (normfactor, lumi, normsys, histosys).
  MeasurementRef &bounds(const std::string &name, double lo, double hi);
  MeasurementRef &init(const std::string &name, double value);
  MeasurementRef &fix(const std::string &name, double value);
  /// A lumi parameter's nominal value and uncertainty (pyhf has no defaults
  /// for lumi): auxdata and sigmas, init at the nominal value and bounds of
  /// ±5σ around it, as HistFactory exports write them.
  MeasurementRef &lumi(const std::string &name, double auxdata, double sigma);

private:
  friend class ModelBuilder;
  MeasurementRef(ModelBuilder *builder, size_t measurement) : builder_(builder), measurement_(measurement) {}
  ModelBuilder *builder_;
  size_t measurement_;
};

class ModelBuilder {
public:
  ModelBuilder();
  ~ModelBuilder();
  ModelBuilder(const ModelBuilder &) = delete;
  ModelBuilder &operator=(const ModelBuilder &) = delete;

  /// A new channel (channel names are unique: a second call with the same
  /// name is an InputError at build()).
  ChannelRef channel(const std::string &name);
  /// A new measurement with its POI ("" for a background-only model).
  MeasurementRef measurement(const std::string &name, const std::string &poi);

  /// The workspace as pyhf JSON (indent 2), e.g. to save or to diff.
  std::string toJson() const;
  /// Checks the workspace and compiles the model of one measurement
  /// (options.measurement; "" = the first). Patch options are not used.
  Model build(const LoadOptions &options = {}) const;

private:
  friend class SampleRef;
  friend class ChannelRef;
  friend class MeasurementRef;
  struct Document;
  std::unique_ptr<Document> doc_;
};

} // namespace hfc
