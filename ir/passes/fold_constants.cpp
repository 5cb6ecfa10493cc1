//===- ir/passes/fold_constants.cpp - Compute what is known at build time -===//
//
// Most of a lowered model is literal: nominal rates, templates, σ and τ. This
// pass computes every op whose operands are all literals and replaces it by
// its value, and applies the few identities that make a value independent of
// its non-literal operand. The values come from ir::evaluate itself — the op
// runs alone in a module of its own — so folding can never disagree with the
// reference interpreter, and a new op folds without a line here.
//
// With specialization on, fixed parameters become literals first (their
// inits), so everything computed from them folds too: the module is then
// valid only for θ with every fixed parameter at its init.
//
//===----------------------------------------------------------------------===//
#include "ir/eval.h"
#include "ir/passes.h"
#include "ir/passes/rewriter.h"

#include <cmath>
#include <optional>

namespace hf::ir {

namespace {

/// True for the ops that read the function's inputs (θ, data, aux).
bool readsInputs(OpKind kind) {
  return kind == OpKind::Param || kind == OpKind::ParamVec || kind == OpKind::Data ||
         kind == OpKind::Aux;
}

/// Folds one function, op by op:
///  1. With specialization, a param or param_vec of fixed parameters only
///     becomes the literal of their inits.
///  2. An op whose operands are all literals (and that reads no input)
///     becomes the literal ir::evaluate computes for it.
///  3. Identities, for finite operands: x+0, x−0, x·1, x/1 → x (when x has
///     the result's width); x·0 → 0; a histosys delta with lo = nom = hi
///     → 0 (and its derivative → 0); a normsys κ with lo = hi = 1 → 1 (and
///     its derivative → 0). In the batched ops (histosys_sum, normsys_prod)
///     such rows are dropped, and with specialization the rows of fixed α
///     are computed apart, as a literal added (multiplied) to the rest.
///     The identities hold up to the sign of a zero.
///  4. Anything else is kept, with its operands renamed.
class ConstantFolder {
public:
  ConstantFolder(Module &m, bool specializeFixed) : rw_(m), specializeFixed_(specializeFixed) {}

  bool run() {
    for (ValueId id = 0; id < rw_.oldCount(); ++id)
      visit(id);
    rw_.finish();
    return changed_;
  }

private:
  void visit(ValueId id) {
    Op op = rw_.remapped(id);
    if (specializeFixed_ && (op.kind == OpKind::Param || op.kind == OpKind::ParamVec) && allFixed(op)) {
      std::vector<double> inits;
      for (uint32_t p : op.index)
        inits.push_back(rw_.module().params[p].init);
      return fold(id, makeConstant(op.width, std::move(inits), op.note));
    }
    if (foldable(op))
      return fold(id, makeConstant(op.width, evaluateOnLiterals(op), op.note));
    if (std::optional<ValueId> value = simplify(op)) {
      rw_.replace(id, *value);
      changed_ = true;
      return;
    }
    rw_.replace(id, rw_.emit(std::move(op)));
  }

  void fold(ValueId id, Op literal) {
    rw_.replace(id, rw_.emit(std::move(literal)));
    changed_ = true;
  }

  bool allFixed(const Op &op) const {
    for (uint32_t p : op.index)
      if (!rw_.module().params[p].fixed)
        return false;
    return true;
  }

  const Op &operand(const Op &op, size_t k) const { return rw_.newOp(op.operands[k]); }

  bool foldable(const Op &op) const {
    if (isConstant(op) || readsInputs(op.kind) || op.operands.empty())
      return false;
    for (size_t k = 0; k < op.operands.size(); ++k)
      if (!isConstant(operand(op, k)))
        return false;
    return true;
  }

  /// The value of `op`, whose operands are literals, as ir::evaluate
  /// computes it: the op runs alone in a module of its own.
  std::vector<double> evaluateOnLiterals(const Op &op) const {
    Module tiny;
    Op copy = op;
    for (size_t k = 0; k < op.operands.size(); ++k)
      copy.operands[k] = tiny.append(operand(op, k));
    ValueId value = tiny.append(std::move(copy));
    if (op.width == 0) {
      tiny.outputs.emplace_back(OutputKind::LogPdf, value);
      return {evaluate(tiny, {}, {}, {}).logpdf};
    }
    tiny.nMain = op.width;
    tiny.observedMain.assign(op.width, 0.0);
    tiny.outputs.emplace_back(OutputKind::ExpectedMain, value);
    return evaluateObserved(tiny, {}).expectedMain;
  }

  /// True when operand k is a literal every element of which equals `x`.
  bool literalEquals(const Op &op, size_t k, double x) const {
    const Op &c = operand(op, k);
    if (!isConstant(c))
      return false;
    for (double v : c.data)
      if (v != x)
        return false;
    return true;
  }

  /// Operand k when it already has the result's width.
  std::optional<ValueId> operandIfSameWidth(const Op &op, size_t k) const {
    if (operand(op, k).width != op.width)
      return std::nullopt;
    return op.operands[k];
  }

  ValueId literal(const Op &op, double x) {
    return rw_.emit(makeConstant(op.width, std::vector<double>(op.size(), x), op.note));
  }

  /// Step 3: the identities. Returns the new value `op` equals, if any.
  std::optional<ValueId> simplify(const Op &op) {
    switch (op.kind) {
    case OpKind::Add:
      if (literalEquals(op, 1, 0.0))
        return operandIfSameWidth(op, 0);
      if (literalEquals(op, 0, 0.0))
        return operandIfSameWidth(op, 1);
      return std::nullopt;
    case OpKind::Sub:
      if (literalEquals(op, 1, 0.0))
        return operandIfSameWidth(op, 0);
      return std::nullopt;
    case OpKind::Mul:
      if (literalEquals(op, 0, 0.0) || literalEquals(op, 1, 0.0))
        return literal(op, 0.0);
      if (literalEquals(op, 1, 1.0))
        return operandIfSameWidth(op, 0);
      if (literalEquals(op, 0, 1.0))
        return operandIfSameWidth(op, 1);
      return std::nullopt;
    case OpKind::Div:
      if (literalEquals(op, 1, 1.0))
        return operandIfSameWidth(op, 0);
      return std::nullopt;
    case OpKind::Code1:
    case OpKind::Code4:
    case OpKind::Code1Grad:
    case OpKind::Code4Grad:
      // κ(α) = 1^α = 1 when both variations are 1, whatever the code.
      if (op.data[0] == 1.0 && op.data[1] == 1.0)
        return literal(op, op.kind == OpKind::Code1 || op.kind == OpKind::Code4 ? 1.0 : 0.0);
      return std::nullopt;
    case OpKind::HistoSum:
    case OpKind::NormProd:
      return simplifyRows(op);
    case OpKind::HistoSumGrad:
    case OpKind::NormProdGrad:
      // Every row constant in α: every entry of the gradient is 0.
      for (uint32_t m = 0; m < rowCount(op); ++m)
        if (!rowIsTrivial(op, m))
          return std::nullopt;
      return literal(op, 0.0);
    default:
      if (isAdditiveInterp(op.kind) && templatesEqual(op))
        return literal(op, 0.0);
      return std::nullopt;
    }
  }

  /// For an additive code: lo, nom and hi are literals, finite and equal in
  /// every bin, so every branch of the code (and of its derivative) is a
  /// multiple of hi − nom = nom − lo = 0.
  bool templatesEqual(const Op &op) const {
    for (size_t k = 1; k < 4; ++k)
      if (!isConstant(operand(op, k)))
        return false;
    auto at = [&](size_t k, uint32_t i) {
      const std::vector<double> &d = operand(op, k).data;
      return d.size() == 1 ? d[0] : d[i];
    };
    for (uint32_t i = 0; i < op.size(); ++i) {
      double lo = at(1, i), nom = at(2, i), hi = at(3, i);
      if (!std::isfinite(nom) || lo != nom || hi != nom)
        return false;
    }
    return true;
  }

  // The batched ops: α (operand 0) is a vec<M>, and data holds the lo rows
  // then the hi rows, one row per modifier (B bins for histosys_sum, one
  // number for normsys_prod).

  uint32_t rowCount(const Op &op) const { return operand(op, 0).size(); }

  size_t rowLength(const Op &op) const { return op.data.size() / (2 * size_t(rowCount(op))); }

  /// Row m adds nothing (histosys: lo = nom = hi in every bin) or multiplies
  /// by 1 (normsys: lo = hi = 1), whatever α_m.
  bool rowIsTrivial(const Op &op, uint32_t m) const {
    size_t length = rowLength(op), hiStart = op.data.size() / 2;
    bool histosys = op.kind == OpKind::HistoSum || op.kind == OpKind::HistoSumGrad;
    if (histosys && !isConstant(operand(op, 1)))
      return false;
    for (size_t b = 0; b < length; ++b) {
      double lo = op.data[m * length + b], hi = op.data[hiStart + m * length + b];
      double reference = histosys ? operand(op, 1).data[b] : 1.0;
      if (!std::isfinite(reference) || lo != reference || hi != reference)
        return false;
    }
    return true;
  }

  /// `op` restricted to `rows`, with α read from `alpha`.
  Op restrictRows(const Op &op, const std::vector<uint32_t> &rows, ValueId alpha) const {
    size_t length = rowLength(op), hiStart = op.data.size() / 2;
    Op out = op;
    out.operands[0] = alpha;
    out.data.clear();
    for (size_t start : {size_t(0), hiStart})
      for (uint32_t m : rows)
        out.data.insert(out.data.end(), op.data.begin() + start + m * length,
                        op.data.begin() + start + (m + 1) * length);
    return out;
  }

  /// α restricted to `rows`, as a new value: a narrower param_vec, or the
  /// literal of the inits when `inits` (the rows' parameters are fixed).
  ValueId restrictAlpha(const Op &alpha, const std::vector<uint32_t> &rows, bool inits) {
    std::vector<uint32_t> indices;
    for (uint32_t m : rows)
      indices.push_back(alpha.index[m]);
    if (inits) {
      std::vector<double> values;
      for (uint32_t p : indices)
        values.push_back(rw_.module().params[p].init);
      return rw_.emit(makeConstant(static_cast<uint32_t>(values.size()), std::move(values), alpha.note));
    }
    Op narrowed(OpKind::ParamVec, static_cast<uint32_t>(indices.size()));
    narrowed.index = std::move(indices);
    narrowed.note = alpha.note;
    return rw_.emit(std::move(narrowed));
  }

  /// histosys_sum, normsys_prod: the trivial rows dropped; with
  /// specialization the rows of fixed α folded into a literal that is added
  /// (multiplied) to the op on the remaining rows.
  std::optional<ValueId> simplifyRows(const Op &op) {
    const Op alpha = operand(op, 0); // a copy: emitting may move the ops
    if (alpha.kind != OpKind::ParamVec)
      return std::nullopt;
    bool histosys = op.kind == OpKind::HistoSum;
    bool foldFixed = specializeFixed_ && (!histosys || isConstant(operand(op, 1)));
    std::vector<uint32_t> free, fixed;
    for (uint32_t m = 0; m < rowCount(op); ++m) {
      if (rowIsTrivial(op, m))
        continue;
      (foldFixed && rw_.module().params[alpha.index[m]].fixed ? fixed : free).push_back(m);
    }
    if (free.size() == rowCount(op))
      return std::nullopt;
    std::optional<ValueId> rest, known;
    if (!free.empty()) {
      Op restricted = restrictRows(op, free, restrictAlpha(alpha, free, false));
      rest = rw_.emit(std::move(restricted));
    }
    if (!fixed.empty()) {
      Op restricted = restrictRows(op, fixed, restrictAlpha(alpha, fixed, true));
      known = rw_.emit(makeConstant(op.width, evaluateOnLiterals(restricted), op.note + " (fixed α)"));
    }
    if (!rest && !known)
      return literal(op, histosys ? 0.0 : 1.0);
    if (!rest || !known)
      return rest ? *rest : *known;
    OpKind combine = histosys ? OpKind::Add : OpKind::Mul;
    return rw_.emit(makeBinary(combine, *rest, rw_.newOp(*rest), *known, rw_.newOp(*known), op.note));
  }

  Rewriter rw_;
  bool specializeFixed_;
  bool changed_ = false;
};

} // namespace

bool foldConstants(Module &m, bool specializeFixed) { return ConstantFolder(m, specializeFixed).run(); }

} // namespace hf::ir
