//===- io/root/objects.cpp - How ROOT frames objects inside a payload -----===//
#include "io/root/objects.h"

#include <fmt/format.h>

namespace hf::root {

Frame readFrame(Cursor &c, std::string_view what) {
  Frame f;
  f.start = c.pos();
  uint32_t bc = c.u32();
  if (bc & kByteCountMask) {
    uint32_t n = bc & ~kByteCountMask;
    if (n < 2 || n > c.remaining())
      c.failAtPos(f.start, fmt::format("{}: byte count {} does not fit the data", what, n));
    f.end = f.start + 4 + n;
    f.version = c.u16();
  } else {
    // No byte count (objects written before ROOT 3): the first 2 bytes are
    // the version. Without a length, nothing can be skipped safely later.
    c.seek(f.start);
    f.end = SIZE_MAX;
    f.version = c.u16();
  }
  return f;
}

void endFrame(Cursor &c, const Frame &f, std::string_view what, bool exact) {
  if (f.end == SIZE_MAX)
    return;
  if (c.pos() > f.end)
    c.fail(fmt::format("{} (version {}) is longer than its byte count says ({} bytes past its end)", what,
                       f.version, c.pos() - f.end));
  if (exact && c.pos() != f.end)
    c.fail(fmt::format("{} (version {}) has {} bytes more than this reader understands", what, f.version,
                       f.end - c.pos()));
  c.seek(f.end);
}

void skipFramed(Cursor &c, std::string_view what) {
  Frame f = readFrame(c, what);
  if (f.end == SIZE_MAX)
    c.failAtPos(f.start, fmt::format("{} has no byte count and cannot be skipped", what));
  c.seek(f.end);
}

void readTObject(Cursor &c) {
  uint16_t version = c.u16();
  if (version & 0x4000)
    c.skip(4);
  c.u32(); // fUniqueID
  uint32_t bits = c.u32();
  if (bits & 0x10) // kIsReferenced: the process id follows
    c.u16();
}

Named readTNamed(Cursor &c) {
  Frame f = readFrame(c, "TNamed");
  readTObject(c);
  Named n;
  n.name = c.tstring();
  n.title = c.tstring();
  endFrame(c, f, "TNamed", true);
  return n;
}

namespace {
template <typename Read>
std::vector<double> readArray(Cursor &c, std::size_t bytes, std::string_view what, Read read) {
  std::size_t n = c.count(bytes, what);
  std::vector<double> v(n);
  for (double &x : v)
    x = read();
  return v;
}
} // namespace

std::vector<double> readArrayD(Cursor &c, std::string_view what) {
  return readArray(c, 8, what, [&] { return c.f64(); });
}
std::vector<double> readArrayF(Cursor &c, std::string_view what) {
  return readArray(c, 4, what, [&] { return static_cast<double>(c.f32()); });
}
std::vector<double> readArrayI(Cursor &c, std::string_view what) {
  return readArray(c, 4, what, [&] { return static_cast<double>(c.i32()); });
}
std::vector<double> readArrayS(Cursor &c, std::string_view what) {
  return readArray(c, 2, what, [&] { return static_cast<double>(c.i16()); });
}
std::vector<double> readArrayC(Cursor &c, std::string_view what) {
  return readArray(c, 1, what, [&] { return static_cast<double>(c.i8()); });
}

ObjectPtr readObjectPtr(Cursor &c, RefMap &refs) {
  ObjectPtr p;
  std::size_t beg = c.pos();
  uint32_t begRef = c.refPos();
  uint32_t w = c.u32();
  uint32_t tag = w;
  uint32_t tagRef = 0;
  bool counted = false;
  if ((w & kByteCountMask) && w != kNewClassTag) {
    uint32_t n = w & ~kByteCountMask;
    if (n < 4 || n > c.remaining())
      c.failAtPos(beg, fmt::format("object byte count {} does not fit the data", n));
    p.end = beg + 4 + n;
    counted = true;
    tagRef = c.refPos();
    tag = c.u32();
  }
  if (!(tag & kClassMask)) {
    if (tag == 0 && !counted)
      return p; // null pointer
    if (counted) {
      // A counted reference is not written by ROOT; skip it as uproot does.
      c.seek(p.end);
      return p;
    }
    p.kind = ObjectPtr::BackRef;
    p.ref = tag;
    return p;
  }
  p.kind = ObjectPtr::New;
  if (tag == kNewClassTag) {
    p.className = c.cstring();
    if (p.className.empty() || p.className.size() > 200)
      c.failAtPos(beg, "malformed class name in an object pointer");
    refs.classes[counted ? tagRef + kMapOffset : begRef + kMapOffset] = p.className;
  } else {
    auto it = refs.classes.find(tag & ~kClassMask);
    if (it == refs.classes.end())
      c.failAtPos(beg, fmt::format("object pointer refers to an unknown class (tag 0x{:08x})", tag));
    p.className = it->second;
  }
  p.mapKey = begRef + kMapOffset;
  return p;
}

void skipObject(Cursor &c, const ObjectPtr &p) {
  if (p.kind != ObjectPtr::New)
    return;
  if (p.end == SIZE_MAX)
    c.fail(fmt::format("a {} without a byte count cannot be skipped", p.className));
  c.seek(p.end);
}

} // namespace hf::root
