//===- tests/fuzz/root_reader_fuzz.cpp - libFuzzer target of io/root ------===//
//
// Treats the input as a ROOT file image and reads everything in it (keys
// recursively, every 1-D histogram, every readable branch of every tree).
// Only hf::InputError may come out; anything else (a crash, an ASan report,
// another exception) is a bug. Seed it with ../shared/data/root/*.root
// (scripts/fuzz_root.sh does).
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/root.h"

#include <cstdint>
#include <vector>

namespace {

void readEverything(const hf::root::File &f, const std::string &dir, int depth) {
  if (depth > 8)
    return;
  for (const hf::root::KeyInfo &k : f.keys(dir)) {
    std::string path = (dir.empty() ? k.name : dir + "/" + k.name);
    std::string withCycle = path + ";" + std::to_string(k.cycle);
    if (k.isDirectory()) {
      readEverything(f, path, depth + 1);
    } else if (k.className.rfind("TH", 0) == 0) {
      f.histogram(withCycle);
    } else if (k.className == "TTree" || k.className == "TNtuple") {
      hf::root::Tree t = f.tree(withCycle);
      for (const hf::root::BranchInfo &b : t.branches())
        if (b.unsupported.empty())
          t.read(b.name, 0, 100000);
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  try {
    auto f = hf::root::File::openMemory(std::vector<uint8_t>(data, data + size), "fuzz.root");
    readEverything(*f, "", 0);
  } catch (const hf::InputError &) {
  }
  return 0;
}
