//===- runtime/asimov.cpp - cabinetry's Asimov dataset --------------------===//
#include "runtime/asimov.h"

namespace hf {

std::vector<double> asimovParameters(const ir::Module &m) {
  std::vector<double> theta;
  for (const ir::Parameter &p : m.params) {
    const ir::ParamSet &set = m.paramsets[p.paramset];
    switch (set.constraint) {
    case ir::Constraint::Gauss:
      theta.push_back(set.auxdata[p.component]);
      break;
    case ir::Constraint::Poisson:
      theta.push_back(set.auxdata[p.component] / set.widths[p.component]);
      break;
    case ir::Constraint::None:
      theta.push_back(p.init);
      break;
    }
  }
  return theta;
}

Dataset asimovData(const Likelihood &likelihood) {
  const ir::Module &m = likelihood.model();
  Dataset d;
  d.main.resize(m.nMain);
  d.aux.resize(m.nAux);
  likelihood.expected(asimovParameters(m), d.main, d.aux);
  return d;
}

} // namespace hf
