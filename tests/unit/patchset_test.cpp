//===- tests/unit/patchset_test.cpp - PatchSet loading, lookup, verify ----===//
#include "frontend/patchset.h"

#include "frontend/digest.h"
#include "frontend/json_text.h"
#include "hf/error.h"

#include <gtest/gtest.h>

#include <string>

namespace hf {
namespace {

const std::string kModels = HF_REFERENCE_DIR "/models";
const std::string kVerbs = HF_REFERENCE_DIR "/workspace_verbs";

PatchSet loadPatchSet(const std::string &model) {
  std::string file = kModels + "/" + model + "/patchset.json";
  return PatchSet::fromJson(readJsonFile(file), file);
}

/// Key order is not part of the result: pyhf writes its output with sorted
/// keys, hfc keeps the file's order. Compare as (sorted) nlohmann::json.
nlohmann::json unordered(const Json &doc) { return nlohmann::json::parse(doc.dump()); }

TEST(PatchSet, LoadsTheReferencePatchSets) {
  PatchSet sbottom = loadPatchSet("sbottom_regionA");
  EXPECT_EQ(sbottom.patches().size(), 24u);
  EXPECT_EQ(sbottom.labels(), (std::vector<std::string>{"m_sbottom", "m_neutralino2",
                                                        "m_neutralino1"}));
  EXPECT_EQ(sbottom.digests().at("sha256"),
            "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58");
  EXPECT_EQ(sbottom.patches()[0].name, "sbottom_1000_550_60");
  EXPECT_EQ(sbottom.metadata()["references"]["hepdata"], "ins1748602");

  PatchSet erjr = loadPatchSet("eRJR_3L");
  EXPECT_EQ(erjr.patches().size(), 64u);
  EXPECT_EQ(erjr.labels(), (std::vector<std::string>{"mn2", "mn1"}));
  EXPECT_EQ(erjr.metadata()["analysis_id"], "ANA-SUSY-2018-06"); // extra keys are kept
}

TEST(PatchSet, VerifiesAgainstItsOwnWorkspace) {
  for (const char *model : {"sbottom_regionA", "eRJR_3L"}) {
    std::string bkg = kModels + "/" + model + "/BkgOnly.json";
    EXPECT_NO_THROW(loadPatchSet(model).verify(readJsonFile(bkg), bkg)) << model;
  }
}

/// `pyhf patchset verify sbottom_regionA/BkgOnly.json eRJR_3L/patchset.json`
/// fails naming both digests; so does the converse.
TEST(PatchSet, VerifyFailsAgainstTheOtherWorkspace) {
  const std::string sbottomHex = "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58";
  const std::string erjrHex = "a20207ad6da9dc3e3e53dc159155a8371d7b44487e03fb4af4c6be20be4ad695";
  std::string sbottomBkg = kModels + "/sbottom_regionA/BkgOnly.json";
  std::string erjrBkg = kModels + "/eRJR_3L/BkgOnly.json";
  PatchSet erjr = loadPatchSet("eRJR_3L");
  try {
    erjr.verify(readJsonFile(sbottomBkg), sbottomBkg);
    FAIL() << "expected a digest mismatch";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()),
              sbottomBkg + ": error: workspace digest mismatch for " + erjr.file() +
                  ": sha256 expected " + erjrHex + " but the workspace has " + sbottomHex +
                  " (use --no-verify to apply anyway)");
  }
  try {
    loadPatchSet("sbottom_regionA").verify(readJsonFile(erjrBkg), erjrBkg);
    FAIL() << "expected a digest mismatch";
  } catch (const InputError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find(sbottomHex), std::string::npos) << what;
    EXPECT_NE(what.find(erjrHex), std::string::npos) << what;
  }
}

TEST(PatchSet, ApplyMatchesPyhf) {
  PatchSet ps = loadPatchSet("sbottom_regionA");
  Json bkg = readJsonFile(kModels + "/sbottom_regionA/BkgOnly.json");
  Json applied = ps.apply(bkg, ps.byName("sbottom_1300_205_60"));
  Json expected = readJsonFile(kVerbs + "/patchset_apply.sbottom_1300_205_60.json");
  EXPECT_EQ(unordered(applied), unordered(expected));
  EXPECT_EQ(workspaceDigest(applied), workspaceDigest(expected));
}

TEST(PatchSet, ExtractMatchesPyhf) {
  PatchSet ps = loadPatchSet("sbottom_regionA");
  Json expected = readJsonFile(kVerbs + "/patchset_extract.sbottom_1300_205_60.json");
  EXPECT_EQ(unordered(ps.byName("sbottom_1300_205_60").ops), unordered(expected));
}

TEST(PatchSet, LookupByValuesIsNumeric) {
  PatchSet ps = loadPatchSet("sbottom_regionA");
  EXPECT_EQ(ps.byValues({1300, 205, 60}).name, "sbottom_1300_205_60");
  EXPECT_EQ(ps.byValues({1000.0, 550.0, 60.0}).name, "sbottom_1000_550_60");
}

TEST(PatchSet, UnknownPointsSuggestTheNearestName) {
  PatchSet ps = loadPatchSet("sbottom_regionA");
  try {
    ps.byName("sbottom_1300_205_61");
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()),
              ps.file() + ": error: no patch named \"sbottom_1300_205_61\" (did you mean "
                          "\"sbottom_1300_205_60\"?)");
  }
  try {
    ps.byValues({1300, 205});
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()),
              ps.file() + ": error: no patch with values [1300.0, 205.0] for labels (m_sbottom, "
                          "m_neutralino2, m_neutralino1) (available: sbottom_1000_550_60, "
                          "sbottom_1000_730_600, sbottom_1000_830_700, sbottom_1000_850_60, "
                          "sbottom_1000_930_800 and 19 more)");
  }
}

/// A small valid PatchSet that each schema test breaks in one place.
Json smallPatchSet() {
  return Json::parse(R"({
    "metadata": {
      "description": "two points",
      "digests": {"sha256": "516FA21B09FD7AECB09116E8906F8259F151AA41B8763EEFD9E5548BB7C82A58",
                  "md5": "c62c23c87d1c9b735c75cf0830f0ad84"},
      "labels": ["m1", "m2"],
      "references": {"hepdata": "ins1234567"},
      "extra": {"anything": [1]}
    },
    "patches": [
      {"metadata": {"name": "sig_100_50", "values": [100, 50], "note": "kept"},
       "patch": [{"op": "replace", "path": "/channels/0/samples/0/data", "value": [7.0, 3.0]}]},
      {"metadata": {"name": "sig_200_50", "values": [200, "fifty"]},
       "patch": [{"op": "remove", "path": "/channels/0"},
                 {"op": "copy", "from": "/a", "path": "/b", "x": 1}]}
    ],
    "version": "1.0.0"
  })");
}

/// The InputError message of loading `doc` as ps.json.
std::string loadError(const Json &doc) {
  try {
    PatchSet::fromJson(doc, "ps.json");
  } catch (const InputError &e) {
    return e.what();
  }
  ADD_FAILURE() << "PatchSet loaded: " << doc.dump();
  return "";
}

TEST(PatchSetSchema, AcceptsTheSmallPatchSet) {
  PatchSet ps = PatchSet::fromJson(smallPatchSet(), "ps.json");
  EXPECT_EQ(ps.patches()[0].metadata["note"], "kept");
  EXPECT_EQ(ps.patches()[1].values[1], "fifty");
  EXPECT_EQ(ps.digests().size(), 2u);
  EXPECT_EQ(ps.byValues({100.0, 50.0}).name, "sig_100_50");
}

TEST(PatchSetSchema, Version) {
  Json doc = smallPatchSet();
  doc["version"] = "1.1.0";
  EXPECT_EQ(loadError(doc), "ps.json: /version: error: unsupported PatchSet version \"1.1.0\" "
                            "(expected \"1.0.0\")");
  doc["version"] = 1;
  EXPECT_EQ(loadError(doc), "ps.json: /version: error: unsupported PatchSet version 1 (expected "
                            "\"1.0.0\")");
  doc.erase("version");
  EXPECT_EQ(loadError(doc), "ps.json: error: a PatchSet {metadata, patches, version} is missing "
                            "the required key \"version\"");
}

TEST(PatchSetSchema, TopLevel) {
  EXPECT_EQ(loadError(Json::array()), "ps.json: error: expected a PatchSet {metadata, "
                                        "patches, version}, found an array");
  Json doc = smallPatchSet();
  doc["extra"] = 1;
  EXPECT_EQ(loadError(doc), "ps.json: /extra: error: unknown key \"extra\" in a PatchSet {metadata, "
                            "patches, version} (allowed: metadata, patches, version)");
  doc = smallPatchSet();
  doc["patches"] = Json::array();
  EXPECT_EQ(loadError(doc), "ps.json: /patches: error: expected a non-empty array of patches, found []");
}

TEST(PatchSetSchema, Labels) {
  Json doc = smallPatchSet();
  doc["metadata"]["labels"][1] = "m-2";
  EXPECT_EQ(loadError(doc),
            "ps.json: /metadata/labels/1: error: label \"m-2\" must match ^[a-zA-Z0-9_]+$");
  doc["metadata"]["labels"] = Json::array();
  EXPECT_EQ(loadError(doc),
            "ps.json: /metadata/labels: error: expected a non-empty array of labels, found []");
  doc["metadata"]["labels"] = Json::array({3});
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/labels/0: error: expected a label (a string), "
                            "found a number");
}

TEST(PatchSetSchema, Metadata) {
  Json doc = smallPatchSet();
  doc["metadata"].erase("description");
  EXPECT_EQ(loadError(doc), "ps.json: /metadata: error: metadata is missing the required key "
                            "\"description\"");
  doc = smallPatchSet();
  doc["metadata"]["references"]["hepdata"] = "ins123456";
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/references/hepdata: error: \"ins123456\" is not "
                            "a HEPData id (expected \"ins\" and 7 digits)");
  doc = smallPatchSet();
  doc["metadata"]["references"]["arxiv"] = "1234";
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/references/arxiv: error: unknown key \"arxiv\" in "
                            "references {hepdata} (allowed: hepdata)");
  doc = smallPatchSet();
  doc["metadata"]["references"] = Json::object();
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/references: error: expected references {hepdata}, "
                            "found {}");
}

TEST(PatchSetSchema, Digests) {
  Json doc = smallPatchSet();
  doc["metadata"]["digests"]["md5"] = "C62C23C87D1C9B735C75CF0830F0AD84";
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/digests/md5: error: "
                            "\"C62C23C87D1C9B735C75CF0830F0AD84\" is not an md5 digest "
                            "(expected 32 lowercase hex digits)");
  doc = smallPatchSet();
  doc["metadata"]["digests"]["sha256"] = "abc";
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/digests/sha256: error: \"abc\" is not a sha256 "
                            "digest (expected 64 hex digits)");
  doc = smallPatchSet();
  doc["metadata"]["digests"]["sha1"] = "ddebd09cec96225469550369380f1a3b1878aa74";
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/digests/sha1: error: unknown key \"sha1\" in "
                            "digests {md5, sha256} (allowed: md5, sha256)");
  doc["metadata"]["digests"] = Json::object();
  EXPECT_EQ(loadError(doc), "ps.json: /metadata/digests: error: expected digests {md5, sha256}, "
                            "found {}");
}

TEST(PatchSetSchema, Patches) {
  Json doc = smallPatchSet();
  doc["patches"][1]["metadata"]["name"] = "sig 200";
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/metadata/name: error: patch name \"sig 200\" "
                            "must match ^[a-zA-Z0-9_]+$");
  doc = smallPatchSet();
  doc["patches"][1]["metadata"]["values"][0] = nullptr;
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/metadata/values/0: error: expected a number or a "
                            "string, found null");
  doc = smallPatchSet();
  doc["patches"][0]["extra"] = 1;
  EXPECT_EQ(loadError(doc), "ps.json: /patches/0/extra: error: unknown key \"extra\" in a patch "
                            "{metadata, patch} (allowed: metadata, patch)");
  doc = smallPatchSet();
  doc["patches"][0]["metadata"].erase("values");
  EXPECT_EQ(loadError(doc), "ps.json: /patches/0/metadata: error: patch metadata is missing the "
                            "required key \"values\"");
}

TEST(PatchSetSchema, PatchOperations) {
  Json doc = smallPatchSet();
  doc["patches"][0]["patch"][0].erase("value");
  EXPECT_EQ(loadError(doc), "ps.json: /patches/0/patch/0: error: a replace operation is missing "
                            "the required key \"value\"");
  doc = smallPatchSet();
  doc["patches"][1]["patch"][1]["from"] = 3;
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/patch/1/from: error: expected a JSON pointer (a "
                            "string), found a number");
  doc = smallPatchSet();
  doc["patches"][1]["patch"][0]["op"] = "delete";
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/patch/0/op: error: op \"delete\" is not one of "
                            "add, remove, replace, move, copy, test");
  doc = smallPatchSet();
  doc["patches"][1]["patch"][0].erase("path");
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/patch/0: error: a patch operation is missing the "
                            "required key \"path\"");
}

TEST(PatchSetLoading, ValueCountMustMatchLabels) {
  Json doc = smallPatchSet();
  doc["metadata"]["labels"] = {"m_sbottom", "m_neutralino2", "m_neutralino1"};
  doc["patches"][0]["metadata"]["values"] = {100, 50, 1};
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/metadata/values: error: 2 values for 3 labels "
                            "(m_sbottom, m_neutralino2, m_neutralino1)");
}

TEST(PatchSetLoading, NamesMustBeUnique) {
  Json doc = smallPatchSet();
  doc["patches"][1]["metadata"]["name"] = "sig_100_50";
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/metadata/name: error: patch name \"sig_100_50\" "
                            "is already used by /patches/0");
  // The name is checked before the values, as pyhf does.
  doc["patches"][1]["metadata"]["values"] = {100, 50};
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/metadata/name: error: patch name \"sig_100_50\" "
                            "is already used by /patches/0");
}

TEST(PatchSetLoading, ValuesMustBeUniqueNumerically) {
  Json doc = smallPatchSet();
  doc["patches"][1]["metadata"]["values"] = Json::parse("[100.0, 5e1]");
  EXPECT_EQ(loadError(doc), "ps.json: /patches/1/metadata/values: error: values [100.0, 50.0] "
                            "equal those of patch \"sig_100_50\" (/patches/0: [100, 50])");
  // A string is never equal to a number.
  doc["patches"][1]["metadata"]["values"] = Json::parse(R"([100, "50"])");
  EXPECT_NO_THROW(PatchSet::fromJson(doc, "ps.json"));
}

TEST(PatchSet, ApplyErrorsNameThePoint) {
  PatchSet ps = PatchSet::fromJson(smallPatchSet(), "ps.json");
  try {
    ps.apply(Json::parse(R"({"channels": []})"), ps.byName("sig_100_50"));
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()),
              "ps.json point sig_100_50: /0: error: replace /channels/0/samples/0/data: path does "
              "not exist (array /channels has 0 elements)");
  }
}

} // namespace
} // namespace hf
