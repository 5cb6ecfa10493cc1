//===- tests/fuzz/hf_parser_fuzz.cpp - libFuzzer target for the .hf parser -===//
//
// Any input either parses or throws InputError (never crashes), and the
// canonical form of what parses is a fixed point of fmt. Imports are not
// resolved (no file access). Not yet in the build; by hand, with the
// generated parser of a build tree B:
//   clang++-19 -std=c++20 -O1 -g -fsanitize=fuzzer,address -fno-char8_t -I. -Iinclude \
//     -isystem B/frontend/hfgen -isystem /usr/include/antlr4-runtime \
//     tests/fuzz/hf_parser_fuzz.cpp frontend/hf/parser.cpp frontend/hf/writer.cpp \
//     B/frontend/hfgen/HfLexer.cpp B/frontend/hfgen/HfParser.cpp frontend/diagnostics.cpp \
//     frontend/json_text.cpp frontend/json_reader.cpp frontend/json_patch.cpp \
//     frontend/python_json.cpp -lantlr4-runtime -lfmt -o hf_parser_fuzz
//   ./hf_parser_fuzz -runs=1000000 -max_len=2048 CORPUS   # seeded with examples/*.hf
//
//===----------------------------------------------------------------------===//
#include "frontend/hf/parser.h"
#include "frontend/hf/writer.h"
#include "hf/error.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  try {
    std::string canonical = hf::writeHfDocument(hf::parseHfDocument(text, "fuzz.hf"));
    if (hf::writeHfDocument(hf::parseHfDocument(canonical, "fuzz.hf")) != canonical)
      std::abort(); // fmt must be idempotent
  } catch (const hf::InputError &) {
  }
  return 0;
}
