//===- ir/passes/dce.cpp - Dead-value elimination -------------------------===//
//
// The other passes replace ops without deleting them; this one deletes every
// op that no output depends on and numbers the survivors densely, in their
// old order (which keeps the function in SSA order).
//
//===----------------------------------------------------------------------===//
#include "ir/passes.h"
#include "ir/passes/rewriter.h"

namespace hf::ir {

namespace {

/// 1. Mark the outputs' values live, then walk the ops backwards marking
///    the operands of every live op.
/// 2. Rebuild the function with the live ops only.
class DeadValues {
public:
  explicit DeadValues(Module &m) : m_(m) {}

  bool run() {
    std::vector<bool> live(m_.ops.size(), false);
    for (const Output &out : m_.outputs)
      live[out.value] = true;
    for (ValueId id = static_cast<ValueId>(m_.ops.size()); id-- > 0;)
      if (live[id])
        for (ValueId a : m_.ops[id].operands)
          live[a] = true;

    bool changed = false;
    Rewriter rw(m_);
    for (ValueId id = 0; id < rw.oldCount(); ++id) {
      if (live[id])
        rw.keep(id);
      else
        changed = true;
    }
    rw.finish();
    return changed;
  }

private:
  Module &m_;
};

} // namespace

bool eliminateDeadValues(Module &m) { return DeadValues(m).run(); }

} // namespace hf::ir
