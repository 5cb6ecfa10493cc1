//===- ir/passes/cse.cpp - Common-subexpression elimination ---------------===//
//
// Lowering emits one op per use: the same nominal vector, the same parameter
// read, the same product of factors appear once per sample or channel. Since
// every op is a pure function of its operands, literals and indices, two ops
// that agree on all of them compute the same value; this pass keeps the first
// and points every user (and output) of the others at it. Literals are
// compared bit for bit, so 0 and −0 stay apart and the rewrite is exact.
//
//===----------------------------------------------------------------------===//
#include "ir/passes.h"
#include "ir/passes/rewriter.h"

#include <bit>
#include <unordered_map>

namespace hf::ir {

namespace {

/// What makes two ops compute the same value. The note is not part of it.
struct OpKey {
  OpKind kind;
  uint32_t width;
  std::vector<ValueId> operands; ///< sorted for add and mul
  std::vector<uint64_t> bits;    ///< the literals' bit patterns
  std::vector<uint32_t> index;

  bool operator==(const OpKey &) const = default;
};

struct OpKeyHash {
  size_t operator()(const OpKey &k) const {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](uint64_t x) { h = (h ^ x) * 1099511628211ull; };
    mix(static_cast<uint64_t>(k.kind));
    mix(k.width);
    for (ValueId a : k.operands)
      mix(a);
    for (uint64_t b : k.bits)
      mix(b);
    for (uint32_t i : k.index)
      mix(i);
    return static_cast<size_t>(h);
  }
};

OpKey keyOf(const Op &op) {
  OpKey key{op.kind, op.width, op.operands, {}, op.index};
  if (isCommutative(op.kind) && key.operands[0] > key.operands[1])
    std::swap(key.operands[0], key.operands[1]);
  key.bits.reserve(op.data.size());
  for (double d : op.data)
    key.bits.push_back(std::bit_cast<uint64_t>(d));
  return key;
}

/// Value numbering in one forward walk: each op, its operands already
/// renamed to their representatives, is looked up by its key; a hit replaces
/// it, a miss makes it the representative.
class CommonSubexpressions {
public:
  explicit CommonSubexpressions(Module &m) : rw_(m) {}

  bool run() {
    for (ValueId id = 0; id < rw_.oldCount(); ++id) {
      Op op = rw_.remapped(id);
      OpKey key = keyOf(op);
      auto it = seen_.find(key);
      if (it != seen_.end()) {
        rw_.replace(id, it->second);
        changed_ = true;
        continue;
      }
      ValueId value = rw_.emit(std::move(op));
      rw_.replace(id, value);
      seen_.emplace(std::move(key), value);
    }
    rw_.finish();
    return changed_;
  }

private:
  Rewriter rw_;
  std::unordered_map<OpKey, ValueId, OpKeyHash> seen_;
  bool changed_ = false;
};

} // namespace

bool eliminateCommonSubexpressions(Module &m) { return CommonSubexpressions(m).run(); }

} // namespace hf::ir
