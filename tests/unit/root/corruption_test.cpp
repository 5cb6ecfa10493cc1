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

#include <cstdio>
#include <cstdlib>
#include <random>
#include <sys/resource.h>

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
    f->streamerInfos();
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

/// A damaged copy of a data file: `bytes` (offset, new value) set; or, when
/// the fuzzer changed too much for that, the input it wrote, kept in
/// tests/unit/root/fuzz_findings (`file` is then its name there).
struct Finding {
  const char *file;
  bool stored;
  std::vector<std::pair<std::size_t, uint8_t>> bytes;
  const char *expected; ///< a part of the error message
};

/// Reads `bytes` in a process that may map no more than 1 GB (none under
/// AddressSanitizer, which reserves far more), then exits 0 when that gave
/// the expected InputError.
[[noreturn]] void readWithLittleMemory(const std::vector<uint8_t> &bytes, const Finding &f) {
#if !defined(__SANITIZE_ADDRESS__)
  rlimit limit{1u << 30, 1u << 30};
  setrlimit(RLIMIT_AS, &limit);
#endif
  std::string msg = attempt(bytes, f.file);
  bool ok = msg.find(f.expected) != std::string::npos && msg.rfind(std::string(f.file) + ": error: ", 0) == 0;
  std::fprintf(stderr, "%s\n", msg.c_str());
  std::_Exit(ok ? 0 : 1);
}

// What the libFuzzer target (tests/fuzz/root_reader_fuzz.cpp) found, each
// written as the data file it grew from plus the bytes it changed; each must
// stay a clean InputError.
TEST(RootCorruption, FuzzerFindingsFailCleanly) {
  const std::vector<Finding> findings{
      // A leaf claiming ~4e6 values per entry: the column (16 GB) was sized
      // from it before any basket was read.
      {"uproot-sample-6.20.04-uncompressed.root", false,
       {{9600, 0361}, {10279, 0}, {10283, 0}, {45277, 4}, {67042, 0114}, {67043, 0157}, {67044, 0157}, {67045, 0160}},
       "need more than the"},
      // fMaxBaskets damaged to ~4e8 (one byte): the three basket tables were
      // allocated (3.4 GB, 5 s) before the record was found too short.
      {"uproot-sample-6.20.04-uncompressed.root", false,
       {{4662, 073}, {10210, 044}, {12083, 04}, {23581, 0204}, {51276, 032}, {55635, 0236}, {55639, 0}},
       "fBasketBytes runs past the end of the record"},
      // A TBranch whose fBasketEntry table is absent (flag byte 0) while
      // fWriteBasket > 0: the missing table was indexed (a null read).
      {"basket-table-absent.root", true, {}, "a branch pointer refers back to an earlier object"},
  };
  for (const Finding &f : findings) {
    SCOPED_TRACE(f.file);
    std::vector<uint8_t> bytes =
        test::readBytes(f.stored ? std::string(HF_ROOT_FINDINGS_DIR) + "/" + f.file : test::rootData(f.file));
    for (auto [at, value] : f.bytes) {
      ASSERT_LT(at, bytes.size());
      bytes[at] = value;
    }
    // Both findings were huge allocations ahead of the error: with 1 GB
    // of address space such an allocation is a bad_alloc (an abort), not a
    // slow success.
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(readWithLittleMemory(bytes, f), ::testing::ExitedWithCode(0), f.expected);
  }
}

} // namespace
} // namespace hf::root
