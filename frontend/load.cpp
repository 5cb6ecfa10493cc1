//===- frontend/load.cpp - From files on the command line to a ModelSpec --===//
#include "frontend/load.h"

#include "frontend/diagnostics.h"
#include "frontend/hf/parser.h"
#include "frontend/json_patch.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/patchset.h"
#include "frontend/xml/histfactory_xml.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hf {

namespace {
std::string displayName(const std::string &file) { return file == "-" ? "<stdin>" : file; }

/// The name diagnostics use for the workspace once a PatchSet point is applied.
std::string documentName(const LoadOptions &options) {
  std::string name = displayName(options.modelFile);
  if (!options.patchsetFile.empty())
    name += fmt::format(" (+ {} point {})", options.patchsetFile,
                        options.point.empty() ? fmt::format("{}", fmt::join(options.pointValues, ","))
                                              : options.point);
  return name;
}
} // namespace

namespace {
Workspace readXmlFile(const std::string &file, const std::string &basedir) {
  xml::ImportOptions options;
  options.basedir = basedir;
  return xml::importHistFactoryXml(file, options);
}
} // namespace

Json readWorkspaceFile(const std::string &file, const std::string &xmlBasedir) {
  if (xml::isXmlFile(file))
    return workspaceToJson(readXmlFile(file, xmlBasedir));
  return isHfFile(file) ? workspaceToJson(readHfFile(file)) : readJsonFile(file);
}

Json loadWorkspaceDocument(const LoadOptions &options) {
  Json doc = readWorkspaceFile(options.modelFile, options.xmlBasedir);
  if (options.patchsetFile.empty()) {
    if (!options.point.empty() || !options.pointValues.empty())
      throw InputError("error: --point and --point-values need --patchset FILE");
    return doc;
  }
  PatchSet ps = PatchSet::fromJson(readJsonFile(options.patchsetFile), options.patchsetFile);
  if (options.point.empty() == options.pointValues.empty())
    throw InputError(fmt::format("{}: error: choose one point with --point NAME or --point-values "
                                 "v1,v2,... ({} points in this PatchSet)",
                                 options.patchsetFile, ps.patches().size()));
  const PatchSetEntry &entry =
      options.point.empty() ? ps.byValues(options.pointValues) : ps.byName(options.point);
  if (options.verifyDigest)
    ps.verify(doc, displayName(options.modelFile));
  return ps.apply(doc, entry);
}

const Measurement &selectMeasurement(const Workspace &ws, const std::string &name) {
  if (name.empty())
    return ws.measurements.front();
  std::vector<std::string> names;
  for (const Measurement &m : ws.measurements) {
    if (m.name == name)
      return m;
    names.push_back(fmt::format("\"{}\"", m.name));
  }
  failAt(ws.loc.child("measurements"),
         fmt::format("no measurement named \"{}\" (the workspace has {})", name,
                     fmt::join(names, ", ")));
}

ModelSpec modelSpecOf(const Workspace &ws, const std::string &measurement) {
  ModelSpec spec;
  spec.channels = ws.channels;
  spec.observations = ws.observations;
  spec.measurement = selectMeasurement(ws, measurement);
  spec.measurements = ws.measurements;
  spec.version = ws.version;
  return spec;
}

namespace {

/// The model spec of a workspace document (`ws` already read from it): the
/// measurement selected, then the JSON patches applied to the model spec
/// {channels, parameters} as `pyhf --patch` does.
ModelSpec modelSpecFrom(const Json &doc, const Workspace &ws, const std::string &name, const LoadOptions &options) {
  ModelSpec spec = modelSpecOf(ws, options.measurement);
  if (options.patchFiles.empty())
    return spec;

  // The patched model spec is validated again.
  size_t index = &selectMeasurement(ws, options.measurement) - ws.measurements.data();
  Json modelSpec = Json::object();
  modelSpec["channels"] = doc["channels"];
  modelSpec["parameters"] = doc["measurements"][index]["config"]["parameters"];
  for (const std::string &patchFile : options.patchFiles)
    modelSpec = applyJsonPatch(modelSpec, readJsonFile(patchFile), patchFile);

  Loc loc{name + " (patched)", "", 0, 0};
  if (!modelSpec.is_object() || !modelSpec.contains("channels"))
    failAt(loc, "the patched model spec has no \"channels\"");
  for (const auto &item : modelSpec.items())
    if (item.key() != "channels" && item.key() != "parameters")
      failAt(loc.child(item.key()), fmt::format("unknown key \"{}\" in the model spec (allowed: "
                                                "channels, parameters)",
                                                item.key()));
  spec.channels = readChannels(modelSpec["channels"], loc.child("channels"));
  if (modelSpec.contains("parameters"))
    spec.measurement.parameters =
        readParameterSettings(modelSpec["parameters"], loc.child("parameters"));
  else
    spec.measurement.parameters.clear();
  return spec;
}

} // namespace

ModelSpec loadModel(const LoadOptions &options) {
  std::string name = documentName(options);
  // A .hf or XML model keeps its line:col locations unless a PatchSet
  // rewrites it.
  bool isXml = xml::isXmlFile(options.modelFile);
  bool hf = (isHfFile(options.modelFile) || isXml) && options.patchsetFile.empty();
  Workspace ws = !hf ? Workspace{}
                 : isXml ? readXmlFile(options.modelFile, options.xmlBasedir)
                       : readHfFile(options.modelFile);
  // The document of a .hf model is needed only to apply JSON patches to.
  Json doc = !hf ? loadWorkspaceDocument(options) : options.patchFiles.empty() ? Json() : workspaceToJson(ws);
  if (!hf)
    ws = readWorkspace(doc, name);
  return modelSpecFrom(doc, ws, name, options);
}

PatchSetLoader::PatchSetLoader(LoadOptions options)
    : options_(std::move(options)), workspace_(readWorkspaceFile(options_.modelFile, options_.xmlBasedir)),
      patchset_(std::make_unique<PatchSet>(PatchSet::fromJson(readJsonFile(options_.patchsetFile),
                                                              options_.patchsetFile))) {
  if (options_.verifyDigest)
    patchset_->verify(workspace_, displayName(options_.modelFile));
}

PatchSetLoader::~PatchSetLoader() = default;

const std::vector<PatchSetEntry> &PatchSetLoader::points() const { return patchset_->patches(); }

ModelSpec PatchSetLoader::load(const PatchSetEntry &point) const {
  LoadOptions named = options_;
  named.point = point.name;
  std::string name = documentName(named);
  Json doc = patchset_->apply(workspace_, point);
  return modelSpecFrom(doc, readWorkspace(doc, name), name, options_);
}

Workspace modelSpecWorkspace(const ModelSpec &spec) {
  Workspace ws;
  ws.channels = spec.channels;
  ws.observations = spec.observations;
  ws.measurements = spec.measurements;
  ws.version = spec.version;
  for (Measurement &m : ws.measurements)
    if (m.name == spec.measurement.name)
      m = spec.measurement;
  return ws;
}

} // namespace hf
