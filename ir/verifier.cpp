//===- ir/verifier.cpp - Structural checks of a Module --------------------===//
#include "ir/verifier.h"

#include <fmt/format.h>

namespace hf::ir {

namespace {

/// Expected operand count of each op (-1: checked separately).
int arity(OpKind kind) {
  switch (kind) {
  case OpKind::Const:
  case OpKind::ConstVec:
  case OpKind::Param:
  case OpKind::ParamVec:
  case OpKind::Data:
  case OpKind::Aux:
    return 0;
  case OpKind::Neg:
  case OpKind::Sum:
  case OpKind::Code1:
  case OpKind::Code4:
  case OpKind::Code1Grad:
  case OpKind::Code4Grad:
  case OpKind::Broadcast:
  case OpKind::NormProd:
    return 1;
  case OpKind::HistoSum:
  case OpKind::NormProdGrad:
    return 2;
  case OpKind::HistoSumGrad:
    return 3;
  case OpKind::Add:
  case OpKind::Sub:
  case OpKind::Mul:
  case OpKind::Div:
  case OpKind::PoissonLogPdf:
  case OpKind::PoissonGrad:
    return 2;
  case OpKind::GaussLogPdf:
    return 3;
  case OpKind::Code0:
  case OpKind::Code2:
  case OpKind::Code4p:
  case OpKind::Code0Grad:
  case OpKind::Code2Grad:
  case OpKind::Code4pGrad:
    return 4;
  }
  return -1;
}

/// Checks one op; returns "" or what is wrong.
std::string verifyOp(const Module &m, size_t id) {
  const Op &op = m.ops[id];
  if (static_cast<int>(op.operands.size()) != arity(op.kind))
    return fmt::format("{} takes {} operands, has {}", opName(op.kind), arity(op.kind),
                       op.operands.size());
  for (ValueId a : op.operands)
    if (a >= id)
      return fmt::format("operand %{} is not defined before use", a);
  auto widthOf = [&](size_t k) { return m.ops[op.operands[k]].width; };
  // Each operand is a scalar or a vector of the op's width.
  auto fits = [&](size_t k, uint32_t width) { return widthOf(k) == 0 || widthOf(k) == width; };

  switch (op.kind) {
  case OpKind::Const:
    if (op.width != 0 || op.data.size() != 1)
      return "const must be a scalar with one literal";
    break;
  case OpKind::ConstVec:
    if (op.width == 0 || op.data.size() != op.width)
      return fmt::format("const_vec of width {} has {} literals", op.width, op.data.size());
    break;
  case OpKind::Param:
  case OpKind::ParamVec:
    if (op.index.size() != op.size() || (op.kind == OpKind::Param) != (op.width == 0))
      return "param reads one index per element (param: scalar, param_vec: vector)";
    for (uint32_t i : op.index)
      if (i >= m.params.size())
        return fmt::format("parameter index {} out of range ({} parameters)", i, m.params.size());
    break;
  case OpKind::Data:
  case OpKind::Aux: {
    uint32_t limit = op.kind == OpKind::Data ? m.nMain : m.nAux;
    if (op.width == 0 || op.index.size() != 1 || op.index[0] + op.width > limit)
      return fmt::format("{} slice out of range (size {})", opName(op.kind), limit);
    break;
  }
  case OpKind::Add:
  case OpKind::Sub:
  case OpKind::Mul:
  case OpKind::Div:
  case OpKind::Neg:
    for (size_t k = 0; k < op.operands.size(); ++k)
      if (!fits(k, op.width))
        return fmt::format("operand {} has width {} but the result has width {}", k, widthOf(k),
                           op.width);
    if (op.width == 0 && (widthOf(0) != 0 || (op.operands.size() > 1 && widthOf(1) != 0)))
      return "a scalar result needs scalar operands";
    break;
  case OpKind::Sum:
    if (op.width != 0)
      return "sum yields a scalar";
    break;
  case OpKind::Code0:
  case OpKind::Code2:
  case OpKind::Code4p:
  case OpKind::Code0Grad:
  case OpKind::Code2Grad:
  case OpKind::Code4pGrad:
    if (widthOf(0) != 0)
      return "the interpolation parameter α must be a scalar";
    for (size_t k = 1; k < 4; ++k)
      if (!fits(k, op.width))
        return fmt::format("template operand {} has width {}, result {}", k, widthOf(k), op.width);
    break;
  case OpKind::Code1:
  case OpKind::Code4:
  case OpKind::Code1Grad:
  case OpKind::Code4Grad:
    if (widthOf(0) != 0 || op.width != 0 || op.data.size() != 2)
      return "normsys interpolation maps a scalar α to a scalar with immediates lo, hi";
    break;
  case OpKind::Broadcast:
    if (widthOf(0) != 0 || op.width == 0)
      return "broadcast makes a vector of a scalar";
    break;
  case OpKind::PoissonGrad:
    if (op.width == 0 || !fits(0, op.width) || !fits(1, op.width))
      return "poisson_grad is elementwise over one width";
    break;
  case OpKind::HistoSum:
  case OpKind::HistoSumGrad: {
    uint32_t mods = widthOf(0), bins = widthOf(1);
    bool grad = op.kind == OpKind::HistoSumGrad;
    if (mods == 0 || bins == 0 || op.width != (grad ? mods : bins))
      return "histosys_sum maps α vec<M> and a nominal vec<B> to vec<B> (its gradient to vec<M>)";
    if (op.data.size() != 2 * size_t(mods) * bins || op.index.size() != 1 ||
        (op.index[0] != 0 && op.index[0] != 2 && op.index[0] != 4))
      return "histosys_sum needs lo and hi tables of M×B and a code 0, 2 or 4";
    if (grad && !fits(2, bins))
      return "histosys_sum_grad's adjoint has the nominal's width";
    break;
  }
  case OpKind::NormProd:
  case OpKind::NormProdGrad: {
    uint32_t mods = widthOf(0);
    bool grad = op.kind == OpKind::NormProdGrad;
    if (mods == 0 || op.width != (grad ? mods : 0) || (grad && widthOf(1) != 0))
      return "normsys_prod maps α vec<M> to a scalar (its gradient, with a scalar adjoint, to vec<M>)";
    if (op.data.size() != 2 * size_t(mods) || op.index.size() != 1 || (op.index[0] != 1 && op.index[0] != 4))
      return "normsys_prod needs lo and hi tables of M and a code 1 or 4";
    break;
  }
  case OpKind::PoissonLogPdf:
  case OpKind::GaussLogPdf:
    if (op.width != 0)
      return "log-pdf terms yield a scalar";
    for (size_t k = 1; k < op.operands.size(); ++k)
      if (widthOf(k) != 0 && widthOf(k) != widthOf(0))
        return "log-pdf operands must have one width";
    break;
  }
  return "";
}

} // namespace

std::string verify(const Module &m) {
  for (size_t id = 0; id < m.ops.size(); ++id) {
    std::string problem = verifyOp(m, id);
    if (!problem.empty())
      return fmt::format("%{} = {}: {}", id, opName(m.ops[id].kind), problem);
  }
  int logpdfs = 0;
  for (const Output &out : m.outputs) {
    if (out.value >= m.ops.size())
      return fmt::format("output reads undefined value %{}", out.value);
    uint32_t size = m.ops[out.value].size();
    if (!out.index.empty()) {
      if (out.index.size() != size)
        return "a scattered output needs one index per element";
      for (uint32_t i : out.index)
        if (i >= (out.kind == OutputKind::Gradient ? m.params.size() : out.kind == OutputKind::ExpectedMain ? m.nMain : m.nAux))
          return "a scattered output index is out of range";
      continue;
    }
    switch (out.kind) {
    case OutputKind::LogPdf:
      ++logpdfs;
      if (m.ops[out.value].width != 0)
        return "the logpdf output must be a scalar";
      break;
    case OutputKind::ExpectedMain:
      if (out.offset + size > m.nMain)
        return "expected_main output out of range";
      break;
    case OutputKind::ExpectedAux:
      if (out.offset + size > m.nAux)
        return "expected_aux output out of range";
      break;
    case OutputKind::Gradient:
      if (out.offset + size > m.params.size())
        return "gradient output out of range";
      break;
    }
  }
  if (logpdfs != 1)
    return fmt::format("a module has exactly one logpdf output, this one has {}", logpdfs);
  if (m.observedMain.size() != m.nMain || m.nominalAux.size() != m.nAux)
    return "observed data sizes disagree with nMain/nAux";
  return "";
}

} // namespace hf::ir
