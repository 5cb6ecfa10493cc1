//===- bench/root_read.cpp - TTree reading throughput vs decompression ----===//
//
//   build/bench/root_read [ENTRIES] [DIR]
//
// Writes ENTRIES (default 10^6) x 4 double branches with writeTree (zlib
// level 1 and lz4, 32 kB baskets), then times, best of 5:
//   * raw decompression of the same baskets (walking the file's keys and
//     calling the block decoders, or copying a basket stored raw);
//   * Tree::read of all four branches into columns, on 1 and 2 threads.
// Prints MB/s of uncompressed column data and entries/s. A timing tool, not
// a test: nothing here asserts a speed.
//
//===----------------------------------------------------------------------===//
#include "io/root/compression.h"
#include "io/root/writer.h"

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>

using namespace hf::root;

namespace {

double bestOf(int runs, const std::function<void()> &fn) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

uint32_t be32(const uint8_t *p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

/// Decompresses every TBasket record of the file (laid out back to back
/// from byte 100, as writeTree writes them); returns the bytes produced.
std::size_t decompressAllBaskets(const std::vector<uint8_t> &file, std::vector<uint8_t> &buffer) {
  Origin origin{"bench", "basket", 0, false};
  std::size_t produced = 0, end = be32(file.data() + 12);
  for (std::size_t at = 100; at + 30 < end;) {
    const uint8_t *k = file.data() + at;
    uint32_t nbytes = be32(k), objlen = be32(k + 6);
    uint16_t version = static_cast<uint16_t>(k[4] << 8 | k[5]), keylen = static_cast<uint16_t>(k[14] << 8 | k[15]);
    std::size_t cls = at + (version > 1000 ? 34 : 26);
    if (nbytes == 0)
      break;
    if (file[cls] == 7 && std::memcmp(file.data() + cls + 1, "TBasket", 7) == 0) {
      buffer.resize(objlen);
      if (objlen > nbytes - keylen) // compressed; a raw basket (incompressible data) is copied
        decompress(std::span<const uint8_t>(file.data() + at + keylen, nbytes - keylen), buffer, origin, 0);
      else
        std::memcpy(buffer.data(), file.data() + at + keylen, objlen);
      produced += objlen;
    }
    at += nbytes;
  }
  return produced;
}

} // namespace

int main(int argc, char **argv) {
  std::size_t entries = argc > 1 ? std::stoul(argv[1]) : 1000000;
  std::string dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path().string();
  std::mt19937_64 rng(1);
  std::normal_distribution<double> gauss(0, 1);
  std::exponential_distribution<double> expo(0.02);
  std::vector<BranchToWrite> branches{{"pt", LeafType::Double, {}}, {"eta", LeafType::Double, {}},
                                      {"phi", LeafType::Double, {}}, {"weight", LeafType::Double, {}}};
  for (auto &b : branches)
    b.values.resize(entries);
  for (std::size_t i = 0; i < entries; ++i) {
    branches[0].values[i] = 20 + expo(rng);
    branches[1].values[i] = 2.5 * gauss(rng);
    branches[2].values[i] = std::fmod(10 * gauss(rng), 3.14159);
    branches[3].values[i] = 1.0 + 0.01 * static_cast<double>(i % 17); // compressible, like real weights
  }
  double mb = static_cast<double>(entries) * 4 * 8 / 1e6;
  fmt::print("{} entries x 4 double branches = {:.1f} MB of column data\n", entries, mb);
  fmt::print("{:<8} {:>9} {:>13} {:>13} {:>13} {:>16} {:>9}\n", "codec", "file MB", "decomp MB/s", "read 1T MB/s",
             "read 2T MB/s", "read 1T entry/s", "1T/decomp");
  for (auto [name, c] : {std::pair{"zlib-1", Compression::Zlib}, {"lz4-1", Compression::Lz4}}) {
    std::string path = dir + "/hfc_root_bench_" + name + ".root";
    writeTree(path, "bench", branches, c, 1, 32000);
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
    std::vector<uint8_t> buffer;
    std::size_t produced = 0;
    double tDecomp = bestOf(5, [&] { produced = decompressAllBaskets(bytes, buffer); });
    auto file = File::open(path);
    Tree tree = file->tree("bench");
    auto readAll = [&](unsigned threads) {
      for (const auto &b : branches) {
        Column col = tree.read(b.name, 0, entries, threads);
        if (col.values.size() != entries)
          throw std::runtime_error("short read");
      }
    };
    double t1 = bestOf(5, [&] { readAll(1); });
    double t2 = bestOf(5, [&] { readAll(2); });
    fmt::print("{:<8} {:>9.1f} {:>13.0f} {:>13.0f} {:>13.0f} {:>16.3g} {:>9.2f}\n", name, bytes.size() / 1e6,
               static_cast<double>(produced) / 1e6 / tDecomp, mb / t1, mb / t2, static_cast<double>(entries) / t1,
               t1 / tDecomp);
    std::filesystem::remove(path);
  }
}
