//===- tests/unit/root/writer_test.cpp - Writing ROOT files ---------------===//
//
// Files written by writeHistograms read back through the reader with every
// value intact (fixed and variable axes, nested directories, flow bins,
// sumw2), and have the structure ROOT expects (header fields, the
// StreamerInfo key, keys and directory classes); a real histogram file
// (pyhf's example.root) survives a read-write-read round trip.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/writer.h"
#include "tests/unit/root/root_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace hf::root {
namespace {

std::string tempPath(const std::string &name) {
  return (std::filesystem::temp_directory_path() / ("hfc_root_" + std::to_string(::getpid()) + "_" + name)).string();
}

Histogram make(std::vector<double> edges, std::vector<double> contents, std::vector<double> sumw2) {
  Histogram h;
  h.title = "a title";
  h.edges = std::move(edges);
  h.contents = std::move(contents);
  h.sumw2 = std::move(sumw2);
  h.entries = 42;
  return h;
}

TEST(RootWriter, HistogramsReadBackExactly) {
  std::string path = tempPath("hists.root");
  std::vector<double> big(1002), bigw(1002), bigEdges(1001);
  for (std::size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<double>(i % 7) * 1.5, bigw[i] = big[i] * 0.25;
  for (std::size_t i = 0; i < bigEdges.size(); ++i)
    bigEdges[i] = -5 + 0.01 * static_cast<double>(i);
  std::vector<HistogramToWrite> in{
      {"top", make({0, 1, 2, 3}, {1, 2, 3, 4, 5}, {1, 4, 9, 16, 25})},
      {"SR/ttbar/nominal", make({0, 10, 30, 100}, {0.5, 2.25, 3, 4, 0}, {0.1, 0.2, 0.3, 0.4, 0.5})},
      {"SR/ttbar/up", make(bigEdges, big, bigw)},
      {"CR/data", make({-1, 1}, {0, 7, 0}, {0, 7, 0})},
  };
  writeHistograms(path, in);
  auto f = File::open(path);
  for (const HistogramToWrite &h : in) {
    SCOPED_TRACE(h.path);
    Histogram out = f->histogram(h.path);
    EXPECT_EQ(out.className, "TH1D");
    EXPECT_EQ(out.name, h.path.substr(h.path.rfind('/') + 1));
    EXPECT_EQ(out.title, "a title");
    EXPECT_EQ(out.contents, h.histogram.contents);
    EXPECT_EQ(out.sumw2, h.histogram.sumw2);
    EXPECT_TRUE(out.hasSumw2);
    EXPECT_EQ(out.entries, 42);
    ASSERT_EQ(out.edges.size(), h.histogram.edges.size());
    for (std::size_t i = 0; i < out.edges.size(); ++i)
      EXPECT_NEAR(out.edges[i], h.histogram.edges[i], 1e-12);
  }
  // Structure: the top directory, subdirectories as TDirectory keys, the
  // StreamerInfo record the header points at, zlib as the file default.
  std::vector<KeyInfo> top = f->keys();
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].name, "top");
  EXPECT_EQ(top[1].className, "TDirectory");
  EXPECT_EQ(f->keys("SR/ttbar").size(), 2u);
  EXPECT_LT(f->keys("SR/ttbar")[1].compressedBytes, f->keys("SR/ttbar")[1].objectBytes); // the big one is packed
  std::vector<uint8_t> bytes = test::readBytes(path);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "root");
  auto be32 = [&](std::size_t at) {
    return static_cast<uint32_t>(bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]);
  };
  EXPECT_EQ(be32(8), 100u);           // fBEGIN
  EXPECT_EQ(be32(12), bytes.size());  // fEND
  EXPECT_EQ(be32(33), 101u);          // fCompress: zlib, level 1
  uint32_t seekInfo = be32(37);
  EXPECT_EQ(std::string(bytes.begin() + seekInfo + 27, bytes.begin() + seekInfo + 32), "TList");
  std::filesystem::remove(path);
}

TEST(RootWriter, RoundTripOfARealFile) {
  auto src = File::open(test::rootData("pyhf/multichannel_histfactory/data/data.root"));
  std::vector<HistogramToWrite> all;
  for (const KeyInfo &k : src->keys())
    all.push_back({k.name, src->histogram(k.name)});
  std::string path = tempPath("roundtrip.root");
  writeHistograms(path, all);
  auto back = File::open(path);
  for (const HistogramToWrite &h : all) {
    Histogram out = back->histogram(h.path);
    EXPECT_EQ(out.contents, h.histogram.contents) << h.path;
    EXPECT_EQ(out.sumw2, h.histogram.sumw2) << h.path;
    EXPECT_EQ(out.edges, h.histogram.edges) << h.path;
  }
  std::filesystem::remove(path);
}

TEST(RootWriter, BadHistogramsAndPathsAreInputErrors) {
  std::string path = tempPath("bad.root");
  EXPECT_THROW(writeHistograms(path, {{"h", make({0, 1}, {1, 2}, {1, 2})}}), InputError); // 2 cells for 1 bin
  EXPECT_THROW(writeHistograms(path, {{"h", make({1, 0}, {0, 1, 0}, {0, 1, 0})}}), InputError);
  EXPECT_FALSE(std::filesystem::exists(path)); // nothing half-written
  EXPECT_THROW(writeHistograms("/nonexistent-dir/x.root", {{"h", make({0, 1}, {0, 1, 0}, {0, 1, 0})}}), InputError);
}

TEST(RootWriter, FlatTreesInEveryCompressionReadBack) {
  std::size_t n = 10007;
  std::vector<BranchToWrite> in{{"x", LeafType::Double, {}}, {"f", LeafType::Float, {}},
                                {"i", LeafType::Int32, {}}, {"u", LeafType::UInt64, {}},
                                {"b", LeafType::Bool, {}}, {"s", LeafType::Int16, {}}};
  for (std::size_t i = 0; i < n; ++i) {
    double x = std::sin(0.001 * static_cast<double>(i)) * 100;
    in[0].values.push_back(x);
    in[1].values.push_back(static_cast<float>(x));
    in[2].values.push_back(static_cast<double>(static_cast<int>(i) - 5000));
    in[3].values.push_back(static_cast<double>(i) * 1e6);
    in[4].values.push_back(i % 3 == 0);
    in[5].values.push_back(static_cast<double>(static_cast<int>(i % 600) - 300));
  }
  std::size_t rawSize = 0;
  int k = 0;
  for (Compression c : {Compression::None, Compression::Zlib, Compression::Lzma, Compression::Lz4, Compression::Zstd}) {
    SCOPED_TRACE(k);
    std::string path = tempPath("tree" + std::to_string(k) + ".root");
    writeTree(path, "events", in, c, 1, 8000);
    Tree t = File::open(path)->tree("events");
    EXPECT_EQ(t.entryCount(), n);
    ASSERT_EQ(t.branches().size(), in.size());
    for (const BranchToWrite &b : in) {
      EXPECT_EQ(t.read(b.name).values, b.values) << b.name;
      EXPECT_EQ(t.findBranch(b.name)->type, b.type);
    }
    EXPECT_EQ(t.basketCount("x"), (n + 999) / 1000); // 8000-byte baskets of doubles
    EXPECT_EQ(t.read("x", 995, 1005, 2).values,
              std::vector<double>(in[0].values.begin() + 995, in[0].values.begin() + 1005));
    // One TBasket key per basket; compressed files are smaller than the raw one.
    std::vector<uint8_t> bytes = test::readBytes(path);
    std::string text(bytes.begin(), bytes.end());
    std::size_t keys = 0, baskets = 0;
    for (std::size_t at = text.find("TBasket"); at != std::string::npos; at = text.find("TBasket", at + 1))
      ++keys;
    for (const BranchToWrite &b : in)
      baskets += t.basketCount(b.name);
    EXPECT_EQ(keys, baskets);
    if (k == 0)
      rawSize = bytes.size();
    else if (k != 3)
      EXPECT_LT(bytes.size(), rawSize * 0.9);
    else // LZ4 at level 1 does not shrink these doubles: such baskets stay raw, as ROOT leaves them
      EXPECT_LT(bytes.size(), rawSize * 1.02);
    std::filesystem::remove(path);
    ++k;
  }
  EXPECT_THROW(writeTree(tempPath("bad.root"), "t", {{"a", LeafType::Double, {1, 2}}, {"b", LeafType::Double, {1}}},
                         Compression::Zlib),
               InputError);
}

} // namespace
} // namespace hf::root
