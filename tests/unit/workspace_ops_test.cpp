//===- tests/unit/workspace_ops_test.cpp - pyhf's workspace verbs ---------===//
//
// One test per row of ../shared/reference/workspace_verbs/README.md: the same
// workspace as pyhf 0.7.6 wrote (equal as parsed JSON, and byte for byte in
// pyhf's json.dumps form), the same digests, the same failures. Then the
// usage errors and the join rules the reference rows do not reach.
//
//===----------------------------------------------------------------------===//
#include "frontend/digest.h"
#include "frontend/json_text.h"
#include "frontend/patchset.h"
#include "frontend/python_json.h"
#include "frontend/workspace_ops.h"
#include "hf/error.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace hf {
namespace {

const std::string kRef = HF_REFERENCE_DIR;
const std::string kModels = kRef + "/models/";
const std::string kVerbs = kRef + "/workspace_verbs/";
const std::string kSbottom = kModels + "sbottom_regionA/BkgOnly.json";
const std::string kSbottomPatchSet = kModels + "sbottom_regionA/patchset.json";

/// The expected output with its final newline (if any) removed.
std::string expectedText(const std::string &name) {
  std::string text = readTextFile(kVerbs + name);
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  return text;
}

/// Equal as parsed JSON (key order ignored: nlohmann::json sorts keys), and
/// byte for byte as pyhf writes it.
void expectSameJson(const Json &actual, const std::string &referenceFile) {
  nlohmann::json a = nlohmann::json::parse(actual.dump());
  nlohmann::json b = nlohmann::json::parse(readTextFile(kVerbs + referenceFile));
  EXPECT_TRUE(a == b) << referenceFile << " differs as parsed JSON";
  EXPECT_EQ(pythonJsonPretty(actual, true), expectedText(referenceFile));
}

/// Runs `f`, expecting an InputError whose message contains every `parts`.
template <typename F> void expectInputError(F f, std::initializer_list<std::string> parts) {
  try {
    f();
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError &e) {
    for (const std::string &p : parts)
      EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what() << "\n lacks: " << p;
  }
}

//===- the README rows -----------------------------------------------------===//

TEST(WorkspaceVerbsReference, DigestJson) {
  Json ws = readJsonFile(kSbottom);
  Json digests = Json::object();
  digests["sha256"] = workspaceDigest(ws, "sha256");
  digests["md5"] = workspaceDigest(ws, "md5");
  EXPECT_EQ(pythonJsonPretty(digests, true), expectedText("digest.sbottom_regionA.json"));
}

TEST(WorkspaceVerbsReference, DigestPlain) {
  EXPECT_EQ("sha256:" + workspaceDigest(readJsonFile(kSbottom)),
            expectedText("digest_plain.sbottom_regionA.txt"));
}

TEST(WorkspaceVerbsReference, SortGtt) {
  expectSameJson(sortWorkspace(readJsonFile(kModels + "gtt_0L_B_bkg.json")), "sort.gtt.json");
}

TEST(WorkspaceVerbsReference, PruneStaterrorAndTtbar) {
  WorkspacePrune prune;
  prune.types = {"staterror"};
  prune.samples = {"ttbar"};
  expectSameJson(pruneWorkspace(readJsonFile(kSbottom), prune), "prune.sbottom_regionA.json");
}

TEST(WorkspaceVerbsReference, RenameEverything) {
  WorkspaceRenames renames;
  renames.channels = {{"SR_meff", "SR_A"}};
  renames.samples = {{"ttbar", "ttbar_PP8"}};
  renames.modifiers = {{"JET_EtaIntercalibration_NonClosure_highE", "JES_NC_highE"}};
  renames.measurements = {{"NormalMeasurement", "Meas_A"}};
  expectSameJson(renameWorkspace(readJsonFile(kSbottom), renames), "rename.sbottom_regionA.json");
}

TEST(WorkspaceVerbsReference, RenameChannels) {
  WorkspaceRenames renames;
  renames.channels = {{"SR_meff", "SR_A"}, {"VRtt_meff", "VR_A"}, {"CRtt_meff", "CR_A"}};
  expectSameJson(renameWorkspace(readJsonFile(kSbottom), renames),
                 "rename_channels.sbottom_regionA.json");
}

TEST(WorkspaceVerbsReference, CombineNoneFailsOnSharedMeasurement) {
  Json a = readJsonFile(kSbottom);
  Json b = readJsonFile(kVerbs + "rename_channels.sbottom_regionA.json");
  expectInputError([&] { combineWorkspaces(a, b, WorkspaceJoin::None, false); },
                   {"measurement \"NormalMeasurement\"", "join \"none\""});
}

TEST(WorkspaceVerbsReference, CombineOuter) {
  Json a = readJsonFile(kSbottom);
  Json b = readJsonFile(kVerbs + "rename_channels.sbottom_regionA.json");
  expectSameJson(combineWorkspaces(a, b, WorkspaceJoin::Outer, false),
                 "combine_outer.sbottom_regionA+renamed.json");
}

TEST(WorkspaceVerbsReference, CombineNoneGttAnd2Bin) {
  Json a = readJsonFile(kModels + "gtt_0L_B_bkg.json");
  Json b = readJsonFile(kModels + "2-bin_1-channel.json");
  expectSameJson(combineWorkspaces(a, b, WorkspaceJoin::None, false), "combine_none.gtt+2bin.json");
}

// The inspect row (a patched workspace whose summary pyhf prints) needs the
// lowered model: tests/lit/workspace/inspect-patched.test runs it through
// hfc. Here: the patched workspace it inspects is what hfc produces.
TEST(WorkspaceVerbsReference, InspectInputIsTheAppliedPatch) {
  PatchSet ps = PatchSet::fromJson(readJsonFile(kSbottomPatchSet), kSbottomPatchSet);
  Json applied = ps.apply(readJsonFile(kSbottom), ps.byName("sbottom_1300_205_60"));
  nlohmann::json a = nlohmann::json::parse(applied.dump());
  nlohmann::json b =
      nlohmann::json::parse(readTextFile(kVerbs + "patchset_apply.sbottom_1300_205_60.json"));
  EXPECT_TRUE(a == b);
}

TEST(WorkspaceVerbsReference, PatchSetVerifySbottom) {
  PatchSet ps = PatchSet::fromJson(readJsonFile(kSbottomPatchSet), kSbottomPatchSet);
  EXPECT_NO_THROW(ps.verify(readJsonFile(kSbottom), kSbottom));
  // The reference holds pyhf's stdout, then its exit code ("rc 0").
  EXPECT_EQ(expectedText("patchset_verify.sbottom_regionA.txt").rfind("All good.\n", 0), 0u);
}

TEST(WorkspaceVerbsReference, PatchSetVerifyERJR) {
  const std::string bkg = kModels + "eRJR_3L/BkgOnly.json", psFile = kModels + "eRJR_3L/patchset.json";
  PatchSet ps = PatchSet::fromJson(readJsonFile(psFile), psFile);
  EXPECT_NO_THROW(ps.verify(readJsonFile(bkg), bkg));
}

TEST(WorkspaceVerbsReference, PatchSetVerifyMismatch) {
  const std::string psFile = kModels + "eRJR_3L/patchset.json";
  PatchSet ps = PatchSet::fromJson(readJsonFile(psFile), psFile);
  // pyhf's message names both digests; hfc's must too.
  expectInputError([&] { ps.verify(readJsonFile(kSbottom), kSbottom); },
                   {"sha256", "a20207ad6da9dc3e3e53dc159155a8371d7b44487e03fb4af4c6be20be4ad695",
                    "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58"});
}

TEST(WorkspaceVerbsReference, PatchSetInspect) {
  PatchSet ps = PatchSet::fromJson(readJsonFile(kSbottomPatchSet), kSbottomPatchSet);
  std::string text = "\n    " + std::to_string(ps.patches().size()) + " patches found in Patchset\n" +
                     std::string(33, '-') + "\n\n";
  for (const PatchSetEntry &entry : ps.patches())
    text += entry.name + "\n";
  EXPECT_EQ(text, readTextFile(kVerbs + "patchset_inspect.sbottom_regionA.txt"));
}

TEST(WorkspaceVerbsReference, PatchSetExtract) {
  PatchSet ps = PatchSet::fromJson(readJsonFile(kSbottomPatchSet), kSbottomPatchSet);
  expectSameJson(ps.byName("sbottom_1300_205_60").ops, "patchset_extract.sbottom_1300_205_60.json");
}

TEST(WorkspaceVerbsReference, PatchSetApply) {
  PatchSet ps = PatchSet::fromJson(readJsonFile(kSbottomPatchSet), kSbottomPatchSet);
  Json bkg = readJsonFile(kSbottom);
  ps.verify(bkg, kSbottom);
  expectSameJson(ps.apply(bkg, ps.byName("sbottom_1300_205_60")),
                 "patchset_apply.sbottom_1300_205_60.json");
}

//===- usage errors and join rules ------------------------------------------===//

/// Two channels, "a" (samples s1, s2) and "b" (sample s1), one measurement.
Json smallWorkspace() {
  return Json::parse(R"({
    "channels": [
      {"name": "a", "samples": [
        {"name": "s1", "data": [1.0, 2.0], "modifiers": [
          {"name": "mu", "type": "normfactor", "data": null},
          {"name": "sys", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}}]},
        {"name": "s2", "data": [3.0, 4.0], "modifiers": [
          {"name": "sys", "type": "histosys", "data": {"hi_data": [3.5, 4.5], "lo_data": [2.5, 3.5]}}]}]},
      {"name": "b", "samples": [
        {"name": "s1", "data": [5.0], "modifiers": [
          {"name": "mu", "type": "normfactor", "data": null}]}]}],
    "observations": [{"name": "a", "data": [4, 6]}, {"name": "b", "data": [5]}],
    "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": [
      {"name": "mu", "bounds": [[0, 10]]}, {"name": "sys", "inits": [0.0]}]}}],
    "version": "1.0.0"})");
}

TEST(WorkspacePrune, UnknownChannelNamesItAndTheChannelsThere) {
  WorkspacePrune prune;
  prune.channels = {"c"};
  expectInputError([&] { pruneWorkspace(smallWorkspace(), prune, "ws.json"); },
                   {"ws.json", "channel \"c\"", "\"a\", \"b\""});
}

TEST(WorkspacePrune, TypeMustBePresent) {
  WorkspacePrune prune;
  prune.types = {"shapesys"};
  expectInputError([&] { pruneWorkspace(smallWorkspace(), prune); }, {"modifier type \"shapesys\""});
}

TEST(WorkspacePrune, HistosysSharingANameWithNormsysIsFound) {
  // pyhf looks only at the last type of each name and would refuse this.
  WorkspacePrune prune;
  prune.types = {"histosys"};
  Json out = pruneWorkspace(smallWorkspace(), prune);
  EXPECT_TRUE(out["channels"][0]["samples"][1]["modifiers"].empty());
  // Parameter configs of pruned types stay (only pruned names drop them).
  EXPECT_EQ(out["measurements"][0]["config"]["parameters"].size(), 2u);
}

TEST(WorkspacePrune, ModifierNameDropsItsParameterConfig) {
  Json out = pruneWorkspace(smallWorkspace(), {}, {}, {"sys"}, {}, {});
  EXPECT_EQ(out["measurements"][0]["config"]["parameters"].size(), 1u);
  EXPECT_EQ(out["channels"][0]["samples"][0]["modifiers"].size(), 1u);
}

TEST(WorkspacePrune, ChannelAlsoDropsItsObservation) {
  Json out = pruneWorkspace(smallWorkspace(), {"b"}, {}, {}, {}, {});
  EXPECT_EQ(out["channels"].size(), 1u);
  EXPECT_EQ(out["observations"].size(), 1u);
}

TEST(WorkspacePrune, EmptiedChannelIsInvalid) {
  expectInputError([&] { pruneWorkspace(smallWorkspace(), {}, {"s1", "s2"}, {}, {}, {}); },
                   {"after prune"});
}

TEST(WorkspaceRename, ModifierRenamesConfigsAndPoi) {
  WorkspaceRenames renames;
  renames.modifiers = {{"mu", "mu_sig"}};
  Json out = renameWorkspace(smallWorkspace(), renames);
  EXPECT_EQ(out["measurements"][0]["config"]["poi"], "mu_sig");
  EXPECT_EQ(out["measurements"][0]["config"]["parameters"][0]["name"], "mu_sig");
  EXPECT_EQ(out["channels"][1]["samples"][0]["modifiers"][0]["name"], "mu_sig");
}

TEST(WorkspaceRename, ToAnExistingChannelIsAClash) {
  WorkspaceRenames renames;
  renames.channels = {{"a", "b"}};
  expectInputError([&] { renameWorkspace(smallWorkspace(), renames, "ws.json"); },
                   {"ws.json", "channel \"a\" to \"b\"", "already has a channel named \"b\""});
}

TEST(WorkspaceRename, ToAnExistingSampleOfTheChannelIsAClash) {
  WorkspaceRenames renames;
  renames.samples = {{"s2", "s1"}};
  expectInputError([&] { renameWorkspace(smallWorkspace(), renames); },
                   {"sample \"s2\" to \"s1\"", "channel \"a\""});
}

TEST(WorkspaceRename, UnknownOldName) {
  WorkspaceRenames renames;
  renames.measurements = {{"nope", "x"}};
  expectInputError([&] { renameWorkspace(smallWorkspace(), renames); },
                   {"measurement \"nope\"", "it has \"m\""});
}

TEST(WorkspaceCombine, MergeChannelsNeedsAnOuterJoin) {
  expectInputError(
      [&] { combineWorkspaces(smallWorkspace(), smallWorkspace(), WorkspaceJoin::None, true); },
      {"--merge-channels"});
}

TEST(WorkspaceCombine, OuterOfIdenticalWorkspacesIsTheWorkspace) {
  Json ws = smallWorkspace();
  Json out = combineWorkspaces(ws, ws, WorkspaceJoin::Outer, false);
  EXPECT_TRUE(jsonEqualUnordered(out, ws));
}

TEST(WorkspaceCombine, OuterWithDifferentChannelOfSameNameFails) {
  Json other = smallWorkspace();
  other["channels"][1]["samples"][0]["data"] = Json::array({6.0});
  expectInputError(
      [&] { combineWorkspaces(smallWorkspace(), other, WorkspaceJoin::Outer, false); },
      {"channels \"b\"", "incompatible"});
}

TEST(WorkspaceCombine, OuterMergeChannelsAddsNewSamples) {
  Json other = smallWorkspace();
  other["channels"][1]["samples"][0]["name"] = "s3";
  Json out = combineWorkspaces(smallWorkspace(), other, WorkspaceJoin::Outer, true);
  ASSERT_EQ(out["channels"].size(), 2u);
  ASSERT_EQ(out["channels"][1]["samples"].size(), 2u);
  EXPECT_EQ(out["channels"][1]["samples"][1]["name"], "s3");
}

TEST(WorkspaceCombine, OuterMergesMeasurementConfigs) {
  Json other = smallWorkspace();
  other["channels"] = Json::parse(R"([{"name": "c", "samples": [{"name": "s1", "data": [1.0],
      "modifiers": [{"name": "mu", "type": "normfactor", "data": null},
                    {"name": "k", "type": "normfactor", "data": null}]}]}])");
  other["observations"] = Json::parse(R"([{"name": "c", "data": [1]}])");
  other["measurements"][0]["config"]["parameters"].push_back(Json::parse(R"({"name": "k", "fixed": true})"));
  Json out = combineWorkspaces(smallWorkspace(), other, WorkspaceJoin::Outer, false);
  ASSERT_EQ(out["measurements"].size(), 1u);
  EXPECT_EQ(out["measurements"][0]["config"]["parameters"].size(), 3u);
  // Different POIs cannot merge.
  other["measurements"][0]["config"]["poi"] = "k";
  expectInputError([&] { combineWorkspaces(smallWorkspace(), other, WorkspaceJoin::Outer, false); },
                   {"measurement \"m\"", "POI"});
}

TEST(WorkspaceCombine, LeftAndRightOuterKeepThePrimary) {
  Json other = smallWorkspace();
  other["channels"][1]["samples"][0]["data"] = Json::array({6.0});
  Json left = combineWorkspaces(smallWorkspace(), other, WorkspaceJoin::LeftOuter, false);
  EXPECT_EQ(left["channels"][1]["samples"][0]["data"][0], 5.0);
  Json right = combineWorkspaces(smallWorkspace(), other, WorkspaceJoin::RightOuter, false);
  EXPECT_EQ(right["channels"][1]["samples"][0]["data"][0], 6.0);
}

TEST(WorkspaceSort, SortsModifiersByNameThenType) {
  Json out = sortWorkspace(smallWorkspace());
  EXPECT_EQ(out["channels"][0]["samples"][0]["modifiers"][0]["name"], "mu");
  Json ws = smallWorkspace();
  std::swap(ws["channels"][0], ws["channels"][1]);
  EXPECT_TRUE(jsonEqualUnordered(sortWorkspace(ws), sortWorkspace(smallWorkspace())));
}

TEST(WorkspaceRename, KeepsKeyOrderWherePyhfDoes) {
  // pyhf copies modifiers, parameter configs and observations with
  // dict(obj, name=new): the renamed key stays where it was.
  Json ws = smallWorkspace();
  ws["channels"][0]["samples"][0]["modifiers"][0] =
      Json::parse(R"({"type": "normfactor", "data": null, "name": "mu"})");
  WorkspaceRenames renames;
  renames.modifiers = {{"mu", "mu_sig"}};
  Json out = renameWorkspace(ws, renames);
  const Json &modifier = out["channels"][0]["samples"][0]["modifiers"][0];
  std::vector<std::string> keys;
  for (auto it = modifier.begin(); it != modifier.end(); ++it)
    keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"type", "data", "name"}));
  EXPECT_EQ(modifier["name"], "mu_sig");
}

TEST(WorkspaceRename, OntoAnotherModifierOfAnotherTypeIsAllowed) {
  // Correlating two systematics by giving them one name is what rename is for.
  WorkspaceRenames renames;
  renames.modifiers = {{"sys", "mu"}};
  expectInputError([&] { renameWorkspace(smallWorkspace(), renames); },
                   {"parameter configs of measurement \"m\""});
  Json ws = smallWorkspace();
  ws["measurements"][0]["config"]["parameters"].erase(1);
  Json out = renameWorkspace(ws, renames);
  EXPECT_EQ(out["channels"][0]["samples"][1]["modifiers"][0]["name"], "mu");
}

TEST(JsonEqualUnordered, IgnoresKeyOrderNotArrayOrder) {
  EXPECT_TRUE(jsonEqualUnordered(Json::parse(R"({"a": 1, "b": [1, 2]})"),
                                 Json::parse(R"({"b": [1.0, 2], "a": 1})")));
  EXPECT_FALSE(jsonEqualUnordered(Json::parse(R"([1, 2])"), Json::parse(R"([2, 1])")));
}

} // namespace
} // namespace hf
