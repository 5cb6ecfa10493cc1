//===- ir/passes/rewriter.cpp - Rebuilding a function op by op -----------===//
#include "ir/passes/rewriter.h"

#include <algorithm>
#include <cassert>

namespace hf::ir {

Rewriter::Rewriter(Module &m) : m_(m), map_(m.ops.size(), kUnmapped) { ops_.reserve(m.ops.size()); }

ValueId Rewriter::mapped(ValueId id) const {
  assert(map_[id] != kUnmapped && "value used before it was rewritten");
  return map_[id];
}

Op Rewriter::remapped(ValueId id) const {
  Op op = m_.ops[id];
  for (ValueId &a : op.operands)
    a = mapped(a);
  return op;
}

ValueId Rewriter::emit(Op op) {
  ops_.push_back(std::move(op));
  return static_cast<ValueId>(ops_.size() - 1);
}

void Rewriter::replace(ValueId id, ValueId value) { map_[id] = value; }

ValueId Rewriter::keep(ValueId id) { return map_[id] = emit(remapped(id)); }

void Rewriter::finish() {
  for (Output &out : m_.outputs)
    out.value = mapped(out.value);
  m_.ops = std::move(ops_);
  ops_.clear();
  map_.clear();
}

std::vector<uint32_t> useCounts(const Module &m) {
  std::vector<uint32_t> uses(m.ops.size(), 0);
  for (const Op &op : m.ops)
    for (ValueId a : op.operands)
      ++uses[a];
  for (const Output &out : m.outputs)
    ++uses[out.value];
  return uses;
}

std::vector<ValueId> soleUsers(const Module &m) {
  std::vector<uint32_t> uses = useCounts(m);
  std::vector<ValueId> user(m.ops.size(), kNoUser);
  for (ValueId id = 0; id < m.ops.size(); ++id)
    for (ValueId a : m.ops[id].operands)
      if (uses[a] == 1)
        user[a] = id;
  return user;
}

Op makeConstant(uint32_t width, std::vector<double> values, std::string note) {
  assert(values.size() == std::max<uint32_t>(width, 1));
  Op op(width == 0 ? OpKind::Const : OpKind::ConstVec, width);
  op.data = std::move(values);
  op.note = std::move(note);
  return op;
}

Op makeBinary(OpKind kind, ValueId a, const Op &opA, ValueId b, const Op &opB, std::string note) {
  Op op(kind, std::max(opA.width, opB.width));
  op.operands = {a, b};
  op.note = std::move(note);
  return op;
}

} // namespace hf::ir
