//===- frontend/json_reader.cpp - pyhf JSON -> Spec, with schema checks ---===//
//
// One function per schema definition (workspace.md §1). Each takes the JSON
// value and its Loc, checks the keys and types, and builds the Spec node.
//
//===----------------------------------------------------------------------===//
#include "frontend/json_reader.h"

#include "frontend/diagnostics.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <initializer_list>

namespace hf {

namespace {

const char *jsonTypeName(const Json &v) {
  switch (v.type()) {
  case Json::value_t::null:
    return "null";
  case Json::value_t::boolean:
    return "a boolean";
  case Json::value_t::string:
    return "a string";
  case Json::value_t::array:
    return "an array";
  case Json::value_t::object:
    return "an object";
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
  case Json::value_t::number_float:
    return "a number";
  default:
    return "an unsupported value";
  }
}

[[noreturn]] void failType(const Json &v, const Loc &loc, const char *expected) {
  failAt(loc, fmt::format("expected {}, found {}", expected, jsonTypeName(v)));
}

/// Checks that `v` is an object whose keys are all in `allowed` and that
/// every key of `required` is present.
void checkObject(const Json &v, const Loc &loc, std::initializer_list<const char *> required,
                 std::initializer_list<const char *> allowed, const char *what) {
  if (!v.is_object())
    failType(v, loc, what);
  for (const char *key : required)
    if (!v.contains(key))
      failAt(loc, fmt::format("{} is missing the required key \"{}\"", what, key));
  for (const auto &item : v.items()) {
    bool known = false;
    for (const char *key : allowed)
      known = known || item.key() == key;
    if (!known)
      failAt(loc.child(item.key()),
             fmt::format("unknown key \"{}\" in {} (allowed: {})", item.key(), what,
                         fmt::join(allowed, ", ")));
  }
}

std::string readString(const Json &v, const Loc &loc) {
  if (!v.is_string())
    failType(v, loc, "a string");
  return v.get<std::string>();
}

/// A JSON number. Booleans pass as 0/1 like in pyhf's schema check, with a
/// warning, since they are almost certainly a mistake.
double readNumber(const Json &v, const Loc &loc) {
  if (v.is_boolean()) {
    warnAt(loc, "a boolean where a number is expected; it counts as 0 or 1 (as in pyhf)");
    return v.get<bool>() ? 1.0 : 0.0;
  }
  if (!v.is_number())
    failType(v, loc, "a number");
  return v.get<double>();
}

/// A non-empty array of numbers (the schema's "numbers"; minItems 1).
std::vector<double> readNumbers(const Json &v, const Loc &loc) {
  if (!v.is_array())
    failType(v, loc, "an array of numbers");
  if (v.empty())
    failAt(loc, "expected a non-empty array of numbers, found []");
  std::vector<double> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i)
    out.push_back(readNumber(v[i], loc.child(i)));
  return out;
}

/// A non-empty array; `what` names its items for the message.
void checkNonEmptyArray(const Json &v, const Loc &loc, const char *what) {
  if (!v.is_array())
    failType(v, loc, fmt::format("an array of {}s", what).c_str());
  if (v.empty())
    failAt(loc, fmt::format("expected at least one {}, found []", what));
}

constexpr const char *kModifierTypes =
    "normfactor, lumi, normsys, histosys, shapefactor, shapesys, staterror";

Modifier readModifier(const Json &v, const Loc &loc) {
  if (!v.is_object())
    failType(v, loc, "a modifier object {name, type, data}");
  if (!v.contains("type"))
    failAt(loc, "modifier is missing the required key \"type\"");
  Modifier m;
  m.loc = loc;
  std::string type = readString(v["type"], loc.child("type"));
  if (!parseModifierType(type, m.type))
    failAt(loc.child("type"),
           fmt::format("unknown modifier type \"{}\" (expected one of {})", type, kModifierTypes));
  checkObject(v, loc, {"name", "type", "data"}, {"name", "type", "data"}, "a modifier");
  m.name = readString(v["name"], loc.child("name"));
  const Json &data = v["data"];
  Loc dataLoc = loc.child("data");
  switch (m.type) {
  case ModifierType::Lumi:
    if (m.name != "lumi")
      failAt(loc.child("name"),
             fmt::format("a lumi modifier must be named \"lumi\", found \"{}\"", m.name));
    [[fallthrough]];
  case ModifierType::NormFactor:
  case ModifierType::ShapeFactor:
    if (!data.is_null())
      failType(data, dataLoc, fmt::format("null (a {} has no data)", type).c_str());
    break;
  case ModifierType::NormSys:
    checkObject(data, dataLoc, {"hi", "lo"}, {"hi", "lo"}, "normsys data {\"hi\", \"lo\"}");
    m.hi = readNumber(data["hi"], dataLoc.child("hi"));
    m.lo = readNumber(data["lo"], dataLoc.child("lo"));
    break;
  case ModifierType::HistoSys:
    checkObject(data, dataLoc, {"hi_data", "lo_data"}, {"hi_data", "lo_data"},
                "histosys data {\"hi_data\", \"lo_data\"}");
    m.hiData = readNumbers(data["hi_data"], dataLoc.child("hi_data"));
    m.loData = readNumbers(data["lo_data"], dataLoc.child("lo_data"));
    break;
  case ModifierType::ShapeSys:
  case ModifierType::StatError:
    m.data = readNumbers(data, dataLoc);
    break;
  }
  return m;
}

Sample readSample(const Json &v, const Loc &loc) {
  checkObject(v, loc, {"name", "data", "modifiers"}, {"name", "data", "modifiers"},
              "a sample {name, data, modifiers}");
  Sample s;
  s.loc = loc;
  s.name = readString(v["name"], loc.child("name"));
  s.data = readNumbers(v["data"], loc.child("data"));
  const Json &mods = v["modifiers"];
  Loc modsLoc = loc.child("modifiers");
  if (!mods.is_array())
    failType(mods, modsLoc, "an array of modifiers");
  for (size_t i = 0; i < mods.size(); ++i)
    s.modifiers.push_back(readModifier(mods[i], modsLoc.child(i)));
  return s;
}

Channel readChannel(const Json &v, const Loc &loc) {
  checkObject(v, loc, {"name", "samples"}, {"name", "samples"}, "a channel {name, samples}");
  Channel c;
  c.loc = loc;
  c.name = readString(v["name"], loc.child("name"));
  const Json &samples = v["samples"];
  Loc samplesLoc = loc.child("samples");
  checkNonEmptyArray(samples, samplesLoc, "sample");
  for (size_t i = 0; i < samples.size(); ++i)
    c.samples.push_back(readSample(samples[i], samplesLoc.child(i)));
  return c;
}

Observation readObservation(const Json &v, const Loc &loc) {
  checkObject(v, loc, {"name", "data"}, {"name", "data"}, "an observation {name, data}");
  Observation o;
  o.loc = loc;
  o.name = readString(v["name"], loc.child("name"));
  o.data = readNumbers(v["data"], loc.child("data"));
  for (size_t i = 0; i < o.data.size(); ++i)
    if (!(o.data[i] >= 0.0) || !std::isfinite(o.data[i]))
      failAt(loc.child("data").child(i),
             fmt::format("observed counts must be finite and non-negative, found {}", o.data[i]));
  return o;
}

ParameterSetting readParameterSetting(const Json &v, const Loc &loc) {
  checkObject(v, loc, {"name"}, {"name", "inits", "bounds", "fixed", "auxdata", "sigmas", "factors"},
              "a parameter setting");
  ParameterSetting p;
  p.loc = loc;
  p.name = readString(v["name"], loc.child("name"));
  if (v.contains("inits"))
    p.inits = readNumbers(v["inits"], loc.child("inits"));
  if (v.contains("auxdata"))
    p.auxdata = readNumbers(v["auxdata"], loc.child("auxdata"));
  if (v.contains("sigmas"))
    p.sigmas = readNumbers(v["sigmas"], loc.child("sigmas"));
  if (v.contains("factors"))
    p.factors = readNumbers(v["factors"], loc.child("factors"));
  if (v.contains("fixed")) {
    if (!v["fixed"].is_boolean())
      failType(v["fixed"], loc.child("fixed"), "a boolean (one flag for the whole parameter set)");
    p.fixed = v["fixed"].get<bool>();
  }
  if (v.contains("bounds")) {
    const Json &b = v["bounds"];
    Loc bLoc = loc.child("bounds");
    checkNonEmptyArray(b, bLoc, "[low, high] pair");
    std::vector<std::array<double, 2>> bounds;
    for (size_t i = 0; i < b.size(); ++i) {
      std::vector<double> pair = readNumbers(b[i], bLoc.child(i));
      // pyhf's schema lets any length through; a bound is a pair.
      if (pair.size() != 2)
        failAt(bLoc.child(i), fmt::format("expected a [low, high] pair, found {} numbers", pair.size()));
      if (!(pair[0] <= pair[1]))
        failAt(bLoc.child(i), fmt::format("low bound {} is above high bound {}", pair[0], pair[1]));
      bounds.push_back({pair[0], pair[1]});
    }
    p.bounds = std::move(bounds);
  }
  return p;
}

Measurement readMeasurement(const Json &v, const Loc &loc) {
  checkObject(v, loc, {"name", "config"}, {"name", "config"}, "a measurement {name, config}");
  Measurement m;
  m.loc = loc;
  m.name = readString(v["name"], loc.child("name"));
  const Json &config = v["config"];
  Loc cLoc = loc.child("config");
  checkObject(config, cLoc, {"poi", "parameters"}, {"poi", "parameters"},
              "a measurement config {poi, parameters}");
  m.poi = readString(config["poi"], cLoc.child("poi"));
  m.parameters = readParameterSettings(config["parameters"], cLoc.child("parameters"));
  return m;
}

} // namespace

std::vector<Channel> readChannels(const Json &channels, const Loc &loc) {
  checkNonEmptyArray(channels, loc, "channel");
  std::vector<Channel> out;
  for (size_t i = 0; i < channels.size(); ++i)
    out.push_back(readChannel(channels[i], loc.child(i)));
  return out;
}

std::vector<ParameterSetting> readParameterSettings(const Json &parameters, const Loc &loc) {
  if (!parameters.is_array())
    failType(parameters, loc, "an array of parameter settings");
  std::vector<ParameterSetting> out;
  for (size_t i = 0; i < parameters.size(); ++i)
    out.push_back(readParameterSetting(parameters[i], loc.child(i)));
  return out;
}

Workspace readWorkspace(const Json &doc, const std::string &file) {
  Loc loc{file, "", 0, 0};
  checkObject(doc, loc, {"channels", "measurements", "observations", "version"},
              {"channels", "measurements", "observations", "version"},
              "a workspace {channels, observations, measurements, version}");
  Workspace ws;
  ws.loc = loc;
  ws.version = readString(doc["version"], loc.child("version"));
  if (ws.version != "1.0.0")
    failAt(loc.child("version"),
           fmt::format("unsupported workspace version \"{}\" (expected \"1.0.0\")", ws.version));
  ws.channels = readChannels(doc["channels"], loc.child("channels"));

  const Json &obs = doc["observations"];
  checkNonEmptyArray(obs, loc.child("observations"), "observation");
  for (size_t i = 0; i < obs.size(); ++i)
    ws.observations.push_back(readObservation(obs[i], loc.child("observations").child(i)));

  const Json &meas = doc["measurements"];
  checkNonEmptyArray(meas, loc.child("measurements"), "measurement");
  for (size_t i = 0; i < meas.size(); ++i)
    ws.measurements.push_back(readMeasurement(meas[i], loc.child("measurements").child(i)));
  return ws;
}

namespace {
Json numbersToJson(const std::vector<double> &v) { return Json(v); }
} // namespace

Json channelsToJson(const std::vector<Channel> &channels) {
  Json out = Json::array();
  for (const Channel &c : channels) {
    Json samples = Json::array();
    for (const Sample &s : c.samples) {
      Json mods = Json::array();
      for (const Modifier &m : s.modifiers) {
        Json data;
        switch (m.type) {
        case ModifierType::NormSys:
          data = Json{{"hi", m.hi}, {"lo", m.lo}};
          break;
        case ModifierType::HistoSys:
          data = Json{{"hi_data", numbersToJson(m.hiData)}, {"lo_data", numbersToJson(m.loData)}};
          break;
        case ModifierType::ShapeSys:
        case ModifierType::StatError:
          data = numbersToJson(m.data);
          break;
        default:
          break; // null
        }
        mods.push_back(Json{{"name", m.name}, {"type", modifierTypeName(m.type)}, {"data", data}});
      }
      samples.push_back(Json{{"name", s.name}, {"data", numbersToJson(s.data)}, {"modifiers", mods}});
    }
    out.push_back(Json{{"name", c.name}, {"samples", samples}});
  }
  return out;
}

Json parameterSettingsToJson(const std::vector<ParameterSetting> &parameters) {
  Json out = Json::array();
  for (const ParameterSetting &p : parameters) {
    Json j{{"name", p.name}};
    if (p.inits)
      j["inits"] = numbersToJson(*p.inits);
    if (p.bounds) {
      Json b = Json::array();
      for (const auto &pair : *p.bounds)
        b.push_back(Json{pair[0], pair[1]});
      j["bounds"] = b;
    }
    if (p.fixed)
      j["fixed"] = *p.fixed;
    if (p.auxdata)
      j["auxdata"] = numbersToJson(*p.auxdata);
    if (p.sigmas)
      j["sigmas"] = numbersToJson(*p.sigmas);
    if (p.factors)
      j["factors"] = numbersToJson(*p.factors);
    out.push_back(j);
  }
  return out;
}

Json workspaceToJson(const Workspace &ws) {
  Json obs = Json::array();
  for (const Observation &o : ws.observations)
    obs.push_back(Json{{"name", o.name}, {"data", numbersToJson(o.data)}});
  Json meas = Json::array();
  for (const Measurement &m : ws.measurements)
    meas.push_back(Json{{"name", m.name},
                        {"config", Json{{"poi", m.poi}, {"parameters", parameterSettingsToJson(m.parameters)}}}});
  return Json{{"channels", channelsToJson(ws.channels)},
              {"observations", obs},
              {"measurements", meas},
              {"version", ws.version}};
}

} // namespace hf
