//===- io/root/streamer_info.cpp - The StreamerInfo record, read ----------===//
//
// The record at the header's fSeekInfo is a TList of TStreamerInfo objects
// (one per class version the file's objects use), each a TNamed (the class
// name), its checksum and version, and a TObjArray of TStreamerElements;
// ROOT appends a TList of schema-evolution rules, which is skipped. The
// reader of histograms and trees never needs this (their layouts are
// hard-coded per version); it is read to describe a file, and to test that
// what hfc's writer declares matches what ROOT itself writes.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/file_impl.h"
#include "io/root/objects.h"

#include <fmt/format.h>

namespace hf::root {

namespace {

/// A TStreamerElement subclass: its own frame around the TStreamerElement
/// frame, then the subclass's members (a plain TStreamerElement, as RooFit
/// classes have, is the inner frame alone).
StreamerElement readElement(Cursor &c, const ObjectPtr &p) {
  StreamerElement e;
  e.kind = p.className;
  bool plain = e.kind == "TStreamerElement";
  bool stlString = e.kind == "TStreamerSTLstring"; // derives from TStreamerSTL: one frame more
  Frame outer = plain ? Frame{} : readFrame(c, e.kind);
  Frame stl = stlString ? readFrame(c, "TStreamerSTL") : Frame{};
  Frame base = readFrame(c, "TStreamerElement");
  if (base.version < 2)
    c.failAtPos(base.start, fmt::format("TStreamerElement version {} is not supported (2-4 are)", base.version));
  Named n = readTNamed(c);
  e.name = std::move(n.name);
  e.title = std::move(n.title);
  e.type = c.i32();
  e.size = c.i32();
  e.arrayLength = c.i32();
  e.arrayDim = c.i32();
  for (int32_t &m : e.maxIndex)
    m = c.i32();
  e.typeName = c.tstring();
  endFrame(c, base, "TStreamerElement", true);
  if (e.kind == "TStreamerBase" && outer.version >= 2) {
    e.baseVersion = c.i32();
  } else if (e.kind == "TStreamerBasicPointer" || e.kind == "TStreamerLoop") {
    e.countVersion = c.i32();
    e.countName = c.tstring();
    e.countClass = c.tstring();
  } else if (e.kind == "TStreamerSTL" || e.kind == "TStreamerSTLstring") {
    e.stlType = c.i32();
    e.ctype = c.i32();
  }
  // Subclasses with members of their own not listed above (TStreamerSTLstring
  // in some versions, TStreamerArtificial) are skipped by the byte count.
  if (stlString)
    endFrame(c, stl, "TStreamerSTL");
  if (!plain)
    endFrame(c, outer, e.kind);
  return e;
}

/// A TStreamerInfo object (after its pointer).
StreamerInfo readInfo(Cursor &c, RefMap &refs) {
  StreamerInfo info;
  Frame f = readFrame(c, "TStreamerInfo");
  Named n = readTNamed(c);
  info.className = std::move(n.name);
  info.checksum = c.u32();
  info.classVersion = c.i32();
  ObjectPtr elements = readObjectPtr(c, refs);
  if (elements.kind == ObjectPtr::New) {
    if (elements.className != "TObjArray")
      c.fail(fmt::format("TStreamerInfo of {}: its elements are a {}, not a TObjArray", info.className,
                         elements.className));
    Frame arr = readFrame(c, "TObjArray");
    readTObject(c);
    c.tstring(); // fName
    std::size_t count = c.count(4, "TObjArray");
    c.i32(); // fLowerBound
    for (std::size_t i = 0; i < count; ++i) {
      ObjectPtr p = readObjectPtr(c, refs);
      if (p.kind != ObjectPtr::New)
        c.fail(fmt::format("TStreamerInfo of {}: element {} is not an object", info.className, i));
      if (p.className.rfind("TStreamer", 0) != 0)
        c.fail(fmt::format("TStreamerInfo of {}: element {} is a {}", info.className, i, p.className));
      info.elements.push_back(readElement(c, p));
      if (p.end != SIZE_MAX && c.pos() != p.end)
        c.fail(fmt::format("TStreamerInfo of {}: element {} does not end where its byte count says",
                           info.className, i));
    }
    endFrame(c, arr, "TObjArray");
    skipObject(c, elements);
  }
  endFrame(c, f, "TStreamerInfo", true);
  return info;
}

} // namespace

std::vector<StreamerInfo> File::streamerInfos() const {
  std::vector<StreamerInfo> out;
  if (impl_->seekInfo == 0)
    return out;
  KeyHeader key = impl_->readKey(impl_->seekInfo, "StreamerInfo");
  Payload p;
  impl_->payload(key, "StreamerInfo", p);
  Cursor c(p.data, p.origin, p.keylen);
  RefMap refs;
  Frame list = readFrame(c, "TList");
  readTObject(c);
  c.tstring(); // fName
  std::size_t count = c.count(5, "TList");
  for (std::size_t i = 0; i < count; ++i) {
    ObjectPtr ptr = readObjectPtr(c, refs);
    if (ptr.kind == ObjectPtr::New && ptr.className == "TStreamerInfo") {
      out.push_back(readInfo(c, refs));
      if (ptr.end != SIZE_MAX && c.pos() != ptr.end)
        c.fail(fmt::format("TStreamerInfo of {} does not end where its byte count says", out.back().className));
    } else {
      skipObject(c, ptr); // the list of schema-evolution rules
    }
    c.skip(c.u8()); // the entry's option string
  }
  endFrame(c, list, "TList");
  return out;
}

} // namespace hf::root
