//===- tests/unit/json_reader_test.cpp - pyhf JSON -> Spec ----------------===//
//
// readWorkspace against the schema of workspace.md §1-§2: what it accepts,
// what it rejects (each with the JSON pointer of the offending node), and the
// round trip through workspaceToJson.
//
//===----------------------------------------------------------------------===//
#include "frontend/json_reader.h"

#include "frontend/diagnostics.h"
#include "frontend/json_text.h"
#include "hf/error.h"

#include <gtest/gtest.h>

#include <string>

namespace hf {
namespace {

const std::string kFile = "ws.json";

/// A workspace using every modifier type and every override key, written
/// with keys in the order workspaceToJson writes them.
const char *kValid = R"({
  "channels": [
    {"name": "SR", "samples": [
      {"name": "sig", "data": [5.0, 6.5], "modifiers": [
        {"name": "mu", "type": "normfactor", "data": null},
        {"name": "lumi", "type": "lumi", "data": null},
        {"name": "n1", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
        {"name": "h1", "type": "histosys", "data": {"hi_data": [6.0, 7.0], "lo_data": [4.0, 5.5]}}]},
      {"name": "bkg", "data": [50.0, 60.0], "modifiers": [
        {"name": "ss", "type": "shapesys", "data": [5.0, 12.0]},
        {"name": "st", "type": "staterror", "data": [1.0, 2.0]},
        {"name": "sf", "type": "shapefactor", "data": null}]}]},
    {"name": "CR", "samples": [
      {"name": "bkg", "data": [100.0], "modifiers": []}]}],
  "observations": [
    {"name": "SR", "data": [52.0, 61.0]},
    {"name": "CR", "data": [99.5]}],
  "measurements": [
    {"name": "meas", "config": {"poi": "mu", "parameters": [
      {"name": "lumi", "inits": [1.0], "bounds": [[0.9, 1.1]], "fixed": true, "auxdata": [1.0], "sigmas": [0.02]},
      {"name": "ss", "factors": [4.0, 9.0]}]}},
    {"name": "other", "config": {"poi": "", "parameters": []}}],
  "version": "1.0.0"
})";

Workspace read(const std::string &text) { return readWorkspace(parseJsonText(text, kFile), kFile); }

/// The InputError message reading `doc` throws ("" when it does not throw).
std::string readError(const Json &doc) {
  try {
    readWorkspace(doc, kFile);
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

::testing::AssertionResult errorAt(const std::string &message, const std::string &pointer,
                                   const std::string &what) {
  std::string prefix = kFile + ": " + pointer + ": error: ";
  if (message.empty())
    return ::testing::AssertionFailure() << "no InputError was thrown";
  if (message.rfind(prefix, 0) != 0)
    return ::testing::AssertionFailure() << "message \"" << message << "\" does not start with \""
                                         << prefix << "\"";
  if (message.find(what) == std::string::npos)
    return ::testing::AssertionFailure() << "message \"" << message << "\" does not mention \""
                                         << what << "\"";
  return ::testing::AssertionSuccess();
}

Json valid() { return parseJsonText(kValid, kFile); }

// ---------------------------------------------------------------------------
// Accepted input.
// ---------------------------------------------------------------------------

TEST(JsonReader, ReadsEveryField) {
  Workspace ws = read(kValid);
  EXPECT_EQ(ws.version, "1.0.0");
  ASSERT_EQ(ws.channels.size(), 2u);
  const Channel &sr = ws.channels[0];
  EXPECT_EQ(sr.name, "SR");
  EXPECT_EQ(sr.nbins(), 2u);
  EXPECT_EQ(sr.loc.pointer, "/channels/0");
  ASSERT_EQ(sr.samples.size(), 2u);
  const Sample &sig = sr.samples[0];
  EXPECT_EQ(sig.data, (std::vector<double>{5.0, 6.5}));
  EXPECT_EQ(sig.loc.pointer, "/channels/0/samples/0");
  ASSERT_EQ(sig.modifiers.size(), 4u);
  EXPECT_EQ(sig.modifiers[0].type, ModifierType::NormFactor);
  EXPECT_EQ(sig.modifiers[1].type, ModifierType::Lumi);
  EXPECT_EQ(sig.modifiers[2].type, ModifierType::NormSys);
  EXPECT_EQ(sig.modifiers[2].hi, 1.1);
  EXPECT_EQ(sig.modifiers[2].lo, 0.9);
  EXPECT_EQ(sig.modifiers[3].type, ModifierType::HistoSys);
  EXPECT_EQ(sig.modifiers[3].hiData, (std::vector<double>{6.0, 7.0}));
  EXPECT_EQ(sig.modifiers[3].loData, (std::vector<double>{4.0, 5.5}));
  EXPECT_EQ(sig.modifiers[3].loc.pointer, "/channels/0/samples/0/modifiers/3");
  const Sample &bkg = sr.samples[1];
  EXPECT_EQ(bkg.modifiers[0].type, ModifierType::ShapeSys);
  EXPECT_EQ(bkg.modifiers[0].data, (std::vector<double>{5.0, 12.0}));
  EXPECT_EQ(bkg.modifiers[1].type, ModifierType::StatError);
  EXPECT_EQ(bkg.modifiers[1].data, (std::vector<double>{1.0, 2.0}));
  EXPECT_EQ(bkg.modifiers[2].type, ModifierType::ShapeFactor);
  EXPECT_TRUE(ws.channels[1].samples[0].modifiers.empty());

  ASSERT_EQ(ws.observations.size(), 2u);
  EXPECT_EQ(ws.observations[1].name, "CR");
  EXPECT_EQ(ws.observations[1].data, std::vector<double>{99.5});

  ASSERT_EQ(ws.measurements.size(), 2u);
  const Measurement &meas = ws.measurements[0];
  EXPECT_EQ(meas.poi, "mu");
  ASSERT_EQ(meas.parameters.size(), 2u);
  const ParameterSetting &lumi = meas.parameters[0];
  EXPECT_EQ(lumi.loc.pointer, "/measurements/0/config/parameters/0");
  ASSERT_TRUE(lumi.inits && lumi.bounds && lumi.fixed && lumi.auxdata && lumi.sigmas);
  EXPECT_FALSE(lumi.factors);
  EXPECT_EQ(*lumi.inits, std::vector<double>{1.0});
  ASSERT_EQ(lumi.bounds->size(), 1u);
  EXPECT_EQ((*lumi.bounds)[0][0], 0.9);
  EXPECT_EQ((*lumi.bounds)[0][1], 1.1);
  EXPECT_TRUE(*lumi.fixed);
  EXPECT_EQ(*lumi.sigmas, std::vector<double>{0.02});
  ASSERT_TRUE(meas.parameters[1].factors);
  EXPECT_EQ(*meas.parameters[1].factors, (std::vector<double>{4.0, 9.0}));
  EXPECT_FALSE(meas.parameters[1].inits);
  EXPECT_EQ(ws.measurements[1].poi, "");
}

TEST(JsonReader, RoundTrip) {
  Json doc = valid();
  Workspace first = readWorkspace(doc, kFile);
  Json written = workspaceToJson(first);
  // The document was written in workspaceToJson's key order, so it comes back equal.
  EXPECT_EQ(written, doc) << written.dump(1);
  Workspace second = readWorkspace(written, kFile);
  EXPECT_EQ(workspaceToJson(second), written);
  // Spot checks on the re-read Spec.
  ASSERT_EQ(second.channels.size(), 2u);
  EXPECT_EQ(second.channels[0].samples[0].modifiers[3].loData, (std::vector<double>{4.0, 5.5}));
  EXPECT_EQ(second.channels[0].samples[0].modifiers[2].hi, 1.1);
  EXPECT_EQ(second.measurements[0].parameters[0].sigmas, (std::vector<double>{0.02}));
  EXPECT_EQ(second.measurements[1].name, "other");
  EXPECT_EQ(second.observations[0].data, (std::vector<double>{52.0, 61.0}));
}

TEST(JsonReader, IntegersAndFloatsAlike) {
  Json doc = valid();
  doc["channels"][1]["samples"][0]["data"] = Json::array({100});
  doc["observations"][1]["data"] = Json::array({99});
  Workspace ws = readWorkspace(doc, kFile);
  EXPECT_EQ(ws.channels[1].samples[0].data, std::vector<double>{100.0});
  EXPECT_EQ(ws.observations[1].data, std::vector<double>{99.0});
}

TEST(JsonReader, BooleansInNumberArraysCountAsOneAndZero) {
  setWarningsEnabled(false);
  Json doc = valid();
  doc["channels"][0]["samples"][1]["data"] = Json::array({true, false});
  doc["observations"][0]["data"] = Json::array({false, true});
  doc["channels"][0]["samples"][1]["modifiers"][1]["data"] = Json::array({true, 2});
  doc["channels"][0]["samples"][0]["modifiers"][2]["data"]["hi"] = true;
  Workspace ws = readWorkspace(doc, kFile);
  setWarningsEnabled(true);
  EXPECT_EQ(ws.channels[0].samples[1].data, (std::vector<double>{1.0, 0.0}));
  EXPECT_EQ(ws.observations[0].data, (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(ws.channels[0].samples[1].modifiers[1].data, (std::vector<double>{1.0, 2.0}));
  EXPECT_EQ(ws.channels[0].samples[0].modifiers[2].hi, 1.0);
}

TEST(JsonReader, EmptyModifiersAndParametersAccepted) {
  Json doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"] = Json::array();
  doc["measurements"][0]["config"]["parameters"] = Json::array();
  Workspace ws = readWorkspace(doc, kFile);
  EXPECT_TRUE(ws.channels[0].samples[0].modifiers.empty());
  EXPECT_TRUE(ws.measurements[0].parameters.empty());
}

TEST(JsonReader, ArbitraryNamesAccepted) {
  Json doc = valid();
  doc["channels"][1]["name"] = "";
  doc["channels"][0]["samples"][0]["name"] = "a b/c~d";
  Workspace ws = readWorkspace(doc, kFile);
  EXPECT_EQ(ws.channels[1].name, "");
  EXPECT_EQ(ws.channels[0].samples[0].name, "a b/c~d");
}

// ---------------------------------------------------------------------------
// Rejections of workspace.md §2, each located by its JSON pointer.
// ---------------------------------------------------------------------------

TEST(JsonReaderRejects, ExtraKey) {
  Json doc = valid();
  doc["channels"][0]["samples"][1]["comment"] = "x";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1/comment", "\"comment\""));
  doc = valid();
  doc["extra"] = 1;
  EXPECT_TRUE(errorAt(readError(doc), "/extra", "\"extra\""));
  doc = valid();
  doc["measurements"][0]["config"]["parameters"][1]["step"] = 0.1;
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/1/step", "\"step\""));
  doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][2]["data"]["mid"] = 1.0;
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/2/data/mid", "\"mid\""));
  doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][0]["comment"] = "x";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/0/comment", "\"comment\""));
}

TEST(JsonReaderRejects, ExtraKeyPointerIsEscaped) {
  // RFC 6901: "/" → "~1", "~" → "~0".
  Json doc = valid();
  doc["observations"][0]["a/b~c"] = 1;
  EXPECT_TRUE(errorAt(readError(doc), "/observations/0/a~1b~0c", "unknown key"));
}

TEST(JsonReaderRejects, MissingKey) {
  Json doc = valid();
  doc["channels"][0]["samples"][1].erase("modifiers");
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1", "\"modifiers\""));
  doc = valid();
  doc["measurements"][0]["config"].erase("poi");
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config", "\"poi\""));
  doc = valid();
  doc["observations"][1].erase("name");
  EXPECT_TRUE(errorAt(readError(doc), "/observations/1", "\"name\""));
  doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][1].erase("data");
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/1", "\"data\""));
  // A missing top-level key: the location is the file itself.
  doc = valid();
  doc.erase("observations");
  std::string msg = readError(doc);
  EXPECT_EQ(msg.rfind(kFile + ": error: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("\"observations\""), std::string::npos) << msg;
}

TEST(JsonReaderRejects, EmptyArrays) {
  Json doc = valid();
  doc["channels"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/channels", "[]"));
  doc = valid();
  doc["channels"][1]["samples"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/channels/1/samples", "[]"));
  doc = valid();
  doc["channels"][0]["samples"][1]["data"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1/data", "[]"));
  doc = valid();
  doc["observations"][0]["data"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/observations/0/data", "[]"));
  doc = valid();
  doc["observations"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/observations", "[]"));
  doc = valid();
  doc["measurements"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/measurements", "[]"));
  doc = valid();
  doc["measurements"][0]["config"]["parameters"][0]["inits"] = Json::array();
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/0/inits", "[]"));
}

TEST(JsonReaderRejects, Version) {
  Json doc = valid();
  doc["version"] = "1.0.1";
  EXPECT_TRUE(errorAt(readError(doc), "/version", "\"1.0.1\""));
  doc["version"] = 1.0;
  EXPECT_TRUE(errorAt(readError(doc), "/version", "string"));
}

TEST(JsonReaderRejects, LumiNamedOtherwise) {
  Json doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][1]["name"] = "luminosity";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/1/name", "\"luminosity\""));
}

TEST(JsonReaderRejects, NormSysWithoutLo) {
  Json doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][2]["data"].erase("lo");
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/2/data", "\"lo\""));
}

TEST(JsonReaderRejects, HistoSysWithoutLoData) {
  Json doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][3]["data"].erase("lo_data");
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/3/data", "\"lo_data\""));
}

TEST(JsonReaderRejects, UnknownType) {
  Json doc = valid();
  doc["channels"][0]["samples"][1]["modifiers"][2]["type"] = "shapefactr";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1/modifiers/2/type", "\"shapefactr\""));
}

TEST(JsonReaderRejects, StatErrorAndShapeSysWithNullData) {
  Json doc = valid();
  doc["channels"][0]["samples"][1]["modifiers"][1]["data"] = nullptr;
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1/modifiers/1/data", "null"));
  doc = valid();
  doc["channels"][0]["samples"][1]["modifiers"][0]["data"] = nullptr;
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1/modifiers/0/data", "null"));
}

TEST(JsonReaderRejects, DataOnNormFactor) {
  Json doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][0]["data"] = Json::array({1.0});
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/0/data", "null"));
}

TEST(JsonReaderRejects, FixedAsList) {
  Json doc = valid();
  doc["measurements"][0]["config"]["parameters"][0]["fixed"] = Json::array({true});
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/0/fixed", "boolean"));
}

TEST(JsonReaderRejects, StringForNumber) {
  Json doc = valid();
  doc["channels"][0]["samples"][1]["data"][1] = "60";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/1/data/1", "a number"));
  doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][2]["data"]["hi"] = "1.1";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/2/data/hi", "a number"));
  doc = valid();
  doc["measurements"][0]["config"]["parameters"][0]["bounds"][0][1] = "1.1";
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/0/bounds/0/1", "a number"));
  doc = valid();
  doc["measurements"][0]["config"]["parameters"][1]["factors"][0] = nullptr;
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/1/factors/0", "a number"));
}

TEST(JsonReaderRejects, NegativeObservedCount) {
  Json doc = valid();
  doc["observations"][0]["data"][1] = -1.0;
  EXPECT_TRUE(errorAt(readError(doc), "/observations/0/data/1", "non-negative"));
  // Zero and non-integer counts are fine.
  doc["observations"][0]["data"][1] = 0.0;
  doc["observations"][0]["data"][0] = 2.5;
  EXPECT_EQ(readError(doc), "");
}

TEST(JsonReaderRejects, BoundsPairOfLengthThree) {
  Json doc = valid();
  doc["measurements"][0]["config"]["parameters"][0]["bounds"] = Json::array({Json::array({0.9, 1.0, 1.1})});
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/0/bounds/0", "pair"));
  doc["measurements"][0]["config"]["parameters"][0]["bounds"] = Json::array({Json::array({0.9})});
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/parameters/0/bounds/0", "pair"));
}

TEST(JsonReaderRejects, WrongContainerTypes) {
  Json doc = valid();
  doc["channels"] = Json::object();
  EXPECT_TRUE(errorAt(readError(doc), "/channels", "array"));
  doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"] = nullptr;
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers", "array"));
  doc = valid();
  doc["channels"][0]["samples"][0]["modifiers"][0] = "mu";
  EXPECT_TRUE(errorAt(readError(doc), "/channels/0/samples/0/modifiers/0", "a string"));
  doc = valid();
  doc["measurements"][0]["config"]["poi"] = nullptr;
  EXPECT_TRUE(errorAt(readError(doc), "/measurements/0/config/poi", "a string"));
  // Not an object at all: the location is the file itself.
  std::string msg = readError(Json::array());
  EXPECT_EQ(msg.rfind(kFile + ": error: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("an array"), std::string::npos) << msg;
}

// readChannels / readParameterSettings are used on model specs (after patches).
TEST(JsonReader, ReadChannelsAndParameterSettings) {
  Json doc = valid();
  std::vector<Channel> channels = readChannels(doc["channels"], Loc{"spec.json", "/channels", 0, 0});
  ASSERT_EQ(channels.size(), 2u);
  EXPECT_EQ(channels[0].samples[1].loc.pointer, "/channels/0/samples/1");
  std::vector<ParameterSetting> params = readParameterSettings(
      doc["measurements"][0]["config"]["parameters"], Loc{"spec.json", "/parameters", 0, 0});
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[1].loc.pointer, "/parameters/1");
  EXPECT_EQ(channelsToJson(channels), doc["channels"]);
  EXPECT_EQ(parameterSettingsToJson(params), doc["measurements"][0]["config"]["parameters"]);
  try {
    Json bad = doc["channels"];
    bad[1]["samples"][0]["data"][0] = "x";
    readChannels(bad, Loc{"spec.json", "/channels", 0, 0});
    ADD_FAILURE() << "accepted a string rate";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()).rfind("spec.json: /channels/1/samples/0/data/0: error: ", 0), 0u)
        << e.what();
  }
}

} // namespace
} // namespace hf
