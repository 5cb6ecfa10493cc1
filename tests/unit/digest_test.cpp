//===- tests/unit/digest_test.cpp - Workspace digests against pyhf --------===//
#include "frontend/digest.h"

#include "frontend/json_text.h"
#include "hf/error.h"

#include <gtest/gtest.h>

#include <string>

namespace hf {
namespace {

const std::string kModels = HF_REFERENCE_DIR "/models";

/// `pyhf digest sbottom_regionA/BkgOnly.json -a sha256 -a md5 -j`.
TEST(WorkspaceDigest, MatchesPyhfOnSbottom) {
  Json workspace = readJsonFile(kModels + "/sbottom_regionA/BkgOnly.json");
  Json expected = readJsonFile(HF_REFERENCE_DIR "/workspace_verbs/digest.sbottom_regionA.json");
  EXPECT_EQ(workspaceDigest(workspace), expected["sha256"].get<std::string>());
  EXPECT_EQ(workspaceDigest(workspace, "sha256"), expected["sha256"].get<std::string>());
  EXPECT_EQ(workspaceDigest(workspace, "md5"), expected["md5"].get<std::string>());
  EXPECT_EQ(workspaceDigest(workspace),
            "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58");
}

/// The plain-text form is "sha256:<hex>".
TEST(WorkspaceDigest, MatchesPyhfPlaintextOutput) {
  Json workspace = readJsonFile(kModels + "/sbottom_regionA/BkgOnly.json");
  std::string text =
      readTextFile(HF_REFERENCE_DIR "/workspace_verbs/digest_plain.sbottom_regionA.txt");
  EXPECT_EQ(text.substr(0, text.find('\n')), "sha256:" + workspaceDigest(workspace));
}

/// Key order in the file does not matter; the digest hashes sorted keys.
TEST(WorkspaceDigest, IgnoresKeyOrder) {
  EXPECT_EQ(workspaceDigest(Json::parse(R"({"b":1,"a":[1.0,2]})")),
            workspaceDigest(Json::parse(R"({"a":[1.0,2],"b":1})")));
  EXPECT_NE(workspaceDigest(Json::parse(R"({"a":[1.0,2]})")),
            workspaceDigest(Json::parse(R"({"a":[1,2]})")));
}

/// Known answers from Python hashlib for the bytes {"A": 2, "a": "é", "b": 1}.
TEST(WorkspaceDigest, EveryAlgorithm) {
  Json doc = Json::parse(R"({"b":1,"a":"é","A":2})");
  EXPECT_EQ(workspaceDigest(doc, "md5"), "b51a7a4c8df2c510cd7e61af02400d50");
  EXPECT_EQ(workspaceDigest(doc, "sha1"), "ddebd09cec96225469550369380f1a3b1878aa74");
  EXPECT_EQ(workspaceDigest(doc, "sha224"),
            "5d16f08d1a54c92e4c6ef5f3d6dbcc42d0d0656ded3f8fd7980b2ded");
  EXPECT_EQ(workspaceDigest(doc, "sha384"),
            "f6464381258e9be5caecd0af522016d6be58e479cebc61e7806b9e9d"
            "39981ffa1c6c18d4439bb74d1703c79c2ca5302b");
  EXPECT_EQ(workspaceDigest(doc, "sha512"),
            "eda85dcaa79239fcb7bcd2c5e475c5c7aee0c8fe89cd8669e7fe81c8e89308a9"
            "1f5f8862b6d04d2b6498f649746fbbb6aedd1a02b8914fe73d4d028471f97de4");
}

/// hashlib.new(name) takes every OpenSSL digest, so pyhf digest -a does;
/// known answers from Python hashlib for the same bytes.
TEST(WorkspaceDigest, EveryHashlibName) {
  Json doc = Json::parse(R"({"b":1,"a":"é","A":2})");
  EXPECT_EQ(workspaceDigest(doc, "sha3_256"), "ab860d8400643597310317782402df01b7ef054dce9aa93ba367b430de021246");
  EXPECT_EQ(workspaceDigest(doc, "blake2b"),
            "73a02e7366ad6da48588a023b2aae47eb8084450c0071dfc3a6e5333ff545a62"
            "879a8025b0d6df3437b1a4e35a9f443b08ca52f9a663936f648656c8e9d8bdf2");
  EXPECT_EQ(workspaceDigest(doc, "blake2s"), "13076ec4b99d021337e12ba40908f795ea1d6b46ee0fb5307f1cc1b7496c5a6e");
  EXPECT_EQ(workspaceDigest(doc, "sha512_256"), "efe4b6493b5707aec436f610710f45f334471c436592384538cd176c48516594");
  EXPECT_THROW(workspaceDigest(doc, "shake_128"), InputError); // needs a length: pyhf cannot use it
}

TEST(WorkspaceDigest, UnknownAlgorithmIsAnInputError) {
  try {
    workspaceDigest(Json::object(), "sha3");
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_STREQ(e.what(), "unknown digest algorithm 'sha3' (expected one of sha256, md5, sha1, "
                           "sha224, sha384, sha512, sha512_224, sha512_256, sha3_224, sha3_256, "
                           "sha3_384, sha3_512, blake2b, blake2s, ripemd160, sm3, md5-sha1)");
  }
  EXPECT_THROW(workspaceDigest(Json::object(), "SHA256"), InputError);
}

} // namespace
} // namespace hf
