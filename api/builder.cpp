//===- api/builder.cpp - The embedded builder writes a pyhf workspace ------===//
//
// The builder's state is the pyhf JSON document itself: each call appends to
// it, and build() hands it to the same reader and checks as a .json file. So
// the builder cannot accept a model the JSON format would reject, and a model
// built in C++ is the workspace toJson() shows, number for number.
//
//===----------------------------------------------------------------------===//
#include "hf/builder.h"

#include "api/model_impl.h"

namespace hfc {

struct ModelBuilder::Document {
  hf::Json json = {{"channels", hf::Json::array()},
                   {"observations", hf::Json::array()},
                   {"measurements", hf::Json::array()},
                   {"version", "1.0.0"}};
  hf::Json &modifiers(size_t channel, size_t sample) {
    return json["channels"][channel]["samples"][sample]["modifiers"];
  }
  hf::Json &parameters(size_t measurement) { return json["measurements"][measurement]["config"]["parameters"]; }
};

namespace {

hf::Json modifier(const std::string &name, const char *type, hf::Json data) {
  return hf::Json{{"name", name}, {"type", type}, {"data", std::move(data)}};
}

/// The entry for parameter set `name` in a measurement's list, added if new.
hf::Json &parameterEntry(hf::Json &parameters, const std::string &name) {
  for (hf::Json &p : parameters)
    if (p["name"] == name)
      return p;
  parameters.push_back(hf::Json{{"name", name}});
  return parameters.back();
}

} // namespace

SampleRef &SampleRef::normfactor(const std::string &name) {
  builder_->doc_->modifiers(channel_, sample_).push_back(modifier(name, "normfactor", nullptr));
  return *this;
}

SampleRef &SampleRef::lumi(const std::string &name) {
  builder_->doc_->modifiers(channel_, sample_).push_back(modifier(name, "lumi", nullptr));
  return *this;
}

SampleRef &SampleRef::normsys(const std::string &name, double hi, double lo) {
  builder_->doc_->modifiers(channel_, sample_).push_back(
      modifier(name, "normsys", hf::Json{{"hi", hi}, {"lo", lo}}));
  return *this;
}

SampleRef &SampleRef::histosys(const std::string &name, std::vector<double> hiData, std::vector<double> loData) {
  builder_->doc_->modifiers(channel_, sample_).push_back(
      modifier(name, "histosys", hf::Json{{"hi_data", hiData}, {"lo_data", loData}}));
  return *this;
}

SampleRef &SampleRef::shapefactor(const std::string &name) {
  builder_->doc_->modifiers(channel_, sample_).push_back(modifier(name, "shapefactor", nullptr));
  return *this;
}

SampleRef &SampleRef::shapesys(const std::string &name, std::vector<double> uncertainties) {
  builder_->doc_->modifiers(channel_, sample_).push_back(modifier(name, "shapesys", uncertainties));
  return *this;
}

SampleRef &SampleRef::staterror(const std::string &name, std::vector<double> uncertainties) {
  builder_->doc_->modifiers(channel_, sample_).push_back(modifier(name, "staterror", uncertainties));
  return *this;
}

SampleRef ChannelRef::sample(const std::string &name, std::vector<double> yields) {
  hf::Json &samples = builder_->doc_->json["channels"][channel_]["samples"];
  samples.push_back(hf::Json{{"name", name}, {"data", yields}, {"modifiers", hf::Json::array()}});
  return SampleRef(builder_, channel_, samples.size() - 1);
}

ChannelRef &ChannelRef::observe(std::vector<double> counts) {
  const hf::Json &name = builder_->doc_->json["channels"][channel_]["name"];
  builder_->doc_->json["observations"].push_back(hf::Json{{"name", name}, {"data", counts}});
  return *this;
}

MeasurementRef &MeasurementRef::parameter(const std::string &name, const ParameterConfig &config) {
  hf::Json &p = parameterEntry(builder_->doc_->parameters(measurement_), name);
  if (config.inits)
    p["inits"] = *config.inits;
  if (config.bounds) {
    hf::Json bounds = hf::Json::array();
    for (const auto &[lo, hi] : *config.bounds)
      bounds.push_back(hf::Json{lo, hi});
    p["bounds"] = bounds;
  }
  if (config.fixed)
    p["fixed"] = *config.fixed;
  if (config.auxdata)
    p["auxdata"] = *config.auxdata;
  if (config.sigmas)
    p["sigmas"] = *config.sigmas;
  return *this;
}

MeasurementRef &MeasurementRef::bounds(const std::string &name, double lo, double hi) {
  ParameterConfig config;
  config.bounds = {{lo, hi}};
  return parameter(name, config);
}

MeasurementRef &MeasurementRef::init(const std::string &name, double value) {
  ParameterConfig config;
  config.inits = {value};
  return parameter(name, config);
}

MeasurementRef &MeasurementRef::fix(const std::string &name, double value) {
  ParameterConfig config;
  config.inits = {value};
  config.fixed = true;
  return parameter(name, config);
}

MeasurementRef &MeasurementRef::lumi(const std::string &name, double auxdata, double sigma) {
  ParameterConfig config;
  config.inits = {auxdata};
  config.bounds = {{auxdata - 5 * sigma, auxdata + 5 * sigma}};
  config.auxdata = {auxdata};
  config.sigmas = {sigma};
  return parameter(name, config);
}

ModelBuilder::ModelBuilder() : doc_(std::make_unique<Document>()) {}
ModelBuilder::~ModelBuilder() = default;

ChannelRef ModelBuilder::channel(const std::string &name) {
  hf::Json &channels = doc_->json["channels"];
  channels.push_back(hf::Json{{"name", name}, {"samples", hf::Json::array()}});
  return ChannelRef(this, channels.size() - 1);
}

MeasurementRef ModelBuilder::measurement(const std::string &name, const std::string &poi) {
  hf::Json &measurements = doc_->json["measurements"];
  measurements.push_back(
      hf::Json{{"name", name}, {"config", hf::Json{{"poi", poi}, {"parameters", hf::Json::array()}}}});
  return MeasurementRef(this, measurements.size() - 1);
}

std::string ModelBuilder::toJson() const { return doc_->json.dump(2); }

Model ModelBuilder::build(const LoadOptions &options) const {
  return Model(compileWorkspaceDocument(doc_->json, "<ModelBuilder>", options));
}

} // namespace hfc
