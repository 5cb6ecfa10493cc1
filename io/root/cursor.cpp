//===- io/root/cursor.cpp - Big-endian reads over a byte range -----------===//
#include "io/root/cursor.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <bit>

namespace hf::root {

void failAt(const Origin &origin, uint64_t pos, std::string_view what) {
  std::string where =
      origin.decompressed
          ? fmt::format("at byte {} of the uncompressed object whose key is at byte offset {}", pos,
                        origin.fileOffset)
          : fmt::format("at byte offset {}", origin.fileOffset + pos);
  throw InputError(fmt::format("{}: error: {}: {} ({})", origin.file, origin.object, what, where));
}

float Cursor::f32() { return std::bit_cast<float>(u32()); }
double Cursor::f64() { return std::bit_cast<double>(u64()); }

std::string Cursor::tstring() {
  std::size_t n = u8();
  if (n == 255) {
    int32_t len = i32();
    if (len < 0)
      fail("negative string length");
    n = static_cast<std::size_t>(len);
  }
  auto b = bytes(n);
  return std::string(b.begin(), b.end());
}

std::string Cursor::cstring() {
  std::size_t start = pos_;
  while (pos_ < data_.size() && data_[pos_] != 0)
    ++pos_;
  if (pos_ == data_.size())
    failAtPos(start, "unterminated class name");
  std::string s(data_.begin() + static_cast<std::ptrdiff_t>(start), data_.begin() + static_cast<std::ptrdiff_t>(pos_));
  ++pos_;
  return s;
}

std::size_t Cursor::count(std::size_t elementBytes, std::string_view what) {
  std::size_t at = pos_;
  int32_t n = i32();
  if (n < 0)
    failAtPos(at, fmt::format("negative length {} of {}", n, what));
  if (elementBytes > 0 && static_cast<std::size_t>(n) > remaining() / elementBytes)
    failAtPos(at, fmt::format("length {} of {} runs past the end of the data", n, what));
  return static_cast<std::size_t>(n);
}

} // namespace hf::root
