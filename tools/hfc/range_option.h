//===- tools/hfc/range_option.h - "lo:hi:n" grids on the command line -----===//
//
// The grid options of the command line and the REPL (`scan --poi-range`,
// `limit --scan`) share one syntax and one message.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hf::cli {

/// "lo:hi:n" -> n evenly spaced values (runtime/profile_scan.h's grid);
/// InputError naming `where` (an option, or a REPL command) otherwise.
std::vector<double> parseRange(const std::string &text, const std::string &where);

/// "lo:hi" with lo < hi (`limit --range`); InputError naming `where` otherwise.
std::pair<double, double> parseBracket(const std::string &text, const std::string &where);

} // namespace hf::cli
