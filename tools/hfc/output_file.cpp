//===- tools/hfc/output_file.cpp - Writing result files whole or not at all ===//
#include "tools/hfc/output_file.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hf::cli {

// A temporary file in the same directory (so the rename stays on one file
// system), then rename(2).
void writeFileAtomically(const std::string &path, const std::string &text) {
  std::string pattern = path + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0)
    throw InputError(fmt::format("{}: error: cannot create a temporary file beside it: {}", path,
                                 std::strerror(errno)));
  const std::string tmp(name.data());
  // mkstemp creates the file 0600; give it the usual mode (umask applies).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw InputError(fmt::format("{}: error: cannot write: {}", path, std::strerror(err)));
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw InputError(fmt::format("{}: error: cannot write: {}", path, std::strerror(err)));
  }
}

} // namespace hf::cli
