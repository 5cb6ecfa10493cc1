//===- ir/printer.cpp - Textual form of a Module (--emit-ir) --------------===//
#include "ir/printer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hf::ir {

namespace {

std::string typeOf(const Op &op) { return op.width == 0 ? "f64" : fmt::format("vec<{}>", op.width); }

const char *constraintName(Constraint c) {
  switch (c) {
  case Constraint::None:
    return "free";
  case Constraint::Gauss:
    return "gauss";
  case Constraint::Poisson:
    return "poisson";
  }
  return "?";
}

const char *outputName(OutputKind k) {
  switch (k) {
  case OutputKind::LogPdf:
    return "logpdf";
  case OutputKind::ExpectedMain:
    return "expected_main";
  case OutputKind::ExpectedAux:
    return "expected_aux";
  case OutputKind::Gradient:
    return "gradient";
  }
  return "?";
}

std::string printOp(const Module &m, size_t id) {
  const Op &op = m.ops[id];
  std::string args;
  switch (op.kind) {
  case OpKind::Const:
  case OpKind::ConstVec:
    args = fmt::format("[{}]", fmt::join(op.data, ", "));
    break;
  case OpKind::Param:
  case OpKind::ParamVec:
    args = fmt::format("θ[{}]", fmt::join(op.index, ", "));
    break;
  case OpKind::Data:
  case OpKind::Aux:
    args = fmt::format("[{}:{}]", op.index[0], op.index[0] + op.width);
    break;
  default: {
    std::vector<std::string> operands;
    for (ValueId a : op.operands)
      operands.push_back(fmt::format("%{}", a));
    args = fmt::format("{}", fmt::join(operands, ", "));
    if (op.kind == OpKind::Code1 || op.kind == OpKind::Code4 || op.kind == OpKind::Code1Grad ||
        op.kind == OpKind::Code4Grad)
      args += fmt::format(" lo={} hi={}", op.data[0], op.data[1]);
    if (op.kind == OpKind::HistoSum || op.kind == OpKind::HistoSumGrad || op.kind == OpKind::NormProd ||
        op.kind == OpKind::NormProdGrad) {
      size_t half = op.data.size() / 2;
      std::vector<double> lo(op.data.begin(), op.data.begin() + half), hi(op.data.begin() + half, op.data.end());
      args += fmt::format(" code={}{} lo=[{}] hi=[{}]", op.index[0], op.index[0] == 4 && (op.kind == OpKind::HistoSum || op.kind == OpKind::HistoSumGrad) ? "p" : "",
                          fmt::join(lo, ", "), fmt::join(hi, ", "));
    }
    break;
  }
  }
  std::string line = fmt::format("  %{} = {} {} : {}", id, opName(op.kind), args, typeOf(op));
  if (!op.note.empty())
    line += "  // " + op.note;
  return line;
}

} // namespace

std::string print(const Module &m) {
  std::string out = fmt::format("module normsys={} histosys={} main_bins={} aux={} params={} poi={}\n",
                                m.normsysCode, m.histosysCode, m.nMain, m.nAux, m.params.size(),
                                m.poiIndex >= 0 ? fmt::format("\"{}\"", m.poiName) : "none");
  for (const ChannelInfo &c : m.channels)
    out += fmt::format("  channel \"{}\" bins [{}:{}]\n", c.name, c.offset, c.offset + c.nbins);
  for (size_t i = 0; i < m.params.size(); ++i) {
    const Parameter &p = m.params[i];
    const ParamSet &set = m.paramsets[p.paramset];
    std::string constraint = constraintName(set.constraint);
    if (set.constraint == Constraint::Gauss)
      constraint += fmt::format(" aux[{}]={} σ={}", set.auxStart + p.component, set.auxdata[p.component],
                                set.widths[p.component]);
    if (set.constraint == Constraint::Poisson)
      constraint += fmt::format(" aux[{}]={} τ={}", set.auxStart + p.component, set.auxdata[p.component],
                                set.widths[p.component]);
    out += fmt::format("  param θ[{}] \"{}\" init={} bounds=[{}, {}]{} {}\n", i, p.name, p.init, p.lo,
                       p.hi, p.fixed ? " fixed" : "", constraint);
  }
  for (size_t id = 0; id < m.ops.size(); ++id)
    out += printOp(m, id) + "\n";
  for (const Output &o : m.outputs) {
    if (o.kind == OutputKind::LogPdf)
      out += fmt::format("  output logpdf = %{}\n", o.value);
    else if (!o.index.empty())
      out += fmt::format("  output {}[{}] += %{}\n", outputName(o.kind), fmt::join(o.index, ", "), o.value);
    else
      out += fmt::format("  output {}[{}:{}] {} %{}\n", outputName(o.kind), o.offset,
                         o.offset + m.ops[o.value].size(), o.kind == OutputKind::Gradient ? "+=" : "=", o.value);
  }
  return out;
}

} // namespace hf::ir
