//===- python/src/bindings.h - The parts of the hfc._core module ----------===//
#pragma once

#include <pybind11/pybind11.h>

namespace hfc::python {

/// hfc._core.Model: evaluation and inference of a compiled model.
void bindModel(pybind11::module_ &m);
/// Workspace documents and PatchSets (hf/workspace.h).
void bindWorkspace(pybind11::module_ &m);

} // namespace hfc::python
