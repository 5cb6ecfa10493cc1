//===- tools/hfc/output_file.cpp - Writing result files whole or not at all ===//
#include "tools/hfc/output_file.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hf::cli {

namespace {

/// `path` with every symbolic link of its last component followed (a
/// dangling link gives the file it would create), so the rename below
/// replaces the link's target and leaves the link in place.
std::string followLinks(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
      return path;
    std::vector<char> buf(static_cast<size_t>(st.st_size > 0 ? st.st_size : 255) + 1);
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0 || static_cast<size_t>(n) >= buf.size())
      return path;
    std::string target(buf.data(), static_cast<size_t>(n));
    size_t slash = path.rfind('/');
    path = target.front() == '/' || slash == std::string::npos ? target : path.substr(0, slash + 1) + target;
  }
  throw InputError(fmt::format("{}: error: cannot write: too many levels of symbolic links", path));
}

/// Writes `text` to an open descriptor; false (errno set) on failure.
bool writeAll(int fd, const std::string &text) {
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = EIO;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

/// Devices, FIFOs and sockets (/dev/stdout, /dev/null, a named pipe) are
/// written straight through: renaming a file over them would replace them.
void writeThrough(const std::string &path, const std::string &text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    throw InputError(fmt::format("{}: error: cannot open for writing: {}", path, std::strerror(errno)));
  bool ok = writeAll(fd, text);
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok)
    throw InputError(fmt::format("{}: error: cannot write: {}", path, std::strerror(err)));
}

} // namespace

// Regular files (or new ones): a temporary file in the same directory (so
// the rename stays on one file system), then rename(2). Anything else that
// exists is written in place.
void writeFileAtomically(const std::string &requested, const std::string &text) {
  // stat follows every link (also /dev/stdout's /proc magic links, which
  // readlink cannot resolve to a path): anything not a regular file is
  // opened by the name given.
  struct stat st;
  if (::stat(requested.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode))
      throw InputError(fmt::format("{}: error: is a directory, expected a file", requested));
    writeThrough(requested, text);
    return;
  }
  const std::string path = followLinks(requested);
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
  if (!writeAll(fd, text)) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    throw InputError(fmt::format("{}: error: cannot write: {}", path, std::strerror(err)));
  }
  if (::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw InputError(fmt::format("{}: error: cannot write: {}", path, std::strerror(err)));
  }
}

} // namespace hf::cli
