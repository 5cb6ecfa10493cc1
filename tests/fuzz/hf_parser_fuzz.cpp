//===- tests/fuzz/hf_parser_fuzz.cpp - libFuzzer target for the .hf parser -===//
//
// Any input either parses or throws InputError (never crashes). For what
// parses: the Spec writer's canonical form is a fixed point (convert), and
// hfc fmt's layout parses to the same document and is a fixed point itself.
// Imports are not resolved (no file access). Built by tests/fuzz/CMakeLists.txt
// with clang++-19; scripts/fuzz.sh builds and runs it (docs/language.md).
//
//===----------------------------------------------------------------------===//
#include "frontend/hf/format.h"
#include "frontend/hf/parser.h"
#include "frontend/hf/writer.h"
#include "hf/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
[[noreturn]] void fail(const char *what, const std::string &a, const std::string &b) {
  std::fprintf(stderr, "%s\n--- first\n%s\n--- second\n%s\n", what, a.c_str(), b.c_str());
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  std::string canonical;
  try {
    canonical = hf::writeHfDocument(hf::parseHfDocument(text, "fuzz.hf"));
  } catch (const hf::InputError &) {
    return 0; // bad input, reported: fine
  }
  try {
    std::string again = hf::writeHfDocument(hf::parseHfDocument(canonical, "fuzz.hf"));
    if (again != canonical)
      fail("the canonical form is not a fixed point", canonical, again);
    std::string formatted = hf::formatHfSource(text, "fuzz.hf");
    std::string same = hf::writeHfDocument(hf::parseHfDocument(formatted, "fuzz.hf"));
    if (same != canonical)
      fail("fmt changed the document", canonical, same);
    std::string twice = hf::formatHfSource(formatted, "fuzz.hf");
    if (twice != formatted)
      fail("fmt is not idempotent", formatted, twice);
  } catch (const hf::InputError &e) {
    fail("a canonical or formatted text does not parse", text, e.what());
  }
  return 0;
}
