//===- io/root/compression.h - ROOT's compressed block formats ------------===//
//
// A compressed ROOT record is one or more blocks, each a 9-byte header
// (2-byte magic, method byte, 24-bit little-endian compressed and
// uncompressed sizes) and the codec's data. The codec is read from each
// block's magic, never from the file's or branch's fCompress setting.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "io/root/cursor.h"

#include <cstdint>
#include <span>
#include <vector>

namespace hf::root {

/// Unpacks the blocks of `src` into exactly `dst.size()` bytes. Errors
/// (unknown magic, sizes that do not add up, a codec's failure, an LZ4
/// checksum mismatch) are InputErrors at `origin`, position `srcPos` + the
/// block's offset in `src`.
void decompress(std::span<const uint8_t> src, std::span<uint8_t> dst, const Origin &origin,
                uint64_t srcPos);

/// Checks, before anything is allocated, that the block headers of `src`
/// add up to `total` uncompressed bytes (a corrupted size would otherwise
/// ask for gigabytes).
void checkBlockSizes(std::span<const uint8_t> src, std::size_t total, const Origin &origin, uint64_t srcPos);

/// One compressed block of `src` in the format ROOT writes (header included)
/// for the codec of writer.h's Compression; `algorithm` is 1 zlib, 2 lzma,
/// 4 lz4, 5 zstd. Returns false when the block would not be smaller than
/// `src` (ROOT then stores the record raw). `src` must be <= 0xFFFFFF bytes.
bool compressBlock(std::span<const uint8_t> src, int algorithm, int level, std::vector<uint8_t> &out);

} // namespace hf::root
