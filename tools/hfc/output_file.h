//===- tools/hfc/output_file.h - Writing result files whole or not at all -===//
#pragma once

#include <string>

namespace hf::cli {

/// Writes `text` to `path` atomically: a reader never sees half a file and
/// a failure leaves any old file in place. InputError when it cannot.
void writeFileAtomically(const std::string &path, const std::string &text);

} // namespace hf::cli
