//===- frontend/archive.h - Files inside tarballs: archive.tar.gz:member --===//
//
// HEPData serves a likelihood record as one tarball. Wherever hfc reads an
// input file (MODEL, --patch, --patchset, ...), "archive.tar.gz:path/inside"
// names a member of an archive, read without unpacking it (libarchive:
// tar, compressed with gzip, xz, bzip2, zstd or not, and zip).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>

namespace hf {

struct ArchivePath {
  std::string archive; ///< the archive file on disk
  std::string member;  ///< the path inside it
};

/// Splits "dir/x.tar.gz:a/b.json" into {"dir/x.tar.gz", "a/b.json"}. Nullopt
/// when `spec` names an existing file as it is, or has no ".tar.gz:",
/// ".tgz:", ".tar:", ".tar.xz:", ".tar.bz2:", ".tar.zst:" or ".zip:" in it.
std::optional<ArchivePath> splitArchivePath(const std::string &spec);

/// The bytes of one member. InputError when the archive cannot be read or
/// has no such member (the message lists the JSON members it has).
std::string readArchiveMember(const ArchivePath &path);

/// The number of members of an archive held in memory, read to its end (so
/// a truncated or damaged archive is found out). InputError naming `name`
/// when `bytes` is not a whole archive.
size_t archiveMemberCount(const std::string &bytes, const std::string &name);

} // namespace hf
