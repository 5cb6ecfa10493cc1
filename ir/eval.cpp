//===- ir/eval.cpp - The reference interpreter of the IR ------------------===//
#include "ir/eval.h"

#include "ir/interp.h"

#include <cassert>

namespace hf::ir {

namespace {

/// Element i of a value, broadcasting scalars.
inline double at(const std::vector<double> &v, size_t i) { return v.size() == 1 ? v[0] : v[i]; }

template <typename F>
std::vector<double> elementwise(uint32_t size, F f) {
  std::vector<double> out(size);
  for (uint32_t i = 0; i < size; ++i)
    out[i] = f(i);
  return out;
}

} // namespace

EvalResult evaluate(const Module &m, std::span<const double> theta, std::span<const double> data,
                    std::span<const double> aux) {
  assert(theta.size() == m.params.size() && data.size() == m.nMain && aux.size() == m.nAux);
  std::vector<std::vector<double>> v(m.ops.size());
  for (size_t id = 0; id < m.ops.size(); ++id) {
    const Op &op = m.ops[id];
    uint32_t n = op.size();
    auto arg = [&](size_t k) -> const std::vector<double> & { return v[op.operands[k]]; };
    switch (op.kind) {
    case OpKind::Const:
    case OpKind::ConstVec:
      v[id] = op.data;
      break;
    case OpKind::Param:
      v[id] = {theta[op.index[0]]};
      break;
    case OpKind::ParamVec:
      v[id] = elementwise(n, [&](uint32_t i) { return theta[op.index[i]]; });
      break;
    case OpKind::Data:
      v[id] = elementwise(n, [&](uint32_t i) { return data[op.index[0] + i]; });
      break;
    case OpKind::Aux:
      v[id] = elementwise(n, [&](uint32_t i) { return aux[op.index[0] + i]; });
      break;
    case OpKind::Add:
      v[id] = elementwise(n, [&](uint32_t i) { return at(arg(0), i) + at(arg(1), i); });
      break;
    case OpKind::Sub:
      v[id] = elementwise(n, [&](uint32_t i) { return at(arg(0), i) - at(arg(1), i); });
      break;
    case OpKind::Mul:
      v[id] = elementwise(n, [&](uint32_t i) { return at(arg(0), i) * at(arg(1), i); });
      break;
    case OpKind::Div:
      v[id] = elementwise(n, [&](uint32_t i) { return at(arg(0), i) / at(arg(1), i); });
      break;
    case OpKind::Neg:
      v[id] = elementwise(n, [&](uint32_t i) { return -at(arg(0), i); });
      break;
    case OpKind::Sum: {
      double s = 0;
      for (double x : arg(0))
        s += x;
      v[id] = {s};
      break;
    }
    case OpKind::Code0:
    case OpKind::Code2:
    case OpKind::Code4p:
    case OpKind::Code0Grad:
    case OpKind::Code2Grad:
    case OpKind::Code4pGrad: {
      auto code = op.kind == OpKind::Code0       ? interpCode0
                  : op.kind == OpKind::Code2     ? interpCode2
                  : op.kind == OpKind::Code4p    ? interpCode4p
                  : op.kind == OpKind::Code0Grad ? interpCode0Grad
                  : op.kind == OpKind::Code2Grad ? interpCode2Grad
                                                 : interpCode4pGrad;
      double alpha = arg(0)[0];
      v[id] = elementwise(n, [&](uint32_t i) { return code(alpha, at(arg(1), i), at(arg(2), i), at(arg(3), i)); });
      break;
    }
    case OpKind::Code1:
      v[id] = {interpCode1(arg(0)[0], op.data[0], op.data[1])};
      break;
    case OpKind::Code4:
      v[id] = {interpCode4(arg(0)[0], op.data[0], op.data[1])};
      break;
    case OpKind::Code1Grad:
      v[id] = {interpCode1Grad(arg(0)[0], op.data[0], op.data[1])};
      break;
    case OpKind::Code4Grad:
      v[id] = {interpCode4Grad(arg(0)[0], op.data[0], op.data[1])};
      break;
    case OpKind::Broadcast:
      v[id] = std::vector<double>(n, arg(0)[0]);
      break;
    case OpKind::HistoSum:
    case OpKind::HistoSumGrad: {
      const std::vector<double> &alpha = arg(0), &nom = arg(1);
      size_t bins = nom.size(), mods = alpha.size();
      const double *lo = op.data.data(), *hi = lo + mods * bins;
      int code = static_cast<int>(op.index[0]);
      if (op.kind == OpKind::HistoSum) {
        // Σ over modifiers in order, then (by the caller) the nominal added.
        v[id] = elementwise(n, [&](uint32_t b) {
          double delta = 0;
          for (size_t k = 0; k < mods; ++k)
            delta += histosysDelta(code, alpha[k], lo[k * bins + b], nom[b], hi[k * bins + b]);
          return delta;
        });
      } else {
        const std::vector<double> &adj = arg(2);
        v[id] = elementwise(n, [&](uint32_t k) {
          double g = 0;
          for (size_t b = 0; b < bins; ++b)
            g += at(adj, b) * histosysDeltaGrad(code, alpha[k], lo[k * bins + b], nom[b], hi[k * bins + b]);
          return g;
        });
      }
      break;
    }
    case OpKind::NormProd: {
      const std::vector<double> &alpha = arg(0);
      size_t mods = alpha.size();
      double product = 1;
      for (size_t k = 0; k < mods; ++k)
        product *= normsysFactor(static_cast<int>(op.index[0]), alpha[k], op.data[k], op.data[mods + k]);
      v[id] = {product};
      break;
    }
    case OpKind::NormProdGrad: {
      // adj · κ'_m · Π_{j≠m} κ_j, the product taken directly (no division, so
      // a zero factor elsewhere is exact).
      const std::vector<double> &alpha = arg(0);
      size_t mods = alpha.size();
      int code = static_cast<int>(op.index[0]);
      v[id] = elementwise(n, [&](uint32_t k) {
        double g = arg(1)[0] * normsysFactorGrad(code, alpha[k], op.data[k], op.data[mods + k]);
        for (size_t j = 0; j < mods; ++j)
          if (j != k)
            g *= normsysFactor(code, alpha[j], op.data[j], op.data[mods + j]);
        return g;
      });
      break;
    }
    case OpKind::PoissonGrad:
      v[id] = elementwise(n, [&](uint32_t i) { return poissonGrad(at(arg(0), i), at(arg(1), i)); });
      break;
    case OpKind::PoissonLogPdf: {
      double s = 0;
      for (uint32_t i = 0; i < m.ops[op.operands[0]].size(); ++i)
        s += poissonLogPdf(at(arg(0), i), at(arg(1), i));
      v[id] = {s};
      break;
    }
    case OpKind::GaussLogPdf: {
      double s = 0;
      for (uint32_t i = 0; i < m.ops[op.operands[0]].size(); ++i)
        s += gaussLogPdf(at(arg(0), i), at(arg(1), i), at(arg(2), i));
      v[id] = {s};
      break;
    }
    }
  }

  EvalResult r;
  r.expectedMain.assign(m.nMain, 0.0);
  r.expectedAux.assign(m.nAux, 0.0);
  for (const Output &out : m.outputs) {
    const std::vector<double> &value = v[out.value];
    std::vector<double> *target = nullptr;
    switch (out.kind) {
    case OutputKind::LogPdf:
      r.logpdf = value[0];
      continue;
    case OutputKind::ExpectedMain:
      target = &r.expectedMain;
      break;
    case OutputKind::ExpectedAux:
      target = &r.expectedAux;
      break;
    case OutputKind::Gradient:
      if (r.gradient.empty())
        r.gradient.assign(m.params.size(), 0.0);
      target = &r.gradient;
      break;
    }
    // Gradient outputs accumulate (autodiff.h); the others are written once.
    for (size_t i = 0; i < value.size(); ++i) {
      size_t slot = out.index.empty() ? out.offset + i : out.index[i];
      if (out.kind == OutputKind::Gradient)
        (*target)[slot] += value[i];
      else
        (*target)[slot] = value[i];
    }
  }
  return r;
}

EvalResult evaluateObserved(const Module &m, std::span<const double> theta) {
  return evaluate(m, theta, m.observedMain, m.nominalAux);
}

std::vector<double> initialParameters(const Module &m) {
  std::vector<double> theta;
  theta.reserve(m.params.size());
  for (const Parameter &p : m.params)
    theta.push_back(p.init);
  return theta;
}

} // namespace hf::ir
