//===- api/model_impl.h - What a hfc::Model holds (internal) ---------------===//
//
// Shared by api/model.cpp and api/builder.cpp; not installed. The public
// header keeps this behind a pointer so users never see runtime/ or LLVM.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "hf/model.h"

#include "frontend/json.h"
#include "frontend/spec.h"
#include "runtime/asymptotics.h"

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace hfc {

struct Model::Impl {
  Impl(const hf::ModelSpec &spec, const CompileOptions &options);

  /// The asymptotic calculator for `stat`, made on first use and kept, so a
  /// limit's hypothesis tests share its free fits and Asimov data.
  hf::AsymptoticCalculator &calculator(TestStat stat);
  /// The model's fit settings with options.fixed applied (names checked).
  hf::FitSettings settingsWith(const FitOptions &options, const Model &model) const;
  /// μ ↦ the hypothesis test `options` asks for: the cached asymptotic
  /// calculator for the model's settings, else a calculator of its own.
  std::function<hf::HypoTestResult(double)> hypotests(const HypoTestOptions &options, const Model &model);
  /// InputError unless `values` has `expected` entries.
  void checkSize(std::span<const double> values, size_t expected, const char *what) const;

  hf::ir::Module module;
  std::unique_ptr<hf::Likelihood> likelihood;
  hf::FitSettings settings;
  hf::Dataset observed;
  std::vector<Parameter> parameters;
  std::unique_ptr<hf::AsymptoticCalculator> calculatorQ, calculatorQTilde;
};

/// Checks a pyhf workspace document (named `name` in messages) as a .json
/// file is checked, and compiles the model of options.measurement.
std::unique_ptr<Model::Impl> compileWorkspaceDocument(const hf::Json &doc, const std::string &name,
                                                      const LoadOptions &options);

} // namespace hfc
