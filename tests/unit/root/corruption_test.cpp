//===- tests/unit/root/corruption_test.cpp - Damaged files never crash ---===//
//
// Every file of ../shared/data/root, truncated at 20 seeded random offsets
// and with bytes flipped at 20 seeded random places past the header, is
// read whole (keys recursively, every histogram, every readable branch):
// each attempt either succeeds (a flipped byte in a value is just another
// value) or ends in an InputError that names the file and a byte offset —
// never a crash, a hang or another exception.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/root.h"
#include "tests/unit/root/root_test_util.h"

#include <gtest/gtest.h>

#include <random>

namespace hf::root {
namespace {

void readEverything(const File &f, const std::string &dir) {
  for (const KeyInfo &k : f.keys(dir)) {
    std::string path = (dir.empty() ? k.name : dir + "/" + k.name) + ";" + std::to_string(k.cycle);
    if (k.isDirectory()) {
      readEverything(f, path.substr(0, path.rfind(';')));
    } else if (k.className.rfind("TH1", 0) == 0) {
      f.histogram(path);
    } else if (k.className == "TTree" || k.className == "TNtuple") {
      Tree t = f.tree(path);
      for (const BranchInfo &b : t.branches())
        if (b.unsupported.empty())
          t.read(b.name);
    }
  }
}

/// "" when reading succeeded, else the InputError's message.
std::string attempt(std::vector<uint8_t> bytes, const std::string &name) {
  try {
    auto f = File::openMemory(std::move(bytes), name);
    readEverything(*f, "");
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

TEST(RootCorruption, TruncatedAndFlippedFilesFailCleanly) {
  std::mt19937_64 rng(20261202);
  int errors = 0, runs = 0;
  for (const std::string &name : test::allRootFiles()) {
    SCOPED_TRACE(name);
    std::vector<uint8_t> bytes = test::readBytes(test::rootData(name));
    ASSERT_EQ(attempt(bytes, name), "") << "the intact file must read";
    for (int i = 0; i < 40; ++i) {
      std::vector<uint8_t> damaged = bytes;
      if (i < 20) {
        damaged.resize(std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng));
      } else {
        // Three flipped bytes past the file header, in keys and payloads.
        for (int k = 0; k < 3; ++k)
          damaged[std::uniform_int_distribution<std::size_t>(100, bytes.size() - 1)(rng)] ^=
              static_cast<uint8_t>(1 + rng() % 255);
      }
      std::string msg = attempt(std::move(damaged), name);
      ++runs;
      if (msg.empty())
        continue;
      ++errors;
      EXPECT_EQ(msg.rfind(name + ": error: ", 0), 0u) << msg;
      bool located = msg.find("byte offset") != std::string::npos || msg.find("not a ROOT file") != std::string::npos;
      EXPECT_TRUE(located) << msg;
    }
  }
  EXPECT_GT(runs, 1700);
  EXPECT_GT(errors, runs / 2); // every truncation is an error, many flips are
}

} // namespace
} // namespace hf::root
