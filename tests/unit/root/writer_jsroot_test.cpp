//===- tests/unit/root/writer_jsroot_test.cpp - jsroot reads what hfc wrote =//
//
// Files written by writeHistograms and writeTree, read by jsroot (an
// independent reader, through node and jsroot_dump.mjs), hold exactly the
// values written: edges, contents and sumw2 with flow bins; every entry of
// every branch type in every compression. Skipped (with the reason) when
// node or jsroot is not installed: scripts/setup.sh installs both.
//
//===----------------------------------------------------------------------===//
#include "io/root/writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

namespace hf::root {
namespace {

std::string tempPath(const std::string &name) {
  return (std::filesystem::temp_directory_path() / ("hfc_js_" + std::to_string(::getpid()) + "_" + name)).string();
}

/// Why jsroot cannot run here, or "" when it can.
std::string jsrootMissing() {
  if (std::string(HF_NODE).empty())
    return "node is not installed";
  if (!std::filesystem::exists(std::string(HF_JSROOT_DIR) + "/modules/main.mjs"))
    return "jsroot is not installed at " HF_JSROOT_DIR;
  return "";
}

/// jsroot_dump.mjs's JSON for `args`; a failed run fails the test.
nlohmann::json jsroot(const std::string &file, const std::string &args) {
  std::string cmd = std::string("'") + HF_NODE + "' '" + HF_JSROOT_DUMP + "' '" + HF_JSROOT_DIR + "' '" + file + "' " +
                    args + " 2>&1";
  FILE *p = popen(cmd.c_str(), "r");
  if (!p)
    throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;)
    out.append(buf, n);
  int status = pclose(p);
  if (status != 0)
    throw std::runtime_error("jsroot failed on " + file + ": " + out);
  return nlohmann::json::parse(out);
}

TEST(RootWriterJsroot, HistogramsReadByJsroot) {
  if (std::string why = jsrootMissing(); !why.empty())
    GTEST_SKIP() << why;
  std::vector<HistogramToWrite> in;
  auto add = [&](std::string path, std::vector<double> edges, std::vector<double> contents,
                 std::vector<double> sumw2, std::string title) {
    Histogram h;
    h.title = std::move(title);
    h.edges = std::move(edges);
    h.contents = std::move(contents);
    h.sumw2 = std::move(sumw2);
    h.entries = 17;
    in.push_back({std::move(path), std::move(h)});
  };
  add("top", {0, 1, 2, 3}, {1, 2, 3, 4, 5}, {1, 4, 9, 16, 25}, "fixed bins");
  add("SR/ttbar/nominal", {0, 10, 30, 100}, {0.5, 2.25, 3, 4, 0}, {0.1, 0.2, 0.3, 0.4, 0.5}, "variable bins");
  std::vector<double> big(402), bigw(402), bigEdges(401); // compressed on disk
  for (std::size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<double>(i % 11) * 0.75, bigw[i] = big[i] * 1.5;
  for (std::size_t i = 0; i < bigEdges.size(); ++i)
    bigEdges[i] = -2 + 0.01 * static_cast<double>(i);
  add("SR/ttbar/up", bigEdges, big, bigw, "");
  std::string path = tempPath("h.root");
  writeHistograms(path, in);
  std::string args = "hist";
  for (const HistogramToWrite &h : in)
    args += " '" + h.path + "'";
  nlohmann::json got = jsroot(path, args);
  std::filesystem::remove(path);
  for (const HistogramToWrite &h : in) {
    SCOPED_TRACE(h.path);
    const nlohmann::json &j = got.at(h.path);
    EXPECT_EQ(j.at("className"), "TH1D");
    EXPECT_EQ(j.at("title"), h.histogram.title);
    EXPECT_EQ(j.at("entries"), 17);
    EXPECT_EQ(j.at("contents").get<std::vector<double>>(), h.histogram.contents);
    EXPECT_EQ(j.at("sumw2").get<std::vector<double>>(), h.histogram.sumw2);
    auto edges = j.at("edges").get<std::vector<double>>();
    ASSERT_EQ(edges.size(), h.histogram.edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i)
      EXPECT_NEAR(edges[i], h.histogram.edges[i], 1e-12);
  }
}

TEST(RootWriterJsroot, TreesReadByJsrootInEveryCompression) {
  if (std::string why = jsrootMissing(); !why.empty())
    GTEST_SKIP() << why;
  std::size_t n = 5003;
  std::vector<BranchToWrite> in;
  std::vector<LeafType> types{LeafType::Double, LeafType::Float,  LeafType::Int32, LeafType::UInt32,
                              LeafType::Int64,  LeafType::UInt64, LeafType::Int16, LeafType::UInt16,
                              LeafType::Int8,   LeafType::UInt8,  LeafType::Bool};
  for (LeafType t : types)
    in.push_back({"b" + std::to_string(in.size()), t, {}});
  for (std::size_t i = 0; i < n; ++i) {
    double x = std::sin(0.01 * static_cast<double>(i)) * 100;
    int k = static_cast<int>(i);
    in[0].values.push_back(x);
    in[1].values.push_back(static_cast<float>(x));
    in[2].values.push_back(k - 2500);
    in[3].values.push_back(k * 3);
    // jsroot 7.11 decodes a negative Int64 below -2^31 wrongly (~ of the
    // low word is taken as a signed 32-bit number); keep negatives above it.
    in[4].values.push_back(k % 2 ? -static_cast<double>(k) * 1e5 : static_cast<double>(k) * 1e9);
    in[5].values.push_back(static_cast<double>(k) * 1e9);
    in[6].values.push_back(k % 600 - 300);
    in[7].values.push_back(k % 60000);
    in[8].values.push_back(k % 200 - 100);
    in[9].values.push_back(k % 256);
    in[10].values.push_back(k % 3 == 0);
  }
  std::string args = "tree events";
  for (const BranchToWrite &b : in)
    args += " " + b.name;
  int c = 0;
  for (Compression comp : {Compression::None, Compression::Zlib, Compression::Lzma, Compression::Lz4,
                           Compression::Zstd}) {
    SCOPED_TRACE(c);
    std::string path = tempPath("t" + std::to_string(c++) + ".root");
    writeTree(path, "events", in, comp, 1, 4000);
    nlohmann::json got = jsroot(path, args);
    std::filesystem::remove(path);
    EXPECT_EQ(got.at("entries"), n);
    for (const BranchToWrite &b : in)
      EXPECT_EQ(got.at("branches").at(b.name).get<std::vector<double>>(), b.values) << b.name;
  }
}

} // namespace
} // namespace hf::root
