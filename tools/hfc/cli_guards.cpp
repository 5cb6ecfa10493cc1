//===- tools/hfc/cli_guards.cpp - Command-line behaviour shared by every command -===//
#include "tools/hfc/cli_guards.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace hf::cli {

int finishStandardOutput() {
  std::cout.flush();
  errno = 0;
  // A full disk or a closed pipe shows only here: stdio buffers the output
  // and the write that fails may be the last one.
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
    int err = errno;
    fmt::print(stderr, "hfc: error: cannot write standard output: {}\n",
               err ? std::strerror(err) : "a write failed");
    return 1;
  }
  return 0;
}

} // namespace hf::cli
