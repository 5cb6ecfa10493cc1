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

std::string readTextFile(const std::string &file) {
  if (file == "-") {
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

Json readJsonFile(const std::string &file) {
  return parseJsonText(readTextFile(file), file == "-" ? "<stdin>" : file);
}

} // namespace hf
