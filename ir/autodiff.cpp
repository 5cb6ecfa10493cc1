//===- ir/autodiff.cpp - Reverse-mode differentiation of the log-likelihood ===//
//
// The gradient is built as IR, so the interpreter, the passes and the JIT
// treat it like any other value:
//  1. Activity: a value is active when it depends on an active parameter.
//  2. Seed the adjoint of the logpdf output with 1.
//  3. Walk the ops backwards; each active op adds its operands' adjoints
//     with a hand-derived rule (one per op, written next to it).
//  4. The adjoint of a param / param_vec becomes a Gradient output at the
//     parameter's index (outputs accumulate).
// An adjoint always has the width of its value: a scalar feeding a vector op
// gets the sum of the vector adjoint, a vector feeding a scalar op gets a
// broadcast.
//
//===----------------------------------------------------------------------===//
#include "ir/autodiff.h"

#include <cassert>
#include <optional>

namespace hf::ir {

namespace {

class ReverseAccumulation {
public:
  ReverseAccumulation(Module &m, const std::vector<bool> &activeParams)
      : m_(m), activeParams_(activeParams), original_(static_cast<ValueId>(m.ops.size())),
        active_(m.ops.size(), false), adjoint_(m.ops.size()) {}

  void run() {
    markActive();
    ValueId logpdf = m_.logpdfValue();
    if (!active_[logpdf])
      return; // nothing depends on a free parameter
    adjoint_[logpdf] = constant(1.0);
    for (ValueId id = original_; id-- > 0;)
      if (active_[id] && adjoint_[id])
        propagate(id, *adjoint_[id]);
  }

private:
  void markActive() {
    for (ValueId id = 0; id < original_; ++id) {
      const Op &op = m_.ops[id];
      bool active = false;
      if (op.kind == OpKind::Param || op.kind == OpKind::ParamVec)
        for (uint32_t p : op.index)
          active = active || activeParams_[p];
      for (ValueId a : op.operands)
        active = active || active_[a];
      active_[id] = active;
    }
  }

  uint32_t width(ValueId v) const { return m_.ops[v].width; }

  ValueId constant(double value) {
    Op op(OpKind::Const);
    op.data = {value};
    return m_.append(std::move(op));
  }

  ValueId unary(OpKind kind, ValueId a, uint32_t w) {
    Op op(kind, w);
    op.operands = {a};
    return m_.append(std::move(op));
  }

  ValueId binary(OpKind kind, ValueId a, ValueId b) {
    Op op(kind, std::max(width(a), width(b)));
    op.operands = {a, b};
    return m_.append(std::move(op));
  }

  /// A derivative op with the same operands and immediates as `id`, of
  /// width `w`.
  ValueId derivativeOf(ValueId id, OpKind kind, uint32_t w) {
    Op op(kind, w);
    op.operands = m_.ops[id].operands;
    op.data = m_.ops[id].data;
    return m_.append(std::move(op));
  }

  /// Adds contribution `c` to the adjoint of `v`, matching v's width.
  void accumulate(ValueId v, ValueId c) {
    if (!active_[v])
      return;
    if (width(v) == 0 && width(c) != 0)
      c = unary(OpKind::Sum, c, 0);
    else if (width(v) != 0 && width(c) == 0)
      c = unary(OpKind::Broadcast, c, width(v));
    adjoint_[v] = adjoint_[v] ? binary(OpKind::Add, *adjoint_[v], c) : c;
  }

  void propagate(ValueId id, ValueId adj) {
    const Op op = m_.ops[id]; // copy: appending ops may reallocate m_.ops
    auto operand = [&](size_t k) { return op.operands[k]; };
    switch (op.kind) {
    case OpKind::Param:
    case OpKind::ParamVec:
      emitGradient(op, adj);
      break;
    case OpKind::Const:
    case OpKind::ConstVec:
    case OpKind::Data:
    case OpKind::Aux:
      break;
    case OpKind::Add: // d(a + b) = da + db
      accumulate(operand(0), adj);
      accumulate(operand(1), adj);
      break;
    case OpKind::Sub: // d(a − b) = da − db
      accumulate(operand(0), adj);
      if (active_[operand(1)])
        accumulate(operand(1), unary(OpKind::Neg, adj, width(adj)));
      break;
    case OpKind::Mul: // d(a·b) = b·da + a·db
      if (active_[operand(0)])
        accumulate(operand(0), binary(OpKind::Mul, adj, operand(1)));
      if (active_[operand(1)])
        accumulate(operand(1), binary(OpKind::Mul, adj, operand(0)));
      break;
    case OpKind::Div: // d(a/b) = da/b − (a/b)/b·db
      if (active_[operand(0)])
        accumulate(operand(0), binary(OpKind::Div, adj, operand(1)));
      if (active_[operand(1)]) {
        ValueId t = binary(OpKind::Div, binary(OpKind::Mul, adj, id), operand(1));
        accumulate(operand(1), unary(OpKind::Neg, t, width(t)));
      }
      break;
    case OpKind::Neg: // d(−a) = −da
      accumulate(operand(0), unary(OpKind::Neg, adj, width(adj)));
      break;
    case OpKind::Sum: // d Σa_i = Σ da_i: every element gets the adjoint
      accumulate(operand(0), adj);
      break;
    case OpKind::Broadcast: // the reverse of a broadcast is a sum
      accumulate(operand(0), adj);
      break;
    case OpKind::Code0:
    case OpKind::Code2:
    case OpKind::Code4p: { // dΔ_b = Δ'_b(α) dα; the templates are constants
      assert(!active_[operand(1)] && !active_[operand(2)] && !active_[operand(3)]);
      OpKind grad = op.kind == OpKind::Code0   ? OpKind::Code0Grad
                    : op.kind == OpKind::Code2 ? OpKind::Code2Grad
                                               : OpKind::Code4pGrad;
      accumulate(operand(0), binary(OpKind::Mul, adj, derivativeOf(id, grad, op.width)));
      break;
    }
    case OpKind::Code1:
    case OpKind::Code4: { // dκ = κ'(α) dα
      OpKind grad = op.kind == OpKind::Code1 ? OpKind::Code1Grad : OpKind::Code4Grad;
      accumulate(operand(0), binary(OpKind::Mul, adj, derivativeOf(id, grad, 0)));
      break;
    }
    case OpKind::HistoSum: { // dΔ_b = Σ_m ∂Δ_mb/∂α_m dα_m: per modifier, Σ_b adj_b ∂Δ_mb/∂α_m
      assert(!active_[operand(1)]);
      Op grad(OpKind::HistoSumGrad, width(operand(0)));
      grad.operands = {operand(0), operand(1), adj};
      grad.data = op.data;
      grad.index = op.index;
      accumulate(operand(0), m_.append(std::move(grad)));
      break;
    }
    case OpKind::NormProd: { // dΠ = Σ_m κ'_m Π_{j≠m} κ_j dα_m
      Op grad(OpKind::NormProdGrad, width(operand(0)));
      grad.operands = {operand(0), adj};
      grad.data = op.data;
      grad.index = op.index;
      accumulate(operand(0), m_.append(std::move(grad)));
      break;
    }
    case OpKind::PoissonLogPdf: // d/dλ_b = n_b/λ_b − 1; the counts are data
      assert(!active_[operand(0)]);
      accumulate(operand(1), binary(OpKind::Mul, adj, derivativeOf(id, OpKind::PoissonGrad, width(operand(1)))));
      break;
    case OpKind::GaussLogPdf: { // d/dθ_j = (a_j − θ_j)/σ_j²; a and σ are constants
      assert(!active_[operand(0)] && !active_[operand(2)]);
      ValueId residual = binary(OpKind::Sub, operand(0), operand(1));
      ValueId variance = binary(OpKind::Mul, operand(2), operand(2));
      accumulate(operand(1), binary(OpKind::Mul, adj, binary(OpKind::Div, residual, variance)));
      break;
    }
    case OpKind::Code0Grad:
    case OpKind::Code2Grad:
    case OpKind::Code4pGrad:
    case OpKind::Code1Grad:
    case OpKind::Code4Grad:
    case OpKind::PoissonGrad:
    case OpKind::HistoSumGrad:
    case OpKind::NormProdGrad:
      assert(false && "the gradient of a gradient is not supported");
      break;
    }
  }

  /// The adjoint of a parameter read is its gradient: a Gradient output at
  /// the parameter's index (a contiguous range, or scattered to the indices
  /// a gather read).
  void emitGradient(const Op &op, ValueId adj) {
    if (op.kind == OpKind::Param) {
      if (activeParams_[op.index[0]])
        m_.outputs.push_back({OutputKind::Gradient, adj, op.index[0]});
      return;
    }
    bool contiguous = true;
    for (size_t i = 1; i < op.index.size(); ++i)
      contiguous = contiguous && op.index[i] == op.index[0] + i;
    if (contiguous)
      m_.outputs.push_back({OutputKind::Gradient, adj, op.index[0]});
    else
      m_.outputs.push_back({OutputKind::Gradient, adj, 0, op.index});
  }

  Module &m_;
  const std::vector<bool> &activeParams_;
  ValueId original_;
  std::vector<bool> active_;
  std::vector<std::optional<ValueId>> adjoint_;
};

} // namespace

void appendGradient(Module &m, const std::vector<bool> &active) {
  ReverseAccumulation(m, active).run();
}

void appendGradient(Module &m) {
  std::vector<bool> active;
  for (const Parameter &p : m.params)
    active.push_back(!p.fixed);
  appendGradient(m, active);
}

} // namespace hf::ir
