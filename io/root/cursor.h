//===- io/root/cursor.h - Big-endian reads over a byte range -------------===//
//
// Everything in a ROOT file is big-endian. A Cursor reads numbers, TStrings
// and raw byte ranges from one buffer (a slice of the mapped file, or an
// object's decompressed payload) and bound-checks every read: running off
// the end is an InputError that names the file, the object and the byte
// offset, never a read past the buffer.
//
// Object back-references count positions from the start of the object's key
// (key length + index into the payload), so a cursor carries that origin.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hf::root {

/// Where a buffer came from, for error messages.
struct Origin {
  std::string file;        ///< the file's path
  std::string object;      ///< the object path (or "file header", "directory ...")
  uint64_t fileOffset = 0; ///< file offset of the buffer's first byte, or of its key
  bool decompressed = false; ///< true: the buffer is a payload unpacked from the key at fileOffset
};

/// Throws the reader's InputError: "FILE: error: OBJECT: WHAT (at ...)".
[[noreturn]] void failAt(const Origin &origin, uint64_t pos, std::string_view what);

class Cursor {
public:
  Cursor(std::span<const uint8_t> data, const Origin &origin, uint32_t refOrigin = 0)
      : data_(data), origin_(&origin), refOrigin_(refOrigin) {}

  std::size_t pos() const { return pos_; }
  std::size_t size() const { return data_.size(); }
  std::size_t remaining() const { return data_.size() - pos_; }
  const Origin &origin() const { return *origin_; }
  /// The key-relative position that back-references use.
  uint32_t refPos() const { return static_cast<uint32_t>(pos_) + refOrigin_; }
  uint32_t refOrigin() const { return refOrigin_; }

  void seek(std::size_t pos) {
    if (pos > data_.size())
      fail("offset past the end of the data");
    pos_ = pos;
  }
  void skip(std::size_t n) { need(n), pos_ += n; }

  uint8_t u8() { return need(1), data_[pos_++]; }
  uint16_t u16() { return static_cast<uint16_t>(be(2)); }
  uint32_t u32() { return static_cast<uint32_t>(be(4)); }
  uint64_t u64() { return be(8); }
  int8_t i8() { return static_cast<int8_t>(u8()); }
  int16_t i16() { return static_cast<int16_t>(u16()); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  float f32();
  double f64();
  bool boolean() { return u8() != 0; }
  /// A TString: u8 length (255: then an i32 length), then the bytes.
  std::string tstring();
  /// A NUL-terminated string (class names after a new-class tag).
  std::string cstring();
  std::span<const uint8_t> bytes(std::size_t n) {
    need(n);
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  /// An i32 count that must be >= 0 and fit `elementBytes`-sized elements in
  /// what is left; `what` names the array in the error.
  std::size_t count(std::size_t elementBytes, std::string_view what);

  [[noreturn]] void fail(std::string_view what) const { failAt(*origin_, pos_, what); }
  [[noreturn]] void failAtPos(std::size_t pos, std::string_view what) const { failAt(*origin_, pos, what); }

private:
  void need(std::size_t n) const {
    if (n > data_.size() - pos_)
      fail("unexpected end of data (truncated or corrupted file)");
  }
  uint64_t be(int n) {
    need(static_cast<std::size_t>(n));
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v = (v << 8) | data_[pos_ + static_cast<std::size_t>(i)];
    pos_ += static_cast<std::size_t>(n);
    return v;
  }

  std::span<const uint8_t> data_;
  const Origin *origin_;
  uint32_t refOrigin_;
  std::size_t pos_ = 0;
};

/// Big-endian decoding of a number at `p` (no bound check: the caller has one).
inline uint64_t loadBE(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v = (v << 8) | p[i];
  return v;
}

} // namespace hf::root
