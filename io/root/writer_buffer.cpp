//===- io/root/writer_buffer.cpp - Big-endian output ----------------------===//
#include "io/root/writer_buffer.h"

namespace hf::root {

void OutBuffer::tstring(std::string_view s) {
  if (s.size() < 255) {
    u8(static_cast<uint8_t>(s.size()));
  } else {
    u8(255);
    i32(static_cast<int32_t>(s.size()));
  }
  bytes.insert(bytes.end(), s.begin(), s.end());
}

} // namespace hf::root
