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

namespace hf {

namespace {
std::atomic<bool> gWarningsEnabled{true};
} // namespace

void failAt(const Loc &loc, const std::string &what) {
  throw InputError(fmt::format("{}: error: {}", loc.str(), what));
}

void warnAt(const Loc &loc, const std::string &what) {
  if (gWarningsEnabled)
    fmt::print(stderr, "{}: warning: {}\n", loc.str(), what);
}

void setWarningsEnabled(bool enabled) { gWarningsEnabled = enabled; }

} // namespace hf
