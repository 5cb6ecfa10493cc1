//===- io/root/file_impl.h - The open file: header, keys, payloads --------===//
//
// File::Impl is the physical layer: the mapped bytes, the file header, TKey
// headers, directory records and key lists, and an object's payload (raw
// or decompressed). Everything above it (th1.cpp, ttree.cpp, basket.cpp)
// reads objects through payload().
//
//===----------------------------------------------------------------------===//
#pragma once

#include "io/root/cursor.h"
#include "io/root/root.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace hf::root {

/// A TKey record header.
struct KeyHeader {
  uint64_t offset = 0; ///< where the key starts in the file
  int32_t nbytes = 0;  ///< key + stored payload
  int16_t version = 0;
  int32_t objlen = 0; ///< uncompressed payload length
  int16_t keylen = 0;
  int16_t cycle = 0;
  uint64_t seekKey = 0, seekPdir = 0;
  std::string className, name, title;
  uint32_t headerBytes = 0; ///< bytes the fields above take (a TBasket's own header follows)
  bool compressed() const { return objlen > nbytes - keylen; }
};

/// An object's uncompressed bytes and where they came from.
struct Payload {
  std::vector<uint8_t> owned; ///< the decompressed bytes (empty if stored raw)
  std::span<const uint8_t> data;
  Origin origin;
  uint32_t keylen = 0; ///< back-references count from the key's start
  Payload() = default;
  Payload(const Payload &) = delete; // a Cursor points at `origin`
  Payload &operator=(const Payload &) = delete;
};

struct File::Impl {
  std::string path;
  const uint8_t *base = nullptr;
  std::size_t size = 0;
  bool mapped = false;
  std::vector<uint8_t> memory; ///< openMemory's bytes
  std::weak_ptr<const File> self; ///< for the Trees it hands out, which keep it open

  int32_t version = 0;
  bool large = false;
  uint64_t begin = 0, end = 0, seekInfo = 0;
  int32_t nbytesName = 0, compress = 0, nbytesInfo = 0;

  ~Impl();
  std::span<const uint8_t> bytes() const { return {base, size}; }
  Origin originAt(uint64_t offset, std::string object) const { return Origin{path, std::move(object), offset, false}; }

  /// Parses the file header (after the bytes are in place).
  void readHeader();
  /// The TKey header at `offset`; `what` names it in errors.
  KeyHeader readKey(uint64_t offset, const std::string &what) const;
  /// The keys of the directory whose record is at `recordOffset`.
  std::vector<KeyHeader> directoryKeys(uint64_t recordOffset, const std::string &dirPath) const;
  /// The keys of directory `dirPath` ("" = top).
  std::vector<KeyHeader> keysAt(std::string_view dirPath) const;
  /// The key of `objectPath` (dirs, name, optional ;cycle; highest cycle by default).
  KeyHeader find(std::string_view objectPath) const;
  /// Fills `out` with the payload of `key` (decompressing it if needed).
  void payload(const KeyHeader &key, const std::string &objectPath, Payload &out) const;
};

/// Splits "dir/sub/name;cycle" into its directory path, name and cycle (0 = highest).
struct ObjectPath {
  std::string dir, name;
  int cycle = 0;
};
ObjectPath splitObjectPath(std::string_view path);

} // namespace hf::root
