//===- io/root/compression.cpp - ROOT's compressed block formats ----------===//
//
// One function per codec, each a thin call into the Debian library:
//   ZL  zlib stream (RFC 1950)            zlib inflate
//   XZ  a complete .xz stream             liblzma lzma_stream_buffer_decode
//   L4  8-byte big-endian XXH64 + an LZ4 block   LZ4_decompress_safe, XXH64
//   ZS  one zstd frame                    ZSTD_decompress
// Each block's output must be exactly its stated uncompressed size, and the
// blocks together exactly the record's fObjlen.
//
//===----------------------------------------------------------------------===//
#include "io/root/compression.h"

#include <fmt/format.h>
#include <lz4.h>
#include <lz4hc.h>
#include <lzma.h>
#include <xxhash.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>

namespace hf::root {

namespace {

constexpr std::size_t kHeader = 9;

uint32_t le24(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16); }

/// Returns an empty string on success, else what the codec said.
std::string inflateZlib(std::span<const uint8_t> in, std::span<uint8_t> out) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK)
    return "zlib initialisation failed";
  zs.next_in = const_cast<Bytef *>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  std::size_t produced = out.size() - zs.avail_out;
  std::string msg = zs.msg ? zs.msg : "";
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    return fmt::format("zlib: {}", msg.empty() ? (rc == Z_BUF_ERROR || rc == Z_OK ? "data longer or shorter than stated" : "corrupted data") : msg);
  if (produced != out.size())
    return fmt::format("zlib: {} bytes decompressed, the block header says {}", produced, out.size());
  return {};
}

std::string decodeLzma(std::span<const uint8_t> in, std::span<uint8_t> out) {
  uint64_t memlimit = UINT64_MAX;
  std::size_t inPos = 0, outPos = 0;
  lzma_ret rc = lzma_stream_buffer_decode(&memlimit, 0, nullptr, in.data(), &inPos, in.size(), out.data(),
                                          &outPos, out.size());
  if (rc != LZMA_OK)
    return fmt::format("lzma: decoding failed (liblzma code {})", static_cast<int>(rc));
  if (outPos != out.size())
    return fmt::format("lzma: {} bytes decompressed, the block header says {}", outPos, out.size());
  return {};
}

std::string decodeLz4(std::span<const uint8_t> in, std::span<uint8_t> out) {
  if (in.size() < 8)
    return "lz4: block shorter than its checksum";
  uint64_t stored = 0;
  for (int i = 0; i < 8; ++i)
    stored = (stored << 8) | in[static_cast<std::size_t>(i)];
  auto data = in.subspan(8);
  if (XXH64(data.data(), data.size(), 0) != stored)
    return "lz4: checksum (xxhash64) mismatch";
  int n = LZ4_decompress_safe(reinterpret_cast<const char *>(data.data()), reinterpret_cast<char *>(out.data()),
                              static_cast<int>(data.size()), static_cast<int>(out.size()));
  if (n < 0)
    return "lz4: corrupted data";
  if (static_cast<std::size_t>(n) != out.size())
    return fmt::format("lz4: {} bytes decompressed, the block header says {}", n, out.size());
  return {};
}

std::string decodeZstd(std::span<const uint8_t> in, std::span<uint8_t> out) {
  std::size_t n = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(n))
    return fmt::format("zstd: {}", ZSTD_getErrorName(n));
  if (n != out.size())
    return fmt::format("zstd: {} bytes decompressed, the block header says {}", n, out.size());
  return {};
}

} // namespace

void decompress(std::span<const uint8_t> src, std::span<uint8_t> dst, const Origin &origin, uint64_t srcPos) {
  std::size_t in = 0, out = 0;
  while (out < dst.size()) {
    uint64_t at = srcPos + in;
    if (src.size() - in < kHeader)
      failAt(origin, at, fmt::format("compressed data ends after {} of {} bytes (truncated or corrupted)", out, dst.size()));
    const uint8_t *h = src.data() + in;
    std::size_t c = le24(h + 3), u = le24(h + 6);
    if (c > src.size() - in - kHeader)
      failAt(origin, at, fmt::format("compressed block of {} bytes runs past the end of the record", c));
    if (u > dst.size() - out || u == 0)
      failAt(origin, at, fmt::format("compressed block says {} bytes, {} remain of the object", u, dst.size() - out));
    auto blockIn = src.subspan(in + kHeader, c);
    auto blockOut = dst.subspan(out, u);
    std::string err;
    if (h[0] == 'Z' && h[1] == 'L')
      err = inflateZlib(blockIn, blockOut);
    else if (h[0] == 'X' && h[1] == 'Z')
      err = decodeLzma(blockIn, blockOut);
    else if (h[0] == 'L' && h[1] == '4')
      err = decodeLz4(blockIn, blockOut);
    else if (h[0] == 'Z' && h[1] == 'S')
      err = decodeZstd(blockIn, blockOut);
    else if (h[0] == 'C' && h[1] == 'S')
      err = "the legacy \"CS\" compression of ROOT 3 is not supported";
    else
      err = fmt::format("unknown compression algorithm (block magic 0x{:02x}{:02x})", h[0], h[1]);
    if (!err.empty())
      failAt(origin, at, err);
    in += kHeader + c;
    out += u;
  }
}

void checkBlockSizes(std::span<const uint8_t> src, std::size_t total, const Origin &origin, uint64_t srcPos) {
  std::size_t in = 0, out = 0;
  while (out < total) {
    if (src.size() - in < kHeader)
      failAt(origin, srcPos + in,
             fmt::format("compressed blocks hold {} of the object's {} bytes (truncated or corrupted)", out, total));
    std::size_t c = le24(src.data() + in + 3), u = le24(src.data() + in + 6);
    if (c > src.size() - in - kHeader || u == 0)
      failAt(origin, srcPos + in, fmt::format("compressed block of {} bytes runs past the end of the record", c));
    in += kHeader + c;
    out += u;
  }
  if (out != total)
    failAt(origin, srcPos, fmt::format("compressed blocks hold {} bytes, the key says {}", out, total));
}

bool compressBlock(std::span<const uint8_t> src, int algorithm, int level, std::vector<uint8_t> &out) {
  std::size_t start = out.size();
  out.resize(start + kHeader);
  std::size_t body = out.size();
  uint8_t magic0 = 0, magic1 = 0, method = 0;
  bool ok = false;
  switch (algorithm) {
  case 1: {
    magic0 = 'Z', magic1 = 'L', method = Z_DEFLATED;
    uLongf n = compressBound(static_cast<uLong>(src.size()));
    out.resize(body + n);
    ok = compress2(out.data() + body, &n, src.data(), static_cast<uLong>(src.size()), level) == Z_OK;
    out.resize(body + n);
    break;
  }
  case 2: {
    magic0 = 'X', magic1 = 'Z', method = 0;
    std::size_t n = lzma_stream_buffer_bound(src.size()), pos = 0;
    out.resize(body + n);
    ok = lzma_easy_buffer_encode(static_cast<uint32_t>(level), LZMA_CHECK_CRC32, nullptr, src.data(), src.size(),
                                 out.data() + body, &pos, n) == LZMA_OK;
    out.resize(body + pos);
    break;
  }
  case 4: {
    magic0 = 'L', magic1 = '4', method = LZ4_VERSION_MAJOR;
    int bound = LZ4_compressBound(static_cast<int>(src.size()));
    out.resize(body + 8 + static_cast<std::size_t>(bound));
    char *dst = reinterpret_cast<char *>(out.data() + body + 8);
    int n = level >= 4 ? LZ4_compress_HC(reinterpret_cast<const char *>(src.data()), dst, static_cast<int>(src.size()), bound, level)
                       : LZ4_compress_default(reinterpret_cast<const char *>(src.data()), dst, static_cast<int>(src.size()), bound);
    ok = n > 0;
    if (ok) {
      uint64_t sum = XXH64(dst, static_cast<std::size_t>(n), 0);
      for (int i = 0; i < 8; ++i)
        out[body + static_cast<std::size_t>(i)] = static_cast<uint8_t>(sum >> (56 - 8 * i));
      out.resize(body + 8 + static_cast<std::size_t>(n));
    }
    break;
  }
  case 5: {
    magic0 = 'Z', magic1 = 'S', method = 1;
    std::size_t bound = ZSTD_compressBound(src.size());
    out.resize(body + bound);
    std::size_t n = ZSTD_compress(out.data() + body, bound, src.data(), src.size(), level);
    ok = !ZSTD_isError(n);
    out.resize(body + (ok ? n : 0));
    break;
  }
  default:
    break;
  }
  std::size_t c = out.size() - body;
  if (!ok || c + kHeader >= src.size() || c > 0xFFFFFF) {
    out.resize(start);
    return false;
  }
  uint8_t *h = out.data() + start;
  h[0] = magic0, h[1] = magic1, h[2] = method;
  for (int i = 0; i < 3; ++i) {
    h[3 + i] = static_cast<uint8_t>(c >> (8 * i));
    h[6 + i] = static_cast<uint8_t>(src.size() >> (8 * i));
  }
  return true;
}

} // namespace hf::root
