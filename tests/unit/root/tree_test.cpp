//===- tests/unit/root/tree_test.cpp - TTree reading ----------------------===//
//
// Every branch of every tree in ../shared/data/root against jsroot's dump
// (type, basket count, number of values, their sum, first five and last
// entries), the values uproot's tests assert (README §3), entry ranges,
// chunk boundaries, and the compression variants of one data set reading
// identically.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/root.h"
#include "tests/unit/root/root_test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace hf::root {
namespace {

using nlohmann::json;
using test::jsrootExpected;
using test::rootData;

/// Entry i of a column as jsroot prints it (a number or a list).
json entryJson(const Column &c, std::size_t i) {
  if (!c.strings.empty())
    return c.strings[i];
  if (!c.jagged())
    return c.values[i];
  json a = json::array();
  for (uint64_t k = c.offsets[i]; k < c.offsets[i + 1]; ++k)
    a.push_back(c.values[k]);
  return a;
}

/// jsroot prints bools as true/false and TLeafB arrays as strings: numbers here.
json numeric(const json &j) {
  if (j.is_boolean())
    return j.get<bool>() ? 1.0 : 0.0;
  if (j.is_array()) {
    json a = json::array();
    for (const json &x : j)
      a.push_back(numeric(x));
    return a;
  }
  if (j.is_number())
    return j.get<double>();
  return j;
}

bool isBasicVector(const std::string &type) {
  for (const char *t : {"(vector<int>)", "(vector<float>)", "(vector<double>)", "(vector<short>)", "(vector<long>)",
                        "(vector<char>)", "(vector<bool>)", "(vector<unsigned int>)"})
    if (type.find(t) != std::string::npos)
      return true;
  return false;
}

TEST(RootTree, EveryBranchAsJsrootReadsIt) {
  int checked = 0, refused = 0;
  for (const auto &[file, expected] : jsrootExpected().items()) {
    for (const auto &[path, et] : expected.at("trees").items()) {
      SCOPED_TRACE(file + ":" + path);
      Tree tree = File::open(rootData(file))->tree(path);
      EXPECT_EQ(tree.entryCount(), et.at("entries").get<uint64_t>());
      for (const auto &[name, eb] : et.at("branches").items()) {
        SCOPED_TRACE(name);
        std::string type = eb.at("type");
        const BranchInfo *info = tree.findBranch(name);
        bool element = type.rfind("TLeafElement", 0) == 0;
        if (element && !isBasicVector(type)) {
          // Split objects, strings and other STL containers: listed, refused by name.
          if (info) {
            EXPECT_FALSE(info->unsupported.empty());
            EXPECT_THROW(tree.read(name), InputError);
            ++refused;
          }
          continue;
        }
        ASSERT_NE(info, nullptr);
        EXPECT_EQ(tree.basketCount(name), eb.at("baskets").get<std::size_t>() + eb.at("embedded").get<std::size_t>());
        if (type.find(':') != std::string::npos) { // a leaf list, read leaf by leaf
          EXPECT_THROW(tree.read(name), InputError);
          for (const auto &[leaf, v] : eb.at("first")[0].items()) {
            Column c = tree.read(name + "." + leaf);
            ASSERT_EQ(c.values.size(), eb.at("n").get<std::size_t>());
            for (std::size_t i = 0; i < eb.at("first").size(); ++i)
              EXPECT_EQ(c.values[i], eb.at("first")[i].at(leaf).get<double>()) << leaf << " " << i;
          }
          ++checked;
          continue;
        }
        Column c = tree.read(name);
        std::size_t entries = c.strings.empty() ? (c.jagged() ? c.offsets.size() - 1 : c.values.size()) : c.strings.size();
        ASSERT_EQ(entries, tree.entryCount());
        const json &first = eb.at("first");
        bool jsrootString = type == "TLeafB" && first[0].is_string(); // jsroot's quirk for TLeafB arrays
        if (type == "TLeafC") {
          EXPECT_TRUE(info->isString);
          ASSERT_EQ(c.strings.size(), eb.at("n").get<std::size_t>());
        } else if (jsrootString) {
          ASSERT_EQ(c.values.size(), 3 * eb.at("n").get<std::size_t>()); // 3 bytes per entry, signed
          EXPECT_EQ(entryJson(c, 0), (json{-14.0, -13.0, -12.0}));
        } else {
          ASSERT_EQ(c.values.size(), eb.at("n").get<std::size_t>());
          double sum = std::accumulate(c.values.begin(), c.values.end(), 0.0);
          EXPECT_NEAR(sum, eb.at("sum").get<double>(), 1e-9 * std::max(1.0, std::abs(sum)));
        }
        EXPECT_EQ(info->jagged, type.find('[') != std::string::npos || element);
        if (entries > 0 && !jsrootString) {
          for (std::size_t i = 0; i < first.size(); ++i)
            EXPECT_EQ(entryJson(c, i), numeric(first[i])) << "entry " << i;
          EXPECT_EQ(entryJson(c, entries - 1), numeric(eb.at("last")));
        }
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 400);
  EXPECT_GE(refused, 20);
}

TEST(RootTree, ZmumuPx1InEveryCompression) {
  // uproot5 test_0043 / test_0099 / test_0416.
  std::vector<double> at0{-41.1952876442, 35.1180497674, 35.1180497674, 34.1444372454, 22.7835819537};
  std::vector<double> at5{-19.8623073126, -19.8623073126, -20.1773731496, 71.1437106445, 51.0504859191};
  std::vector<double> at1000{26.043758785, 26.043758785, 25.9962042016, -44.4626620943, 28.2794901505};
  std::vector<double> at2000{-43.3783782352, -43.3783782352, -43.2444221651, -20.2126675303, 43.7131175076};
  for (const char *f : {"uproot-Zmumu.root", "uproot-Zmumu-zlib.root", "uproot-Zmumu-lzma.root",
                        "uproot-Zmumu-lz4.root", "uproot-Zmumu-zstd.root", "uproot-Zmumu-uncompressed.root"}) {
    SCOPED_TRACE(f);
    Tree t = File::open(rootData(f))->tree("events");
    ASSERT_EQ(t.entryCount(), 2304u);
    for (auto [begin, want] : {std::pair{0, &at0}, {5, &at5}, {1000, &at1000}, {2000, &at2000}}) {
      Column c = t.read("px1", begin, begin + 5);
      ASSERT_EQ(c.values.size(), 5u);
      for (std::size_t i = 0; i < 5; ++i)
        EXPECT_NEAR(c.values[i], (*want)[i], 1e-9);
    }
    EXPECT_EQ(t.findBranch("px1")->typeName, "double");
    EXPECT_EQ(t.findBranch("Run")->typeName, "int32_t");
  }
}

/// Every readable column of `tree` in `file`.
std::vector<Column> allColumns(const std::string &file, const std::string &tree) {
  Tree t = File::open(rootData(file))->tree(tree);
  std::vector<Column> out;
  for (const BranchInfo &b : t.branches())
    if (b.unsupported.empty())
      out.push_back(t.read(b.name));
  return out;
}

bool sameColumns(const std::vector<Column> &a, const std::vector<Column> &b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].values != b[i].values || a[i].offsets != b[i].offsets || a[i].strings != b[i].strings)
      return false;
  return true;
}

TEST(RootTree, CompressionVariantsReadIdentically) {
  struct Set {
    std::string tree;
    std::vector<std::string> files;
  };
  std::vector<Set> sets{
      {"events", {"uproot-Zmumu.root", "uproot-Zmumu-zlib.root", "uproot-Zmumu-lzma.root", "uproot-Zmumu-lz4.root",
                  "uproot-Zmumu-zstd.root", "uproot-Zmumu-uncompressed.root"}},
      {"events", {"uproot-HZZ.root", "uproot-HZZ-zlib.root", "uproot-HZZ-lzma.root", "uproot-HZZ-lz4.root",
                  "uproot-HZZ-zstd.root", "uproot-HZZ-uncompressed.root"}},
      {"sample", {"uproot-sample-6.20.04-uncompressed.root", "uproot-sample-6.20.04-zlib.root",
                  "uproot-sample-6.20.04-lzma.root", "uproot-sample-6.20.04-lz4.root",
                  "uproot-sample-5.23.02-zlib.root", "uproot-sample-5.25.02-zlib.root",
                  "uproot-sample-5.26.00-zlib.root", "uproot-sample-5.30.00-lzma.root"}},
  };
  for (const Set &s : sets) {
    std::vector<Column> ref = allColumns(s.files[0], s.tree);
    EXPECT_GE(ref.size(), 20u);
    for (std::size_t i = 1; i < s.files.size(); ++i)
      EXPECT_TRUE(sameColumns(ref, allColumns(s.files[i], s.tree))) << s.files[i] << " differs from " << s.files[0];
  }
}

TEST(RootTree, BasketsEntryRangesAndChunks) {
  // uproot5 test_0017: sample/i4 in 5 baskets [-15..-9], [-8..-2], [-1..5], [6..12], [13,14].
  Tree t = File::open(rootData("uproot-sample-6.20.04-uncompressed.root"))->tree("sample");
  EXPECT_EQ(t.basketCount("i4"), 5u);
  EXPECT_EQ(t.chunkBoundaries({"i4"}), (std::vector<uint64_t>{0, 7, 14, 21, 28, 30}));
  EXPECT_EQ(t.read("i4", 21, 28).values, (std::vector<double>{6, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(t.read("i4", 5, 9).values, (std::vector<double>{-10, -9, -8, -7})); // across a basket boundary
  EXPECT_EQ(t.read("i4", 28).values, (std::vector<double>{13, 14}));
  EXPECT_TRUE(t.read("i4", 30, 40).values.empty());
  // A counted array over a range: offsets start at 0.
  Column a = t.read("Ai4", 3, 5);
  EXPECT_EQ(a.offsets, (std::vector<uint64_t>{0, 3, 7}));
  EXPECT_EQ(t.findBranch("Ai4")->counter, "n");
  EXPECT_EQ(t.findBranch("Ai4")->typeName, "int32_t[n]");
  EXPECT_EQ(t.findBranch("ai4")->arrayLength, 3u);
  // test_0067: foriter's entry offsets.
  Tree f = File::open(rootData("uproot-foriter.root"))->tree("foriter");
  EXPECT_EQ(f.chunkBoundaries({"data"}), (std::vector<uint64_t>{0, 6, 12, 18, 24, 30, 36, 42, 46}));
  std::vector<double> all(46);
  std::iota(all.begin(), all.end(), 0.0);
  EXPECT_EQ(f.read("data").values, all);
  EXPECT_EQ(f.read("data", 0, 46, 2).values, all); // two threads
  // hepdata's ntuple: baskets of "random" split elsewhere, so the common boundaries are the union.
  Tree n = File::open(rootData("uproot-hepdata-example.root"))->tree("ntuple");
  EXPECT_EQ(n.entryCount(), 75000u);
  EXPECT_GT(n.chunkBoundaries({"px", "random"}).size(), n.chunkBoundaries({"px"}).size());
}

TEST(RootTree, EmbeddedBasketsAndEmptyTrees) {
  // uproot5 test_0016::test_recovery: nllscan/mH, all 61 entries in the TBranch record.
  Tree t = File::open(rootData("uproot-issue21.root"))->tree("nllscan");
  Column mH = t.read("mH");
  ASSERT_EQ(mH.values.size(), 61u);
  std::vector<double> head{124.0, 124.09089660644531, 124.18180084228516, 124.27269744873047, 124.36360168457031,
                           124.45449829101562, 124.54550170898438, 124.63639831542969, 124.72730255126953,
                           124.81819915771484};
  EXPECT_EQ(std::vector<double>(mH.values.begin(), mH.values.begin() + 10), head);
  EXPECT_EQ(t.chunkBoundaries({"mH"}), (std::vector<uint64_t>{0, 61}));
  Tree e = File::open(rootData("uproot-empty.root"))->tree("tree");
  EXPECT_EQ(e.entryCount(), 0u);
  EXPECT_TRUE(e.read("x").values.empty());
  EXPECT_TRUE(e.read("z").strings.empty());
}

TEST(RootTree, StdVectorAndLeafListAndStrings) {
  Tree s = File::open(rootData("uproot-stl_containers.root"))->tree("tree");
  Column v = s.read("vector_int32");
  EXPECT_EQ(v.offsets, (std::vector<uint64_t>{0, 1, 3, 6, 10, 15}));
  EXPECT_EQ(s.findBranch("vector_int32")->typeName, "std::vector<int32_t>");
  EXPECT_FALSE(s.findBranch("vector_string")->unsupported.empty());
  // uproot5 test_0033: [(1.1,1,97), (2.2,2,98), (3.3,3,99), (4.0,4,100), (5.5,5,101)].
  Tree l = File::open(rootData("uproot-leaflist.root"))->tree("tree");
  EXPECT_EQ(l.read("leaflist.x").values, (std::vector<double>{1.1, 2.2, 3.3, 4.0, 5.5}));
  EXPECT_EQ(l.read("leaflist.y").values, (std::vector<double>{1, 2, 3, 4, 5}));
  EXPECT_EQ(l.read("leaflist.z").values, (std::vector<double>{97, 98, 99, 100, 101}));
  EXPECT_EQ(l.findBranch("leaflist")->typeName, "struct {double x; int32_t y; int8_t z;}");
  Tree f2 = File::open(rootData("uproot-foriter2.root"))->tree("foriter2");
  Column words = f2.read("data");
  ASSERT_EQ(words.strings.size(), 31u);
  EXPECT_EQ(words.strings[0], "zero");
  EXPECT_EQ(words.strings[1], "one");
}

TEST(RootTree, CabinetryInputsWrittenByUproot) {
  std::string dir = std::string(HF_DATA_DIR) + "/cabinetry/inputs/";
  for (const char *name : {"data.root", "prediction.root", "histograms.root"}) {
    SCOPED_TRACE(name);
    auto f = File::open(dir + name);
    int trees = 0;
    for (const KeyInfo &k : f->keys()) {
      if (k.className != "TTree")
        continue;
      Tree t = f->tree(k.name);
      for (const BranchInfo &b : t.branches()) {
        ASSERT_TRUE(b.unsupported.empty()) << b.name << ": " << b.unsupported;
        Column c = t.read(b.name);
        EXPECT_EQ(c.jagged() ? c.offsets.size() - 1 : c.values.size(), t.entryCount());
        for (double x : c.values)
          ASSERT_TRUE(std::isfinite(x));
      }
      ++trees;
    }
    if (std::string(name) != "histograms.root") {
      EXPECT_GE(trees, 1);
    }
  }
}

TEST(RootTree, UnknownBranchNamesTheBranchesThatExist) {
  Tree t = File::open(rootData("uproot-simple.root"))->tree("tree");
  try {
    t.read("four");
    FAIL();
  } catch (const InputError &e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("uproot-simple.root: error: tree: no branch 'four' (the tree has: one, two, three)"),
              std::string::npos)
        << msg;
  }
  EXPECT_THROW(File::open(rootData("uproot-histograms.root"))->tree("one"), InputError);
}

} // namespace
} // namespace hf::root
