//===- io/root/writer_buffer.h - Big-endian output with byte-count frames -===//
//
// The writer's counterpart of Cursor: appends big-endian numbers, TStrings
// and arrays, and opens/closes object frames whose byte count is patched in
// when the frame closes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

namespace hf::root {

class OutBuffer {
public:
  std::vector<uint8_t> bytes;

  std::size_t size() const { return bytes.size(); }
  void u8(uint8_t v) { bytes.push_back(v); }
  void u16(uint16_t v) { be(v, 2); }
  void u32(uint32_t v) { be(v, 4); }
  void u64(uint64_t v) { be(v, 8); }
  void i16(int16_t v) { u16(static_cast<uint16_t>(v)); }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f32(float v) { u32(std::bit_cast<uint32_t>(v)); }
  void f64(double v) { u64(std::bit_cast<uint64_t>(v)); }
  void tstring(std::string_view s);
  void arrayD(const std::vector<double> &v) {
    i32(static_cast<int32_t>(v.size()));
    for (double x : v)
      f64(x);
  }
  void append(const std::vector<uint8_t> &v) { bytes.insert(bytes.end(), v.begin(), v.end()); }
  /// Starts `u32 bytecount | u16 version`; returns where to patch.
  std::size_t openFrame(uint16_t version) {
    std::size_t at = size();
    u32(0);
    u16(version);
    return at;
  }
  void closeFrame(std::size_t at) { patch32(at, 0x40000000u | static_cast<uint32_t>(size() - at - 4)); }
  void patch32(std::size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i)
      bytes[at + static_cast<std::size_t>(i)] = static_cast<uint8_t>(v >> (24 - 8 * i));
  }
  /// TObject (version 1, no unique id, the bits ROOT writes for a plain object).
  void tobject() {
    u16(1);
    u32(0);
    u32(0x03000000);
  }
  void tnamed(std::string_view name, std::string_view title) {
    std::size_t f = openFrame(1);
    tobject();
    tstring(name);
    tstring(title);
    closeFrame(f);
  }

private:
  void be(uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i)
      bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
};

} // namespace hf::root
