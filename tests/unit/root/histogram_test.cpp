//===- tests/unit/root/histogram_test.cpp - TH1 reading and key lists ----===//
//
// Every histogram of ../shared/data/root against jsroot's dump
// (expected_jsroot.json) and the values uproot's and pyhf's own tests assert
// (README §3); every file's recursive key list against jsroot's.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/root.h"
#include "tests/unit/root/root_test_util.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hf::root {
namespace {

using test::jsrootExpected;
using test::rootData;

/// "dir/name" paths of every key, recursively, as jsroot lists them.
void listKeys(const File &f, const std::string &dir, nlohmann::json &out) {
  for (const KeyInfo &k : f.keys(dir)) {
    std::string path = dir.empty() ? k.name : dir + "/" + k.name;
    out.push_back({path, k.cycle, k.className});
    if (k.isDirectory())
      listKeys(f, path, out);
  }
}

TEST(RootKeys, EveryFileListsTheKeysJsrootLists) {
  int files = 0;
  for (const auto &[name, expected] : jsrootExpected().items()) {
    SCOPED_TRACE(name);
    auto f = File::open(rootData(name));
    nlohmann::json keys = nlohmann::json::array();
    listKeys(*f, "", keys);
    EXPECT_EQ(keys, expected.at("keys"));
    ++files;
  }
  EXPECT_EQ(files, 43);
}

TEST(RootKeys, NestedDirectoriesAsUprootCountsThem) {
  // uproot5 test_0009: 6 keys recursively, 3 under one/.
  auto f = File::open(rootData("uproot-nesteddirs.root"));
  nlohmann::json all = nlohmann::json::array(), one = nlohmann::json::array();
  listKeys(*f, "", all);
  listKeys(*f, "one", one);
  EXPECT_EQ(all.size(), 6u);
  EXPECT_EQ(one.size(), 3u);
  EXPECT_EQ(f->className("one/two/tree"), "TTree");
  EXPECT_EQ(f->className("/three/tree;1"), "TTree");
}

void expectHistogramEquals(const Histogram &h, const nlohmann::json &e) {
  EXPECT_EQ(h.className, e.at("className").get<std::string>());
  EXPECT_EQ(h.title, e.at("title").get<std::string>());
  EXPECT_EQ(h.entries, e.at("entries").get<double>());
  ASSERT_EQ(h.binCount(), e.at("nbins").get<std::size_t>());
  auto edges = e.at("edges").get<std::vector<double>>();
  ASSERT_EQ(h.edges.size(), edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i)
    EXPECT_NEAR(h.edges[i], edges[i], 1e-12 * std::max(1.0, std::abs(edges[i]))) << "edge " << i;
  EXPECT_EQ(h.contents, e.at("contents").get<std::vector<double>>());
  auto sumw2 = e.at("sumw2").get<std::vector<double>>();
  EXPECT_EQ(h.hasSumw2, !sumw2.empty());
  EXPECT_EQ(h.sumw2, sumw2.empty() ? h.contents : sumw2);
}

TEST(RootHistogram, EveryHistogramAsJsrootReadsIt) {
  int oneD = 0, refused = 0;
  for (const auto &[name, expected] : jsrootExpected().items()) {
    auto f = File::open(rootData(name));
    for (const auto &[path, e] : expected.at("histograms").items()) {
      SCOPED_TRACE(name + ":" + path);
      std::string cls = e.at("className");
      if (cls.rfind("TH1", 0) == 0) {
        expectHistogramEquals(f->histogram(path), e);
        ++oneD;
      } else {
        try {
          f->histogram(path);
          ADD_FAILURE() << "a " << cls << " read as a 1-D histogram";
        } catch (const InputError &err) {
          std::string msg = err.what();
          if (cls.rfind("TH2", 0) == 0) {
            EXPECT_NE(msg.find("2-D histograms are not supported"), std::string::npos) << msg;
          }
          EXPECT_NE(msg.find(path.substr(0, path.find(';'))), std::string::npos) << msg;
          ++refused;
        }
      }
    }
  }
  EXPECT_GE(oneD, 50);
  EXPECT_EQ(refused, 2); // hepdata's hpxpy (TH2F) and hprof (TProfile)
}

TEST(RootHistogram, PyhfImportInputs) {
  // pyhf tests/test_import.py::test_import_histogram: data [122, 112], no Sumw2.
  auto f = File::open(rootData("pyhf/xmlimport_input/data/example.root"));
  Histogram data = f->histogram("data");
  EXPECT_EQ(data.className, "TH1F");
  EXPECT_EQ(data.contents, (std::vector<double>{0, 122, 112, 0}));
  EXPECT_FALSE(data.hasSumw2);
  EXPECT_EQ(data.sumw2, data.contents);
  EXPECT_EQ(data.edges, (std::vector<double>{1, 1.5, 2}));
  EXPECT_EQ(f->histogram("background1_statUncert").contents, (std::vector<double>{0, 0.05f, 0.05f, 0}));
}

TEST(RootHistogram, HighestCycleByDefaultAndCyclesByNumber) {
  auto f = File::open(rootData("pyhf/xmlimport_input3/data/ShapeSys.root"));
  EXPECT_EQ(f->histogram("background1").contents, (std::vector<double>{0, 100, 1e-4f, 0}));
  EXPECT_EQ(f->histogram("background1;2").contents, (std::vector<double>{0, 100, 1e-4f, 0}));
  EXPECT_EQ(f->histogram("background1;1").contents, (std::vector<double>{0, 100, 0, 0}));
  EXPECT_EQ(f->histogram("background2;1").contents, (std::vector<double>{0, 0, 100, 0}));
}

TEST(RootHistogram, UprootAssertions) {
  // uproot5 test_0046 / test_0167: hpx, 100 bins on [-4, 4], flow included.
  auto f = File::open(rootData("uproot-hepdata-example.root"));
  Histogram hpx = f->histogram("hpx");
  ASSERT_EQ(hpx.binCount(), 100u);
  std::vector<double> head{2, 2, 3, 1, 1, 2, 4, 6, 12, 8, 9, 15, 15, 31, 35, 40, 64, 64, 81, 108};
  EXPECT_EQ(std::vector<double>(hpx.contents.begin(), hpx.contents.begin() + 20), head);
  EXPECT_EQ(std::vector<double>(hpx.contents.end() - 4, hpx.contents.end()), (std::vector<double>{1, 0, 1, 4}));
  EXPECT_DOUBLE_EQ(hpx.edges[1], -3.92);
  EXPECT_DOUBLE_EQ(hpx.edges[100], 4.0);
  EXPECT_EQ(hpx.entries, 75000);
  // test_0167: cutflow, 7 bins [0, 7].
  Histogram cutflow = File::open(rootData("uproot-issue33.root"))->histogram("cutflow");
  EXPECT_EQ(cutflow.binCount(), 7u);
  EXPECT_EQ(cutflow.edges.front(), 0);
  EXPECT_EQ(cutflow.edges.back(), 7);
  EXPECT_TRUE(cutflow.hasSumw2);
  // Variable edges: issue-222.
  Histogram v = File::open(rootData("uproot-issue-222.root"))->histogram("hist");
  EXPECT_EQ(v.edges, (std::vector<double>{0, 1, 3}));
  EXPECT_EQ(v.contents, (std::vector<double>{0, 2, 1, 0}));
  // test_0405: "one" starts 0 (underflow), 68, 285, 755, 1580.
  Histogram one = File::open(rootData("uproot-histograms.root"))->histogram("one");
  EXPECT_EQ(std::vector<double>(one.contents.begin(), one.contents.begin() + 5),
            (std::vector<double>{0, 68, 285, 755, 1580}));
  EXPECT_EQ(one.title, "numero uno");
}

TEST(RootHistogram, NestedDirectoriesOfHist2workspace) {
  auto f = File::open(rootData("pyhf/binderexample/data.root"));
  Histogram h = f->histogram("channel1_hists/mc1/mc1_nominal");
  EXPECT_EQ(h.binCount(), 50u);
  EXPECT_TRUE(h.hasSumw2);
  EXPECT_NEAR(h.edges.front(), -5, 1e-15);
  EXPECT_NEAR(h.edges.back(), 5, 1e-12);
}

TEST(RootHistogram, ErrorsNameTheFileAndTheObject) {
  auto f = File::open(rootData("uproot-Zmumu.root"));
  try {
    f->histogram("events");
    FAIL();
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("uproot-Zmumu.root: error: events: a TTree is not a 1-D histogram (TH1F, TH1D, TH1I, TH1S or TH1C) (key at byte offset"),
              std::string::npos)
        << e.what();
  }
  try {
    f->histogram("nothere");
    FAIL();
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("no object 'nothere'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("events"), std::string::npos) << e.what();
  }
  EXPECT_THROW(File::open(rootData("README.md")), InputError);
  EXPECT_THROW(File::open(rootData("does-not-exist.root")), InputError);
}

} // namespace
} // namespace hf::root
