//===- tests/unit/xml/archive_test.cpp - archive.tar.gz:member inputs -----===//
#include "frontend/archive.h"
#include "frontend/json_text.h"
#include "hf/error.h"

#include <gtest/gtest.h>

namespace hf {
namespace {

const std::string kModels = std::string(HF_REFERENCE_DIR) + "/models";
const std::string kRecord = kModels + "/sbottom-ins1748602-hepdata-record.tar.gz";

TEST(Archive, SplitsAtTheArchiveSuffix) {
  auto p = splitArchivePath("dir/rec.tar.gz:RegionA/BkgOnly.json");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->archive, "dir/rec.tar.gz");
  EXPECT_EQ(p->member, "RegionA/BkgOnly.json");
  EXPECT_EQ(splitArchivePath("x.tgz:a.json")->archive, "x.tgz");
  EXPECT_EQ(splitArchivePath("x.zip:a.json")->member, "a.json");
  EXPECT_FALSE(splitArchivePath("plain.json"));
  EXPECT_FALSE(splitArchivePath("-"));
  // An existing file is itself, whatever its name.
  EXPECT_FALSE(splitArchivePath(kRecord));
}

TEST(Archive, MemberBytesEqualTheUnpackedFile) {
  // sbottom_regionA/ holds RegionA of the same record, unpacked.
  EXPECT_EQ(readTextFile(kRecord + ":RegionA/BkgOnly.json"), readTextFile(kModels + "/sbottom_regionA/BkgOnly.json"));
  EXPECT_EQ(readTextFile(kRecord + ":./RegionA/patch.sbottom_1300_205_60.json"),
            readTextFile(kModels + "/sbottom_regionA/patch.sbottom_1300_205_60.json"));
}

TEST(Archive, MissingMemberListsWhatIsThere) {
  try {
    readTextFile(kRecord + ":RegionA/Bkgonly.json");
    FAIL();
  } catch (const InputError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("no member \"RegionA/Bkgonly.json\""), std::string::npos) << what;
    EXPECT_NE(what.find("RegionA/BkgOnly.json"), std::string::npos) << what;
  }
}

TEST(Archive, CountsMembersAndRefusesTruncation) {
  std::string bytes = readFileBytes(kRecord);
  EXPECT_EQ(archiveMemberCount(bytes, "rec"), 654u); // `tar tzf | wc -l`
  EXPECT_THROW(archiveMemberCount(bytes.substr(0, bytes.size() / 2), "half"), InputError);
  EXPECT_THROW(archiveMemberCount("{\"a\": 1}", "json"), InputError);
}

} // namespace
} // namespace hf
