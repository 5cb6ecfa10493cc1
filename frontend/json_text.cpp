//===- frontend/json_text.cpp - Reading JSON text with located errors -----===//
#include "frontend/json_text.h"

#include "frontend/archive.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace hf {

namespace {
/// Line and column (both 1-based) of the byte at `offset`.
std::pair<int, int> lineAndColumn(const std::string &text, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

/// nlohmann's message is "[json.exception.parse_error.101] parse error at
/// line 3, column 5: syntax error while parsing object - unexpected ..."; keep
/// only the part after the location, which says what was expected.
std::string expectation(const std::string &what) {
  auto pos = what.find("syntax error while parsing");
  if (pos != std::string::npos)
    return what.substr(pos);
  pos = what.find(": ");
  return pos == std::string::npos ? what : what.substr(pos + 2);
}
} // namespace

Json parseJsonText(const std::string &text, const std::string &file) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error &e) {
    // e.byte is one past the offending character.
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, col] = lineAndColumn(text, offset);
    throw InputError(fmt::format("{}:{}:{}: error: malformed JSON: {}", file, line, col,
                                 expectation(e.what())));
  }
}

namespace {
/// The offset of the first byte that cannot be in a text file (NUL, or not
/// part of well-formed UTF-8), and what is wrong with it; npos when none.
std::pair<size_t, const char *> firstNonTextByte(const std::string &text) {
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c == 0)
      return {i, "a NUL byte"};
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Lead byte: sequence length and the range of its first continuation
    // byte (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      lo = c == 0xE0 ? 0xA0 : 0x80;
      hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      lo = c == 0xF0 ? 0x90 : 0x80;
      hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return {i, "not UTF-8"};
    }
    for (size_t k = 1; k < len; ++k) {
      unsigned char lower = k == 1 ? lo : 0x80, upper = k == 1 ? hi : 0xBF;
      if (i + k >= n || p[i + k] < lower || p[i + k] > upper)
        return {i, "not UTF-8"};
    }
    i += len;
  }
  return {std::string::npos, nullptr};
}

std::string readBytes(const std::string &file) {
  if (file == "-") {
    // Nobody types a workspace at a terminal: a missing MODEL (or a list
    // option that took it) would otherwise wait silently for one.
    if (::isatty(STDIN_FILENO))
      throw InputError("<stdin>: error: no MODEL file given and standard input is a terminal; name a model "
                       "file, or pipe one in (... | hfc COMMAND -)");
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  // "archive.tar.gz:path/inside.json" (frontend/archive.h).
  if (std::optional<ArchivePath> member = splitArchivePath(file))
    return readArchiveMember(*member);
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw InputError(fmt::format("{}: error: is a directory, expected a file", file));
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(fmt::format("{}: error: cannot open file ({})", file, std::strerror(errno)));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
} // namespace

std::string readTextFile(const std::string &file) {
  std::string text = readBytes(file);
  // A binary file (a ROOT file, a tarball) would otherwise reach the parser,
  // whose message echoes raw bytes to the terminal.
  auto [offset, what] = firstNonTextByte(text);
  if (what) {
    auto [line, col] = lineAndColumn(text, offset);
    throw InputError(fmt::format("{}:{}:{}: error: not a text file (byte {}: {}); expected a JSON or .hf "
                                 "workspace in UTF-8",
                                 file == "-" ? "<stdin>" : file, line, col, offset, what));
  }
  return text;
}

std::string readFileBytes(const std::string &file) { return readBytes(file); }

Json readJsonFile(const std::string &file) {
  return parseJsonText(readTextFile(file), file == "-" ? "<stdin>" : file);
}

} // namespace hf
