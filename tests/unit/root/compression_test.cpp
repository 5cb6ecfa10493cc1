//===- tests/unit/root/compression_test.cpp - ROOT's block formats --------===//
//
// Every codec round-trips through compressBlock/decompress; a record of two
// blocks (as ROOT writes payloads over 16 MiB) decodes whole; damaged
// blocks (unknown magic, a bad LZ4 checksum, sizes that do not add up,
// corrupted data) are InputErrors with a byte offset.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/compression.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace hf::root {
namespace {

std::vector<uint8_t> sample(std::size_t n) {
  std::vector<uint8_t> v(n);
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = static_cast<uint8_t>(i % 17 == 0 ? rng() : i / 64);
  return v;
}

std::string errorOf(std::span<const uint8_t> src, std::size_t outSize) {
  Origin origin{"test.root", "obj", 1000, false};
  std::vector<uint8_t> out(outSize);
  try {
    decompress(src, out, origin, 0);
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

TEST(RootCompression, EveryCodecRoundTrips) {
  std::vector<uint8_t> src = sample(100000);
  for (int alg : {1, 2, 4, 5}) {
    SCOPED_TRACE(alg);
    std::vector<uint8_t> block;
    ASSERT_TRUE(compressBlock(src, alg, alg == 2 ? 6 : 1, block));
    EXPECT_LT(block.size(), src.size());
    std::vector<uint8_t> out(src.size());
    Origin origin{"t", "o", 0, false};
    decompress(block, out, origin, 0);
    EXPECT_EQ(out, src);
  }
}

TEST(RootCompression, MultiBlockPayload) {
  std::vector<uint8_t> a = sample(5000), b = sample(7000);
  std::vector<uint8_t> blocks;
  ASSERT_TRUE(compressBlock(a, 1, 6, blocks));
  ASSERT_TRUE(compressBlock(b, 4, 1, blocks)); // codecs may differ per block
  std::vector<uint8_t> out(a.size() + b.size());
  Origin origin{"t", "o", 0, false};
  decompress(blocks, out, origin, 0);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), out.begin()));
  EXPECT_TRUE(std::equal(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>(a.size())));
  // One byte short of the second block: the record is truncated.
  std::vector<uint8_t> cut(blocks.begin(), blocks.end() - 1);
  EXPECT_NE(errorOf(cut, out.size()).find("runs past the end of the record"), std::string::npos);
  // Asking for more than the blocks hold.
  EXPECT_NE(errorOf(blocks, out.size() + 10).find("compressed data ends"), std::string::npos);
}

TEST(RootCompression, DamagedBlocksAreInputErrorsWithOffsets) {
  std::vector<uint8_t> src = sample(20000), block;
  ASSERT_TRUE(compressBlock(src, 4, 1, block));
  std::vector<uint8_t> bad = block;
  bad[20] ^= 0xFF; // inside the LZ4 data: the checksum no longer matches
  std::string msg = errorOf(bad, src.size());
  EXPECT_NE(msg.find("checksum (xxhash64) mismatch"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.root: error: obj:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("at byte offset 1000"), std::string::npos) << msg;
  bad = block;
  bad[0] = 'Q';
  EXPECT_NE(errorOf(bad, src.size()).find("unknown compression algorithm"), std::string::npos);
  // zlib (Adler-32) and lzma (CRC32) notice damage anywhere; ROOT's zstd
  // frames carry no checksum, so damage their frame header.
  for (int alg : {1, 2, 5}) {
    std::vector<uint8_t> b;
    ASSERT_TRUE(compressBlock(src, alg, 1, b));
    b[alg == 5 ? 9 : b.size() / 2] ^= 0x5A;
    EXPECT_NE(errorOf(b, src.size()), "") << alg;
  }
}

TEST(RootCompression, IncompressibleDataIsLeftRaw) {
  std::vector<uint8_t> noise(300);
  std::mt19937 rng(1);
  for (auto &x : noise)
    x = static_cast<uint8_t>(rng());
  std::vector<uint8_t> out;
  EXPECT_FALSE(compressBlock(noise, 1, 1, out));
  EXPECT_TRUE(out.empty());
}

} // namespace
} // namespace hf::root
