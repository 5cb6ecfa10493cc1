//===- io/root/objects.h - How ROOT frames objects inside a payload -------===//
//
// The common pieces of every streamed class: the byte count + version frame,
// TObject, TNamed, TString, TArray*, and object pointers with their
// back-reference map (TObjArray elements, TLeaf::fLeafCount). Class versions
// are hard-coded per class in th1.cpp and ttree.cpp; every frame's byte
// count is checked, so a reader never wanders into the next object.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "io/root/cursor.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hf::root {

constexpr uint32_t kByteCountMask = 0x40000000;
constexpr uint32_t kNewClassTag = 0xFFFFFFFF;
constexpr uint32_t kClassMask = 0x80000000;
constexpr uint32_t kMapOffset = 2;

/// A byte count + version header: the object spans [start, end).
struct Frame {
  std::size_t start = 0;
  std::size_t end = 0; ///< SIZE_MAX when the object has no byte count (old files)
  uint16_t version = 0;
};

/// Reads `u32 bytecount | u16 version` (or a bare version in old files).
/// `what` names the class in errors.
Frame readFrame(Cursor &c, std::string_view what);
/// Moves to the end of `f`; an error when the cursor already passed it, or
/// when `exact` and there are bytes left over (a layout we misunderstood).
void endFrame(Cursor &c, const Frame &f, std::string_view what, bool exact = false);
/// Skips a whole framed object (TAttLine, TAttFill, ...).
void skipFramed(Cursor &c, std::string_view what);
/// TObject: version, fUniqueID, fBits (+ pidf when referenced).
void readTObject(Cursor &c);
struct Named {
  std::string name, title;
};
/// TNamed: frame, TObject, fName, fTitle.
Named readTNamed(Cursor &c);

/// TArrayD/F/I/S/C as a member (no frame): i32 n then n values, as doubles.
std::vector<double> readArrayD(Cursor &c, std::string_view what);
std::vector<double> readArrayF(Cursor &c, std::string_view what);
std::vector<double> readArrayI(Cursor &c, std::string_view what);
std::vector<double> readArrayS(Cursor &c, std::string_view what);
std::vector<double> readArrayC(Cursor &c, std::string_view what);

/// Positions of classes and objects already read, keyed as ROOT writes them
/// (key-relative position + kMapOffset).
struct RefMap {
  std::unordered_map<uint32_t, std::string> classes;
  std::unordered_map<uint32_t, std::size_t> objects; ///< to the reader's own index
};

/// What an object pointer refers to.
struct ObjectPtr {
  enum Kind { Null, New, BackRef } kind = Null;
  std::string className;  ///< New: the object's class
  std::size_t end = SIZE_MAX; ///< New: where the object ends (SIZE_MAX without a byte count)
  uint32_t mapKey = 0;    ///< New: the key under which later back-references find it
  uint32_t ref = 0;       ///< BackRef: the referenced position (look it up in RefMap::objects)
};
/// Reads an object pointer; for New, leaves the cursor at the object itself.
ObjectPtr readObjectPtr(Cursor &c, RefMap &refs);
/// Moves past the object a New pointer announced (error when it has no byte count).
void skipObject(Cursor &c, const ObjectPtr &p);

} // namespace hf::root
