//===- io/root/writer_streamers.h - The StreamerInfo of written files -----===//
//
// Every file hfc writes carries the TStreamerInfo of each class whose
// objects it holds, and of the classes those are built from, as ROOT 6.26
// declares them (same versions, checksums and members): jsroot refuses a
// file without them, and ROOT and uproot use them for classes they do not
// know by heart.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hf::root {

/// The StreamerInfo record's payload: a TList of the TStreamerInfo of
/// `classes` and of every class they derive from or hold as members,
/// each once. Object positions count from a key of `keylen` bytes.
/// An InputError names a class this writer has no description of.
std::vector<uint8_t> streamerInfoRecord(const std::vector<std::string> &classes, uint32_t keylen);

} // namespace hf::root
