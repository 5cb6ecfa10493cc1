//===- tests/unit/root/streamer_info_test.cpp - StreamerInfo read and written =//
//
// The reader parses the StreamerInfo record of every file in
// ../shared/data/root. The writer's records declare the same classes, class
// versions, checksums and members as ROOT 6.26/06 itself wrote for a TH1D
// (uproot-issue-707.root) and for a TTree of every basic leaf type
// (uproot-issue-750.root); only the titles are ours, keeping the parts
// readers interpret ("[fN]" counters, "->" never-null pointers).
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/writer.h"
#include "tests/unit/root/root_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

namespace hf::root {
namespace {

std::string tempPath(const std::string &name) {
  return (std::filesystem::temp_directory_path() / ("hfc_si_" + std::to_string(::getpid()) + "_" + name)).string();
}

std::map<std::string, StreamerInfo> byName(const std::vector<StreamerInfo> &infos) {
  std::map<std::string, StreamerInfo> out;
  for (const StreamerInfo &i : infos)
    out.emplace(i.className, i);
  return out;
}

std::set<std::string> names(const std::vector<StreamerInfo> &infos) {
  std::set<std::string> out;
  for (const StreamerInfo &i : infos)
    out.insert(i.className);
  return out;
}

/// The part of a title readers act on: "[count]" or "->".
std::string meaningfulTitle(const std::string &t) {
  if (t.starts_with("["))
    return t.substr(0, t.find(']') + 1);
  return t.starts_with("->") ? "->" : "";
}

void expectSameLayout(const StreamerInfo &ours, const StreamerInfo &roots) {
  SCOPED_TRACE(ours.className);
  EXPECT_EQ(ours.classVersion, roots.classVersion);
  EXPECT_EQ(ours.checksum, roots.checksum);
  ASSERT_EQ(ours.elements.size(), roots.elements.size());
  for (std::size_t i = 0; i < ours.elements.size(); ++i) {
    const StreamerElement &a = ours.elements[i], &b = roots.elements[i];
    SCOPED_TRACE(b.name);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(meaningfulTitle(a.title), meaningfulTitle(b.title));
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.size, b.size);
    EXPECT_EQ(a.arrayLength, b.arrayLength);
    EXPECT_EQ(a.arrayDim, b.arrayDim);
    for (int k = 0; k < 5; ++k)
      EXPECT_EQ(a.maxIndex[k], b.maxIndex[k]) << "fMaxIndex[" << k << "]";
    EXPECT_EQ(a.typeName, b.typeName);
    EXPECT_EQ(a.baseVersion, b.baseVersion);
    EXPECT_EQ(a.countVersion, b.countVersion);
    EXPECT_EQ(a.countName, b.countName);
    EXPECT_EQ(a.countClass, b.countClass);
  }
}

TEST(RootStreamerInfo, EveryDataFileParses) {
  int files = 0;
  for (const std::string &name : test::allRootFiles()) {
    SCOPED_TRACE(name);
    std::vector<StreamerInfo> infos = File::open(test::rootData(name))->streamerInfos();
    EXPECT_FALSE(infos.empty());
    for (const StreamerInfo &i : infos)
      EXPECT_FALSE(i.className.empty());
    ++files;
  }
  EXPECT_EQ(files, 49);
  // A few facts ROOT's own classes pin down (uproot-issue-707, ROOT 6.26/06).
  auto roots = byName(File::open(test::rootData("uproot-issue-707.root"))->streamerInfos());
  ASSERT_TRUE(roots.count("TH1D"));
  EXPECT_EQ(roots["TH1D"].classVersion, 3);
  ASSERT_EQ(roots["TH1"].elements.size(), 26u);
  EXPECT_EQ(roots["TH1"].elements[24].typeName, "TH1::EBinErrorOpt");
  auto trees = byName(File::open(test::rootData("uproot-issue-750.root"))->streamerInfos());
  ASSERT_TRUE(trees.count("TArrayD") && trees["TArrayD"].elements.size() == 2);
  EXPECT_EQ(trees["TArrayD"].elements[1].countName, "fN");
  EXPECT_EQ(trees["TBranch"].checksum, 0x10978aacu);
}

TEST(RootStreamerInfo, WrittenHistogramFilesDeclareWhatRootDeclares) {
  std::string path = tempPath("h.root");
  Histogram h;
  h.edges = {0, 1, 2};
  h.contents = {0, 1, 2, 0};
  h.sumw2 = {0, 1, 2, 0};
  writeHistograms(path, {{"dir/h", h}});
  std::vector<StreamerInfo> ours = File::open(path)->streamerInfos();
  std::filesystem::remove(path);
  std::vector<StreamerInfo> rootList = File::open(test::rootData("uproot-issue-707.root"))->streamerInfos();
  auto roots = byName(rootList);
  roots.merge(byName(File::open(test::rootData("uproot-issue-750.root"))->streamerInfos()));
  // ROOT's file holds one TH1D and one TParameter<Long64_t>; ours the TH1D's
  // share, and the TH1D's base TArrayD (with TArray), which ROOT 6.26 lists
  // beside its TH1D in uproot-issue-750.root.
  std::set<std::string> expected = names(rootList);
  expected.erase("TParameter<Long64_t>");
  expected.insert({"TArrayD", "TArray"});
  EXPECT_EQ(names(ours), expected);
  for (const StreamerInfo &i : ours)
    expectSameLayout(i, roots.at(i.className));
}

TEST(RootStreamerInfo, WrittenTreeFilesDeclareWhatRootDeclares) {
  std::string path = tempPath("t.root");
  std::vector<BranchToWrite> branches;
  for (LeafType t : {LeafType::Bool, LeafType::Int8, LeafType::UInt8, LeafType::Int16, LeafType::UInt16,
                     LeafType::Int32, LeafType::UInt32, LeafType::Int64, LeafType::UInt64, LeafType::Float,
                     LeafType::Double})
    branches.push_back({"b" + std::to_string(branches.size()), t, {0, 1, 1}});
  writeTree(path, "t", branches, Compression::Zlib);
  std::vector<StreamerInfo> ours = File::open(path)->streamerInfos();
  std::filesystem::remove(path);
  auto roots = byName(File::open(test::rootData("uproot-issue-750.root"))->streamerInfos());
  std::set<std::string> expected{"TTree",      "TNamed",    "TObject",   "TString",  "TCollection",
                                 "TSeqCollection", "TList", "TObjArray", "TAttLine",
                                 "TAttFill",   "TAttMarker", "ROOT::TIOFeatures", "TArrayD", "TArrayI",
                                 "TArray",     "TBranch",   "TLeaf",     "TLeafO",   "TLeafB",
                                 "TLeafS",     "TLeafI",    "TLeafL",    "TLeafF",   "TLeafD"};
  EXPECT_EQ(names(ours), expected);
  for (const StreamerInfo &i : ours)
    expectSameLayout(i, roots.at(i.className));
}

} // namespace
} // namespace hf::root
