//===- ir/module.cpp - The hfc IR ------------------------------------------===//
#include "ir/module.h"

#include <cassert>

namespace hf::ir {

const char *opName(OpKind kind) {
  switch (kind) {
#define HF_IR_NAME(name, mnemonic)                                                                 \
  case OpKind::name:                                                                               \
    return mnemonic;
    HF_IR_OPS(HF_IR_NAME)
#undef HF_IR_NAME
  }
  return "?";
}

ValueId Module::append(Op op) {
  ops.push_back(std::move(op));
  return static_cast<ValueId>(ops.size() - 1);
}

int Module::findParameter(const std::string &name) const {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].name == name)
      return static_cast<int>(i);
  return -1;
}

ValueId Module::logpdfValue() const {
  for (const Output &out : outputs)
    if (out.kind == OutputKind::LogPdf)
      return out.value;
  assert(false && "module has no logpdf output");
  return 0;
}

} // namespace hf::ir
