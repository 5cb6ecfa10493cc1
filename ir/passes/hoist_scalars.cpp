//===- ir/passes/hoist_scalars.cpp - Scalars first, then the bin loop -----===//
//
// A scalar operand of an elementwise op is broadcast over the bins, so
// (v·s₁)·s₂ runs two loops over the bins where v·(s₁·s₂) runs one. This pass
// regroups products (trees of single-use muls), and sums the same way: the
// non-literal scalars are combined first, the literals together (they fold),
// and the vectors are multiplied (added) by the combined scalar once. It
// rewrites a tree only when that lowers its cost, counted as vector ops
// first and scalar ops second. Lowering already orders a sample's factors
// scalars-first, and the adjoint chains ir/autodiff emits for the reference
// models are already minimal; it pays where specialization leaves literal
// factors among the others (a fixed shapefactor γ: γ·nominal folds), and on
// hand-built or future IR. It reassociates.
//
//===----------------------------------------------------------------------===//
#include "ir/passes.h"
#include "ir/passes/rewriter.h"

#include <cstdint>
#include <map>

namespace hf::ir {

namespace {

/// A tree of one kind (add or mul), planned: its leaves in three classes.
struct Tree {
  std::vector<ValueId> literals, scalars, vectors; ///< old values, in order
};

/// 1. Find the roots (adds and muls that are not the single-use operand of
///    an op of the same kind) and flatten each into its leaves.
/// 2. Cost the tree as it is and as regrouped: ((s₁·s₂·…)·L)·(v₁·v₂·…), with
///    L the product of the literals, folded in with the vectors when one of
///    them is a vector. Keep the plan only if it is cheaper.
/// 3. Rebuild: the absorbed inner ops are dropped, each root is replaced.
class ScalarHoister {
public:
  explicit ScalarHoister(Module &m)
      : m_(m), uses_(useCounts(m)), users_(soleUsers(m)), absorbed_(m.ops.size(), false) {}

  bool run() {
    std::map<ValueId, Tree> plans;
    for (ValueId id = 0; id < m_.ops.size(); ++id) {
      OpKind kind = m_.ops[id].kind;
      if ((kind != OpKind::Add && kind != OpKind::Mul) || !isRoot(id))
        continue;
      std::vector<ValueId> inner{id}, leaves;
      flatten(id, leaves, inner);
      Tree tree;
      for (ValueId leaf : leaves) {
        const Op &op = m_.ops[leaf];
        (isConstant(op) ? tree.literals : op.isScalar() ? tree.scalars : tree.vectors).push_back(leaf);
      }
      if (regroupedCost(tree) >= currentCost(inner))
        continue;
      for (ValueId a : inner)
        absorbed_[a] = a != id;
      plans.emplace(id, std::move(tree));
    }
    if (plans.empty())
      return false;

    Rewriter rw(m_);
    rw_ = &rw;
    for (ValueId id = 0; id < rw.oldCount(); ++id) {
      if (absorbed_[id])
        continue;
      auto it = plans.find(id);
      if (it != plans.end())
        rw.replace(id, emit(m_.ops[id].kind, it->second, m_.ops[id].note));
      else
        rw.keep(id);
    }
    rw.finish();
    return true;
  }

private:
  static constexpr int64_t kVectorCost = 1 << 20;

  bool isSingleUse(ValueId id) const { return uses_[id] == 1 && users_[id] != kNoUser; }

  bool isRoot(ValueId id) const {
    return !(isSingleUse(id) && m_.ops[users_[id]].kind == m_.ops[id].kind);
  }

  void flatten(ValueId id, std::vector<ValueId> &leaves, std::vector<ValueId> &inner) const {
    for (ValueId a : m_.ops[id].operands) {
      if (m_.ops[a].kind == m_.ops[id].kind && isSingleUse(a)) {
        inner.push_back(a);
        flatten(a, leaves, inner);
      } else {
        leaves.push_back(a);
      }
    }
  }

  /// The ops of the tree as they are; one between two literals is free
  /// (folding removes it).
  int64_t currentCost(const std::vector<ValueId> &inner) const {
    int64_t cost = 0;
    for (ValueId id : inner) {
      const Op &op = m_.ops[id];
      if (isConstant(m_.ops[op.operands[0]]) && isConstant(m_.ops[op.operands[1]]))
        continue;
      cost += op.isScalar() ? 1 : kVectorCost;
    }
    return cost;
  }

  bool literalsAreVector(const Tree &tree) const {
    for (ValueId id : tree.literals)
      if (!m_.ops[id].isScalar())
        return true;
    return false;
  }

  int64_t regroupedCost(const Tree &tree) const {
    bool vectorLiteral = literalsAreVector(tree);
    size_t scalars = tree.scalars.size() + (!tree.literals.empty() && !vectorLiteral ? 1 : 0);
    size_t vectors = tree.vectors.size() + (vectorLiteral ? 1 : 0);
    int64_t cost = scalars > 1 ? static_cast<int64_t>(scalars - 1) : 0;
    if (vectors > 0)
      cost += static_cast<int64_t>(vectors - 1 + (scalars > 0 ? 1 : 0)) * kVectorCost;
    return cost;
  }

  /// The left-to-right combination of new values with `kind`.
  ValueId combine(OpKind kind, const std::vector<ValueId> &values, const std::string &note = {}) {
    ValueId acc = values.front();
    for (size_t i = 1; i < values.size(); ++i)
      acc = rw_->emit(makeBinary(kind, acc, rw_->newOp(acc), values[i], rw_->newOp(values[i]),
                                 i + 1 == values.size() ? note : ""));
    return acc;
  }

  /// "a · b" (or "a + b") of the old values' notes, for their combination.
  std::string notesOf(OpKind kind, const std::vector<ValueId> &old) const {
    std::string notes;
    for (ValueId id : old) {
      if (m_.ops[id].note.empty())
        continue;
      notes += (notes.empty() ? "" : kind == OpKind::Mul ? " · " : " + ") + m_.ops[id].note;
    }
    return notes;
  }

  std::vector<ValueId> mapped(const std::vector<ValueId> &old) const {
    std::vector<ValueId> values;
    for (ValueId id : old)
      values.push_back(rw_->mapped(id));
    return values;
  }

  ValueId emit(OpKind kind, const Tree &tree, const std::string &note) {
    std::vector<ValueId> scalars = mapped(tree.scalars), vectors = mapped(tree.vectors);
    if (!tree.literals.empty())
      (literalsAreVector(tree) ? vectors : scalars)
          .push_back(combine(kind, mapped(tree.literals), notesOf(kind, tree.literals)));
    if (vectors.empty())
      return combine(kind, scalars, note);
    if (scalars.empty())
      return combine(kind, vectors, note);
    ValueId scalar = combine(kind, scalars), vector = combine(kind, vectors);
    return rw_->emit(makeBinary(kind, scalar, rw_->newOp(scalar), vector, rw_->newOp(vector), note));
  }

  Module &m_;
  std::vector<uint32_t> uses_;
  std::vector<ValueId> users_;
  std::vector<bool> absorbed_;
  Rewriter *rw_ = nullptr;
};

} // namespace

bool hoistScalars(Module &m) { return ScalarHoister(m).run(); }

} // namespace hf::ir
