//===- ir/passes/rewriter.h - Rebuilding a function op by op ---*- C++ -*-===//
//
// Every pass rewrites a Module the same way: it walks the old ops in order
// and emits the new function into a fresh list, mapping each old value to a
// new one. A value is emitted after its operands, so the new list is in SSA
// order by construction; an op that a rewrite replaces is simply not emitted
// (or, when it is emitted and then bypassed, left for dead-value
// elimination). Outputs are remapped when the rewrite is installed.
//
// This header is internal to ir/passes; it also holds the small predicates
// several passes share.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

#include <limits>
#include <string>
#include <vector>

namespace hf::ir {

/// Builds the new op list of a Module from its old one.
class Rewriter {
public:
  explicit Rewriter(Module &m);

  /// Number of ops in the old function.
  ValueId oldCount() const { return static_cast<ValueId>(m_.ops.size()); }
  /// Old op `id`.
  const Op &oldOp(ValueId id) const { return m_.ops[id]; }
  /// The module being rewritten (its interface: parameters, data sizes).
  const Module &module() const { return m_; }

  /// The new value that old value `id` became (it must have been visited).
  ValueId mapped(ValueId id) const;
  /// New op `id`.
  const Op &newOp(ValueId id) const { return ops_[id]; }
  /// A copy of old op `id` whose operands are the new values.
  Op remapped(ValueId id) const;

  /// Appends `op` (operands are new values) and returns its new value.
  ValueId emit(Op op);
  /// Old value `id` is from now on new value `value`.
  void replace(ValueId id, ValueId value);
  /// Emits old op `id` unchanged but for its operands; returns its new value.
  ValueId keep(ValueId id);

  /// Installs the new function in the module: ops, and outputs remapped.
  void finish();

private:
  static constexpr ValueId kUnmapped = std::numeric_limits<ValueId>::max();

  Module &m_;
  std::vector<Op> ops_;
  std::vector<ValueId> map_;
};

/// How many times each value is read: as an operand (once per operand slot)
/// or by an output.
std::vector<uint32_t> useCounts(const Module &m);

/// The one op that reads each value, for values read exactly once by an op
/// (and by no output); kNoUser otherwise.
inline constexpr ValueId kNoUser = std::numeric_limits<ValueId>::max();
std::vector<ValueId> soleUsers(const Module &m);

/// True for const and const_vec.
inline bool isConstant(const Op &op) { return op.kind == OpKind::Const || op.kind == OpKind::ConstVec; }

/// True for the ops whose two operands commute exactly (add, mul).
inline bool isCommutative(OpKind kind) { return kind == OpKind::Add || kind == OpKind::Mul; }

/// True for the additive interpolation codes and their derivatives: ops of
/// (α, lo, nom, hi) that are linear in the templates lo, nom, hi.
inline bool isAdditiveInterp(OpKind kind) {
  switch (kind) {
  case OpKind::Code0:
  case OpKind::Code2:
  case OpKind::Code4p:
  case OpKind::Code0Grad:
  case OpKind::Code2Grad:
  case OpKind::Code4pGrad:
    return true;
  default:
    return false;
  }
}

/// A literal of `width` (0: a scalar const) holding `values`.
Op makeConstant(uint32_t width, std::vector<double> values, std::string note = {});

/// An elementwise binary op of the wider operand's width.
Op makeBinary(OpKind kind, ValueId a, const Op &opA, ValueId b, const Op &opB, std::string note = {});

} // namespace hf::ir
