//===- frontend/diagnostics.cpp - Locations and names for messages --------===//
#include "frontend/spec.h"

#include <fmt/format.h>

namespace hf {

std::string Loc::str() const {
  if (line > 0)
    return fmt::format("{}:{}:{}", file, line, col);
  if (pointer.empty())
    return file;
  return fmt::format("{}: {}", file, pointer);
}

namespace {
/// RFC 6901 escaping of one reference token.
std::string escapeToken(const std::string &key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}
} // namespace

Loc Loc::child(const std::string &key) const {
  Loc l = *this;
  l.pointer += "/" + escapeToken(key);
  return l;
}

Loc Loc::child(size_t index) const {
  Loc l = *this;
  l.pointer += "/" + std::to_string(index);
  return l;
}

namespace {
constexpr struct {
  ModifierType type;
  const char *name;
} kModifierNames[] = {
    {ModifierType::NormFactor, "normfactor"}, {ModifierType::Lumi, "lumi"},
    {ModifierType::NormSys, "normsys"},       {ModifierType::HistoSys, "histosys"},
    {ModifierType::ShapeFactor, "shapefactor"}, {ModifierType::ShapeSys, "shapesys"},
    {ModifierType::StatError, "staterror"},
};
} // namespace

const char *modifierTypeName(ModifierType type) {
  for (const auto &entry : kModifierNames)
    if (entry.type == type)
      return entry.name;
  return "?";
}

bool parseModifierType(const std::string &name, ModifierType &type) {
  for (const auto &entry : kModifierNames) {
    if (name == entry.name) {
      type = entry.type;
      return true;
    }
  }
  return false;
}

} // namespace hf

#include "frontend/diagnostics.h"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

namespace hf {

namespace {
std::atomic<bool> gWarningsEnabled{true};

/// The registered source files, split into lines (without line ends).
struct SourceRegistry {
  std::mutex mutex;
  std::map<std::string, std::vector<std::string>> lines;
};

SourceRegistry &sources() {
  static SourceRegistry registry;
  return registry;
}

/// "" or the excerpt for a located diagnostic.
std::string excerptFor(const Loc &loc) {
  return loc.line > 0 ? sourceExcerpt(loc.file, loc.line, loc.col) : "";
}
} // namespace

void registerSourceText(const std::string &file, const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    lines.push_back(std::move(line));
  }
  SourceRegistry &registry = sources();
  std::lock_guard<std::mutex> lock(registry.mutex);
  registry.lines[file] = std::move(lines);
}

std::string caretExcerpt(const std::string &lineText, size_t col) {
  std::string caret;
  for (size_t i = 0; i + 1 < col && i < lineText.size(); ++i)
    caret += lineText[i] == '\t' ? '\t' : ' ';
  return fmt::format("\n{}\n{}^", lineText, caret);
}

std::string sourceExcerpt(const std::string &file, int line, int col) {
  SourceRegistry &registry = sources();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto it = registry.lines.find(file);
  if (it == registry.lines.end() || line < 1 || static_cast<size_t>(line) > it->second.size())
    return "";
  return caretExcerpt(it->second[static_cast<size_t>(line) - 1], col < 1 ? 1 : static_cast<size_t>(col));
}

void failAt(const Loc &loc, const std::string &what) {
  throw InputError(fmt::format("{}: error: {}{}", loc.str(), what, excerptFor(loc)));
}

void warnAt(const Loc &loc, const std::string &what) {
  if (gWarningsEnabled)
    fmt::print(stderr, "{}: warning: {}{}\n", loc.str(), what, excerptFor(loc));
}

void setWarningsEnabled(bool enabled) { gWarningsEnabled = enabled; }

} // namespace hf
